/**
 * The report: what the checks concluded from a snapshot. Its JSON form is described by
 * schemas/report.schema.json; a change to these types is a schemaVersion bump.
 */
import type { Severity } from '../config/severity.js';
import type { SuppressionRule } from '../config/types.js';
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
  /** Which configured rule matched (its index in its file's suppressions list). */
  rule: number;
  owner?: string;
  ticket?: string;
  /** The file the rule is in (--config or --suppressions); absent for rules given in code. */
  source?: string;
}

/** A suppression rule the report calls attention to (expired, or unused). */
export type SuppressionStatus = Omit<SuppressionRule, 'source' | 'index'> & {
  source: string;
  rule: number;
};

/** Where a finding stands against the baseline report (--baseline). */
export type BaselineMark = 'new' | 'changed' | 'unchanged';

export type ResolvedWhy = 'fixed' | 'resource deleted' | 'suppressed';

/** A finding as a baseline comparison names it. */
export type FindingRef = Pick<
  Finding,
  'id' | 'checkId' | 'status' | 'severity' | 'title' | 'resource'
>;

/** A finding open in the baseline that is not open now. */
export type ResolvedFinding = FindingRef & { why: ResolvedWhy };

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
  /** With --baseline, on open findings (FAIL, MANUAL) and on those that became ERROR. */
  baseline?: BaselineMark;
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
  /**
   * Each stage and canary that serves the method or route, with the authorization it serves
   * (REST: from the deployment; HTTP: the draft for auto-deploying stages, else the export).
   * Absent when what the stages serve was not collected; then every stage is taken to serve the
   * draft, and `authorizationType` and `apiKeyRequired` are the draft's.
   */
  served?: Array<{
    stage: string;
    /** The stage's canary, answering `percentTraffic` percent of its requests. */
    canary?: boolean;
    percentTraffic: number;
    deploymentId?: string;
    authorizationType: string;
    apiKeyRequired?: boolean;
  }>;
  /** False for a method or route a stage serves that the draft no longer has. */
  inDraft?: boolean;
  /** The draft's authorization, when some stage serves something else. */
  draft?: { authorizationType: string; apiKeyRequired?: boolean };
}

/** The counts of one account's findings. */
export interface AccountSummary {
  total: number;
  byStatus: Record<Status, number>;
  failBySeverity: Record<Severity, number>;
  suppressed: number;
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
  /** The same counts per account, for every scanned account (one with no finding too). */
  byAccount?: Record<string, AccountSummary>;
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
    /** With --org: each account's OU path ("Root/Workloads/Prod"). */
    ouPaths?: Record<string, string>;
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
  /** With --baseline: the report compared against. */
  baseline?: BaselineInfo;
  /** With --baseline: findings open in the baseline and no longer open. */
  resolved?: ResolvedFinding[];
  /** When suppression rules were given: those that expired or matched nothing. */
  suppressions?: { expired: SuppressionStatus[]; unused: SuppressionStatus[] };
}

export interface BaselineInfo {
  file: string;
  generatedAt: string;
  counts: { new: number; changed: number; unchanged: number; resolved: number };
  /** Open in the baseline, but their account or region was not scanned this time. */
  notAssessed: Array<Omit<ResolvedFinding, 'why'>>;
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
