/**
 * Markdown (report.md): a short summary for a CI job summary or a pull-request comment. Counts,
 * coverage, the most severe unsuppressed FAIL findings and the collection errors; the full
 * detail stays in the other formats.
 *
 * Every string that came from AWS or from the configuration goes through `mdText`: HTML
 * special characters become entities and Markdown punctuation is backslash-escaped, so a
 * resource name cannot close a table cell, start a link, autolink or code span, mention a
 * user, or inject HTML; control characters are dropped and bidirectional controls shown by
 * code point.
 */
import {
  SEVERITIES,
  STATUSES,
  type Finding,
  type ReportHead,
  type ReportView,
} from '../engine/types.js';
import { bySeverity, truncate } from './common.js';

export const MD_MAX_FINDINGS = 50;
export const MD_MAX_ERRORS = 20;

/** Escapes one inline piece of text (safe in a table cell). */
export function mdText(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
      // Bidirectional controls could make a name read as another ("invoice\u202Efdp.exe"):
      // shown by code point instead.
      .replace(
        /[\u202a-\u202e\u2066-\u2069]/g,
        (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase()}>`,
      )
      .replace(/\r\n|\r|\n/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_[\]#!|~@]/g, '\\$&')
      // No autolinks from data: break "scheme://" and "www." with escapes that render away.
      .replace(/:\/\//g, ':\\/\\/')
      .replace(/\b(www)\./gi, '$1\\.')
  );
}

function table(head: string[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function scope(report: ReportHead): string[] {
  const { accounts, regions, evaluatedAt, finishedAt } = report.scan;
  const list = (xs: string[]) => (xs.length ? xs.map(mdText).join(', ') : 'none');
  return [
    `- Accounts: ${list(accounts)}`,
    `- Regions: ${list(regions)}`,
    `- Scanned: ${mdText(finishedAt)}; evaluated: ${mdText(evaluatedAt)}`,
    `- Tool: ${mdText(report.tool.name)} ${mdText(report.tool.version)}`,
  ];
}

function counts(report: ReportHead): string[] {
  const s = report.summary;
  return [
    ...table(
      ['Severity', 'Unsuppressed FAIL'],
      SEVERITIES.map((sev) => [sev, String(s.failBySeverity[sev])]),
    ),
    '',
    ...table(
      ['Status', 'Results'],
      [...STATUSES.map((st) => [st, String(s.byStatus[st])]), ['suppressed', String(s.suppressed)]],
    ),
  ];
}

/** One row per account, when there are several: its name, OU path and counts. */
function perAccount(report: ReportHead): string[] {
  const byAccount = report.summary.byAccount;
  if (!byAccount || report.scan.accounts.length < 2) return [];
  const rows = report.scan.accounts.map((id) => {
    const a = byAccount[id];
    return [
      mdText(id),
      mdText(report.scan.accountNames?.[id] ?? ''),
      mdText(report.scan.ouPaths?.[id] ?? ''),
      ...SEVERITIES.map((sev) => String(a?.failBySeverity[sev] ?? 0)),
      String(a?.byStatus.PASS ?? 0),
      String(a?.byStatus.ERROR ?? 0),
    ];
  });
  return [
    '',
    '## By account',
    '',
    ...table(
      ['Account', 'Name', 'OU', ...SEVERITIES.map((s) => `FAIL ${s}`), 'PASS', 'ERROR'],
      rows,
    ),
  ];
}

function coverageLine(report: ReportHead): string[] {
  const c = report.coverage;
  if (c.complete) return [`Coverage: ${c.percent}% (every collection succeeded).`];
  const gaps = c.gaps.map(
    (g) => `${mdText(g.accountId)}/${mdText(g.region)}: ${g.slices.map(mdText).join(', ')}`,
  );
  return [
    `> **Warning: coverage is incomplete (${c.percent}%).** ${c.errorResults} result(s) could ` +
      `not be evaluated and ${c.collectionErrors} collection call(s) failed; the findings below ` +
      `are a lower bound.`,
    ...(gaps.length ? ['>', ...gaps.map((g) => `> - ${g}`)] : []),
  ];
}

/**
 * The `limit` first of `items` in `compare` order (ties in the order they came), holding no
 * more than that many however long `items` is.
 */
export function firstInOrder<T>(
  items: Iterable<T>,
  compare: (a: T, b: T) => number,
  limit: number,
): { first: T[]; total: number } {
  const first: T[] = [];
  let total = 0;
  for (const item of items) {
    total++;
    if (first.length === limit && compare(item, first[limit - 1]!) >= 0) continue;
    // After the last one that sorts before it or equal: a later item loses a tie.
    let lo = 0;
    let hi = first.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(item, first[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    first.splice(lo, 0, item);
    if (first.length > limit) first.pop();
  }
  return { first, total };
}

function* openFails(report: ReportView): Generator<Finding> {
  for (const f of report.findings) if (f.status === 'FAIL' && !f.suppressed) yield f;
}

function topFindings(report: ReportView): string[] {
  const { first: shown, total } = firstInOrder(openFails(report), bySeverity, MD_MAX_FINDINGS);
  if (total === 0) return ['No unsuppressed FAIL findings.'];
  const rows = shown.map((f: Finding) => [
    f.severity,
    mdText(f.checkId),
    mdText(f.resource.name),
    `${mdText(f.resource.accountId)} ${mdText(f.resource.region)}`,
    mdText(truncate(f.message, 300)),
  ]);
  const more = total - shown.length;
  return [
    ...table(['Severity', 'Check', 'Resource', 'Account / region', 'Finding'], rows),
    ...(more > 0 ? ['', `…and ${more} more (see report.json or report.csv).`] : []),
  ];
}

function collectionErrors(report: ReportHead): string[] {
  const errors = report.collectionErrors;
  if (errors.length === 0) return [];
  const shown = errors.slice(0, MD_MAX_ERRORS);
  const rows = shown.map((e) => [
    `${mdText(e.accountId)} ${mdText(e.region)}`,
    mdText(`${e.service}:${e.operation}`),
    mdText(e.resourceId ?? ''),
    mdText(`${e.errorCode}: ${e.message}`),
  ]);
  const more = errors.length - shown.length;
  return [
    '',
    '## Collection errors',
    '',
    ...table(['Account / region', 'Call', 'Resource', 'Error'], rows),
    ...(more > 0 ? ['', `…and ${more} more.`] : []),
  ];
}

export function renderMarkdown(report: ReportView): string {
  return [
    `# API Gateway security audit`,
    '',
    ...scope(report),
    '',
    ...coverageLine(report),
    '',
    '## Results',
    '',
    ...counts(report),
    ...perAccount(report),
    '',
    '## Top findings',
    '',
    ...topFindings(report),
    ...collectionErrors(report),
    '',
  ].join('\n');
}
