import { EXIT } from '../errors.js';
import {
  SEVERITIES,
  severityRank,
  type ReportHead,
  type ReportView,
  type Severity,
} from '../engine/types.js';

/**
 * 1 when an unsuppressed FAIL at or above failOn exists (with onlyNew: one the baseline did not
 * have open); else 3 when coverage is short; else 0.
 */
export function exitCodeFor(
  report: ReportHead & Partial<Pick<ReportView, 'findings'>>,
  failOn: Severity | 'none',
  { onlyNew = false }: { onlyNew?: boolean } = {},
): number {
  if (failOn !== 'none') {
    const threshold = severityRank(failOn);
    // failBySeverity counts the unsuppressed FAILs: only "new" needs the findings themselves.
    let failing = SEVERITIES.some(
      (s) => severityRank(s) >= threshold && report.summary.failBySeverity[s] > 0,
    );
    if (failing && onlyNew) {
      failing = false;
      for (const f of report.findings ?? []) {
        if (
          f.status === 'FAIL' &&
          !f.suppressed &&
          f.baseline === 'new' &&
          severityRank(f.severity) >= threshold
        ) {
          failing = true;
          break;
        }
      }
    }
    if (failing) return EXIT.FINDINGS;
  }
  return report.coverage.complete ? EXIT.OK : EXIT.INCOMPLETE;
}
