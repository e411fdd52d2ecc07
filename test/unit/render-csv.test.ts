import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, flattenNewlines, renderCsv } from '../../src/render/csv.js';
import { parseCsv } from '../helpers/csv.js';
import { HOSTILE, handReport, sampleReports } from '../helpers/reports.js';

describe('CSV renderer', () => {
  it.each(sampleReports())('%s: RFC 4180, one row per finding, every status', (_n, report) => {
    const rows = parseCsv(renderCsv(report));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(report.findings.length + 1);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    expect(rows.slice(1).map((r) => r[col('id')])).toEqual(report.findings.map((f) => f.id));
    expect(new Set(rows.slice(1).map((r) => r[col('status')]))).toEqual(
      new Set(report.findings.map((f) => f.status)),
    );
  });

  it('round-trips hostile strings, neutralising formulas only at the start of a cell', () => {
    const report = handReport();
    const rows = parseCsv(renderCsv(report));
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    for (const f of report.findings) {
      const r = byId.get(f.id)!;
      const name = r[col('resourceName')]!;
      if (/^[=+\-@\t\r]/.test(f.resource.name)) expect(name).toBe(`'${f.resource.name}`);
      else expect(name).toBe(f.resource.name);
      expect(r[col('message')]).toBe(f.message.replace(/^([=+\-@\t\r])/, "'$1"));
      expect(r[col('suppressed')]).toBe(String(f.suppressed));
      expect(JSON.parse(r[col('evidence')]!)).toEqual(f.evidence);
    }
    const first = byId.get(report.findings[0]!.id)!;
    expect(first[col('compliance')]).toBe('fsbp:APIGateway.1;cis:4.1;cis:4.2');
    const suppressed = byId.get(report.findings[4]!.id)!;
    expect(suppressed[col('suppressionReason')]).toBe(
      `'${report.findings[4]!.suppression!.reason}`,
    );
    // No cell of the file starts with a formula character.
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it.each(sampleReports())(
    '%s: --csv-flatten-newlines makes every record one line, text otherwise kept',
    (_n, report) => {
      const text = renderCsv(report, { csvFlattenNewlines: true });
      // What a line-based tool counts: every kind of line break, not only CRLF.
      const lines = text.split(/\r\n|[\r\n\u0085\u2028\u2029]/);
      expect(lines).toHaveLength(report.findings.length + 2); // header, rows, final empty
      const rows = parseCsv(text);
      const col = CSV_COLUMNS.indexOf('message');
      for (const [i, f] of report.findings.entries()) {
        const want = f.message.replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, ' ');
        expect(rows[i + 1]![col]).toBe(want.replace(/^([=+\-@\t\r])/, "'$1"));
      }
    },
  );

  it('without the option, embedded line breaks stay (quoted) and a record spans lines', () => {
    const report = handReport();
    expect(report.findings.some((f) => /\n/.test(f.message))).toBe(true);
    expect(renderCsv(report).split('\n').length).toBeGreaterThan(report.findings.length + 2);
    expect(flattenNewlines('a\r\nb\nc\rd\u2028e\u0085f')).toBe('a b c d e f');
  });

  it('csvCell', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell(HOSTILE.formula)).toBe(`'${HOSTILE.formula}`);
    expect(csvCell(HOSTILE.plus)).toBe(`"'+SUM(1,1)"`);
    expect(csvCell(HOSTILE.at)).toBe(`'@SUM(A1)`);
    expect(csvCell(HOSTILE.tab)).toBe(`'\tleading tab`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('')).toBe('');
  });
});
