import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { renderSarif } from '../../src/render/sarif.js';
import { packageRoot } from '../../src/paths.js';
import { consumerReports, handReport, sampleReports } from '../helpers/reports.js';

// The official SARIF 2.1.0 schema is JSON Schema draft-04 (see test/fixtures/schemas/README.md).
// Both ship CommonJS: under NodeNext the default import is module.exports, whose .default is
// the class (ajv-draft-04) or function (ajv-formats).
const AjvDraft04 = ajvDraft04.default;
const addFormats = addFormatsModule as unknown as (ajv: InstanceType<typeof AjvDraft04>) => void;
// unicodeRegExp off: the schema's `language` pattern has a stray "]" that only the u flag rejects.
const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(
  JSON.parse(
    readFileSync(join(packageRoot, 'test/fixtures/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
  ),
);

// The OASIS standard's own schema, errata 01 (the one report.sarif's $schema names).
const validateErrata01 = ajv.compile(
  JSON.parse(
    readFileSync(
      join(packageRoot, 'test/fixtures/schemas/sarif-schema-2.1.0-errata01.json'),
      'utf8',
    ),
  ),
);

const parse = (text: string) => JSON.parse(text) as Log;

describe('SARIF renderer', () => {
  it.each(consumerReports())('%s validates against the SARIF 2.1.0 schemas', (_name, report) => {
    const log = parse(renderSarif(report));
    expect(validateSarif(log), ajv.errorsText(validateSarif.errors)).toBe(true);
    expect(validateErrata01(log), ajv.errorsText(validateErrata01.errors)).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
  });

  it('the schema check has teeth', () => {
    const log = parse(renderSarif(handReport()));
    log.runs[0]!.results![0]!.kind = 'failed' as never;
    expect(validateSarif(log)).toBe(false);
    expect(validateErrata01(log)).toBe(false);
  });

  it('has one rule per check with help, severity and precision', () => {
    const report = handReport();
    const run = parse(renderSarif(report)).runs[0]!;
    const rules = run.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(Object.keys(report.checks));
    const a = rules[0]!;
    expect(a.shortDescription?.text).toBe('Title of check-a');
    expect(a.fullDescription?.text).toBe('Description of check-a.');
    expect(a.help?.markdown).toContain('aws apigateway update-stage');
    expect(a.help?.markdown).toContain('Risk text.');
    expect(a.helpUri).toBe('https://docs.aws.amazon.com/apigateway/');
    expect(a.properties).toMatchObject({ 'security-severity': '8.0', precision: 'high' });
    expect(a.properties!.tags).toContain('high');
    expect(rules[1]!.helpUri).toBeUndefined(); // no reference: no URI to give
    expect(rules[2]!.properties!['security-severity']).toBe('3.0');
    expect(run.tool.driver).toMatchObject({ name: 'apigw-audit', version: '0.1.0' });
  });

  it('maps statuses to kind and level, omits PASS, and carries suppressions', () => {
    const report = handReport();
    const run = parse(renderSarif(report)).runs[0]!;
    const results = run.results!;
    expect(results).toHaveLength(report.findings.filter((f) => f.status !== 'PASS').length);
    const byId = new Map(results.map((r) => [r.partialFingerprints!['apigwAuditFindingId/v1'], r]));
    for (const f of report.findings) {
      const r = byId.get(f.id);
      if (f.status === 'PASS') {
        expect(r).toBeUndefined();
        continue;
      }
      expect(r!.ruleId).toBe(f.checkId);
      expect(run.tool.driver.rules![r!.ruleIndex!]!.id).toBe(f.checkId);
      const loc = r!.locations![0]!.logicalLocations![0]!;
      expect(loc).toEqual({
        name: f.resource.name,
        fullyQualifiedName: f.resource.arn,
        kind: 'resource',
      });
      expect(r!.properties).toMatchObject({
        accountId: f.resource.accountId,
        region: f.resource.region,
        evidence: f.evidence,
      });
      const expected = {
        FAIL: {
          kind: 'fail',
          level: { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' }[
            f.severity
          ],
        },
        MANUAL: { kind: 'review', level: 'none' },
        ERROR: { kind: 'open', level: 'none' },
      }[f.status];
      expect({ kind: r!.kind, level: r!.level }).toEqual(expected);
      if (f.suppressed) {
        expect(r!.suppressions).toEqual([
          { kind: 'external', status: 'accepted', justification: f.suppression!.reason },
        ]);
      } else {
        expect(r!.suppressions).toBeUndefined();
      }
    }
  });

  it('reports collection errors as tool execution notifications', () => {
    const run = parse(renderSarif(handReport())).runs[0]!;
    const notes = run.invocations![0]!.toolExecutionNotifications!;
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message.text).toContain('apigateway:GetRestApis failed in 777788889999');
  });

  it('engine report: fingerprints are the stable finding ids', () => {
    const [, report] = sampleReports()[0]!;
    const run = parse(renderSarif(report)).runs[0]!;
    const ids = run.results!.map((r) => r.partialFingerprints!['apigwAuditFindingId/v1']);
    expect(ids).toEqual(report.findings.filter((f) => f.status !== 'PASS').map((f) => f.id));
    expect(run.results!.some((r) => r.kind === 'open')).toBe(true); // the uncollected stages
    expect(run.results!.some((r) => r.suppressions)).toBe(true);
  });
});
