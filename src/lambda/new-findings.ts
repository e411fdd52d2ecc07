/**
 * What the scheduled audit alerts on: unsuppressed high or critical FAILs of this run that the
 * previous run did not have (by finding id, which is stable across runs). A first run has no
 * previous one, so all of its high and critical FAILs are new.
 *
 * This is the one question the state machine's Choice state asks; the general comparison of two
 * reports is `apigw-audit diff` (DESIGN.md), which this can defer to once it exists.
 */
import type { Finding, Report } from '../engine/types.js';

const ALERTING = new Set(['high', 'critical']);

const alerting = (f: Finding) => f.status === 'FAIL' && !f.suppressed && ALERTING.has(f.severity);

export function newHighOrCritical(current: Report, previous: Report | undefined): Finding[] {
  const before = new Set((previous?.findings ?? []).filter(alerting).map((f) => f.id));
  return current.findings.filter((f) => alerting(f) && !before.has(f.id));
}
