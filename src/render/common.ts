/** Small helpers shared by the machine-readable renderers. They read only the Report. */
import { severityRank, type Finding, type Report } from '../engine/types.js';

/** The partition of an ARN (`arn:aws-cn:...` -> `aws-cn`); `aws` when it cannot be read. */
export function partitionOf(arn: string): string {
  const m = /^arn:([a-z-]+):/.exec(arn);
  return m ? m[1]! : 'aws';
}

/**
 * Cuts `text` to at most `max` UTF-16 code units (the unit AWS and most JSON consumers count),
 * ending with an ellipsis when cut, and never splitting a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + '\u2026';
}

/** "fsbp:APIGateway.1;fsbp:APIGateway.9": the compliance mapping as one flat list. */
export function complianceList(compliance: Record<string, string[]>): string[] {
  return Object.entries(compliance).flatMap(([fw, controls]) => controls.map((c) => `${fw}:${c}`));
}

/** Most severe first, then by check id and resource name: a stable order for tables. */
export function bySeverity(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.checkId.localeCompare(b.checkId) ||
    a.resource.name.localeCompare(b.resource.name) ||
    a.resource.arn.localeCompare(b.resource.arn)
  );
}

/** evaluatedAt as epoch milliseconds (OCSF timestamps). */
export function epochMs(iso: string): number {
  return new Date(iso).getTime();
}

/** The account's name and OU path as the scan read them ('' where it read none). */
export function accountAbout(
  report: Pick<Report, 'scan'>,
  accountId: string,
): { name: string; ouPath: string } {
  return {
    name: report.scan.accountNames?.[accountId] ?? '',
    ouPath: report.scan.ouPaths?.[accountId] ?? '',
  };
}
