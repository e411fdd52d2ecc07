/** --baseline: the report marked against the previous one (schema additions only). */
import type {
  BaselineInfo,
  Finding,
  Report,
  ReportHead,
  ResolvedFinding,
} from '../engine/types.js';
import { BaselineComparison } from './compare.js';

/**
 * Marks findings against a baseline as they go by (`mark`), then gives the report's
 * `baseline` and `resolved` members (`members`): a report of any size is marked in one pass.
 */
export class BaselineMarker {
  private readonly comparison: BaselineComparison;

  constructor(
    baselineFindings: Iterable<Finding>,
    private readonly baseline: { file: string; generatedAt: string },
  ) {
    this.comparison = new BaselineComparison(baselineFindings);
  }

  mark(f: Finding): Finding {
    const mark = this.comparison.see(f);
    return mark ? { ...f, baseline: mark } : f;
  }

  members(current: Pick<ReportHead, 'scan'>): {
    baseline: BaselineInfo;
    resolved: ResolvedFinding[];
  } {
    const { resolved, notAssessed } = this.comparison.end(current.scan);
    const { counts } = this.comparison;
    return {
      baseline: {
        ...this.baseline,
        counts: {
          new: counts.new,
          changed: counts.changed,
          unchanged: counts.unchanged,
          resolved: resolved.length,
        },
        notAssessed: notAssessed.map((f) => ({
          id: f.id,
          checkId: f.checkId,
          status: f.before.status,
          severity: f.before.severity,
          title: f.title,
          resource: f.resource,
        })),
      },
      resolved,
    };
  }
}

export function withBaseline(report: Report, baseline: Report, file: string): Report {
  const marker = new BaselineMarker(baseline.findings, {
    file,
    generatedAt: baseline.scan.evaluatedAt,
  });
  const findings = report.findings.map((f) => marker.mark(f));
  return { ...report, findings, ...marker.members(report) };
}
