/**
 * `apigw-audit diff OLD NEW --format md`: a pull-request comment. Unchanged findings are only
 * counted: the comment is about what the change did. Every string from AWS goes through mdText.
 */
import { mdText } from '../render/markdown.js';
import type { ChangedFinding, Comparison, FindingRef } from './compare.js';

/** GitHub refuses comments over 65,536 characters: long lists are cut, with a count. */
export const DIFF_MD_MAX_ROWS = 100;

const cell = (f: {
  checkId: string;
  resource: { name: string; accountId: string; region: string };
}) => [
  mdText(f.checkId),
  mdText(f.resource.name),
  `${mdText(f.resource.accountId)} / ${mdText(f.resource.region)}`,
];

function table(head: string[], rows: string[][]): string[] {
  const shown = rows.slice(0, DIFF_MD_MAX_ROWS);
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...shown.map((r) => `| ${r.join(' | ')} |`),
    ...(rows.length > shown.length ? ['', `... and ${rows.length - shown.length} more`] : []),
  ];
}

const findingRow = (f: FindingRef) => [f.severity, f.status, ...cell(f)];
const changedRow = (c: ChangedFinding) => [
  ...cell(c),
  `${c.before.status} ${c.before.severity}`,
  c.after ? `${c.after.status} ${c.after.severity}` : 'not assessed',
];

export function diffMarkdown(c: Comparison): string {
  const out = [
    `### apigw-audit: ${c.new.length} new, ${c.resolved.length} resolved, ${c.changed.length} changed`,
    '',
    `${c.unchanged.length} finding(s) unchanged since the baseline.`,
  ];
  const section = (title: string, lines: string[]) => out.push('', `#### ${title}`, '', ...lines);
  if (c.new.length) {
    section(
      'New',
      table(['Severity', 'Status', 'Check', 'Resource', 'Account / region'], c.new.map(findingRow)),
    );
  }
  if (c.resolved.length) {
    section(
      'Resolved',
      table(
        ['Severity', 'Status', 'Check', 'Resource', 'Account / region', 'Why'],
        c.resolved.map((f) => [...findingRow(f), f.why]),
      ),
    );
  }
  if (c.changed.length) {
    section(
      'Changed',
      table(
        ['Check', 'Resource', 'Account / region', 'Before', 'After'],
        c.changed.map(changedRow),
      ),
    );
  }
  return out.join('\n') + '\n';
}
