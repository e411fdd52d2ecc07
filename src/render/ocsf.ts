/**
 * OCSF: Detection Finding events (class 2004, category 2 Findings), OCSF 1.3.0, with the cloud
 * profile, written twice: report.ocsf.json (one JSON array) and report.ocsf.jsonl (one event per
 * line, what data-lake loaders such as Athena, Glue, Security Lake ingestion and `jq -c` read).
 * One event per finding that needs attention: FAIL, MANUAL and ERROR, told apart by
 * `status_code`. PASS results are left out by default, because a Detection Finding reports
 * something detected; `ocsfIncludePass` adds them (status_code PASS) for teams that track
 * compliance state over time.
 *
 * cloud.account.name (which py-ocsf-models, the models Prowler's OCSF output is built on,
 * requires) is the account's name from report.scan.accountNames (Organizations or the IAM
 * account alias, as collected), else the account ID.
 *
 * Every event is activity 1 (Create) as of the evaluation: `time` is report.scan.evaluatedAt.
 * Lifecycle: status_id 1 New, or 3 Suppressed with the reason in status_detail.
 *
 * Detection Finding 1.3.0 has no `compliance` attribute (that belongs to Compliance Finding,
 * class 2003), and its evidence objects have no field for arbitrary data, so the check's
 * compliance mapping and the evidence it read go to `unmapped`, as the schema intends for data
 * without a place.
 */
import type { Finding, Report, ReportHead, ReportView, Severity } from '../engine/types.js';
import { jsonChunks, streamedArray } from './json-chunks.js';

import { epochMs, partitionOf } from './common.js';
import type { RenderOptions } from './options.js';

export const OCSF_VERSION = '1.3.0';
export const DETECTION_FINDING = { class_uid: 2004, category_uid: 2, activity_create: 1 } as const;

/** OCSF severity_id and its caption (base event `severity_id` enum). */
export const OCSF_SEVERITY: Record<Severity, { id: number; caption: string }> = {
  info: { id: 1, caption: 'Informational' },
  low: { id: 2, caption: 'Low' },
  medium: { id: 3, caption: 'Medium' },
  high: { id: 4, caption: 'High' },
  critical: { id: 5, caption: 'Critical' },
};

export interface OcsfDetectionFinding {
  activity_id: number;
  activity_name: string;
  category_uid: number;
  category_name: string;
  class_uid: number;
  class_name: string;
  type_uid: number;
  type_name: string;
  severity_id: number;
  severity: string;
  status_id: number;
  status: string;
  status_code: string;
  status_detail?: string;
  time: number;
  message: string;
  metadata: {
    version: string;
    profiles: string[];
    product: { name: string; vendor_name: string; version: string };
    uid: string;
    log_name: string;
  };
  finding_info: {
    uid: string;
    title: string;
    desc: string;
    types: string[];
    analytic: { uid: string; name: string; type_id: number; type: string };
  };
  cloud: {
    provider: string;
    region: string;
    account: { uid: string; name: string; type_id: number; type: string };
    /** With --org: the account's OU path (OCSF Organization, ou_name). */
    org?: { ou_name: string };
  };
  resources: Array<{
    uid: string;
    name: string;
    type: string;
    region: string;
    cloud_partition: string;
  }>;
  remediation: { desc: string; references: string[] };
  unmapped: Record<string, unknown>;
}

/** The account's name as collected; its ID when none could be read. */
export function accountName(report: ReportHead, accountId: string): string {
  return report.scan.accountNames?.[accountId] || accountId;
}

function event(report: ReportHead, f: Finding, logName: string): OcsfDetectionFinding {
  const sev = OCSF_SEVERITY[f.severity];
  const check = report.checks[f.checkId];
  const status = f.suppressed ? { id: 3, name: 'Suppressed' } : { id: 1, name: 'New' };
  return {
    activity_id: DETECTION_FINDING.activity_create,
    activity_name: 'Create',
    category_uid: DETECTION_FINDING.category_uid,
    category_name: 'Findings',
    class_uid: DETECTION_FINDING.class_uid,
    class_name: 'Detection Finding',
    type_uid: DETECTION_FINDING.class_uid * 100 + DETECTION_FINDING.activity_create,
    type_name: 'Detection Finding: Create',
    severity_id: sev.id,
    severity: sev.caption,
    status_id: status.id,
    status: status.name,
    status_code: f.status,
    ...(f.suppressed ? { status_detail: f.suppression?.reason ?? 'suppressed' } : {}),
    time: epochMs(report.scan.evaluatedAt),
    message: f.message,
    metadata: {
      version: OCSF_VERSION,
      profiles: ['cloud'],
      product: {
        name: report.tool.name,
        vendor_name: report.tool.name,
        version: report.tool.version,
      },
      uid: f.id,
      log_name: logName,
    },
    finding_info: {
      uid: f.id,
      title: f.title,
      desc: check ? `${check.description}\n\n${f.message}` : f.message,
      types: ['Software and Configuration Checks/AWS Security Best Practices'],
      analytic: { uid: f.checkId, name: f.checkId, type_id: 1, type: 'Rule' },
    },
    cloud: {
      provider: 'AWS',
      region: f.resource.region,
      account: {
        uid: f.resource.accountId,
        name: accountName(report, f.resource.accountId),
        type_id: 10,
        type: 'AWS Account',
      },
      ...(report.scan.ouPaths?.[f.resource.accountId]
        ? { org: { ou_name: report.scan.ouPaths[f.resource.accountId] } }
        : {}),
    },
    resources: [
      {
        uid: f.resource.arn,
        name: f.resource.name,
        type: f.resource.type,
        region: f.resource.region,
        cloud_partition: partitionOf(f.resource.arn),
      },
    ],
    remediation: {
      desc: `${f.remediation.text}\n\n${f.remediation.cli}`.trim(),
      references: check?.references.map((r) => r.url) ?? [],
    },
    unmapped: {
      check_id: f.checkId,
      compliance: f.compliance,
      evidence: f.evidence,
      remediation_cli: f.remediation.cli,
      ...(f.suppression ? { suppression: f.suppression } : {}),
    },
  };
}

export function toOcsf(
  report: Report,
  options: RenderOptions = {},
  logName = 'report.ocsf.json',
): OcsfDetectionFinding[] {
  return report.findings
    .filter((f) => options.ocsfIncludePass || f.status !== 'PASS')
    .map((f) => event(report, f, logName));
}

function* events(
  report: ReportView,
  options: RenderOptions,
  logName: string,
): Generator<OcsfDetectionFinding> {
  for (const f of report.findings)
    if (options.ocsfIncludePass || f.status !== 'PASS') yield event(report, f, logName);
}

/** report.ocsf.json: one JSON array of events, written event by event. */
export function ocsfChunks(report: ReportView, options: RenderOptions = {}): Iterable<string> {
  // Depth 1: each event is written as one piece.
  return jsonChunks(streamedArray(events(report, options, 'report.ocsf.json')), 1);
}

/**
 * JSON Lines: JSON.stringify never writes a raw line break (it escapes \n and \r), so each
 * event is exactly one line whatever the resource names hold.
 */
export function* ocsfLineChunks(
  report: ReportView,
  options: RenderOptions = {},
): Generator<string> {
  for (const e of events(report, options, 'report.ocsf.jsonl')) yield JSON.stringify(e) + '\n';
}

export function renderOcsf(report: Report, options: RenderOptions = {}): string {
  return [...ocsfChunks(report, options)].join('');
}

export function renderOcsfLines(report: Report, options: RenderOptions = {}): string {
  return [...ocsfLineChunks(report, options)].join('');
}
