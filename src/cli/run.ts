/**
 * The commands, as functions from parsed options to a result. No process.exit here: the entry
 * point sets the exit code. Known failures are typed errors (src/errors.ts).
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALL_CHECKS } from '../../checks/index.js';
import { BaselineMarker } from '../baseline/annotate.js';
import type { ClientFactory } from '../collect/clients.js';
import type { ProgressHook } from '../collect/context.js';
import { auditConfig, readConfigFile, type ConfigFile } from '../config/load.js';
import { readSuppressionsFile } from '../config/suppressions.js';
import type { SuppressionRule } from '../config/types.js';
import { complianceByCheck, findFramework, loadFrameworks } from '../engine/compliance.js';
import { checkInfo } from '../engine/evaluate.js';
import { groupByFamily } from '../engine/families.js';
import { mergedSnapshotHead, mergeShards, ShardSet } from '../engine/merge.js';
import type { ReportHead, ReportView, SuppressionStatus } from '../engine/types.js';
import { InputFileError, UsageError, UserError } from '../errors.js';
import { assertEmpty, writeBundle } from '../evidence/bundle.js';
import type { BundleStore } from '../evidence/store.js';
import { rendererFor, type RenderOptions } from '../render/index.js';
import { streamedArray } from '../render/json-chunks.js';
import { openReport } from '../report-io/read-report.js';
import { AccountSpools } from '../report-io/account-spools.js';
import { snapshotJsonChunks } from '../report-io/snapshot-json.js';
import { evaluateSpooled, spoolReport, type SpooledReport } from '../report-io/spooled-report.js';
import { writeChunks } from '../report-io/write-chunks.js';
import type { Snapshot } from '../snapshot/types.js';
import { readJsonFile, readValidated } from '../util/json-file.js';
import { openStore, runVerify } from './evidence.js';
import { exitCodeFor } from './exit-code.js';
import { createLogger, info, warn, type LogFormat, type Note } from './log.js';
import {
  checkConfigValues,
  isAccountId,
  logSettings,
  settle,
  settled,
  type ParsedOptions,
} from './options.js';
import { regionEvents } from './scan-events.js';

export interface RunResult {
  exitCode: number;
  /** What goes to stdout (machine-readable output only). */
  stdout?: string;
  /** Lines for stderr, written through the logger. */
  notes: Note[];
  /** How the notes are to be written, once the command settled it (else as the command line says). */
  log?: { format: LogFormat; quiet: boolean };
  snapshot?: Snapshot;
  written: string[];
}

export interface RunDeps {
  /** Injected by tests; the CLI builds one from --endpoint-url and --profile. */
  clientFactory?: ClientFactory;
  /** The terminal's progress display (only given when stderr is a TTY). */
  onProgress?: ProgressHook;
  /** Where live log lines go (stderr); without it, a scan logs only its notes, at the end. */
  writeLog?: (line: string) => void;
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

function writeOutputs(
  dir: string,
  formats: string[],
  report: ReportView,
  /** The snapshot, or its snapshot.json text in pieces (merge writes one it never holds). */
  snapshot: Snapshot | Iterable<string> | undefined,
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
      written.push(
        write(
          'snapshot.json',
          Symbol.iterator in snapshot ? snapshot : snapshotJsonChunks(snapshot),
        ),
      );
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

function renderOptions(opts: ParsedOptions, file: ConfigFile = {}): RenderOptions {
  return {
    ...(settle('csvFlattenNewlines', opts, file) ? { csvFlattenNewlines: true } : {}),
    ...(settle('ocsfIncludePass', opts, file) ? { ocsfIncludePass: true } : {}),
  };
}

const KNOWN_CHECK_IDS: ReadonlySet<string> = new Set(ALL_CHECKS.map((c) => c.meta.id));

/** The config file, every value checked (the command line's are checked by their parsers). */
export function loadConfig(opts: ParsedOptions): ConfigFile {
  if (!opts.config) return {};
  const file = readConfigFile(opts.config, KNOWN_CHECK_IDS);
  checkConfigValues(file, opts.config);
  return file;
}

export function loadSuppressions(opts: ParsedOptions): SuppressionRule[] {
  return opts.suppressions ? readSuppressionsFile(opts.suppressions, KNOWN_CHECK_IDS) : [];
}

/** --baseline, read (and --fail-on-new checked) before any work is done. */
function loadBaseline(opts: ParsedOptions, file: ConfigFile) {
  const path = settle('baseline', opts, file);
  if (settle('failOnNew', opts, file) && !path) {
    throw new UsageError("--fail-on-new needs --baseline (the previous run's report.json)");
  }
  // Read as a stream and checked whole now; only its open findings are kept, by the marker.
  return path ? { path, report: openReport(path) } : undefined;
}

function baselineMarker(prepared: Prepared): BaselineMarker | undefined {
  const b = prepared.baseline;
  return b
    ? new BaselineMarker(b.report.findings, {
        file: b.path,
        generatedAt: b.report.scan.evaluatedAt,
      })
    : undefined;
}

/** What the nightly job needs settled before it starts: config, rules, baseline, logging. */
function prepare(opts: ParsedOptions) {
  const file = loadConfig(opts);
  return {
    file,
    suppressions: loadSuppressions(opts),
    baseline: loadBaseline(opts, file),
    log: logSettings(opts, file),
  };
}

type Prepared = ReturnType<typeof prepare>;

/** The nightly job's inputs, echoed into report.scan.options (and so into evidence manifests). */
function nightlyOptions(opts: ParsedOptions, prepared: Prepared): Record<string, unknown> {
  return {
    ...(prepared.baseline ? { baseline: prepared.baseline.path } : {}),
    ...(settle('failOnNew', opts, prepared.file) ? { failOnNew: true } : {}),
    ...(opts.config ? { config: opts.config } : {}),
    ...(opts.suppressions ? { suppressions: opts.suppressions } : {}),
  };
}

const ruleName = (r: SuppressionStatus) =>
  `${r.source} suppressions[${r.rule}] (${r.checkId}${r.resource ? ` ${r.resource}` : ''})`;

function suppressionNotes(report: ReportHead): Note[] {
  const fields = (r: SuppressionStatus) => ({
    source: r.source,
    rule: r.rule,
    checkId: r.checkId,
    ...(r.expires ? { expires: r.expires } : {}),
  });
  return [
    ...(report.suppressions?.expired ?? []).map((r) =>
      warn(
        'suppression.expired',
        `${ruleName(r)} expired on ${r.expires}: it no longer applies`,
        fields(r),
      ),
    ),
    ...(report.suppressions?.unused ?? []).map((r) =>
      warn('suppression.unused', `${ruleName(r)} matched no finding`, fields(r)),
    ),
  ];
}

async function finish(
  report: ReportView,
  /** The snapshot, or its snapshot.json in pieces (a scan assembles it an account at a time). */
  snapshot: Snapshot | Iterable<string> | undefined,
  opts: ParsedOptions,
  prepared: Prepared,
  evidence: BundleStore | undefined,
  now: Date,
): Promise<RunResult> {
  const { file, baseline } = prepared;
  const failOn = settled('failOn', opts, file);
  const formats = settled('format', opts, file);
  const written = writeOutputs(
    settled('out', opts, file),
    formats,
    report,
    snapshot,
    renderOptions(opts, file),
  );
  if (evidence) {
    written.push(
      ...(await writeBundle(evidence, report, snapshot, formats, now, renderOptions(opts, file))),
    );
  }
  const s = report.summary;
  const b = report.baseline?.counts;
  const notes: Note[] = [
    // A log pipeline gets each failed call as its own line; a person reads the count below.
    ...(prepared.log.format === 'json'
      ? report.collectionErrors.map((e) =>
          warn('collection.error', `${e.service}:${e.operation} failed: ${e.errorCode}`, {
            account: e.accountId,
            region: e.region,
            operation: `${e.service}:${e.operation}`,
            errorCode: e.errorCode,
            ...(e.resourceId ? { resourceId: e.resourceId } : {}),
          }),
        )
      : []),
    ...suppressionNotes(report),
    info(
      'scan.summary',
      `${s.byStatus.FAIL} FAIL, ${s.byStatus.PASS} PASS, ${s.byStatus.MANUAL} MANUAL, ${s.byStatus.ERROR} ERROR` +
        (s.suppressed ? `, ${s.suppressed} suppressed` : '') +
        ` · coverage ${report.coverage.percent}%` +
        (report.coverage.collectionErrors
          ? ` (${report.coverage.collectionErrors} AWS call(s) failed: see collectionErrors)`
          : ''),
      {
        counts: {
          ...s.byStatus,
          suppressed: s.suppressed,
          collectionErrors: report.coverage.collectionErrors,
        },
        coverage: report.coverage.percent,
      },
    ),
    ...(b
      ? [
          info(
            'baseline.summary',
            `against ${baseline!.path}: ${b.new} new, ${b.resolved} resolved, ${b.changed} changed, ${b.unchanged} unchanged`,
            { counts: { ...b } },
          ),
        ]
      : []),
    ...written.map((w) => info('file.written', `wrote ${w}`, { path: w })),
  ];
  const onlyNew = Boolean(settle('failOnNew', opts, file));
  return {
    exitCode: exitCodeFor(report, failOn, { onlyNew }),
    notes,
    log: prepared.log,
    ...(snapshot && !(Symbol.iterator in snapshot) ? { snapshot } : {}),
    written,
  };
}

/**
 * A failure after the config file was read is logged in the format it asks for (a cron job that
 * sets `logFormat: json` there must get its credential error as JSON too).
 */
async function loggingAs<T>(log: Prepared['log'], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof UserError) err.log ??= log;
    throw err;
  }
}

/** Writes the outputs, then drops the findings' spool file, whatever happened. */
async function finishSpooled(
  spooled: SpooledReport,
  ...rest: Parameters<typeof finish> extends [unknown, ...infer R] ? R : never
): Promise<RunResult> {
  try {
    return await finish(spooled.report, ...rest);
  } finally {
    spooled.dispose();
  }
}

export async function runScan(opts: ParsedOptions, deps: RunDeps = {}): Promise<RunResult> {
  // Everything the user gave is checked here, before the first AWS call: the command line by
  // its parsers, the config file's values by the same ones as they are settled.
  const prepared = prepare(opts);
  return loggingAs(prepared.log, () => scanWith(prepared, opts, deps));
}

async function scanWith(
  prepared: Prepared,
  opts: ParsedOptions,
  deps: RunDeps,
): Promise<RunResult> {
  const { file } = prepared;
  const profile = settle('profile', opts, file);
  const regions = settled('regions', opts, file);
  settled('format', opts, file);
  const failOn = settled('failOn', opts, file);
  const concurrency = settled('concurrency', opts, file);
  const endpointUrl = settle('endpointUrl', opts, file);
  const roleArns = settle('roleArn', opts, file) ?? [];
  const accountsScope = accountScope(opts, roleArns);
  const evidence = await evidenceStore(opts, file, endpointUrl);
  const progress = scanProgress(prepared.log, deps);
  // The AWS SDK is loaded only by the command that calls AWS: evaluate, render and checks start
  // in a fraction of the time without it.
  const [{ configuredRegion, createClientFactory, credentialsFor }, { collectSnapshot }] =
    await Promise.all([import('../collect/clients.js'), import('../collect/scan.js')]);
  const clients =
    deps.clientFactory ??
    createClientFactory({ endpointUrl, credentials: credentialsFor(profile) });
  const homeRegion = regions === 'all' ? await configuredRegion(profile) : undefined;
  const out = makeOutDir(settled('out', opts, file));
  // Each account is evaluated as its collection ends, then let go (report-io/account-spools).
  const spools = new AccountSpools(
    out,
    ALL_CHECKS,
    auditConfig(file, prepared.suppressions),
    deps.now?.() ?? new Date(),
    baselineMarker(prepared),
  );
  let snapshot: Snapshot;
  try {
    snapshot = await collectSnapshot({
      clients,
      regions,
      roleArns,
      externalId: settle('externalId', opts, file),
      ...accountsScope,
      concurrency,
      ...(progress ? { onProgress: progress } : {}),
      endpointUrl,
      ...(homeRegion ? { homeRegion } : {}),
      onAccount: (take, errors) => spools.add(take, errors),
    });
  } catch (err) {
    spools.dispose();
    throw err;
  }
  const now = deps.now?.() ?? new Date();
  const spooled = spools.report(snapshot, now, {
    regions,
    roleArns,
    failOn,
    ...(accountsScope.org ? { org: true, orgRoleName: accountsScope.org.roleName } : {}),
    ...(opts.accounts ? { accounts: opts.accounts } : {}),
    ...(opts.excludeAccounts ? { excludeAccounts: opts.excludeAccounts } : {}),
    ...(opts.shard ? { shard: `${opts.shard.index}/${opts.shard.count}` } : {}),
    ...(profile ? { profile } : {}),
    ...(endpointUrl ? { endpointUrl } : {}),
    ...nightlyOptions(opts, prepared),
  });
  return finishSpooled(spooled, spooled.snapshotJson, opts, prepared, evidence, now);
}

/** Which accounts a scan reads: --org or --role-arn, the filters and the shard, checked together. */
function accountScope(opts: ParsedOptions, roleArns: string[]) {
  if (opts.org && roleArns.length) {
    throw new UsageError('--org and --role-arn cannot be combined (--org finds the roles itself)');
  }
  if (!opts.org && opts.orgRoleName !== undefined) {
    throw new UsageError('--org-role-name applies only with --org');
  }
  if (opts.shard && !opts.org && !roleArns.length) {
    throw new UsageError('--shard splits the accounts of --org or --role-arn (none given)');
  }
  if (!opts.org) {
    const ou = [...(opts.accounts ?? []), ...(opts.excludeAccounts ?? [])].find(
      (v) => !isAccountId(v),
    );
    if (ou) throw new UsageError(`OU ID "${ou}" in --accounts/--exclude-accounts needs --org`);
  }
  return {
    ...(opts.org ? { org: { roleName: settled('orgRoleName', opts) } } : {}),
    accountFilter: {
      ...(opts.accounts ? { include: opts.accounts } : {}),
      ...(opts.excludeAccounts ? { exclude: opts.excludeAccounts } : {}),
    },
    ...(opts.shard ? { shard: opts.shard } : {}),
  };
}

export async function runEvaluate(
  path: string,
  opts: ParsedOptions,
  deps: RunDeps = {},
): Promise<RunResult> {
  const prepared = prepare(opts);
  return loggingAs(prepared.log, () => evaluateWith(path, prepared, opts, deps));
}

async function evaluateWith(
  path: string,
  prepared: Prepared,
  opts: ParsedOptions,
  deps: RunDeps,
): Promise<RunResult> {
  const { file } = prepared;
  settled('format', opts, file);
  const failOn = settled('failOn', opts, file);
  const endpointUrl = settle('endpointUrl', opts, file);
  const snapshot = readValidated<Snapshot>(path, 'snapshot');
  const evidence = await evidenceStore(opts, file, endpointUrl);
  const now = deps.now?.() ?? new Date();
  const spooled = evaluateSpooled(snapshot, ALL_CHECKS, auditConfig(file, prepared.suppressions), {
    now,
    spoolIn: makeOutDir(settled('out', opts, file)),
    baseline: baselineMarker(prepared),
    options: { snapshot: path, failOn, ...nightlyOptions(opts, prepared) },
  });
  return finishSpooled(spooled, snapshot, opts, prepared, evidence, now);
}

/**
 * What the scan shows as it goes: JSON logs get a line per region; a terminal gets the one-line
 * display; a quiet run or a pipe gets nothing.
 */
function scanProgress(log: Prepared['log'], deps: RunDeps): ProgressHook | undefined {
  if (log.format === 'json') {
    return deps.writeLog && !log.quiet
      ? regionEvents(createLogger({ format: 'json', write: deps.writeLog }))
      : undefined;
  }
  return log.quiet ? undefined : deps.onProgress;
}

/** --evidence: opened, and found empty, before any work is done. */
async function evidenceStore(
  opts: ParsedOptions,
  file: ConfigFile,
  endpointUrl: string | undefined,
): Promise<BundleStore | undefined> {
  const location = settle('evidence', opts, file);
  if (location === undefined) return undefined;
  const profile = settle('profile', opts, file);
  const store = await openStore(location, {
    ...(profile ? { profile } : {}),
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
  // Checked whole as it is opened, then copied to a spool each format reads: a report of any
  // size renders in bounded memory.
  const out = makeOutDir(settled('out', opts));
  const spooled = spoolReport(openReport(path), out);
  let written: string[];
  try {
    written = writeOutputs(
      out,
      settled('format', opts),
      spooled.report,
      undefined,
      renderOptions(opts),
    );
  } finally {
    spooled.dispose();
  }
  return {
    exitCode: 0,
    notes: written.map((w) => info('file.written', `wrote ${w}`, { path: w })),
    log: logSettings(opts),
    written,
  };
}

/**
 * `merge A.json B.json ... --out DIR`: shard reports into one, rendered in the formats asked
 * for; the shards' snapshots too when each report has its snapshot.json beside it. Each shard
 * is read as a stream and checked as it is opened; the merged lists are read from the shards
 * by each format, and the merged snapshot is written an account at a time, so memory follows
 * the largest shard, not their number.
 */
export function runMerge(paths: string[], opts: ParsedOptions): RunResult {
  const formats = settled('format', opts);
  const failOn = settled('failOn', opts);
  const set = new ShardSet();
  if (!paths.length) throw new UsageError('merge: no report given');
  // Small read blocks: the k-way merge has every shard open at once.
  const block = Math.max(64 << 10, Math.min(4 << 20, Math.floor((64 << 20) / paths.length)));
  for (const path of paths) set.add(path, openReport(path, { block }));
  const report = mergeShards(set);
  const snapshotPaths = paths.map((p) => join(dirname(p), 'snapshot.json'));
  const missing = snapshotPaths.filter((p) => !existsSync(p));
  const written = writeOutputs(
    settled('out', opts),
    formats,
    report,
    missing.length ? undefined : mergedSnapshotJson(snapshotPaths),
    renderOptions(opts),
  );
  const notes = [
    `merged ${paths.length} report(s): ${report.scan.accounts.length} account(s), ${report.summary.total} result(s)`,
    ...(missing.length && formats.includes('json')
      ? [`no snapshot.json beside ${missing.join(', ')}: no merged snapshot written`]
      : []),
    ...written.map((w) => `wrote ${w}`),
  ];
  return { exitCode: exitCodeFor(report, failOn), notes, written };
}

/**
 * The shards' snapshots as one snapshot.json: each is read and checked once for its head and
 * account IDs, then again when its accounts are written, one shard in memory at a time.
 */
function mergedSnapshotJson(paths: string[]): Iterable<string> {
  const heads = paths.map((path) => {
    const s = readValidated<Snapshot>(path, 'snapshot');
    return { ...s, accounts: s.accounts.map((a) => ({ accountId: a.accountId })) };
  });
  const owners = paths
    .flatMap((path, i) => heads[i]!.accounts.map((a) => ({ accountId: a.accountId, path })))
    .sort((a, b) => a.accountId.localeCompare(b.accountId));
  const accounts = function* () {
    let held: { path: string; snapshot: Snapshot } | undefined;
    for (const { accountId, path } of owners) {
      if (held?.path !== path) held = { path, snapshot: readJsonFile(path) as Snapshot };
      yield held.snapshot.accounts.find((a) => a.accountId === accountId)!;
    }
  };
  return {
    [Symbol.iterator]: () =>
      snapshotJsonChunks({
        ...mergedSnapshotHead(heads),
        accounts: streamedArray(accounts()) as unknown as Snapshot['accounts'],
      })[Symbol.iterator](),
  };
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
