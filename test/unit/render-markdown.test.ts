import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { MD_MAX_FINDINGS, mdText, renderMarkdown } from '../../src/render/markdown.js';
import { HOSTILE, engineReport, handReport, sampleReports } from '../helpers/reports.js';

// A real GFM renderer (tables included), as GitHub shows job summaries and PR comments.
const toHtml = (md: string) => marked.parse(md, { async: false, gfm: true });

/** Table rows of the section that starts with `## title`, as arrays of cell HTML. */
function tableAfter(html: string, title: string): string[][] {
  const start = html.indexOf(`<h2>${title}</h2>`);
  expect(start, `section ${title}`).toBeGreaterThan(-1);
  const table = html.slice(start).match(/<table>[\s\S]*?<\/table>/)![0];
  const body = table.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!),
  );
}

describe('Markdown renderer', () => {
  it.each(sampleReports())('%s: renders as GFM with no element from the data', (_n, report) => {
    const html = toHtml(renderMarkdown(report));
    // Only the elements the renderer itself writes.
    const tags = new Set([...html.matchAll(/<([a-z0-9]+)[\s>]/g)].map((m) => m[1]));
    for (const t of tags) {
      expect([
        'h1',
        'h2',
        'ul',
        'li',
        'p',
        'table',
        'thead',
        'tbody',
        'tr',
        'th',
        'td',
        'blockquote',
        'strong',
      ]).toContain(t);
    }
    const rows = tableAfter(html, 'Top findings');
    const fails = report.findings.filter((f) => f.status === 'FAIL' && !f.suppressed);
    expect(rows).toHaveLength(Math.min(fails.length, MD_MAX_FINDINGS));
    for (const r of rows) expect(r).toHaveLength(5);
  });

  it('lists the most severe unsuppressed FAIL findings first, with names intact', () => {
    const report = handReport();
    const rows = tableAfter(toHtml(renderMarkdown(report)), 'Top findings');
    expect(rows.map((r) => r[0])).toEqual(['critical', 'high', 'medium', 'low', 'info']);
    const unescape = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    expect(unescape(rows[0]![2]!)).toBe(HOSTILE.formula);
    expect(unescape(rows[1]![2]!)).toBe(HOSTILE.script);
    expect(unescape(rows[2]![2]!)).toBe(HOSTILE.markdown);
    expect(unescape(rows[2]![4]!)).toBe('line one line two line three');
    expect(rows.flat().join(' ')).not.toContain('suppressed'); // the suppressed FAIL is left out
  });

  it('shows counts, warns on incomplete coverage and lists collection errors', () => {
    const md = renderMarkdown(handReport());
    expect(md).toContain('| critical | 1 |');
    expect(md).toContain('| suppressed | 1 |');
    expect(md).toContain('**Warning: coverage is incomplete (88.88%).**');
    expect(md).toContain('777788889999/cn-north-1: restApis');
    const errors = tableAfter(toHtml(md), 'Collection errors');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toHaveLength(4);
    const complete = { ...handReport(), collectionErrors: [] };
    complete.coverage = { ...complete.coverage, complete: true, percent: 100, gaps: [] };
    const clean = renderMarkdown(complete);
    expect(clean).toContain('Coverage: 100%');
    expect(clean).not.toContain('Collection errors');
  });

  it(`caps the table at ${MD_MAX_FINDINGS} rows and says how many more`, () => {
    const report = handReport();
    const base = report.findings[0]!;
    report.findings = Array.from({ length: 73 }, (_, i) => ({ ...base, id: `x${i}` }));
    const md = renderMarkdown(report);
    expect(tableAfter(toHtml(md), 'Top findings')).toHaveLength(MD_MAX_FINDINGS);
    expect(md).toContain('…and 23 more');
  });

  it('engine report: the hostile API name stays text', () => {
    const html = toHtml(renderMarkdown(engineReport()));
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;/script&gt;');
  });

  it('mdText', () => {
    expect(mdText('a|b')).toBe('a\\|b');
    expect(mdText('<b>&')).toBe('&lt;b&gt;&amp;');
    expect(mdText('`x` *y* _z_ [l](u) @me #1 ~s~ \\')).toBe(
      '\\`x\\` \\*y\\* \\_z\\_ \\[l\\](u) \\@me \\#1 \\~s\\~ \\\\',
    );
    expect(mdText('a\r\nb\nc\u0000d\u001b')).toBe('a b cd');
    expect(mdText('invoice\u202Efdp.exe\u2066')).toBe('invoice&lt;U+202E&gt;fdp.exe&lt;U+2066&gt;');
    expect(mdText('see https://x.io and WWW.y.io')).toBe('see https:\\/\\/x.io and WWW\\.y.io');
    expect(toHtml(mdText('https://x.io www.y.io'))).not.toContain('<a');
  });
});
