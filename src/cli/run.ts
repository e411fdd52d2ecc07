/**
 * The commands, as functions from parsed options to a result. No process.exit here: the entry
 * point sets the exit code. Known failures are typed errors (src/errors.ts).
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALL_CHECKS } from '../../checks/index.js';
import type { ClientFactory } from '../collect/clients.js';
import type { ProgressHook } from '../collect/context.js';
import { auditConfig, readConfigFile, type ConfigFile } from '../config/load.js';
import { complianceByCheck, findFramework, loadFrameworks } from '../engine/compliance.js';
import { checkInfo } from '../engine/evaluate.js';
import { groupByFamily } from '../engine/families.js';
import type { Report, ReportView } from '../engine/types.js';
import { InputFileError, UsageError } from '../errors.js';
import { assertEmpty, writeBundle } from '../evidence/bundle.js';
import type { BundleStore } from '../evidence/store.js';
import { jsonChunks } from '../render/json-chunks.js';
import { rendererFor, type RenderOptions } from '../render/index.js';
import { openReport } from '../report-io/read-report.js';
import { evaluateSpooled, type SpooledReport } from '../report-io/spooled-report.js';
import { writeChunks } from '../report-io/write-chunks.js';
import type { Snapshot } from '../snapshot/types.js';
import { readValidated } from '../util/json-file.js';
import { openStore, runVerify } from './evidence.js';
import { exitCodeFor } from './exit-code.js';
import { settle, settled, type ParsedOptions } from './options.js';

export interface RunResult {
  exitCode: number;
  /** What goes to stdout (machine-readable output only). */
  stdout?: string;
  /** Human notes for stderr. */
  notes: string[];
  report?: ReportView;
  snapshot?: Snapshot;
  written: string[];
}

export interface RunDeps {
  /** Injected by tests; the CLI builds one from --endpoint-url and --profile. */
  clientFactory?: ClientFactory;
  onProgress?: ProgressHook;
  now?: () => Date;
}

function makeOutDir(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new InputFileError(
      `${dir}: cannot create output directory (${(err as NodeJS.ErrnoException).code})`,
    );
  }
  return dir;
}

/** snapshot.json: one API (or other region-level item) at a time. */
export const SNAPSHOT_JSON_DEPTH = 6;

function writeOutputs(
  dir: string,
  formats: string[],
  report: ReportView,
  snapshot: Snapshot | undefined,
  options: RenderOptions,
): string[] {
  makeOutDir(dir);
  const written: string[] = [];
  const write = (file: string, chunks: Iterable<string>) => {
    const path = join(dir, file);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeChunks(path, chunks);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (!code) throw err;
      throw new InputFileError(`${path}: cannot write (${code})`);
    }
    return path;
  };
  for (const format of formats) {
    const r = rendererFor(format)!;
    if (r.owns) removeOwned(join(dir, r.owns.folder), r.owns.file);
    const files: Array<{ path: string; order: number }> = [];
    for (const o of r.outputs(report, options))
      files.push({ path: write(o.path, o.chunks), order: o.order ?? files.length });
    written.push(...files.sort((a, b) => a.order - b.order).map((f) => f.path));
    if (format === 'json' && snapshot)
      written.push(write('snapshot.json', jsonChunks(snapshot, SNAPSHOT_JSON_DEPTH)));
  }
  return written;
}

/** Removes a format's earlier files from its folder (nothing else in it). */
function removeOwned(folder: string, pattern: RegExp): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return; // no folder yet
  }
  for (const name of names) {
    if (!pattern.test(name)) continue;
    try {
      rmSync(join(folder, name));
    } catch (err) {
      throw new InputFileError(
        `${join(folder, name)}: cannot remove an earlier batch (${(err as NodeJS.ErrnoException).code})`,
      );
    }
  }
}

function renderOptions(opts: ParsedOptions): RenderOptions {
  return {
    ...(opts.csvFlattenNewlines ? { csvFlattenNewlines: true } : {}),
    ...(opts.ocsfIncludePass ? { ocsfIncludePass: true } : {}),
  };
}

function loadConfig(opts: ParsedOptions): ConfigFile {
  return opts.config ? readConfigFile(opts.config) : {};
}

async function finish(
  report: ReportView,
  snapshot: Snapshot | undefined,
  opts: ParsedOptions,
  file: ConfigFile,
  evidence: BundleStore | undefined,
  now: Date,
): Promise<RunResult> {
  const failOn = settled('failOn', opts, file);
  const formats = settled('format', opts, file);
  const written = writeOutputs(
    settled('out', opts, file),
    formats,
    report,
    snapshot,
    renderOptions(opts),
  );
  if (evidence) {
    // A bundle's store takes whole files (S3 objects): this one path holds the report.
    const whole: Report = {
      ...report,
      findings: [...report.findings],
      inventory: [...report.inventory],
    };
    written.push(
      ...(await writeBundle(evidence, whole, snapshot, formats, now, renderOptions(opts))),
    );
  }
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

/** Writes the outputs, then drops the findings' spool file, whatever happened. */
async function finishSpooled(
  spooled: SpooledReport,
  ...rest: Parameters<typeof finish> extends [unknown, ...infer R] ? R : never
): Promise<RunResult> {
  try {
    // The result outlives the spool, so it does not carry the report.
    const { report: _report, ...result } = await finish(spooled.report, ...rest);
    return result;
  } finally {
    spooled.dispose();
  }
}

export async function runScan(opts: ParsedOptions, deps: RunDeps = {}): Promise<RunResult> {
  // Everything the user gave is checked here, before the first AWS call: the command line by
  // its parsers, the config file's values by the same ones as they are settled.
  const file = loadConfig(opts);
  const regions = settled('regions', opts, file);
  settled('format', opts, file);
  const failOn = settled('failOn', opts, file);
  const concurrency = settled('concurrency', opts, file);
  const endpointUrl = settle('endpointUrl', opts, file);
  const roleArns = settle('roleArn', opts, file) ?? [];
  const evidence = await evidenceStore(opts, endpointUrl);
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
    externalId: settle('externalId', opts, file),
    concurrency,
    onProgress: deps.onProgress,
    endpointUrl,
    ...(homeRegion ? { homeRegion } : {}),
  });
  const now = deps.now?.() ?? new Date();
  const spooled = evaluateSpooled(snapshot, ALL_CHECKS, auditConfig(file), {
    now,
    spoolIn: makeOutDir(settled('out', opts, file)),
    options: {
      regions,
      roleArns,
      failOn,
      ...(opts.profile ? { profile: opts.profile } : {}),
      ...(endpointUrl ? { endpointUrl } : {}),
    },
  });
  return finishSpooled(spooled, snapshot, opts, file, evidence, now);
}

export async function runEvaluate(
  path: string,
  opts: ParsedOptions,
  deps: RunDeps = {},
): Promise<RunResult> {
  const file = loadConfig(opts);
  settled('format', opts, file);
  const failOn = settled('failOn', opts, file);
  const endpointUrl = settle('endpointUrl', opts, file);
  const snapshot = readValidated<Snapshot>(path, 'snapshot');
  const evidence = await evidenceStore(opts, endpointUrl);
  const now = deps.now?.() ?? new Date();
  const spooled = evaluateSpooled(snapshot, ALL_CHECKS, auditConfig(file), {
    now,
    spoolIn: makeOutDir(settled('out', opts, file)),
    options: { snapshot: path, failOn },
  });
  return finishSpooled(spooled, snapshot, opts, file, evidence, now);
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
  return runVerify(location, opts, opts.endpointUrl);
}

export function runRender(path: string, opts: ParsedOptions): RunResult {
  // Read from the file again by each format: a report of any size renders in bounded memory.
  const report = openReport(path);
  const written = writeOutputs(
    settled('out', opts),
    settled('format', opts),
    report,
    undefined,
    renderOptions(opts),
  );
  return { exitCode: 0, notes: written.map((w) => `wrote ${w}`), written };
}

export function runChecks(opts: ParsedOptions): RunResult {
  if (opts.framework !== undefined) return runFrameworkChecks(opts.framework, Boolean(opts.json));
  if (opts.json) {
    // The same entries as a report's `checks`, so a consumer reads one shape.
    const compliance = complianceByCheck(loadFrameworks());
    const full = ALL_CHECKS.map((c) => checkInfo(c, compliance.get(c.meta.id) ?? {}));
    return { exitCode: 0, stdout: JSON.stringify(full, null, 2) + '\n', notes: [], written: [] };
  }
  const metas = ALL_CHECKS.map((c) => c.meta);
  const w = Math.max(...metas.map((m) => m.id.length), 2);
  const lines = [`${'ID'.padEnd(w)}  SEVERITY  TITLE`];
  for (const family of groupByFamily(metas, (m) => m.family)) {
    lines.push('', `${family.title} (${family.items.length})`);
    for (const m of family.items)
      lines.push(`${m.id.padEnd(w)}  ${m.severity.padEnd(8)}  ${m.title}`);
  }
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
  const titles = new Map(ALL_CHECKS.map((c) => [c.meta.id, c.meta.title]));
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
