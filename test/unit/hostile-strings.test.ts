/**
 * Hostile strings in every user-settable field, through the built CLI: `evaluate` writes every
 * format from a snapshot full of them, and `render` rewrites them from the report. Nothing
 * crashes; the terminal gets no control sequence; CSV neutralises formulas; XML stays
 * well-formed; Markdown and HTML carry them as text. (The HTML page in a browser:
 * test/browser/report-html.test.ts.)
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marked } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { parseCsv } from '../helpers/csv.js';
import { HOSTILE_STRINGS, TERMINAL_UNSAFE, hostileSnapshot } from '../helpers/hostile.js';

const dir = mkdtempSync(join(tmpdir(), 'apigw-audit-hostile-'));
const out = join(dir, 'out');
let evaluated: CliResult;
let rendered: CliResult;

const read = (name: string) => readFileSync(join(out, name), 'utf8');

beforeAll(async () => {
  const snapshotPath = join(dir, 'snapshot.json');
  writeFileSync(snapshotPath, JSON.stringify(hostileSnapshot()));
  evaluated = await runCli([
    'evaluate',
    snapshotPath,
    '--format',
    'all',
    '--out',
    out,
    '--fail-on',
    'none',
  ]);
  rendered = await runCli([
    'render',
    join(out, 'report.json'),
    '--format',
    'all',
    '--out',
    join(dir, 'rendered'),
  ]);
}, 120_000);

describe('hostile strings in every field', () => {
  it('in a path the user gives reach the terminal as one clean line', async () => {
    const evil = join(dir, 'out\u001b]0;owned\u0007\nline\u202Etwo');
    const r = await runCli([
      'evaluate',
      join(dir, 'snapshot.json'),
      '--out',
      evil,
      '--fail-on',
      'none',
    ]);
    expect(r.code).toBe(3);
    expect(TERMINAL_UNSAFE.test(r.stderr), JSON.stringify(r.stderr)).toBe(false);
    expect(r.stderr).toContain('out?]0;owned??line?two');
    const missing = await runCli(['evaluate', `${evil}/none.json`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(TERMINAL_UNSAFE.test(missing.stderr)).toBe(false);
  });

  it('crash nothing: evaluate and render finish, one note per line, no stack trace', () => {
    for (const r of [evaluated, rendered]) {
      expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
      expect(r.stdout).toBe('');
    }
    // Coverage is short (a failed call in the snapshot): 3; render: 0.
    expect(evaluated.code).toBe(3);
    expect(rendered.code).toBe(0);
  });

  it('reach the terminal without control, escape or bidirectional characters', () => {
    for (const r of [evaluated, rendered]) {
      expect(TERMINAL_UNSAFE.test(r.stderr), JSON.stringify(r.stderr)).toBe(false);
      expect(TERMINAL_UNSAFE.test(r.stdout)).toBe(false);
    }
  });

  it('are kept exactly in report.json (the data is faithful; escaping is each format\u2019s job)', () => {
    const report = JSON.parse(read('report.json'));
    const names = new Set(
      report.findings.map((f: { resource: { name: string } }) => f.resource.name),
    );
    for (const [key, value] of Object.entries(HOSTILE_STRINGS))
      expect(
        [...names].some((n) => String(n).includes(value)),
        key,
      ).toBe(true);
  });

  it('leave every JSON format parseable', () => {
    const files = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(json|sarif)$/.test(e.name))
      .map((e) => join(e.parentPath, e.name));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files) expect(() => JSON.parse(readFileSync(f, 'utf8')), f).not.toThrow();
    for (const line of read('report.ocsf.jsonl').trimEnd().split('\n'))
      expect(() => JSON.parse(line)).not.toThrow();
  });

  it('CSV: strict RFC 4180, and no cell a spreadsheet would run as a formula', () => {
    for (const name of ['report.csv', 'compliance.csv']) {
      const rows = parseCsv(read(name));
      expect(rows.length, name).toBeGreaterThan(1);
      for (const cell of rows.flat()) expect(cell, name).not.toMatch(/^[=+\-@\t\r]/);
    }
    const text = read('report.csv');
    expect(text).toContain(`'${HOSTILE_STRINGS.formula}`.replace(/"/g, '""'));
  });

  it('XML: only characters XML 1.0 allows, and no markup from the data', () => {
    const xml = read('report.junit.xml');
    // eslint-disable-next-line no-control-regex
    expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml)).toBe(false);
    expect(xml).not.toContain('<x/>');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<b>bold');
    const open = (xml.match(/<testcase\b/g) ?? []).length;
    const closed = (xml.match(/<\/testcase>|<testcase\b[^>]*\/>/g) ?? []).length;
    expect(open).toBeGreaterThan(0);
    expect(closed).toBe(open);
  });

  it('Markdown: no HTML, no link, no table cell broken by the data', async () => {
    const md = read('report.md');
    expect(TERMINAL_UNSAFE.test(md)).toBe(false);
    // As a Markdown renderer shows it (GitHub's is CommonMark + GFM, like marked's default).
    const html = await marked.parse(md);
    expect(html).not.toMatch(/<a\s[^>]*href="(?!#)/i);
    for (const raw of ['<script', '<img', '<b>', '</style>', '<x/>'])
      expect(html, raw).not.toContain(raw);
    // Each table row has as many cells as its header.
    const tables = md.split(/\n\n+/).filter((b) => b.startsWith('|'));
    expect(tables.length).toBeGreaterThan(0);
    for (const t of tables) {
      const cells = (row: string) => row.replace(/\\\|/g, '').split('|').length;
      const [header, ...rows] = t.trimEnd().split('\n');
      for (const row of rows) expect(cells(row!), row!.slice(0, 80)).toBe(cells(header!));
    }
  });

  it('HTML: the data cannot close the inline script or style element', () => {
    const html = read('report.html');
    expect(html).not.toContain('</script><script>window.__pwned');
    expect(html).not.toContain('</style></title>');
    expect(html).not.toContain('onerror="window.__pwned');
    // Only the page's own script and style elements are closed.
    expect((html.match(/<\/script>/gi) ?? []).length).toBe(
      (html.match(/<script\b/gi) ?? []).length,
    );
  });
});
