/** Snapshot -> Report: run every check, attach metadata, compliance and suppressions. */
import { createHash } from 'node:crypto';
import type { AuditConfig } from '../config/types.js';
import type { CollectionError, Snapshot } from '../snapshot/types.js';
import { TOOL } from '../version.js';
import type { Check } from './check.js';
import { complianceByCheck, incumbentAnchors, loadFrameworks } from './compliance.js';
import { buildInventory } from './inventory.js';
import { sliceViews } from './slice-view.js';
import { matchSuppression, SuppressionReview } from './suppress.js';
import {
  REPORT_SCHEMA_VERSION,
  SEVERITIES,
  STATUSES,
  type AccountSummary,
  type CheckInfo,
  type Coverage,
  type Finding,
  type Report,
  type Severity,
  type Status,
  type Summary,
} from './types.js';

export function findingId(checkId: string, accountId: string, region: string, arn: string) {
  return createHash('sha256')
    .update(`${checkId}\n${accountId}\n${region}\n${arn}`)
    .digest('hex')
    .slice(0, 24);
}

export function checkInfo(check: Check, compliance: Record<string, string[]>): CheckInfo {
  return {
    ...check.meta,
    anchors: incumbentAnchors(check.meta.anchors, compliance),
    docsPath: check.docsPath,
    compliance,
  };
}

const zeroStatus = (): Record<Status, number> =>
  Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
const zeroSeverity = (): Record<Severity, number> =>
  Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

function countInto(c: AccountSummary, f: Finding): void {
  c.total++;
  if (f.suppressed) {
    c.suppressed++;
    return;
  }
  c.byStatus[f.status]++;
  if (f.status === 'FAIL') c.failBySeverity[f.severity]++;
}

const zeroCounts = (): AccountSummary => ({
  total: 0,
  byStatus: zeroStatus(),
  failBySeverity: zeroSeverity(),
  suppressed: 0,
});

/**
 * The report's counts (overall, per check, per account) and coverage, kept as the findings go
 * by, so none of them needs to be held. `merge` sums shard reports with the same code.
 */
export class FindingTally {
  private readonly all = zeroCounts();
  private readonly byCheck: Record<string, Record<Status, number>> = {};
  private readonly byAccount: Record<string, AccountSummary>;
  private errorResults = 0;

  constructor(accountIds: readonly string[]) {
    this.byAccount = Object.fromEntries(accountIds.map((a) => [a, zeroCounts()]));
  }

  add(f: Finding): void {
    if (f.status === 'ERROR') this.errorResults++;
    (this.byCheck[f.checkId] ??= zeroStatus())[f.status]++;
    countInto(this.all, f);
    countInto((this.byAccount[f.resource.accountId] ??= zeroCounts()), f);
  }

  /**
   * The counts per check in catalog order and per account in `accountIds` order (whatever
   * order the findings came in: a scan of many accounts evaluates them one at a time).
   */
  summary(checkIds: readonly string[], accountIds?: readonly string[]): Summary {
    const inOrder = <T>(counts: Record<string, T>, ids: readonly string[], zero?: () => T) => {
      const out: Record<string, T> = {};
      for (const id of ids) {
        const c = counts[id] ?? zero?.();
        if (c !== undefined) out[id] = c;
      }
      for (const [id, c] of Object.entries(counts)) if (!(id in out)) out[id] = c;
      return out;
    };
    return {
      total: this.all.total,
      byStatus: this.all.byStatus,
      failBySeverity: this.all.failBySeverity,
      suppressed: this.all.suppressed,
      notApplicable: checkIds.filter((id) => !this.byCheck[id]),
      byCheck: inOrder(this.byCheck, checkIds),
      byAccount: accountIds ? inOrder(this.byAccount, accountIds, zeroCounts) : this.byAccount,
    };
  }

  /** How much could be decided, from the collection errors and the findings seen. */
  coverage(collectionErrors: readonly CollectionError[]): Coverage {
    const { errorResults } = this;
    const total = this.all.total;
    const gaps = new Map<string, { accountId: string; region: string; slices: Set<string> }>();
    for (const e of collectionErrors) {
      const key = `${e.accountId}|${e.region}`;
      const gap = gaps.get(key) ?? { accountId: e.accountId, region: e.region, slices: new Set() };
      gap.slices.add(e.slice);
      gaps.set(key, gap);
    }
    return {
      complete: collectionErrors.length === 0 && errorResults === 0,
      // With no result at all nothing is undecided: 100, and `complete` still tells of failed calls.
      percent: total === 0 ? 100 : Math.floor(((total - errorResults) / total) * 10000) / 100,
      errorResults,
      collectionErrors: collectionErrors.length,
      gaps: [...gaps.values()].map((g) => ({ ...g, slices: [...g.slices].sort() })),
    };
  }
}

function tallied(findings: Iterable<Finding>, accountIds: readonly string[]): FindingTally {
  const tally = new FindingTally(accountIds);
  for (const f of findings) tally.add(f);
  return tally;
}

/** The summary of findings held in memory (merge's shards, tests). */
export function summarize(
  findings: Iterable<Finding>,
  checkIds: readonly string[],
  accountIds: readonly string[],
): Summary {
  return tallied(findings, accountIds).summary(checkIds);
}

/** The coverage of findings held in memory. */
export function coverage(
  collectionErrors: CollectionError[],
  findings: Iterable<Finding>,
): Coverage {
  return tallied(findings, []).coverage(collectionErrors);
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A check's results in resource order, whatever order the collectors met the resources in
 * (regions are collected concurrently): two scans of an unchanged account give the same report.
 */
function byResource<T extends { resource: { accountId: string; region: string; arn: string } }>(
  results: T[],
): T[] {
  return [...results].sort(
    (a, b) =>
      byText(a.resource.accountId, b.resource.accountId) ||
      byText(a.resource.region, b.resource.region) ||
      byText(a.resource.arn, b.resource.arn),
  );
}

export interface EvaluateOptions {
  now?: Date;
  /** Echoed into report.scan.options (what the user asked for). */
  options?: Record<string, unknown>;
}

/** The catalog entries of the checks run, in their order. */
export function checkInfos(checks: readonly Check[]): Record<string, CheckInfo> {
  const compliance = complianceByCheck(loadFrameworks());
  return Object.fromEntries(
    checks.map((c) => [c.meta.id, checkInfo(c, compliance.get(c.meta.id) ?? {})]),
  );
}

/**
 * Every check's findings, as each is made: check by check, in the order of `checks`. Nothing
 * is kept, so the caller decides what to hold.
 */
export function* evaluateFindings(
  snapshot: Snapshot,
  checks: readonly Check[],
  config: AuditConfig,
  now: Date,
): Generator<Finding> {
  const compliance = complianceByCheck(loadFrameworks());
  // Each check sees only the slices it declares (./slice-view.ts).
  const viewFor = sliceViews(snapshot);
  for (const check of checks) {
    const { id, title, remediation } = check.meta;
    const mapped = compliance.get(id) ?? {};
    for (const r of byResource(check.run(viewFor(check.meta.reads), config, now))) {
      const base = {
        id: findingId(id, r.resource.accountId, r.resource.region, r.resource.arn),
        checkId: id,
        status: r.status,
        severity: r.severity,
        title,
        message: r.message,
        resource: r.resource,
        evidence: r.evidence,
        remediation,
        compliance: mapped,
      };
      const suppression =
        r.status === 'PASS' ? undefined : matchSuppression(base, config.suppressions, now);
      yield {
        ...base,
        suppressed: Boolean(suppression),
        ...(suppression ? { suppression } : {}),
      };
    }
  }
}

/**
 * The report around its findings and inventory, once `tally` has seen every finding. The
 * members are in the report's order, and `findings` and `inventory` take their places.
 */
export function reportAround<F, I>(
  snapshot: Snapshot,
  checks: readonly Check[],
  tally: FindingTally,
  parts: {
    findings: F;
    inventory: I;
    now: Date;
    options?: Record<string, unknown>;
    review?: SuppressionReview | undefined;
  },
) {
  const review = parts.review?.result();
  const accounts = snapshot.accounts.map((a) => a.accountId);
  const accountNames = Object.fromEntries(
    snapshot.accounts.flatMap((a) => {
      const name = a.accountName ?? a.accountAlias;
      return name ? [[a.accountId, name]] : [];
    }),
  );
  const ouPaths = Object.fromEntries(
    snapshot.accounts.flatMap((a) => (a.ouPath ? [[a.accountId, a.ouPath]] : [])),
  );
  const regions = [...new Set(snapshot.accounts.flatMap((a) => a.regions.map((r) => r.region)))];
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { ...TOOL },
    scan: {
      startedAt: snapshot.scan.startedAt,
      finishedAt: snapshot.scan.finishedAt,
      evaluatedAt: parts.now.toISOString(),
      accounts,
      ...(Object.keys(accountNames).length ? { accountNames } : {}),
      ...(Object.keys(ouPaths).length ? { ouPaths } : {}),
      regions: regions.sort(),
      ...(snapshot.scan.principal ? { principal: snapshot.scan.principal } : {}),
      options: parts.options ?? {},
    },
    summary: tally.summary(
      checks.map((c) => c.meta.id),
      accounts,
    ),
    checks: checkInfos(checks),
    findings: parts.findings,
    inventory: parts.inventory,
    collectionErrors: snapshot.collectionErrors,
    coverage: tally.coverage(snapshot.collectionErrors),
    ...(snapshot.stats ? { stats: snapshot.stats } : {}),
    ...(review ? { suppressions: review } : {}),
  };
}

/** A review of the config's suppression rules, when it has any. */
export function suppressionReview(config: AuditConfig, now: Date): SuppressionReview | undefined {
  return config.suppressions.length ? new SuppressionReview(config.suppressions, now) : undefined;
}

/** The whole report in memory: for tests, small snapshots and callers that need an array. */
export function evaluateSnapshot(
  snapshot: Snapshot,
  checks: readonly Check[],
  config: AuditConfig,
  opts: EvaluateOptions = {},
): Report {
  const now = opts.now ?? new Date();
  const tally = new FindingTally(snapshot.accounts.map((a) => a.accountId));
  const review = suppressionReview(config, now);
  const findings: Finding[] = [];
  for (const f of evaluateFindings(snapshot, checks, config, now)) {
    tally.add(f);
    review?.see(f);
    findings.push(f);
  }
  return reportAround(snapshot, checks, tally, {
    findings,
    inventory: buildInventory(snapshot.accounts),
    now,
    ...(opts.options ? { options: opts.options } : {}),
    review,
  });
}
