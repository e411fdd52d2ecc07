/** `apigw-audit diff OLD NEW`: the comparison as text for a terminal or a job log. */
import { sanitizeForTerminal } from '../util/terminal.js';
import type { ChangedFinding, Comparison, FindingRef } from './compare.js';

// A line break in a name would forge a line of the listing.
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

const where = (f: { resource: { name: string; accountId: string; region: string } }) =>
  oneLine(`${f.resource.accountId}/${f.resource.region} ${f.resource.name}`);

const line = (f: FindingRef, tail = '') =>
  `  ${f.severity.padEnd(8)} ${f.status.padEnd(6)} ${f.checkId}  ${where(f)}${tail}`;

function change(c: ChangedFinding): string {
  const after = c.after
    ? `${c.after.status} ${c.after.severity}`
    : 'not assessed (account or region not read)';
  return `  ${c.checkId}  ${where(c)}: ${c.before.status} ${c.before.severity} -> ${after}`;
}

export function diffText(c: Comparison, oldName: string, newName: string): string {
  const out = [
    `${oldName} -> ${newName}: ${c.new.length} new, ${c.resolved.length} resolved, ` +
      `${c.changed.length} changed, ${c.unchanged.length} unchanged`,
  ];
  const section = (title: string, rows: string[]) => {
    if (rows.length) out.push('', `${title} (${rows.length})`, ...rows);
  };
  section(
    'New',
    c.new.map((f) => line(f)),
  );
  section(
    'Resolved',
    c.resolved.map((f) => line(f, `  (${f.why})`)),
  );
  section('Changed', c.changed.map(change));
  return out.map(sanitizeForTerminal).join('\n') + '\n';
}
