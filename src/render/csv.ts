/**
 * CSV (report.csv): one row per finding, every status, for spreadsheets and ticket imports.
 * RFC 4180: a header row, CRLF line endings, fields holding a comma, a double quote, CR or LF
 * are quoted and their quotes doubled. Cells are also defused against spreadsheet formula
 * injection (OWASP "CSV Injection"): a cell that starts with =, +, -, @, a tab or a CR gets a
 * leading single quote, so `=cmd|' /C calc'!A0` from a resource name stays text.
 *
 * A quoted line break is valid CSV, but tools that count lines (wc -l, grep, split, line-based
 * loaders) see one record as several. `csvFlattenNewlines` writes every line break inside a cell
 * (CR, LF, CRLF, and the Unicode ones NEL, U+2028, U+2029 that splitlines-style readers honour)
 * as one space; report.json keeps the original text.
 */
import type { Finding, Report, ReportHead, ReportView } from '../engine/types.js';
import { accountAbout, complianceList } from './common.js';
import type { RenderOptions } from './options.js';

const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

export function flattenNewlines(value: string): string {
  return value.replace(LINE_BREAKS, ' ');
}

export const CSV_COLUMNS = [
  'id',
  'checkId',
  'status',
  'severity',
  'suppressed',
  'suppressionReason',
  'accountId',
  'region',
  'resourceType',
  'resourceName',
  'resourceArn',
  'title',
  'message',
  'remediationCli',
  'compliance',
  'evidence',
  // Last, so the columns above keep their positions for readers that count them.
  'accountName',
  'ouPath',
] as const;

/** Neutralises a leading formula character, then applies RFC 4180 quoting. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(report: ReportHead, f: Finding): string[] {
  const about = accountAbout(report, f.resource.accountId);
  return [
    f.id,
    f.checkId,
    f.status,
    f.severity,
    String(f.suppressed),
    f.suppression?.reason ?? '',
    f.resource.accountId,
    f.resource.region,
    f.resource.type,
    f.resource.name,
    f.resource.arn,
    f.title,
    f.message,
    f.remediation.cli,
    complianceList(f.compliance).join(';'),
    JSON.stringify(f.evidence),
    about.name,
    about.ouPath,
  ];
}

export function* csvChunks(report: ReportView, options: RenderOptions = {}): Generator<string> {
  const cell = options.csvFlattenNewlines ? (v: string) => csvCell(flattenNewlines(v)) : csvCell;
  yield CSV_COLUMNS.map(cell).join(',') + '\r\n';
  for (const f of report.findings) yield row(report, f).map(cell).join(',') + '\r\n';
}

export function renderCsv(report: Report, options: RenderOptions = {}): string {
  return [...csvChunks(report, options)].join('');
}
