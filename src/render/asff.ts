/**
 * ASFF: AWS Security Finding Format, as Security Hub's BatchImportFindings takes it from a custom
 * integration (product ARN arn:<partition>:securityhub:<region>:<account>:product/<account>/default).
 *
 * Every finding is written, PASS included: a PASS re-imported under the same stable Id turns an
 * earlier FAILED finding into PASSED, which Security Hub then resolves. BatchImportFindings takes
 * at most 100 findings per call, all for the account and region of the endpoint called, so
 * `--format asff` writes import-ready batches: asff/<account>-<region>-<nnn>.json, each a JSON
 * array that `aws securityhub batch-import-findings --region <region> --findings file://...`
 * takes as it is (asffBatchFiles). `apigw-audit export security-hub` imports them itself.
 *
 * Severity and Types are also set in FindingProviderFields, as AWS asks of finding providers:
 * the top-level fields belong to the customer once imported (BatchUpdateFindings), and a
 * provider's later import updates only FindingProviderFields.
 *
 * Limits enforced here (ASFF syntax): Title 256, Description 1024, Recommendation.Text 512,
 * Note.Text 512, ProductFields at most 50 string pairs, RelatedRequirements at most 32.
 */
import type { Finding, Report, ReportHead, ReportView, Severity, Status } from '../engine/types.js';
import { complianceList, partitionOf, truncate } from './common.js';
import type { OutputFile, OutputStream } from './options.js';

export const ASFF_SCHEMA_VERSION = '2018-10-08';
export const BATCH_IMPORT_MAX = 100;
export const ASFF_TYPES = ['Software and Configuration Checks/AWS Security Best Practices'];

/** CloudFormation resource types -> ASFF Resources[].Type; anything else is "Other". */
export const ASFF_RESOURCE_TYPES: Record<string, string> = {
  'AWS::ApiGateway::RestApi': 'AwsApiGatewayRestApi',
  'AWS::ApiGateway::Stage': 'AwsApiGatewayStage',
  'AWS::ApiGatewayV2::Api': 'AwsApiGatewayV2Api',
  'AWS::ApiGatewayV2::Stage': 'AwsApiGatewayV2Stage',
  'AWS::WAFv2::WebACL': 'AwsWafv2WebAcl',
  'AWS::WAFRegional::WebACL': 'AwsWafRegionalWebAcl',
  'AWS::Lambda::Function': 'AwsLambdaFunction',
  'AWS::CloudTrail::Trail': 'AwsCloudTrailTrail',
  'AWS::CertificateManager::Certificate': 'AwsCertificateManagerCertificate',
};

const LABEL: Record<Severity, AsffFinding['Severity']['Label']> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  info: 'INFORMATIONAL',
};

const COMPLIANCE: Record<Status, AsffFinding['Compliance']['Status']> = {
  PASS: 'PASSED',
  FAIL: 'FAILED',
  MANUAL: 'WARNING',
  ERROR: 'NOT_AVAILABLE',
};

export interface AsffFinding {
  SchemaVersion: string;
  Id: string;
  ProductArn: string;
  ProductName: string;
  GeneratorId: string;
  AwsAccountId: string;
  AwsAccountName?: string;
  Region: string;
  Types: string[];
  CreatedAt: string;
  UpdatedAt: string;
  Severity: { Label: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL'; Original: string };
  Title: string;
  Description: string;
  Remediation: { Recommendation: { Text: string; Url?: string } };
  Resources: Array<{
    Type: string;
    Id: string;
    Partition: string;
    Region: string;
    Details?: { Other: Record<string, string> };
  }>;
  Compliance: {
    Status: 'PASSED' | 'FAILED' | 'WARNING' | 'NOT_AVAILABLE';
    RelatedRequirements?: string[];
  };
  Workflow: { Status: 'NEW' | 'SUPPRESSED' };
  RecordState: 'ACTIVE' | 'ARCHIVED';
  FindingProviderFields: {
    Severity: { Label: AsffFinding['Severity']['Label']; Original: string };
    Types: string[];
  };
  ProductFields: Record<string, string>;
  Note?: { Text: string; UpdatedBy: string; UpdatedAt: string };
}

export function asffResourceType(cfnType: string): string {
  return ASFF_RESOURCE_TYPES[cfnType] ?? 'Other';
}

function productFields(report: ReportHead, f: Finding): Record<string, string> {
  const fields: Record<string, string> = {
    ProviderName: report.tool.name,
    ProviderVersion: report.tool.version,
    'apigw-audit/checkId': f.checkId,
    'apigw-audit/findingId': f.id,
    'apigw-audit/status': f.status,
    'apigw-audit/severity': f.severity,
    'apigw-audit/resourceType': f.resource.type,
    'apigw-audit/resourceName': truncate(f.resource.name, 1024),
    'apigw-audit/remediationCli': truncate(f.remediation.cli, 1024),
    'apigw-audit/evidence': truncate(JSON.stringify(f.evidence), 2048),
  };
  const ouPath = report.scan.ouPaths?.[f.resource.accountId];
  if (ouPath) fields['apigw-audit/ouPath'] = truncate(ouPath, 1024);
  if (f.suppression) {
    fields['apigw-audit/suppressionReason'] = truncate(f.suppression.reason, 1024);
    if (f.suppression.expires) fields['apigw-audit/suppressionExpires'] = f.suppression.expires;
  }
  return fields;
}

function asff(report: ReportHead, f: Finding): AsffFinding {
  const { accountId, region, arn } = f.resource;
  const partition = partitionOf(arn);
  const at = report.scan.evaluatedAt;
  const url = report.checks[f.checkId]?.references[0]?.url;
  const requirements = complianceList(f.compliance)
    .map((r) => truncate(r, 256))
    .slice(0, 32);
  const type = asffResourceType(f.resource.type);
  // Security Hub's own controls label a passed check INFORMATIONAL; Original keeps ours.
  const severity = {
    Label: f.status === 'PASS' ? ('INFORMATIONAL' as const) : LABEL[f.severity],
    Original: f.severity,
  };
  const name = report.scan.accountNames?.[accountId];
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: f.id,
    ProductArn: `arn:${partition}:securityhub:${region}:${accountId}:product/${accountId}/default`,
    ProductName: report.tool.name,
    GeneratorId: f.checkId,
    AwsAccountId: accountId,
    ...(name ? { AwsAccountName: truncate(name, 50) } : {}),
    Region: region,
    Types: ASFF_TYPES,
    CreatedAt: at,
    UpdatedAt: at,
    Severity: severity,
    Title: truncate(f.title, 256),
    Description: truncate(f.message || f.title, 1024),
    Remediation: {
      Recommendation: {
        Text: truncate(f.remediation.text || f.title, 512),
        ...(url ? { Url: url } : {}),
      },
    },
    Resources: [
      {
        Type: type,
        Id: arn,
        Partition: partition,
        Region: region,
        Details: {
          Other: { name: truncate(f.resource.name, 1024), cloudFormationType: f.resource.type },
        },
      },
    ],
    Compliance: {
      Status: COMPLIANCE[f.status],
      ...(requirements.length ? { RelatedRequirements: requirements } : {}),
    },
    Workflow: { Status: f.suppressed ? 'SUPPRESSED' : 'NEW' },
    RecordState: 'ACTIVE',
    FindingProviderFields: { Severity: severity, Types: ASFF_TYPES },
    ProductFields: productFields(report, f),
    ...(f.suppression
      ? {
          Note: {
            Text: truncate(`Suppressed: ${f.suppression.reason}`, 512),
            UpdatedBy: report.tool.name,
            UpdatedAt: at,
          },
        }
      : {}),
  };
}

export function toAsff(report: Report): AsffFinding[] {
  return report.findings.map((f) => asff(report, f));
}

/** Splits findings into BatchImportFindings calls: same account and region, at most 100 each. */
export function chunkFindings(findings: AsffFinding[], size = BATCH_IMPORT_MAX): AsffFinding[][] {
  const groups = new Map<string, AsffFinding[]>();
  for (const f of findings) {
    const key = `${f.AwsAccountId}|${f.Region}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const chunks: AsffFinding[][] = [];
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += size) chunks.push(group.slice(i, i + size));
  }
  return chunks;
}

export function renderAsff(report: Report): string {
  return JSON.stringify(toAsff(report), null, 2) + '\n';
}

/** The names batchFileName gives, inside asff/. */
export const ASFF_BATCH_FILE = /^[A-Za-z0-9_-]+-\d{3}\.json$/;

/** "asff/111122223333-eu-west-1-001.json": the account, region and batch number, in the name. */
export function batchFileName(accountId: string, region: string, n: number): string {
  // The report may come from a file: nothing in it may climb out of --out.
  const safe = (s: string) => s.replace(/[^A-Za-z0-9-]/g, '_');
  return `asff/${safe(accountId)}-${safe(region)}-${String(n).padStart(3, '0')}.json`;
}

/** The import-ready batches, one file each, numbered per account and region from 001. */
export function asffBatchFiles(report: Report): OutputFile[] {
  const counters = new Map<string, number>();
  return chunkFindings(toAsff(report)).map((batch) => {
    const { AwsAccountId: account, Region: region } = batch[0]!;
    const key = `${account}|${region}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return {
      path: batchFileName(account, region, n),
      content: JSON.stringify(batch, null, 2) + '\n',
    };
  });
}

/**
 * The same batches as asffBatchFiles, each given out as soon as it is full: at most one
 * unfinished batch per account and region is held, whatever the number of findings.
 */
export function* asffBatchStreams(report: ReportView): Generator<OutputStream> {
  const groups = new Map<string, { index: number; batch: AsffFinding[]; n: number }>();
  const out = (g: { index: number; batch: AsffFinding[]; n: number }): OutputStream => {
    const { AwsAccountId: account, Region: region } = g.batch[0]!;
    const batch = g.batch;
    g.batch = [];
    g.n++;
    return {
      path: batchFileName(account, region, g.n),
      chunks: [JSON.stringify(batch, null, 2) + '\n'],
      // Listed group by group, in the order each group first appeared, as asffBatchFiles does.
      order: g.index * 1_000_000 + g.n,
    };
  };
  for (const f of report.findings) {
    const a = asff(report, f);
    const key = `${a.AwsAccountId}|${a.Region}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { index: groups.size, batch: [], n: 0 }));
    g.batch.push(a);
    if (g.batch.length === BATCH_IMPORT_MAX) yield out(g);
  }
  for (const g of groups.values()) if (g.batch.length) yield out(g);
}
