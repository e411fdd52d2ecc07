import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { defineCheck } from '../../checks/lib/define.js';
import { auditConfig } from '../../src/config/load.js';
import { evaluateSnapshot } from '../../src/engine/evaluate.js';
import { exitCodeFor } from '../../src/cli/exit-code.js';
import { schemaValidator } from '../../src/util/json-file.js';
import { CHECK_INFO_FIELDS } from '../../src/engine/check-info-schema.js';
import { packageRoot } from '../../src/paths.js';
import { collectionError, region, restApi, restStage, snapshot } from '../helpers/snapshot.js';
import base from '../../checks/rest-execution-logging.js';

const snap = () =>
  snapshot([
    region({
      restApis: [
        restApi({
          id: 'a1',
          name: 'orders',
          stages: [
            restStage({ stageName: 'prod' }),
            restStage({ stageName: 'dev', methodSettings: { '*/*': { loggingLevel: 'INFO' } } }),
          ],
        }),
      ],
    }),
  ]);

describe('evaluateSnapshot', () => {
  it('produces a report that validates against the shipped schema', () => {
    const report = evaluateSnapshot(snap(), ALL_CHECKS, auditConfig());
    const validate = schemaValidator('report');
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const own = report.findings.filter((f) => f.checkId === base.meta.id);
    expect(own.map((f) => f.status).sort()).toEqual(['FAIL', 'PASS']);
    expect(own.find((f) => f.status === 'FAIL')!.compliance).toMatchObject({
      fsbp: ['APIGateway.1'],
      'nist-800-53-r5': expect.arrayContaining(['AU-2', 'AU-12']),
    });
  });

  it('fills each catalog entry from the check meta, with FSBP anchors from compliance data', () => {
    const report = evaluateSnapshot(snap(), ALL_CHECKS, auditConfig());
    for (const c of ALL_CHECKS) {
      const info = report.checks[c.meta.id]!;
      expect(info).toMatchObject({ ...c.meta, anchors: expect.any(Array) });
      expect(info.family).toBe(c.meta.family);
      const fsbp = (info.compliance.fsbp ?? []).map((id) => `FSBP ${id}`);
      expect(info.anchors).toEqual([...fsbp, ...c.meta.anchors]);
    }
    expect(report.checks['rest-execution-logging']!.anchors).toEqual([
      'FSBP APIGateway.1',
      'Config api-gw-execution-logging-enabled',
    ]);
  });

  it('describes in the report schema exactly the fields a catalog entry has', () => {
    const report = evaluateSnapshot(snap(), ALL_CHECKS, auditConfig());
    const keys = new Set(Object.values(report.checks).flatMap((c) => Object.keys(c)));
    expect([...keys].sort()).toEqual(Object.keys(CHECK_INFO_FIELDS).sort());
  });

  it('still accepts a 1.0.0 report, whose catalog entries have no family', () => {
    const report = JSON.parse(JSON.stringify(evaluateSnapshot(snap(), ALL_CHECKS, auditConfig())));
    const validate = schemaValidator('report');
    report.schemaVersion = '1.0.0';
    for (const c of Object.values<Record<string, unknown>>(report.checks)) delete c.family;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    report.checks['rest-execution-logging'].family = 'hygiene';
    expect(validate(report)).toBe(false);
  });

  it('keeps the engine free of imports from checks/ (the CLI hands it the catalog)', () => {
    const dir = join(packageRoot, 'src', 'engine');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'|import\(\s*'([^']+)'/g)].map(
        (m) => m[1] ?? m[2],
      );
      expect(
        specifiers.filter((s) => /(^|\/)checks\//.test(s!)),
        f,
      ).toEqual([]);
    }
  });

  it('gives the same finding the same id across runs, and different resources different ids', () => {
    const a = evaluateSnapshot(snap(), ALL_CHECKS, auditConfig());
    const b = evaluateSnapshot(snap(), ALL_CHECKS, auditConfig(), { now: new Date('2030-01-01') });
    expect(a.findings.map((f) => f.id)).toEqual(b.findings.map((f) => f.id));
    expect(new Set(a.findings.map((f) => f.id)).size).toBe(a.findings.length);
  });

  it('turns a check that throws into one ERROR result and runs the others', () => {
    const broken = defineCheck({
      meta: { ...base.meta, id: 'broken-check' },
      evaluate() {
        throw new Error('boom');
      },
    });
    const report = evaluateSnapshot(snap(), [broken, ...ALL_CHECKS], auditConfig());
    const errs = report.findings.filter((f) => f.checkId === 'broken-check');
    expect(errs).toHaveLength(1);
    expect(errs[0]!.status).toBe('ERROR');
    expect(errs[0]!.message).toContain('boom');
    expect(report.findings.filter((f) => f.checkId === base.meta.id)).toHaveLength(2);
    expect(report.coverage.complete).toBe(false);
  });

  it('suppresses matching FAIL findings until the rule expires', () => {
    const config = auditConfig({
      suppressions: [
        {
          checkId: base.meta.id,
          resource: '*/stages/prod',
          reason: 'accepted by CISO',
          expires: '2027-01-01',
        },
      ],
    });
    const now = new Date('2026-12-01');
    const report = evaluateSnapshot(snap(), [base], config, { now });
    const fail = report.findings.find((f) => f.status === 'FAIL')!;
    expect(fail.suppressed).toBe(true);
    expect(fail.suppression).toMatchObject({ reason: 'accepted by CISO', rule: 0 });
    expect(report.summary.byStatus.FAIL).toBe(0);
    expect(exitCodeFor(report, 'medium')).toBe(0);
    const later = evaluateSnapshot(snap(), [base], config, { now: new Date('2027-02-01') });
    expect(later.findings.find((f) => f.status === 'FAIL')!.suppressed).toBe(false);
    expect(exitCodeFor(later, 'medium')).toBe(1);
  });

  it('exit code: 1 only at or above --fail-on, 3 when data is missing, 0 otherwise', () => {
    const report = evaluateSnapshot(snap(), ALL_CHECKS, auditConfig());
    expect(exitCodeFor(report, 'high')).toBe(0);
    expect(exitCodeFor(report, 'medium')).toBe(1);
    expect(exitCodeFor(report, 'none')).toBe(0);
    const partial = snapshot(
      [region({ restApis: [restApi({ id: 'a1', stages: undefined })] })],
      [collectionError({ slice: 'restApi.stages', resourceId: 'a1' })],
    );
    const r2 = evaluateSnapshot(partial, ALL_CHECKS, auditConfig());
    expect(r2.coverage.complete).toBe(false);
    expect(r2.coverage.gaps).toEqual([
      { accountId: '111122223333', region: 'eu-west-1', slices: ['restApi.stages'] },
    ]);
    expect(exitCodeFor(r2, 'high')).toBe(3);
  });

  it('an account with nothing to assess but a failed call: 100% decided, yet incomplete (exit 3)', () => {
    const empty = snapshot([region()], [collectionError({ slice: 'clientCertificates' })]);
    const report = evaluateSnapshot(empty, ALL_CHECKS, auditConfig());
    expect(report.findings.filter((f) => f.status === 'ERROR')).toEqual([]);
    expect(report.coverage).toMatchObject({ complete: false, percent: 100, collectionErrors: 1 });
    expect(exitCodeFor(report, 'high')).toBe(3);
  });
});
