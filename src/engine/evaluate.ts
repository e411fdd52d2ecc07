/** Snapshot -> Report: run every check, attach metadata, compliance and suppressions. */
import { createHash } from 'node:crypto';
import type { AuditConfig } from '../config/types.js';
import type { CollectionError, Snapshot } from '../snapshot/types.js';
import { TOOL } from '../version.js';
import type { Check } from './check.js';
import { complianceByCheck, incumbentAnchors, loadFrameworks } from './compliance.js';
import { buildInventory } from './inventory.js';
import { sliceViews } from './slice-view.js';
import { matchSuppression, reviewSuppressions } from './suppress.js';
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
 * The report's summary: overall, per check and per account. Takes the check IDs and accounts
 * rather than a snapshot, so that `merge` sums shard reports with the same code.
 */
export function summarize(
  findings: Finding[],
  checkIds: readonly string[],
  accountIds: readonly string[],
): Summary {
  const all = zeroCounts();
  const byCheck: Record<string, Record<Status, number>> = {};
  const byAccount: Record<string, AccountSummary> = Object.fromEntries(
    accountIds.map((a) => [a, zeroCounts()]),
  );
  for (const f of findings) {
    (byCheck[f.checkId] ??= zeroStatus())[f.status]++;
    countInto(all, f);
    countInto((byAccount[f.resource.accountId] ??= zeroCounts()), f);
  }
  return {
    total: all.total,
    byStatus: all.byStatus,
    failBySeverity: all.failBySeverity,
    suppressed: all.suppressed,
    notApplicable: checkIds.filter((id) => !byCheck[id]),
    byCheck,
    byAccount,
  };
}

/** How much could be decided, from the collection errors and the findings alone (as merge has). */
export function coverage(collectionErrors: CollectionError[], findings: Finding[]): Coverage {
  const errorResults = findings.filter((f) => f.status === 'ERROR').length;
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
    percent:
      findings.length === 0
        ? 100
        : Math.floor(((findings.length - errorResults) / findings.length) * 10000) / 100,
    errorResults,
    collectionErrors: collectionErrors.length,
    gaps: [...gaps.values()].map((g) => ({ ...g, slices: [...g.slices].sort() })),
  };
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

export function evaluateSnapshot(
  snapshot: Snapshot,
  checks: readonly Check[],
  config: AuditConfig,
  opts: EvaluateOptions = {},
): Report {
  const now = opts.now ?? new Date();
  const compliance = complianceByCheck(loadFrameworks());
  const findings: Finding[] = [];
  const infos: Record<string, CheckInfo> = {};
  // Each check sees only the slices it declares (./slice-view.ts).
  const viewFor = sliceViews(snapshot);
  for (const check of checks) {
    const { id, title, remediation } = check.meta;
    const mapped = compliance.get(id) ?? {};
    infos[id] = checkInfo(check, mapped);
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
      findings.push({
        ...base,
        suppressed: Boolean(suppression),
        ...(suppression ? { suppression } : {}),
      });
    }
  }
  const accounts = snapshot.accounts.map((a) => a.accountId);
  const review = config.suppressions.length
    ? reviewSuppressions(
        findings.filter((f) => f.status !== 'PASS'),
        config.suppressions,
        now,
      )
    : undefined;
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
      evaluatedAt: now.toISOString(),
      accounts,
      ...(Object.keys(accountNames).length ? { accountNames } : {}),
      ...(Object.keys(ouPaths).length ? { ouPaths } : {}),
      regions: regions.sort(),
      ...(snapshot.scan.principal ? { principal: snapshot.scan.principal } : {}),
      options: opts.options ?? {},
    },
    summary: summarize(
      findings,
      checks.map((c) => c.meta.id),
      accounts,
    ),
    checks: infos,
    findings,
    inventory: buildInventory(snapshot.accounts),
    collectionErrors: snapshot.collectionErrors,
    coverage: coverage(snapshot.collectionErrors, findings),
    ...(snapshot.stats ? { stats: snapshot.stats } : {}),
    ...(review ? { suppressions: review } : {}),
  };
}
