/**
 * Every format names each account (its Organizations name or IAM alias) and, after --org, its
 * OU path, where the format has a place for them; readers of the older columns are not moved.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/types.js';
import { toAsff } from '../../src/render/asff.js';
import { CSV_COLUMNS, renderCsv } from '../../src/render/csv.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderOscal } from '../../src/render/oscal.js';
import { toSarif } from '../../src/render/sarif.js';
import { parseCsv } from '../helpers/csv.js';
import { handReport } from '../helpers/reports.js';

const OU = 'Root/Workloads/Payments';

function named(): Report {
  const r = handReport();
  return {
    ...r,
    scan: {
      ...r.scan,
      accountNames: { '111122223333': 'payments-prod' },
      ouPaths: { '111122223333': OU },
    },
    summary: {
      ...r.summary,
      byAccount: Object.fromEntries(
        r.scan.accounts.map((id) => [
          id,
          {
            total: 1,
            byStatus: { PASS: 0, FAIL: 1, MANUAL: 0, ERROR: 0 },
            failBySeverity: { critical: 0, high: 1, medium: 0, low: 0, info: 0 },
            suppressed: 0,
          },
        ]),
      ),
    },
  };
}

const ofAccount = (r: Report, id: string) => r.findings.filter((f) => f.resource.accountId === id);

describe('account names and OU paths in the formats', () => {
  it('CSV: accountName and ouPath, appended after the columns that were there', () => {
    expect(CSV_COLUMNS.slice(-2)).toEqual(['accountName', 'ouPath']);
    expect(CSV_COLUMNS.indexOf('accountId')).toBe(6);
    const report = named();
    const [header, ...rows] = parseCsv(renderCsv(report));
    expect(header).toEqual([...CSV_COLUMNS]);
    const acct = header!.indexOf('accountId');
    for (const row of rows) {
      const mine = row[acct] === '111122223333';
      expect(row.slice(-2)).toEqual(mine ? ['payments-prod', OU] : ['', '']);
    }
  });

  it('SARIF result properties, OSCAL inventory props, ASFF ProductFields', () => {
    const report = named();
    const results = toSarif(report).runs[0]!.results!;
    const mine = results.filter((r) => r.properties?.['accountId'] === '111122223333');
    // PASS results are not SARIF results; every other one of the account is.
    expect(mine.length).toBe(
      ofAccount(report, '111122223333').filter((f) => f.status !== 'PASS').length,
    );
    expect(mine.length).toBeGreaterThan(0);
    for (const r of mine) {
      expect(r.properties).toMatchObject({ accountName: 'payments-prod', ouPath: OU });
    }
    const oscal = renderOscal(report);
    expect(oscal).toContain('"name": "ou-path"');
    expect(oscal).toContain(`"value": "${OU}"`);
    const asff = toAsff(report).filter((f) => f.AwsAccountId === '111122223333');
    expect(asff.length).toBeGreaterThan(0);
    for (const f of asff) expect(f.ProductFields['apigw-audit/ouPath']).toBe(OU);
    expect(
      toAsff(report).filter(
        (f) => f.AwsAccountId !== '111122223333' && f.ProductFields['apigw-audit/ouPath'] === OU,
      ),
    ).toEqual([]);
  });

  it('Markdown: a table per account with its name, OU path and counts', () => {
    const md = renderMarkdown(named());
    expect(md).toContain('## By account');
    expect(md).toContain(`| 111122223333 | payments-prod | ${OU} | 0 | 1 | 0 | 0 | 0 | 0 |`);
  });
});
