import { describe, expect, it } from 'vitest';
import {
  BATCH_IMPORT_MAX,
  chunkFindings,
  renderAsff,
  type AsffFinding,
} from '../../src/render/asff.js';
import { handReport, sampleReports } from '../helpers/reports.js';

/*
 * What Security Hub's BatchImportFindings checks before it accepts a finding (AWS Security
 * Finding Format, "ASFF required attributes" and the per-attribute syntax limits).
 */
const REQUIRED: (keyof AsffFinding)[] = [
  'AwsAccountId',
  'CreatedAt',
  'Description',
  'GeneratorId',
  'Id',
  'ProductArn',
  'Resources',
  'SchemaVersion',
  'Severity',
  'Title',
  'Types',
  'UpdatedAt',
];
const TYPE_NAMESPACES = [
  'Software and Configuration Checks',
  'TTPs',
  'Effects',
  'Unusual Behaviors',
  'Sensitive Data Identifications',
];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function problems(f: AsffFinding): string[] {
  const out: string[] = [];
  for (const k of REQUIRED) if (f[k] === undefined || f[k] === '') out.push(`missing ${k}`);
  if (f.SchemaVersion !== '2018-10-08') out.push('SchemaVersion');
  if (f.Id.length > 512 || f.GeneratorId.length > 512) out.push('Id/GeneratorId > 512');
  if (!/^\d{12}$/.test(f.AwsAccountId)) out.push('AwsAccountId');
  const productArn = new RegExp(
    `^arn:aws(-cn|-us-gov)?:securityhub:${f.Region}:${f.AwsAccountId}:product/${f.AwsAccountId}/default$`,
  );
  if (!productArn.test(f.ProductArn)) out.push(`ProductArn ${f.ProductArn}`);
  if (!ISO.test(f.CreatedAt) || !ISO.test(f.UpdatedAt)) out.push('timestamps');
  if (f.Title.length > 256) out.push('Title > 256');
  if (f.Description.length > 1024 || f.Description.length === 0) out.push('Description');
  if (f.Remediation.Recommendation.Text.length > 512) out.push('Recommendation.Text > 512');
  if (f.Remediation.Recommendation.Url && !/^https:\/\//.test(f.Remediation.Recommendation.Url)) {
    out.push('Recommendation.Url');
  }
  if (f.Note && f.Note.Text.length > 512) out.push('Note.Text > 512');
  for (const t of f.Types) {
    const parts = t.split('/');
    if (parts.length > 3 || !TYPE_NAMESPACES.includes(parts[0]!)) out.push(`Types ${t}`);
  }
  if (!['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].includes(f.Severity.Label)) {
    out.push('Severity.Label');
  }
  if (f.Resources.length < 1 || f.Resources.length > 32) out.push('Resources count');
  for (const r of f.Resources) {
    if (!r.Type || !r.Id || r.Id.length > 512) out.push('Resource Type/Id');
    if (!['aws', 'aws-cn', 'aws-us-gov'].includes(r.Partition)) out.push('Resource Partition');
    for (const [k, v] of Object.entries(r.Details?.Other ?? {})) {
      if (typeof v !== 'string' || k.length > 128 || v.length > 1024) out.push(`Other.${k}`);
    }
  }
  const fields = Object.entries(f.ProductFields);
  if (fields.length > 50) out.push('ProductFields > 50');
  for (const [k, v] of fields) {
    if (typeof v !== 'string' || k.length > 128 || v.length > 2048) out.push(`ProductFields.${k}`);
  }
  if ((f.Compliance.RelatedRequirements?.length ?? 0) > 32) out.push('RelatedRequirements > 32');
  if (!['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'].includes(f.Workflow.Status)) {
    out.push('Workflow');
  }
  if (f.RecordState !== 'ACTIVE') out.push('RecordState');
  return out;
}

describe('ASFF renderer', () => {
  it.each(sampleReports())('%s: every finding is one BatchImportFindings accepts', (_n, report) => {
    const findings = JSON.parse(renderAsff(report)) as AsffFinding[];
    expect(findings).toHaveLength(report.findings.length);
    for (const f of findings) expect(problems(f), f.Id).toEqual([]);
    expect(new Set(findings.map((f) => f.Id)).size).toBe(findings.length);
  });

  it('maps status, severity, suppression, compliance and resource types', () => {
    const report = handReport();
    const findings = JSON.parse(renderAsff(report)) as AsffFinding[];
    for (const [i, src] of report.findings.entries()) {
      const f = findings[i]!;
      expect(f.Id).toBe(src.id);
      expect(f.GeneratorId).toBe(src.checkId);
      expect(f.Compliance.Status).toBe(
        { PASS: 'PASSED', FAIL: 'FAILED', MANUAL: 'WARNING', ERROR: 'NOT_AVAILABLE' }[src.status],
      );
      expect(f.Workflow.Status).toBe(src.suppressed ? 'SUPPRESSED' : 'NEW');
      expect(f.Severity.Original).toBe(src.severity);
      expect(f.ProductFields['apigw-audit/checkId']).toBe(src.checkId);
      expect(f.Resources[0]!.Id).toBe(src.resource.arn);
    }
    const [critical, , , pass, suppressed, , error, info, lambda] = findings;
    expect(critical!.Severity.Label).toBe('CRITICAL');
    expect(critical!.Compliance.RelatedRequirements).toEqual([
      'fsbp:APIGateway.1',
      'cis:4.1',
      'cis:4.2',
    ]);
    expect(critical!.Resources[0]!.Type).toBe('AwsApiGatewayStage');
    expect(pass!.Severity.Label).toBe('INFORMATIONAL');
    expect(suppressed!.Note!.Text).toContain('Suppressed: -2+3');
    expect(suppressed!.ProductFields['apigw-audit/suppressionReason']).toBe(
      report.findings[4]!.suppression!.reason,
    );
    expect(error!.ProductArn).toBe(
      'arn:aws-cn:securityhub:cn-north-1:777788889999:product/777788889999/default',
    );
    expect(error!.Resources[0]).toMatchObject({
      Type: 'AwsApiGatewayRestApi',
      Partition: 'aws-cn',
      Region: 'cn-north-1',
    });
    expect(info!.Severity.Label).toBe('INFORMATIONAL');
    expect(info!.Resources[0]!.Type).toBe('Other'); // AWS::ApiGateway::Method has no ASFF type
    expect(info!.Title).toHaveLength(256);
    expect(info!.Description).toHaveLength(1024);
    expect(lambda!.Resources[0]!.Type).toBe('AwsLambdaFunction');
    expect(lambda!.Remediation.Recommendation.Text).toHaveLength(512);
    expect(lambda!.Remediation.Recommendation.Url).toBeUndefined(); // check-b has no reference
  });

  it('chunks for BatchImportFindings: one account and region per call, at most 100', () => {
    const report = handReport();
    const base = report.findings[0]!;
    report.findings = Array.from({ length: 250 }, (_, i) => ({
      ...base,
      id: `bulk-${i}`,
      resource: { ...base.resource, region: i % 5 === 0 ? 'us-east-1' : 'eu-west-1' },
    }));
    const findings = JSON.parse(renderAsff(report)) as AsffFinding[];
    const chunks = chunkFindings(findings);
    expect(chunks.flat()).toHaveLength(250);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(BATCH_IMPORT_MAX);
      expect(new Set(c.map((f) => `${f.AwsAccountId}|${f.Region}`)).size).toBe(1);
    }
    expect(chunks.map((c) => c.length)).toEqual([50, 100, 100]);
  });
});
