/**
 * The commands, as functions from parsed options to a result. No process.exit here: the entry
 * point sets the exit code. Known failures are typed errors (src/errors.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CHECKS } from '../../checks/index.js';
import type { ClientFactory } from '../collect/clients.js';
import type { ProgressHook } from '../collect/context.js';
import { auditConfig, readConfigFile, type ConfigFile } from '../config/load.js';
import { findFramework, loadFrameworks } from '../engine/compliance.js';
import { evaluateSnapshot } from '../engine/evaluate.js';
import { SEVERITIES, type Report, type Severity } from '../engine/types.js';
import { InputFileError, UsageError } from '../errors.js';
import { assertEmpty, writeBundle } from '../evidence/bundle.js';
import type { BundleStore } from '../evidence/store.js';
import { FORMAT_NAMES, rendererFor } from '../render/index.js';
import { isKnownRegion } from '../snapshot/regions.js';
import type { Snapshot } from '../snapshot/types.js';
import { readValidated } from '../util/json-file.js';
import { sanitizeForTerminal } from '../util/terminal.js';
import { openStore, runVerify } from './evidence.js';
import { exitCodeFor } from './exit-code.js';
import type { ParsedOptions } from './options.js';

export interface RunResult {
  exitCode: number;
  /** What goes to stdout (machine-readable output only). */
  stdout?: string;
  /** Human notes for stderr. */
  notes: string[];
  report?: Report;
  snapshot?: Snapshot;
  written: string[];
}

export interface RunDeps {
  /** Injected by tests; the CLI builds one from --endpoint-url and --profile. */
  clientFactory?: ClientFactory;
  onProgress?: ProgressHook;
  now?: () => Date;
}

const DEFAULT_FORMATS = ['json', 'html'];
const DEFAULT_OUT = 'apigw-audit-report';

function parseFormats(value: string | undefined, file: ConfigFile, required = false): string[] {
  const list = value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : file.formats;
  if (!list || list.length === 0) {
    if (required)
      throw new UsageError(
        `--format is required (one or more of: ${FORMAT_NAMES.join(', ')}, all)`,
      );
    return DEFAULT_FORMATS;
  }
  if (list.includes('all')) return [...FORMAT_NAMES];
  for (const f of list) {
    if (!rendererFor(f)) {
      throw new UsageError(`unknown format "${f}" (known: ${FORMAT_NAMES.join(', ')}, all)`);
    }
  }
  return [...new Set(list)];
}

function parseFailOn(value: string | undefined, file: ConfigFile): Severity | 'none' {
  const v = value ?? file.failOn ?? 'high';
  if (v === 'none' || (SEVERITIES as readonly string[]).includes(v)) return v as Severity | 'none';
  throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, none (got "${v}")`);
}

export function parseRegions(value: string | undefined, file: ConfigFile): string[] | 'all' {
  const raw = value ?? (Array.isArray(file.regions) ? file.regions.join(',') : file.regions);
  if (!raw || raw === 'all') return 'all';
  const list = [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (list.length === 0) throw new UsageError('--regions is empty');
  for (const r of list) {
    if (r === 'all') throw new UsageError('--regions: "all" cannot be combined with region names');
    if (!isKnownRegion(r)) throw new UsageError(`unknown region "${sanitizeForTerminal(r)}"`);
  }
  return list;
}

function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return 4;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 64 (got "${value}")`);
  }
  return n;
}

function parseEndpoint(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
    return value;
  } catch {
    throw new UsageError(`--endpoint-url must be an http(s) URL (got "${value}")`);
  }
}

function writeOutputs(
  dir: string,
  formats: string[],
  report: Report,
  snapshot: Snapshot | undefined,
): string[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new InputFileError(
      `${dir}: cannot create output directory (${(err as NodeJS.ErrnoException).code})`,
    );
  }
  const written: string[] = [];
  const write = (file: string, content: string) => {
    const path = join(dir, file);
    try {
      writeFileSync(path, content);
    } catch (err) {
      throw new InputFileError(`${path}: cannot write (${(err as NodeJS.ErrnoException).code})`);
    }
    written.push(path);
  };
  for (const format of formats) {
    const r = rendererFor(format)!;
    write(r.file, r.render(report));
    if (format === 'json' && snapshot)
      write('snapshot.json', JSON.stringify(snapshot, null, 2) + '\n');
  }
  return written;
}

function loadConfig(opts: ParsedOptions): ConfigFile {
  return opts.config ? readConfigFile(opts.config) : {};
}

async function finish(
  report: Report,
  snapshot: Snapshot | undefined,
  opts: ParsedOptions,
  file: ConfigFile,
  evidence: BundleStore | undefined,
  now: Date,
): Promise<RunResult> {
  const formats = parseFormats(opts.format, file);
  const failOn = parseFailOn(opts.failOn, file);
  const written = writeOutputs(opts.out ?? DEFAULT_OUT, formats, report, snapshot);
  if (evidence) written.push(...(await writeBundle(evidence, report, snapshot, formats, now)));
  const s = report.summary;
  const notes = [
    `${s.byStatus.FAIL} FAIL, ${s.byStatus.PASS} PASS, ${s.byStatus.MANUAL} MANUAL, ${s.byStatus.ERROR} ERROR` +
      (s.suppressed ? `, ${s.suppressed} suppressed` : '') +
      ` · coverage ${report.coverage.percent}%` +
      (report.coverage.collectionErrors
        ? ` (${report.coverage.collectionErrors} AWS call(s) failed: see collectionErrors)`
        : ''),
    ...written.map((w) => `wrote ${w}`),
  ];
  return { exitCode: exitCodeFor(report, failOn), notes, report, snapshot, written };
}

export async function runScan(opts: ParsedOptions, deps: RunDeps = {}): Promise<RunResult> {
  const file = loadConfig(opts);
  const regions = parseRegions(opts.regions, file);
  // Validate everything the user typed before the first AWS call.
  parseFormats(opts.format, file);
  const failOn = parseFailOn(opts.failOn, file);
  const concurrency = parseConcurrency(opts.concurrency);
  const endpointUrl = parseEndpoint(opts.endpointUrl);
  const evidence = await evidenceStore(opts, endpointUrl);
  const roleArns = opts.roleArn ?? file.roleArns ?? [];
  for (const r of roleArns) {
    if (!/^arn:[a-z-]+:iam::\d{12}:role\/.+/.test(r)) {
      throw new UsageError(`--role-arn "${sanitizeForTerminal(r)}" is not an IAM role ARN`);
    }
  }
  // The AWS SDK is loaded only by the command that calls AWS: evaluate, render and checks start
  // in a fraction of the time without it.
  const [{ configuredRegion, createClientFactory, credentialsFor }, { collectSnapshot }] =
    await Promise.all([import('../collect/clients.js'), import('../collect/scan.js')]);
  const clients =
    deps.clientFactory ??
    createClientFactory({ endpointUrl, credentials: credentialsFor(opts.profile) });
  const homeRegion = regions === 'all' ? await configuredRegion(opts.profile) : undefined;
  const snapshot = await collectSnapshot({
    clients,
    regions,
    roleArns,
    externalId: opts.externalId ?? file.externalId,
    concurrency,
    onProgress: deps.onProgress,
    endpointUrl,
    ...(homeRegion ? { homeRegion } : {}),
  });
  const now = deps.now?.() ?? new Date();
  const report = evaluateSnapshot(snapshot, ALL_CHECKS, auditConfig(file), {
    now,
    options: {
      regions,
      roleArns,
      failOn,
      ...(opts.profile ? { profile: opts.profile } : {}),
      ...(endpointUrl ? { endpointUrl } : {}),
    },
  });
  return finish(report, snapshot, opts, file, evidence, now);
}

export async function runEvaluate(
  path: string,
  opts: ParsedOptions,
  deps: RunDeps = {},
): Promise<RunResult> {
  const file = loadConfig(opts);
  parseFormats(opts.format, file);
  const failOn = parseFailOn(opts.failOn, file);
  const endpointUrl = parseEndpoint(opts.endpointUrl);
  const snapshot = readValidated<Snapshot>(path, 'snapshot');
  const evidence = await evidenceStore(opts, endpointUrl);
  const now = deps.now?.() ?? new Date();
  const report = evaluateSnapshot(snapshot, ALL_CHECKS, auditConfig(file), {
    now,
    options: { snapshot: path, failOn },
  });
  return finish(report, snapshot, opts, file, evidence, now);
}

/** --evidence: opened, and found empty, before any work is done. */
async function evidenceStore(
  opts: ParsedOptions,
  endpointUrl: string | undefined,
): Promise<BundleStore | undefined> {
  if (opts.evidence === undefined) return undefined;
  const store = await openStore(opts.evidence, {
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(endpointUrl ? { endpointUrl } : {}),
  });
  await assertEmpty(store);
  return store;
}

/** `verify BUNDLE`: exit 0 when every file matches the manifest, 1 when one does not. */
export function runVerifyCommand(location: string, opts: ParsedOptions): Promise<RunResult> {
  return runVerify(location, opts, parseEndpoint(opts.endpointUrl));
}

export function runRender(path: string, opts: ParsedOptions): RunResult {
  const report = readValidated<Report>(path, 'report');
  const formats = parseFormats(opts.format, {}, true);
  const written = writeOutputs(opts.out ?? DEFAULT_OUT, formats, report, undefined);
  return { exitCode: 0, notes: written.map((w) => `wrote ${w}`), report, written };
}

export function runChecks(opts: ParsedOptions): RunResult {
  if (opts.framework !== undefined) return runFrameworkChecks(opts.framework, Boolean(opts.json));
  const rows = ALL_CHECKS.map((c) => ({ id: c.id, severity: c.severity, title: c.title }));
  if (opts.json) {
    const full = ALL_CHECKS.map(({ run: _run, ...meta }) => meta);
    return { exitCode: 0, stdout: JSON.stringify(full, null, 2) + '\n', notes: [], written: [] };
  }
  const w = Math.max(...rows.map((r) => r.id.length), 2);
  const lines = [
    `${'ID'.padEnd(w)}  SEVERITY  TITLE`,
    ...rows.map((r) => `${r.id.padEnd(w)}  ${r.severity.padEnd(8)}  ${r.title}`),
  ];
  return { exitCode: 0, stdout: lines.join('\n') + '\n', notes: [], written: [] };
}

/** `checks --framework ID`: the framework's controls and the checks behind each. */
function runFrameworkChecks(id: string, json: boolean): RunResult {
  const frameworks = loadFrameworks();
  const fw = findFramework(id, frameworks);
  if (!fw) {
    throw new UsageError(
      `unknown framework "${id}" (known: ${frameworks.map((f) => f.framework).join(', ')})`,
    );
  }
  const titles = new Map(ALL_CHECKS.map((c) => [c.id, c.title]));
  if (json) {
    const out = {
      ...fw,
      controls: fw.controls.map((c) => ({
        ...c,
        checks: c.checks.map((checkId) => ({
          id: checkId,
          title: titles.get(checkId) ?? null,
          implemented: titles.has(checkId),
        })),
      })),
    };
    return { exitCode: 0, stdout: JSON.stringify(out, null, 2) + '\n', notes: [], written: [] };
  }
  const w = Math.max(...fw.controls.map((c) => c.id.length), 'CONTROL'.length);
  const lines = [
    `${fw.name} ${fw.version} (${fw.framework})`,
    '',
    `${'CONTROL'.padEnd(w)}  CHECKS`,
  ];
  for (const c of fw.controls) {
    lines.push(`${c.id.padEnd(w)}  ${c.checks.length ? c.checks.join(', ') : '-'}`);
    lines.push(`${''.padEnd(w)}  ${c.title}`);
  }
  return { exitCode: 0, stdout: lines.join('\n') + '\n', notes: [], written: [] };
}
