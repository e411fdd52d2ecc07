import { describe, expect, it } from 'vitest';
import { loadFrameworks } from '../../src/engine/compliance.js';
import type { Report } from '../../src/engine/types.js';
import { COMPLIANCE_CSV_COLUMNS, renderComplianceCsv } from '../../src/render/compliance-csv.js';
import { rendererFor } from '../../src/render/index.js';
import { parseCsv } from '../helpers/csv.js';
import { HOSTILE, engineReport, handReport } from '../helpers/reports.js';

type Column = (typeof COMPLIANCE_CSV_COLUMNS)[number];

function table(report: Report): Array<Record<Column, string>> {
  const [header, ...rows] = parseCsv(renderComplianceCsv(report));
  expect(header).toEqual([...COMPLIANCE_CSV_COLUMNS]);
  return rows.map((r) => {
    expect(r).toHaveLength(COMPLIANCE_CSV_COLUMNS.length);
    return Object.fromEntries(COMPLIANCE_CSV_COLUMNS.map((c, i) => [c, r[i]!])) as Record<
      Column,
      string
    >;
  });
}

const row = (rows: Array<Record<Column, string>>, framework: string, control: string) =>
  rows.find((r) => r.framework === framework && r.controlId === control)!;

describe('compliance.csv renderer', () => {
  it('is registered as compliance-csv, written to compliance.csv', () => {
    expect(rendererFor('compliance-csv')?.file).toBe('compliance.csv');
  });

  it('has one row per control of every shipped framework, in the mapping files’ order', () => {
    const rows = table(engineReport());
    const shipped = loadFrameworks().flatMap((f) =>
      f.controls.map((c) => `${f.framework}:${c.id}`),
    );
    expect(rows.map((r) => `${r.framework}:${r.controlId}`)).toEqual(shipped);
    const fsbp1 = row(rows, 'fsbp', 'APIGateway.1');
    expect(fsbp1.controlTitle).toBe(
      'API Gateway REST and WebSocket API execution logging should be enabled',
    );
    expect(fsbp1.checks).toBe('rest-execution-logging;websocket-execution-logging');
  });

  it('counts distinct resources by their worst outcome and derives the status from them', () => {
    const rows = table(handReport());
    // check-a: 3 FAIL, 1 PASS, 1 suppressed FAIL; check-c (also APIGateway.1) found nothing.
    expect(row(rows, 'fsbp', 'APIGateway.1')).toMatchObject({
      status: 'FAIL',
      checks: 'check-a;check-c',
      resources: '5',
      passed: '1',
      failed: '3',
      suppressed: '1',
      errored: '0',
      manual: '0',
    });
    // A framework only the report maps (cis) still gets its rows.
    expect(row(rows, 'cis', '4.2')).toMatchObject({ status: 'FAIL', resources: '5' });
    // No check of this report maps APIGateway.2.
    expect(row(rows, 'fsbp', 'APIGateway.2')).toMatchObject({
      status: 'NOT_ASSESSED',
      checks: '',
      resources: '0',
    });
  });

  it('ranks FAIL over ERROR over SUPPRESSED over MANUAL over PASS, and one resource counts once', () => {
    const base = handReport();
    const a = base.findings.filter((f) => f.checkId === 'check-a');
    const withStatuses = (statuses: Array<[string, boolean]>): Report => ({
      ...base,
      checks: { 'check-a': base.checks['check-a']! },
      findings: statuses.map(([status, suppressed], i) => ({
        ...a[0]!,
        id: `x${i}`,
        status: status as 'PASS',
        suppressed,
        resource: { ...a[0]!.resource, arn: `arn:aws:apigateway:eu-west-1::/restapis/r${i}` },
      })),
    });
    const status = (r: Report) => row(table(r), 'fsbp', 'APIGateway.1').status;
    expect(
      status(
        withStatuses([
          ['PASS', false],
          ['FAIL', false],
          ['ERROR', false],
        ]),
      ),
    ).toBe('FAIL');
    expect(
      status(
        withStatuses([
          ['PASS', false],
          ['ERROR', false],
          ['FAIL', true],
        ]),
      ),
    ).toBe('ERROR');
    expect(
      status(
        withStatuses([
          ['PASS', false],
          ['FAIL', true],
          ['MANUAL', false],
        ]),
      ),
    ).toBe('SUPPRESSED');
    expect(
      status(
        withStatuses([
          ['PASS', false],
          ['MANUAL', false],
        ]),
      ),
    ).toBe('MANUAL');
    expect(status(withStatuses([['PASS', false]]))).toBe('PASS');
    expect(status(withStatuses([]))).toBe('NOT_APPLICABLE');

    // The same resource passing one check and failing another is one failed resource.
    const same = withStatuses([
      ['PASS', false],
      ['FAIL', false],
    ]);
    same.findings[1]!.resource = same.findings[0]!.resource;
    expect(row(table(same), 'fsbp', 'APIGateway.1')).toMatchObject({
      resources: '1',
      passed: '0',
      failed: '1',
    });
  });

  it('neutralises formulas and quotes per RFC 4180 in titles from the mapping data', () => {
    const report = handReport();
    report.checks['check-a']!.compliance = { [HOSTILE.formula]: [HOSTILE.quotes] };
    const text = renderComplianceCsv(report);
    const rows = table(report);
    const hostile = rows.find((r) => r.controlId === HOSTILE.quotes)!;
    expect(hostile.framework).toBe(`'${HOSTILE.formula}`);
    for (const r of rows)
      for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(text.endsWith('\r\n')).toBe(true);
  });
});
