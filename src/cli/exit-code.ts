import { EXIT } from '../errors.js';
import { severityRank, type Report, type Severity } from '../engine/types.js';

/** 1 when an unsuppressed FAIL at or above failOn exists; else 3 when coverage is short; else 0. */
export function exitCodeFor(report: Report, failOn: Severity | 'none'): number {
  if (failOn !== 'none') {
    const threshold = severityRank(failOn);
    const failing = report.findings.some(
      (f) => f.status === 'FAIL' && !f.suppressed && severityRank(f.severity) >= threshold,
    );
    if (failing) return EXIT.FINDINGS;
  }
  return report.coverage.complete ? EXIT.OK : EXIT.INCOMPLETE;
}
