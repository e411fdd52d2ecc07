/**
 * The spool's line format: one finding per line, with what every finding of a check shares
 * (its title, remediation and compliance, the very objects the evaluator attached) written once
 * per check instead of once per finding. Each format reads the spool again, so the parsing saved
 * is saved once per format, and the findings read back share those objects instead of holding
 * a copy each.
 *
 * A finding is packed only when its members are exactly the evaluator's, in its order; any
 * other shape is written whole, so nothing is lost whatever the Finding type becomes.
 */
import type { Finding } from '../engine/types.js';

type Shared = Pick<Finding, 'title' | 'remediation' | 'compliance'>;

const BASE =
  'id,checkId,status,severity,title,message,resource,evidence,remediation,compliance,suppressed';
const PACKABLE = new Set([
  BASE,
  `${BASE},suppression`,
  `${BASE},baseline`,
  `${BASE},suppression,baseline`,
]);

/** A line begins with this when its finding was packed (a whole finding begins with "{"). */
const MARK = '~';

export class FindingLines {
  private readonly shared = new Map<string, Shared & { text?: string }>();

  /**
   * byValue: findings parsed from a file share nothing by reference, so what a check's
   * findings share is compared as text (the evaluator's are compared by reference).
   */
  constructor(private readonly opts: { byValue?: boolean } = {}) {}

  /** The finding as one line of text (no line break in it). */
  write(f: Finding): string {
    let s = this.shared.get(f.checkId);
    if (!s) {
      s = { title: f.title, remediation: f.remediation, compliance: f.compliance };
      if (this.opts.byValue) s.text = JSON.stringify([f.remediation, f.compliance]);
      this.shared.set(f.checkId, s);
    }
    const same = this.opts.byValue
      ? f.title === s.title && JSON.stringify([f.remediation, f.compliance]) === s.text
      : f.title === s.title && f.remediation === s.remediation && f.compliance === s.compliance;
    if (!same || !PACKABLE.has(Object.keys(f).join(','))) return JSON.stringify(f);
    const { title: _t, remediation: _r, compliance: _c, ...rest } = f;
    return MARK + JSON.stringify(rest);
  }

  read(line: string): Finding {
    if (line[0] !== MARK) return JSON.parse(line) as Finding;
    const p = JSON.parse(line.slice(1)) as Omit<Finding, keyof Shared>;
    const s = this.shared.get(p.checkId)!;
    // The evaluator's member order, so every output is the same text as from the finding itself.
    return {
      id: p.id,
      checkId: p.checkId,
      status: p.status,
      severity: p.severity,
      title: s.title,
      message: p.message,
      resource: p.resource,
      evidence: p.evidence,
      remediation: s.remediation,
      compliance: s.compliance,
      suppressed: p.suppressed,
      ...('suppression' in p ? { suppression: p.suppression } : {}),
      ...('baseline' in p ? { baseline: p.baseline } : {}),
    };
  }
}
