/**
 * OCSF and ASFF as their consumers read them: py-ocsf-models with unknown fields forbidden, and
 * botocore's Security Hub model (the BatchImportFindings shapes), over the demo report, the
 * engine's report and the report with hostile names in every field.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/types.js';
import { asffBatchFiles, batchFileName, BATCH_IMPORT_MAX } from '../../src/render/asff.js';
import { renderOcsf, renderOcsfLines, toOcsf } from '../../src/render/ocsf.js';
import { consumerReports, handReport } from '../helpers/reports.js';
import { runValidator, runValidatorOn } from '../helpers/validators.js';

const named = (r: Report): Report => ({
  ...r,
  scan: {
    ...r.scan,
    accountNames: { '111122223333': 'acme-prod <"names">' },
    ouPaths: { ...r.scan.ouPaths, '111122223333': 'Root/Prod <"ou">' },
  },
});

describe('OCSF consumers (py-ocsf-models, extra fields forbidden)', () => {
  it.each(consumerReports())('%s: every event accepted, JSON and JSON Lines', (_n, report) => {
    for (const text of [renderOcsf(report), renderOcsfLines(report)]) {
      const r = runValidator('validate_ocsf.py', text);
      expect(r.summary.problems).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.summary['events']).toBe(report.findings.filter((f) => f.status !== 'PASS').length);
    }
  });

  it('with PASS events, and names where known (the account ID where not)', () => {
    const report = named(handReport());
    const r = runValidator('validate_ocsf.py', renderOcsfLines(report, { ocsfIncludePass: true }));
    expect(r.summary.problems).toEqual([]);
    expect(r.summary['events']).toBe(report.findings.length);
    expect((r.summary['statusCodes'] as Record<string, number>)['PASS']).toBe(
      report.findings.filter((f) => f.status === 'PASS').length,
    );
    expect(r.summary['accountNames']).toEqual(
      ['acme-prod <"names">', '444455556666', '777788889999'].sort(),
    );
    // The OU path of the accounts that have one (from --org), in the Organization object.
    const orgs = toOcsf(report).map((e) => [e.cloud.account.uid, e.cloud.org?.ou_name]);
    expect(new Set(orgs.map(([id, ou]) => `${id}:${ou ?? '-'}`))).toEqual(
      new Set([
        '111122223333:Root/Prod <"ou">',
        `444455556666:${report.scan.ouPaths!['444455556666']}`,
        `777788889999:${report.scan.ouPaths!['777788889999']}`,
      ]),
    );
  });

  it('JSON Lines: one event per line, whatever the names hold', () => {
    const report = handReport();
    const lines = renderOcsfLines(report).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(toOcsf(report).length);
    for (const l of lines) expect(JSON.parse(l).metadata.log_name).toBe('report.ocsf.jsonl');
  });

  it('the validator refuses an unknown field and a missing account name', () => {
    const events = toOcsf(handReport());
    const extra = structuredClone(events);
    (extra[0]!.cloud.account as unknown as Record<string, unknown>)['nickname'] = 'x';
    expect(runValidator('validate_ocsf.py', JSON.stringify(extra)).ok).toBe(false);
    const nameless = structuredClone(events);
    delete (nameless[0]!.cloud.account as { name?: string }).name;
    expect(runValidator('validate_ocsf.py', JSON.stringify(nameless)).ok).toBe(false);
  });
});

describe('ASFF consumers (botocore Security Hub model)', () => {
  it.each(consumerReports())(
    '%s: every batch is one valid BatchImportFindings call',
    (_n, report) => {
      const files = asffBatchFiles(named(report));
      const r = runValidatorOn('validate_asff.py', files);
      expect(r.summary.problems).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.summary['findings']).toBe(report.findings.length);
    },
  );

  it('batches: at most 100, one account and region each, numbered in the name', () => {
    const report = handReport();
    const template = report.findings[0]!;
    const many = Array.from({ length: 250 }, (_, i) => ({ ...template, id: `many${i}` }));
    const files = asffBatchFiles({ ...report, findings: [...many, ...report.findings] });
    const local = report.findings.filter(
      (f) => f.resource.accountId === '111122223333' && f.resource.region === 'eu-west-1',
    ).length;
    const parsed = files.map((f) => ({
      path: f.path,
      batch: JSON.parse(f.content) as Array<{ AwsAccountId: string; Region: string }>,
    }));
    for (const { batch } of parsed) expect(batch.length).toBeLessThanOrEqual(BATCH_IMPORT_MAX);
    const first = parsed.filter((p) => p.path.startsWith('asff/111122223333-eu-west-1-'));
    expect(first.map((p) => p.path)).toEqual([
      'asff/111122223333-eu-west-1-001.json',
      'asff/111122223333-eu-west-1-002.json',
      'asff/111122223333-eu-west-1-003.json',
    ]);
    expect(first.map((p) => p.batch.length)).toEqual([100, 100, 250 + local - 200]);
    expect(runValidatorOn('validate_asff.py', files).ok).toBe(true);
    expect(FindingProviderFieldsOf(files[0]!.content)).toEqual({
      Severity: { Label: 'CRITICAL', Original: 'critical' },
      Types: ['Software and Configuration Checks/AWS Security Best Practices'],
    });
  });

  it('a hostile account or region cannot leave the output folder', () => {
    expect(batchFileName('../../x', 'eu-west-1/../..', 1)).toBe(
      'asff/______x-eu-west-1______-001.json',
    );
  });

  it('the validator refuses a mixed batch, an unknown member and an oversized title', () => {
    const files = asffBatchFiles(handReport());
    const batch = JSON.parse(files[0]!.content) as Array<Record<string, unknown>>;
    const mixed = [...batch, { ...batch[0]!, Region: 'us-west-2' }];
    expect(
      runValidatorOn('validate_asff.py', [{ path: files[0]!.path, content: JSON.stringify(mixed) }])
        .ok,
    ).toBe(false);
    const unknown = [{ ...batch[0]!, Colour: 'red' }];
    expect(
      runValidatorOn('validate_asff.py', [
        { path: files[0]!.path, content: JSON.stringify(unknown) },
      ]).ok,
    ).toBe(false);
    const long = [{ ...batch[0]!, Title: 'T'.repeat(300) }];
    expect(
      runValidatorOn('validate_asff.py', [{ path: files[0]!.path, content: JSON.stringify(long) }])
        .ok,
    ).toBe(false);
  });
});

function FindingProviderFieldsOf(content: string): unknown {
  return (JSON.parse(content) as Array<{ FindingProviderFields: unknown }>)[0]!
    .FindingProviderFields;
}
