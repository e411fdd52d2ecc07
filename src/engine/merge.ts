/**
 * `merge`: shard reports (and their snapshots) back into the report one run over all their
 * accounts would have written. Findings, inventory rows and collection errors keep the order a
 * single run gives them (check by check, account by account in account-ID order, which is how
 * --org orders accounts); summary and coverage are recomputed with the evaluator's own code.
 * Reports of different tool or catalog versions, of different options, or sharing an account
 * are refused: their union would not be one run.
 *
 * The shards' findings and inventory are never gathered: the merged report's lists are read
 * from the shards each time they are iterated (findings by a k-way merge, since every shard
 * already holds them in that order), so shards read from files merge in bounded memory.
 */
import type { CollectionError, CollectionStats, Snapshot } from '../snapshot/types.js';
import { InputFileError, UsageError } from '../errors.js';
import { kWayMerge } from '../util/k-way.js';
import { FindingTally } from './evaluate.js';
import type { CheckInfo, Finding, InventoryRow, Report, ReportHead, ReportView } from './types.js';

export interface Shard<T> {
  /** Where it came from, for the error messages. */
  name: string;
  value: T;
}

/** What merge keeps of a shard: its head without the check catalog, and its lists. */
export type ShardReport = Omit<ReportHead, 'checks'> & Pick<ReportView, 'findings' | 'inventory'>;

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

/**
 * Checks shards one at a time, as they are opened, and keeps of each what the merge needs:
 * a thousand shards need not hold a thousand copies of the check catalog.
 */
export class ShardSet {
  readonly shards: Array<Shard<ShardReport>> = [];
  private first: { name: string; report: ReportHead; catalog: string } | undefined;
  private readonly owner = new Map<string, string>();

  add(name: string, report: ReportView): void {
    const { checks, ...rest } = report;
    const catalog = JSON.stringify(checks);
    const first = this.first;
    if (!first) this.first = { name, report, catalog };
    else {
      if (
        report.tool.name !== first.report.tool.name ||
        report.tool.version !== first.report.tool.version
      ) {
        throw new UsageError(
          `merge: ${name} was written by ${report.tool.name} ${report.tool.version}, ${first.name} by ${first.report.tool.name} ${first.report.tool.version}`,
        );
      }
      if (report.schemaVersion !== first.report.schemaVersion || catalog !== first.catalog) {
        throw new UsageError(
          `merge: ${name} and ${first.name} were evaluated with different check catalogs`,
        );
      }
    }
    for (const a of report.scan.accounts) {
      const other = this.owner.get(a);
      if (other !== undefined)
        throw new UsageError(`merge: account ${a} is in both ${other} and ${name}`);
      this.owner.set(a, name);
    }
    if (
      first &&
      !same(withoutShard(report.scan.options), withoutShard(first.report.scan.options))
    ) {
      throw new UsageError(
        `merge: ${name} and ${first.name} were scanned with different options (besides --shard)`,
      );
    }
    this.shards.push({ name, value: rest });
  }

  get checks(): Record<string, CheckInfo> {
    if (!this.first) throw new UsageError('merge: no report given');
    return this.first.report.checks;
  }

  accounts(): string[] {
    return [...this.owner.keys()].sort();
  }
}

/** The shards' findings in the merged order, checking each shard keeps that order. */
function mergedFindings(
  shards: Array<Shard<ShardReport>>,
  checkOrder: Map<string, number>,
  order: Map<string, number>,
): Iterable<Finding> {
  const keyOf = (f: Finding) =>
    (checkOrder.get(f.checkId) ?? 0) * (order.size + 1) + (order.get(f.resource.accountId) ?? 0);
  const lists = shards.map((s) => s.value.findings);
  return {
    [Symbol.iterator]: () =>
      kWayMerge(
        lists,
        keyOf,
        (i) =>
          new InputFileError(
            `${shards[i]!.name}: findings are not in the order apigw-audit writes them (check by check, then account), so it cannot be merged`,
          ),
      ),
  };
}

/** Inventory rows account by account in `accounts` order, then rows of no known account. */
function mergedInventory(
  shards: Array<Shard<ShardReport>>,
  accounts: string[],
): Iterable<InventoryRow> {
  const known = new Set(accounts);
  return {
    *[Symbol.iterator]() {
      for (const account of accounts) {
        for (const s of shards) {
          if (!s.value.scan.accounts.includes(account)) continue;
          const only = s.value.scan.accounts.length === 1;
          for (const row of s.value.inventory) if (only || row.accountId === account) yield row;
        }
      }
      for (const s of shards)
        for (const row of s.value.inventory) if (!known.has(row.accountId)) yield row;
    },
  };
}

/**
 * The merged report. Its findings and inventory are read from the shards when iterated; the
 * summary and coverage take one pass over the findings here.
 */
export function mergeShards(set: ShardSet): ReportView {
  const checks = set.checks;
  const { shards } = set;
  const accounts = set.accounts();
  const order = new Map(accounts.map((a, i) => [a, i]));
  const checkIds = Object.keys(checks);
  const checkOrder = new Map(checkIds.map((id, i) => [id, i]));
  const reports = shards.map((s) => s.value);
  const first = reports[0]!;
  const findings = mergedFindings(shards, checkOrder, order);
  const tally = new FindingTally(accounts);
  for (const f of findings) tally.add(f);
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
    summary: tally.summary(checkIds),
    checks,
    findings,
    inventory: mergedInventory(shards, accounts),
    collectionErrors,
    coverage: tally.coverage(collectionErrors),
    ...(stats ? { stats } : {}),
  };
}

/** Shard reports held in memory, merged (tests, the Step Functions merge step). */
export function mergeReports(shards: Shard<Report>[]): Report {
  const set = new ShardSet();
  for (const s of shards) set.add(s.name, s.value);
  const view = mergeShards(set);
  return { ...view, findings: [...view.findings], inventory: [...view.inventory] };
}

/** The shards' snapshots as one; callers merge the reports first (which checks them). */
export function mergeSnapshots(snapshots: Snapshot[]): Snapshot {
  const accounts = snapshots
    .flatMap((s) => s.accounts)
    .sort((a, b) => a.accountId.localeCompare(b.accountId));
  return { ...mergedSnapshotHead(snapshots), accounts };
}

/** Everything of the merged snapshot but its accounts (in their place, an empty list). */
export function mergedSnapshotHead(
  snapshots: Array<Omit<Snapshot, 'accounts'> & { accounts: Array<{ accountId: string }> }>,
): Snapshot {
  const first = snapshots[0]!;
  const ids = snapshots
    .flatMap((s) => s.accounts.map((a) => a.accountId))
    .sort((a, b) => a.localeCompare(b));
  const order = new Map(ids.map((a, i) => [a, i]));
  const stats = mergeStats(snapshots.map((s) => s.stats));
  return {
    schemaVersion: first.schemaVersion,
    tool: { ...first.tool },
    scan: {
      ...first.scan,
      startedAt: minIso(snapshots.map((s) => s.scan.startedAt)),
      finishedAt: maxIso(snapshots.map((s) => s.scan.finishedAt)),
    },
    accounts: [],
    collectionErrors: byAccount(
      snapshots.flatMap((s) => s.collectionErrors),
      (e) => e.accountId,
      order,
    ),
    ...(stats ? { stats } : {}),
  };
}
