/**
 * A report against an earlier one (the baseline), finding by finding, matched by stable ID.
 *
 * Only open findings are tracked: FAIL and MANUAL, not suppressed (PASS is a result, not a
 * finding to act on). So "new" is newly open: a finding whose suppression expired is new again,
 * which is what a --fail-on-new job must notice. An open finding that is now ERROR could not be
 * re-assessed: it is changed, never resolved. One whose account or region this report did not
 * read (not scanned, or its calls failed) is "not assessed", never "resource deleted".
 */
import type {
  Finding,
  FindingRef,
  ResolvedFinding,
  ResourceRef,
  Report,
  Severity,
  Status,
} from '../engine/types.js';
import { severityRank } from '../engine/types.js';

export type { FindingRef } from '../engine/types.js';

export interface ChangedFinding {
  id: string;
  checkId: string;
  title: string;
  resource: ResourceRef;
  before: { status: Status; severity: Severity };
  /** null when the finding's account and region were not assessed this time. */
  after: { status: Status; severity: Severity } | null;
  changes: Array<'severity' | 'status' | 'not assessed'>;
}

export interface Comparison {
  new: FindingRef[];
  resolved: ResolvedFinding[];
  changed: ChangedFinding[];
  unchanged: FindingRef[];
}

export const isOpen = (f: Pick<Finding, 'status' | 'suppressed'>): boolean =>
  (f.status === 'FAIL' || f.status === 'MANUAL') && !f.suppressed;

const ref = (f: Finding): FindingRef => ({
  id: f.id,
  checkId: f.checkId,
  status: f.status,
  severity: f.severity,
  title: f.title,
  resource: f.resource,
});

/** Most severe first, then by check and resource, so the lists read and diff the same way. */
function ordered<T extends { checkId: string; resource: ResourceRef; id: string }>(
  items: T[],
  severity: (t: T) => Severity,
): T[] {
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return items.sort(
    (a, b) =>
      severityRank(severity(b)) - severityRank(severity(a)) ||
      text(a.checkId, b.checkId) ||
      text(a.resource.arn, b.resource.arn) ||
      text(a.id, b.id),
  );
}

/**
 * Whether `current` could have reported this check on this resource: the account and region
 * were scanned, and the check did not say ERROR there (a check whose data failed to arrive
 * says ERROR, so a missing finding beside an ERROR is unknown, not gone). Indexed once, so a
 * comparison stays linear in the number of findings.
 */
function assessor(current: Report): (checkId: string, r: ResourceRef) => boolean {
  const key = (...parts: string[]) => parts.join('\u0000');
  const places = new Set<string>();
  const erred = new Set<string>();
  for (const f of current.findings) {
    places.add(key(f.resource.accountId, f.resource.region));
    if (f.status === 'ERROR') erred.add(key(f.resource.accountId, f.resource.region, f.checkId));
  }
  const accounts = new Set(current.scan.accounts);
  const regions = new Set(current.scan.regions);
  return (checkId, r) =>
    accounts.has(r.accountId) &&
    !erred.has(key(r.accountId, r.region, checkId)) &&
    (regions.has(r.region) || places.has(key(r.accountId, r.region)));
}

export function compareReports(baseline: Report, current: Report): Comparison {
  const before = new Map(baseline.findings.filter(isOpen).map((f) => [f.id, f]));
  const now = new Map(current.findings.map((f) => [f.id, f]));
  const arnsNow = new Set(current.findings.map((f) => f.resource.arn));
  const assessed = assessor(current);
  const out: Comparison = { new: [], resolved: [], changed: [], unchanged: [] };

  for (const f of current.findings) {
    const old = before.get(f.id);
    if (isOpen(f)) {
      if (!old) out.new.push(ref(f));
      else if (old.status === f.status && old.severity === f.severity) out.unchanged.push(ref(f));
      else out.changed.push(changed(old, f));
    } else if (old && f.status === 'ERROR') {
      out.changed.push(changed(old, f));
    }
  }
  for (const old of before.values()) {
    const f = now.get(old.id);
    if (f && (isOpen(f) || f.status === 'ERROR')) continue;
    if (f) out.resolved.push({ ...ref(old), why: f.suppressed ? 'suppressed' : 'fixed' });
    else if (!assessed(old.checkId, old.resource)) out.changed.push(changed(old, undefined));
    // Still there but no longer reported by the check (it no longer applies): fixed.
    else
      out.resolved.push({
        ...ref(old),
        why: arnsNow.has(old.resource.arn) ? 'fixed' : 'resource deleted',
      });
  }
  return {
    new: ordered(out.new, (f) => f.severity),
    resolved: ordered(out.resolved, (f) => f.severity),
    changed: ordered(out.changed, (c) => c.after?.severity ?? c.before.severity),
    unchanged: ordered(out.unchanged, (f) => f.severity),
  };
}

function changed(old: Finding, f: Finding | undefined): ChangedFinding {
  const changes: ChangedFinding['changes'] = [];
  if (!f) changes.push('not assessed');
  else {
    if (f.status !== old.status) changes.push('status');
    if (f.severity !== old.severity) changes.push('severity');
  }
  return {
    id: old.id,
    checkId: old.checkId,
    title: old.title,
    resource: f?.resource ?? old.resource,
    before: { status: old.status, severity: old.severity },
    after: f ? { status: f.status, severity: f.severity } : null,
    changes,
  };
}
