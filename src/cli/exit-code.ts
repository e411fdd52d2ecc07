import { EXIT } from '../errors.js';
import { SEVERITIES, severityRank, type ReportHead, type Severity } from '../engine/types.js';

/** 1 when an unsuppressed FAIL at or above failOn exists; else 3 when coverage is short; else 0. */
export function exitCodeFor(report: ReportHead, failOn: Severity | 'none'): number {
  if (failOn !== 'none') {
    const threshold = severityRank(failOn);
    // failBySeverity counts the unsuppressed FAILs: no need to go through the findings.
    const failing = SEVERITIES.some(
      (s) => severityRank(s) >= threshold && report.summary.failBySeverity[s] > 0,
    );
    if (failing) return EXIT.FINDINGS;
  }
  return report.coverage.complete ? EXIT.OK : EXIT.INCOMPLETE;
}
