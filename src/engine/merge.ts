/**
 * `merge`: shard reports (and their snapshots) back into the report one run over all their
 * accounts would have written. Findings, inventory rows and collection errors keep the order a
 * single run gives them (check by check, account by account in account-ID order, which is how
 * --org orders accounts); summary and coverage are recomputed with the evaluator's own code.
 * Reports of different tool or catalog versions, of different options, or sharing an account
 * are refused: their union would not be one run.
 */
import type { CollectionError, CollectionStats, Snapshot } from '../snapshot/types.js';
import { UsageError } from '../errors.js';
import { coverage, summarize } from './evaluate.js';
import type { Report } from './types.js';

export interface Shard<T> {
  /** Where it came from, for the error messages. */
  name: string;
  value: T;
}

const minIso = (xs: string[]) => xs.reduce((a, b) => (b < a ? b : a));
const maxIso = (xs: string[]) => xs.reduce((a, b) => (b > a ? b : a));

/** Stable sort by the position of each item's account in `order`. */
function byAccount<T>(items: T[], accountOf: (t: T) => string, order: Map<string, number>): T[] {
  return items
    .map((item, i) => ({ item, i, a: order.get(accountOf(item)) ?? order.size }))
    .sort((x, y) => x.a - y.a || x.i - y.i)
    .map((x) => x.item);
}

function sumInto(into: Record<string, number>, from: Record<string, number> | undefined) {
  for (const [k, v] of Object.entries(from ?? {})) into[k] = (into[k] ?? 0) + v;
}

export function mergeStats(all: Array<CollectionStats | undefined>): CollectionStats | undefined {
  const present = all.filter((s): s is CollectionStats => Boolean(s));
  if (!present.length) return undefined;
  const out: CollectionStats = { calls: {}, throttled: {}, retries: {} };
  for (const s of present) {
    sumInto(out.calls, s.calls);
    sumInto(out.throttled, s.throttled);
    sumInto(out.retries, s.retries);
    if (s.retryDelayMs) sumInto((out.retryDelayMs ??= {}), s.retryDelayMs);
    if (s.pacingWaitMs) sumInto((out.pacingWaitMs ??= {}), s.pacingWaitMs);
  }
  return out;
}

function withoutShard(options: Record<string, unknown>): Record<string, unknown> {
  const { shard: _shard, ...rest } = options;
  return rest;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function assertCompatible(shards: Shard<Report>[]): string[] {
  const [first, ...rest] = shards;
  if (!first) throw new UsageError('merge: no report given');
  const owner = new Map<string, string>();
  for (const s of shards) {
    const r = s.value;
    if (r.tool.name !== first.value.tool.name || r.tool.version !== first.value.tool.version) {
      throw new UsageError(
        `merge: ${s.name} was written by ${r.tool.name} ${r.tool.version}, ${first.name} by ${first.value.tool.name} ${first.value.tool.version}`,
      );
    }
    if (r.schemaVersion !== first.value.schemaVersion || !same(r.checks, first.value.checks)) {
      throw new UsageError(
        `merge: ${s.name} and ${first.name} were evaluated with different check catalogs`,
      );
    }
    for (const a of r.scan.accounts) {
      const other = owner.get(a);
      if (other !== undefined) {
        throw new UsageError(`merge: account ${a} is in both ${other} and ${s.name}`);
      }
      owner.set(a, s.name);
    }
  }
  for (const s of rest) {
    if (!same(withoutShard(s.value.scan.options), withoutShard(first.value.scan.options))) {
      throw new UsageError(
        `merge: ${s.name} and ${first.name} were scanned with different options (besides --shard)`,
      );
    }
  }
  return [...owner.keys()].sort();
}

export function mergeReports(shards: Shard<Report>[]): Report {
  const accounts = assertCompatible(shards);
  const order = new Map(accounts.map((a, i) => [a, i]));
  const reports = shards.map((s) => s.value);
  const first = reports[0]!;
  const checkIds = Object.keys(first.checks);
  const checkOrder = new Map(checkIds.map((id, i) => [id, i]));
  const findings = reports
    .flatMap((r) => r.findings)
    .map((f, i) => ({ f, i }))
    .sort(
      (x, y) =>
        (checkOrder.get(x.f.checkId) ?? 0) - (checkOrder.get(y.f.checkId) ?? 0) ||
        (order.get(x.f.resource.accountId) ?? 0) - (order.get(y.f.resource.accountId) ?? 0) ||
        x.i - y.i,
    )
    .map((x) => x.f);
  const collectionErrors: CollectionError[] = byAccount(
    reports.flatMap((r) => r.collectionErrors),
    (e) => e.accountId,
    order,
  );
  const names = Object.assign({}, ...reports.map((r) => r.scan.accountNames ?? {})) as Record<
    string,
    string
  >;
  const ouPaths = Object.assign({}, ...reports.map((r) => r.scan.ouPaths ?? {})) as Record<
    string,
    string
  >;
  const sortedKeys = (o: Record<string, string>) =>
    Object.fromEntries(accounts.filter((a) => a in o).map((a) => [a, o[a]!]));
  const stats = mergeStats(reports.map((r) => r.stats));
  return {
    schemaVersion: first.schemaVersion,
    tool: { ...first.tool },
    scan: {
      startedAt: minIso(reports.map((r) => r.scan.startedAt)),
      finishedAt: maxIso(reports.map((r) => r.scan.finishedAt)),
      evaluatedAt: maxIso(reports.map((r) => r.scan.evaluatedAt)),
      accounts,
      ...(Object.keys(names).length ? { accountNames: sortedKeys(names) } : {}),
      ...(Object.keys(ouPaths).length ? { ouPaths: sortedKeys(ouPaths) } : {}),
      regions: [...new Set(reports.flatMap((r) => r.scan.regions))].sort(),
      ...(first.scan.principal ? { principal: first.scan.principal } : {}),
      options: withoutShard(first.scan.options),
    },
    summary: summarize(findings, checkIds, accounts),
    checks: first.checks,
    findings,
    inventory: byAccount(
      reports.flatMap((r) => r.inventory),
      (row) => row.accountId,
      order,
    ),
    collectionErrors,
    coverage: coverage(collectionErrors, findings),
    ...(stats ? { stats } : {}),
  };
}

/** The shards' snapshots as one; callers merge the reports first (which checks them). */
export function mergeSnapshots(snapshots: Snapshot[]): Snapshot {
  const first = snapshots[0]!;
  const accounts = snapshots
    .flatMap((s) => s.accounts)
    .sort((a, b) => a.accountId.localeCompare(b.accountId));
  const order = new Map(accounts.map((a, i) => [a.accountId, i]));
  const stats = mergeStats(snapshots.map((s) => s.stats));
  return {
    schemaVersion: first.schemaVersion,
    tool: { ...first.tool },
    scan: {
      ...first.scan,
      startedAt: minIso(snapshots.map((s) => s.scan.startedAt)),
      finishedAt: maxIso(snapshots.map((s) => s.scan.finishedAt)),
    },
    accounts,
    collectionErrors: byAccount(
      snapshots.flatMap((s) => s.collectionErrors),
      (e) => e.accountId,
      order,
    ),
    ...(stats ? { stats } : {}),
  };
}
