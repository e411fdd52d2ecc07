/** Snapshot -> Report: run every check, attach metadata, compliance and suppressions. */
import { createHash } from 'node:crypto';
import type { AuditConfig } from '../config/types.js';
import type { Snapshot } from '../snapshot/types.js';
import { TOOL } from '../version.js';
import type { Check } from './check.js';
import { complianceByCheck, incumbentAnchors, loadFrameworks } from './compliance.js';
import { buildInventory } from './inventory.js';
import { matchSuppression } from './suppress.js';
import {
  REPORT_SCHEMA_VERSION,
  SEVERITIES,
  STATUSES,
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

/** The report's counts, kept as the findings go by, so none of them needs to be held. */
export class FindingTally {
  private readonly byStatus = zeroStatus();
  private readonly failBySeverity = zeroSeverity();
  private readonly byCheck: Record<string, Record<Status, number>> = {};
  private suppressed = 0;
  private total = 0;
  private errorResults = 0;

  add(f: Finding): void {
    this.total++;
    if (f.status === 'ERROR') this.errorResults++;
    (this.byCheck[f.checkId] ??= zeroStatus())[f.status]++;
    if (f.suppressed) {
      this.suppressed++;
      return;
    }
    this.byStatus[f.status]++;
    if (f.status === 'FAIL') this.failBySeverity[f.severity]++;
  }

  summary(checks: readonly Check[]): Summary {
    return {
      total: this.total,
      byStatus: this.byStatus,
      failBySeverity: this.failBySeverity,
      suppressed: this.suppressed,
      notApplicable: checks.filter((c) => !this.byCheck[c.meta.id]).map((c) => c.meta.id),
      byCheck: this.byCheck,
    };
  }

  coverage(snapshot: Snapshot): Coverage {
    const { total, errorResults } = this;
    const gaps = new Map<string, { accountId: string; region: string; slices: Set<string> }>();
    for (const e of snapshot.collectionErrors) {
      const key = `${e.accountId}|${e.region}`;
      const gap = gaps.get(key) ?? { accountId: e.accountId, region: e.region, slices: new Set() };
      gap.slices.add(e.slice);
      gaps.set(key, gap);
    }
    return {
      complete: snapshot.collectionErrors.length === 0 && errorResults === 0,
      // With no result at all nothing is undecided: 100, and `complete` still tells of failed calls.
      percent: total === 0 ? 100 : Math.floor(((total - errorResults) / total) * 10000) / 100,
      errorResults,
      collectionErrors: snapshot.collectionErrors.length,
      gaps: [...gaps.values()].map((g) => ({ ...g, slices: [...g.slices].sort() })),
    };
  }
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
  for (const check of checks) {
    const { id, title, remediation } = check.meta;
    const mapped = compliance.get(id) ?? {};
    for (const r of check.run(snapshot, config, now)) {
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
  parts: { findings: F; inventory: I; now: Date; options?: Record<string, unknown> },
) {
  const accounts = snapshot.accounts.map((a) => a.accountId);
  const accountNames = Object.fromEntries(
    snapshot.accounts.flatMap((a) => {
      const name = a.accountName ?? a.accountAlias;
      return name ? [[a.accountId, name]] : [];
    }),
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
      regions: regions.sort(),
      ...(snapshot.scan.principal ? { principal: snapshot.scan.principal } : {}),
      options: parts.options ?? {},
    },
    summary: tally.summary(checks),
    checks: checkInfos(checks),
    findings: parts.findings,
    inventory: parts.inventory,
    collectionErrors: snapshot.collectionErrors,
    coverage: tally.coverage(snapshot),
    ...(snapshot.stats ? { stats: snapshot.stats } : {}),
  };
}

/** The whole report in memory: for tests, small snapshots and callers that need an array. */
export function evaluateSnapshot(
  snapshot: Snapshot,
  checks: readonly Check[],
  config: AuditConfig,
  opts: EvaluateOptions = {},
): Report {
  const now = opts.now ?? new Date();
  const tally = new FindingTally();
  const findings: Finding[] = [];
  for (const f of evaluateFindings(snapshot, checks, config, now)) {
    tally.add(f);
    findings.push(f);
  }
  return reportAround(snapshot, checks, tally, {
    findings,
    inventory: buildInventory(snapshot.accounts),
    now,
    ...(opts.options ? { options: opts.options } : {}),
  });
}
