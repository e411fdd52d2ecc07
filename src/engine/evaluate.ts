/** Snapshot -> Report: run every check, attach metadata, compliance and suppressions. */
import { createHash } from 'node:crypto';
import type { Check } from '../../checks/lib/define.js';
import type { AuditConfig } from '../config/types.js';
import type { Snapshot } from '../snapshot/types.js';
import { TOOL } from '../version.js';
import { complianceByCheck, loadFrameworks } from './compliance.js';
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
    id: check.id,
    title: check.title,
    severity: check.severity,
    resourceType: check.resourceType,
    description: check.description,
    risk: check.risk,
    remediation: check.remediation,
    references: check.references,
    reads: check.reads,
    anchors: check.anchors,
    ...(check.notFlagged ? { notFlagged: check.notFlagged } : {}),
    docsPath: check.docsPath,
    compliance,
  };
}

const zeroStatus = (): Record<Status, number> =>
  Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
const zeroSeverity = (): Record<Severity, number> =>
  Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

function summarize(findings: Finding[], checks: readonly Check[]): Summary {
  const byStatus = zeroStatus();
  const failBySeverity = zeroSeverity();
  const byCheck: Record<string, Record<Status, number>> = {};
  let suppressed = 0;
  for (const f of findings) {
    (byCheck[f.checkId] ??= zeroStatus())[f.status]++;
    if (f.suppressed) {
      suppressed++;
      continue;
    }
    byStatus[f.status]++;
    if (f.status === 'FAIL') failBySeverity[f.severity]++;
  }
  return {
    total: findings.length,
    byStatus,
    failBySeverity,
    suppressed,
    notApplicable: checks.filter((c) => !byCheck[c.id]).map((c) => c.id),
    byCheck,
  };
}

function coverage(snapshot: Snapshot, findings: Finding[]): Coverage {
  const errorResults = findings.filter((f) => f.status === 'ERROR').length;
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
    percent:
      findings.length === 0
        ? 100
        : Math.floor(((findings.length - errorResults) / findings.length) * 10000) / 100,
    errorResults,
    collectionErrors: snapshot.collectionErrors.length,
    gaps: [...gaps.values()].map((g) => ({ ...g, slices: [...g.slices].sort() })),
  };
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
  for (const check of checks) {
    const mapped = compliance.get(check.id) ?? {};
    infos[check.id] = checkInfo(check, mapped);
    for (const r of check.run(snapshot, config, now)) {
      const base = {
        id: findingId(check.id, r.resource.accountId, r.resource.region, r.resource.arn),
        checkId: check.id,
        status: r.status,
        severity: r.severity,
        title: check.title,
        message: r.message,
        resource: r.resource,
        evidence: r.evidence,
        remediation: check.remediation,
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
      evaluatedAt: now.toISOString(),
      accounts,
      ...(Object.keys(accountNames).length ? { accountNames } : {}),
      regions: regions.sort(),
      ...(snapshot.scan.principal ? { principal: snapshot.scan.principal } : {}),
      options: opts.options ?? {},
    },
    summary: summarize(findings, checks),
    checks: infos,
    findings,
    inventory: buildInventory(snapshot.accounts),
    collectionErrors: snapshot.collectionErrors,
    coverage: coverage(snapshot, findings),
    ...(snapshot.stats ? { stats: snapshot.stats } : {}),
  };
}
