/**
 * The report: what the checks concluded from a snapshot. Its JSON form is described by
 * schemas/report.schema.json; a change to these types is a schemaVersion bump.
 */
import type { Severity } from '../config/severity.js';
import type { CollectionError, CollectionStats } from '../snapshot/types.js';
import type { CheckMeta } from './check.js';

export const REPORT_SCHEMA_VERSION = '1.1.0';

export const STATUSES = ['PASS', 'FAIL', 'MANUAL', 'ERROR'] as const;
export type Status = (typeof STATUSES)[number];

// Re-exported because findings and the catalog are typed by it; the scale is the configuration's.
export { SEVERITIES, severityRank, type Severity } from '../config/severity.js';

export interface ResourceRef {
  arn: string;
  /** CloudFormation-style type, e.g. AWS::ApiGateway::Stage. */
  type: string;
  name: string;
  accountId: string;
  region: string;
}

export interface Reference {
  title: string;
  url: string;
}

/**
 * Check metadata as the report carries it (catalog entry): the check's own meta, plus what the
 * engine derives. `anchors` here also lists the check's FSBP controls (from compliance/fsbp.json).
 */
export type CheckInfo = CheckMeta & {
  docsPath: string;
  compliance: Record<string, string[]>;
};

export interface Suppression {
  reason: string;
  expires?: string;
  /** Which configured rule matched (its index in the config's suppressions list). */
  rule: number;
}

export interface Finding {
  /** Stable across runs: a hash of check id, account, region and resource ARN. */
  id: string;
  checkId: string;
  status: Status;
  severity: Severity;
  title: string;
  message: string;
  resource: ResourceRef;
  evidence: Record<string, unknown>;
  remediation: { text: string; cli: string };
  compliance: Record<string, string[]>;
  suppressed: boolean;
  suppression?: Suppression;
}

export interface InventoryRow {
  accountId: string;
  region: string;
  apiId: string;
  apiName: string;
  apiType: 'REST' | 'HTTP' | 'WEBSOCKET';
  endpointType: string;
  /** REST only. */
  method?: string;
  path?: string;
  resourceId?: string;
  /** v2 only. */
  routeKey?: string;
  routeId?: string;
  authorizationType: string;
  authorizerId?: string;
  authorizerType?: string;
  apiKeyRequired: boolean;
  integrationType?: string;
  integrationTarget?: string;
  stages: string[];
  invokeUrls: string[];
  webAclArns: string[];
  throttling: Array<{ stage: string; rateLimit?: number; burstLimit?: number; source: string }>;
  caching: Array<{ stage: string; enabled: boolean; ttlInSeconds?: number; encrypted?: boolean }>;
}

export interface Summary {
  total: number;
  byStatus: Record<Status, number>;
  /** Unsuppressed FAIL findings by severity. */
  failBySeverity: Record<Severity, number>;
  suppressed: number;
  /** Checks that applied to no resource in this snapshot. */
  notApplicable: string[];
  byCheck: Record<string, Record<Status, number>>;
}

export interface Coverage {
  /** True when every call succeeded. */
  complete: boolean;
  /** Share of results that are not ERROR, 0..100. */
  percent: number;
  errorResults: number;
  collectionErrors: number;
  /** Per account and region, what could not be read. */
  gaps: Array<{ accountId: string; region: string; slices: string[] }>;
}

export interface Report {
  schemaVersion: string;
  tool: { name: string; version: string };
  scan: {
    startedAt: string;
    finishedAt: string;
    evaluatedAt: string;
    accounts: string[];
    /** Account names where they could be read (Organizations, else the IAM account alias). */
    accountNames?: Record<string, string>;
    regions: string[];
    principal?: string;
    options: Record<string, unknown>;
  };
  summary: Summary;
  checks: Record<string, CheckInfo>;
  findings: Finding[];
  inventory: InventoryRow[];
  collectionErrors: CollectionError[];
  coverage: Coverage;
  stats?: CollectionStats;
}

/** Everything in a report but its two long lists. */
export type ReportHead = Omit<Report, 'findings' | 'inventory'>;

/**
 * A report whose long lists may be read from a file or produced as they are needed: each can be
 * iterated more than once, and nothing may assume they fit in memory. A Report is one.
 */
export interface ReportView extends ReportHead {
  findings: Iterable<Finding>;
  inventory: Iterable<InventoryRow>;
}
