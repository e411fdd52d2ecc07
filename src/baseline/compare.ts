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
  BaselineMark,
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

const key = (...parts: string[]) => parts.join('\u0000');

/**
 * A comparison made as the current report's findings go by, so that neither report's findings
 * need to be held: only the baseline's open findings, and of the current ones what those need
 * (their state, the places scanned and the checks that said ERROR there). `see` gives each
 * current finding its mark as it passes; `end` gives what only the whole report can tell.
 */
export class BaselineComparison {
  private readonly before = new Map<string, Finding>();
  private readonly beforeArns = new Set<string>();
  /** The current state of the baseline's open findings: open (or ERROR), or closed and why. */
  private readonly stateNow = new Map<string, 'open' | 'suppressed' | 'fixed'>();
  private readonly arnsNow = new Set<string>();
  private readonly places = new Set<string>();
  private readonly erred = new Set<string>();
  private readonly lists: Pick<Comparison, 'new' | 'unchanged' | 'changed'> | undefined;
  readonly counts = { new: 0, changed: 0, unchanged: 0 };

  /** keepLists: also list the new, unchanged and changed findings (diff shows them). */
  constructor(baselineFindings: Iterable<Finding>, { keepLists = false } = {}) {
    for (const f of baselineFindings) {
      if (!isOpen(f)) continue;
      this.before.set(f.id, f);
      this.beforeArns.add(f.resource.arn);
    }
    this.lists = keepLists ? { new: [], unchanged: [], changed: [] } : undefined;
  }

  /** The finding's mark against the baseline, if it has one. */
  see(f: Finding): BaselineMark | undefined {
    this.places.add(key(f.resource.accountId, f.resource.region));
    if (f.status === 'ERROR')
      this.erred.add(key(f.resource.accountId, f.resource.region, f.checkId));
    if (this.beforeArns.has(f.resource.arn)) this.arnsNow.add(f.resource.arn);
    const old = this.before.get(f.id);
    if (old)
      this.stateNow.set(
        f.id,
        isOpen(f) || f.status === 'ERROR' ? 'open' : f.suppressed ? 'suppressed' : 'fixed',
      );
    if (isOpen(f)) {
      if (!old) {
        this.counts.new++;
        this.lists?.new.push(ref(f));
        return 'new';
      }
      if (old.status === f.status && old.severity === f.severity) {
        this.counts.unchanged++;
        this.lists?.unchanged.push(ref(f));
        return 'unchanged';
      }
    } else if (!(old && f.status === 'ERROR')) return undefined;
    this.counts.changed++;
    this.lists?.changed.push(changed(old!, f));
    return 'changed';
  }

  /**
   * The baseline's open findings the current report no longer has open: resolved, or not
   * assessed when the current scan could not have reported them (`scan`: the current report's).
   */
  end(scan: { accounts: readonly string[]; regions: readonly string[] }): {
    resolved: ResolvedFinding[];
    notAssessed: ChangedFinding[];
  } {
    const accounts = new Set(scan.accounts);
    const regions = new Set(scan.regions);
    // Whether the current scan could have reported this check on this resource: the account
    // and region were scanned, and the check did not say ERROR there (a check whose data failed
    // to arrive says ERROR, so a missing finding beside an ERROR is unknown, not gone).
    const assessed = (checkId: string, r: ResourceRef) =>
      accounts.has(r.accountId) &&
      !this.erred.has(key(r.accountId, r.region, checkId)) &&
      (regions.has(r.region) || this.places.has(key(r.accountId, r.region)));
    const resolved: ResolvedFinding[] = [];
    const notAssessed: ChangedFinding[] = [];
    for (const old of this.before.values()) {
      const state = this.stateNow.get(old.id);
      if (state === 'open') continue;
      if (state) resolved.push({ ...ref(old), why: state });
      else if (!assessed(old.checkId, old.resource)) notAssessed.push(changed(old, undefined));
      // Still there but no longer reported by the check (it no longer applies): fixed.
      else
        resolved.push({
          ...ref(old),
          why: this.arnsNow.has(old.resource.arn) ? 'fixed' : 'resource deleted',
        });
    }
    return {
      resolved: ordered(resolved, (f) => f.severity),
      notAssessed: ordered(notAssessed, (c) => c.before.severity),
    };
  }

  /** The whole comparison; needs keepLists. */
  comparison(scan: { accounts: readonly string[]; regions: readonly string[] }): Comparison {
    const lists = this.lists!;
    const { resolved, notAssessed } = this.end(scan);
    return {
      new: ordered(lists.new, (f) => f.severity),
      resolved,
      changed: ordered(
        [...lists.changed, ...notAssessed],
        (c) => c.after?.severity ?? c.before.severity,
      ),
      unchanged: ordered(lists.unchanged, (f) => f.severity),
    };
  }
}

export function compareReports(baseline: Report, current: Report): Comparison {
  const c = new BaselineComparison(baseline.findings, { keepLists: true });
  for (const f of current.findings) c.see(f);
  return c.comparison(current.scan);
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
