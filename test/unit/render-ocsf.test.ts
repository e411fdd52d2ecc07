import { describe, expect, it } from 'vitest';
import { OCSF_VERSION, renderOcsf, type OcsfDetectionFinding } from '../../src/render/ocsf.js';
import { handReport, sampleReports } from '../helpers/reports.js';

/*
 * No registry package ships the OCSF schema, so this is the part of OCSF 1.3.0 that a consumer
 * (Security Lake, a SIEM's OCSF parser) enforces, written from the schema's definitions:
 * events/base_event.json with its classification and occurrence traits, events/findings/
 * finding.json, events/findings/detection_finding.json, profiles/cloud.json, and the objects
 * they require (metadata, product, finding_info, cloud, remediation).
 */
const REQUIRED: Record<string, string[]> = {
  // base event (+ classification/occurrence traits)
  '': [
    'activity_id',
    'category_uid',
    'class_uid',
    'metadata',
    'severity_id',
    'time',
    'type_uid',
    // finding class
    'finding_info',
    // cloud profile
    'cloud',
  ],
  metadata: ['product', 'version'],
  'metadata.product': ['vendor_name', 'name', 'version'],
  finding_info: ['uid', 'title'],
  cloud: ['provider'],
  remediation: ['desc'],
};
/** Recommended attributes we promise to fill. */
const RECOMMENDED = [
  'activity_name',
  'category_name',
  'class_name',
  'type_name',
  'severity',
  'status',
  'status_id',
  'message',
  'resources',
];

const SEVERITY_CAPTION: Record<number, string> = {
  1: 'Informational',
  2: 'Low',
  3: 'Medium',
  4: 'High',
  5: 'Critical',
};
const STATUS_CAPTION: Record<number, string> = { 1: 'New', 3: 'Suppressed' };

function at(obj: unknown, path: string): unknown {
  return path ? path.split('.').reduce((o: any, k) => o?.[k], obj) : obj; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function problems(e: OcsfDetectionFinding): string[] {
  const out: string[] = [];
  for (const [path, keys] of Object.entries(REQUIRED)) {
    const o = at(e, path) as Record<string, unknown> | undefined;
    for (const k of keys) {
      const v = o?.[k];
      if (v === undefined || v === null || v === '')
        out.push(`missing ${path ? path + '.' : ''}${k}`);
    }
  }
  for (const k of RECOMMENDED)
    if ((e as unknown as Record<string, unknown>)[k] === undefined) out.push(`no ${k}`);
  if (e.class_uid !== 2004) out.push('class_uid');
  if (e.category_uid !== Math.floor(e.class_uid / 1000)) out.push('category_uid');
  if (e.type_uid !== e.class_uid * 100 + e.activity_id) out.push('type_uid');
  if (e.activity_id !== 1 || e.activity_name !== 'Create') out.push('activity');
  if (SEVERITY_CAPTION[e.severity_id] !== e.severity) out.push('severity caption');
  if (STATUS_CAPTION[e.status_id] !== e.status) out.push('status caption');
  if (!Number.isInteger(e.time) || e.time < 1e12) out.push('time is not epoch ms');
  if (!Array.isArray(e.metadata.profiles) || !e.metadata.profiles.includes('cloud')) {
    out.push('cloud profile not declared');
  }
  for (const r of e.resources) if (!r.uid && !r.name) out.push('resource without uid or name');
  return out;
}

describe('OCSF renderer', () => {
  it.each(sampleReports())('%s: every event has what OCSF 1.3.0 requires', (_name, report) => {
    const events = JSON.parse(renderOcsf(report)) as OcsfDetectionFinding[];
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(problems(e), e.finding_info.uid).toEqual([]);
  });

  it('one event per FAIL, MANUAL and ERROR finding, mapped field by field', () => {
    const report = handReport();
    const events = JSON.parse(renderOcsf(report)) as OcsfDetectionFinding[];
    const wanted = report.findings.filter((f) => f.status !== 'PASS');
    expect(events.map((e) => e.finding_info.uid)).toEqual(wanted.map((f) => f.id));
    const sev = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
    for (const [i, f] of wanted.entries()) {
      const e = events[i]!;
      expect(e.metadata.version).toBe(OCSF_VERSION);
      expect(e.metadata.product).toEqual({
        name: 'apigw-audit',
        vendor_name: 'apigw-audit',
        version: '0.1.0',
      });
      expect(e.time).toBe(Date.parse('2026-11-01T00:02:00.000Z'));
      expect(e.severity_id).toBe(sev[f.severity]);
      expect(e.status_code).toBe(f.status);
      expect(e.status_id).toBe(f.suppressed ? 3 : 1);
      if (f.suppressed) expect(e.status_detail).toBe(f.suppression!.reason);
      expect(e.cloud).toMatchObject({
        provider: 'AWS',
        region: f.resource.region,
        account: { uid: f.resource.accountId },
      });
      expect(e.resources).toEqual([
        expect.objectContaining({
          uid: f.resource.arn,
          name: f.resource.name,
          type: f.resource.type,
          region: f.resource.region,
        }),
      ]);
      expect(e.finding_info.title).toBe(f.title);
      expect(e.finding_info.analytic.uid).toBe(f.checkId);
      expect(e.remediation.desc).toContain(f.remediation.text);
      expect(e.unmapped).toMatchObject({ evidence: f.evidence, compliance: f.compliance });
    }
    const cn = events.find((e) => e.cloud.region === 'cn-north-1')!;
    expect(cn.resources[0]!.cloud_partition).toBe('aws-cn');
    expect(events[0]!.remediation.references).toEqual(['https://docs.aws.amazon.com/apigateway/']);
  });

  it('keeps hostile strings intact (JSON escaping is the only encoding)', () => {
    const report = handReport();
    const events = JSON.parse(renderOcsf(report)) as OcsfDetectionFinding[];
    expect(events[0]!.resources[0]!.name).toBe(report.findings[0]!.resource.name);
    expect(events[0]!.message).toBe(report.findings[0]!.message);
  });
});
