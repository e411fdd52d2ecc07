import { EXIT } from '../errors.js';
import { severityRank, type Report, type Severity } from '../engine/types.js';

/**
 * 1 when an unsuppressed FAIL at or above failOn exists (with onlyNew: one the baseline did not
 * have open); else 3 when coverage is short; else 0.
 */
export function exitCodeFor(
  report: Report,
  failOn: Severity | 'none',
  { onlyNew = false }: { onlyNew?: boolean } = {},
): number {
  if (failOn !== 'none') {
    const threshold = severityRank(failOn);
    const failing = report.findings.some(
      (f) =>
        f.status === 'FAIL' &&
        !f.suppressed &&
        severityRank(f.severity) >= threshold &&
        (!onlyNew || f.baseline === 'new'),
    );
    if (failing) return EXIT.FINDINGS;
  }
  return report.coverage.complete ? EXIT.OK : EXIT.INCOMPLETE;
}
