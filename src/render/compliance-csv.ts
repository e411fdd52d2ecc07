/**
 * compliance.csv: one row per framework control, for auditors. A control's status is the worst
 * outcome among the resources its checks evaluated; the counts are distinct resources by that
 * worst outcome. Same RFC 4180 quoting and formula defusing as report.csv.
 */
import type { ReportView } from '../engine/types.js';
import { controlRollups } from './controls.js';
import { csvCell } from './csv.js';

export const COMPLIANCE_CSV_COLUMNS = [
  'framework',
  'frameworkVersion',
  'controlId',
  'controlTitle',
  'status',
  'checks',
  'resources',
  'passed',
  'failed',
  'suppressed',
  'errored',
  'manual',
] as const;

export function renderComplianceCsv(report: ReportView): string {
  const rows = controlRollups(report).map((r) => [
    r.framework,
    r.frameworkVersion,
    r.controlId,
    r.title,
    r.status,
    r.checks.join(';'),
    String(r.resources),
    String(r.counts.passed),
    String(r.counts.failed),
    String(r.counts.suppressed),
    String(r.counts.errored),
    String(r.counts.manual),
  ]);
  return (
    [[...COMPLIANCE_CSV_COLUMNS], ...rows]
      .map((cells) => cells.map(csvCell).join(','))
      .join('\r\n') + '\r\n'
  );
}
