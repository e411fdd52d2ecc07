/**
 * SARIF 2.1.0 (report.sarif): one run, one rule per check, one result per finding that needs
 * attention. The resources are cloud resources, not files: every result has a logical location
 * whose fullyQualifiedName is the resource ARN, and, because GitHub code scanning refuses a
 * result without one, a physical location too: a stable pseudo-path for the resource
 * (sarif-location.ts), relative to the uriBaseId AWS, at line 1.
 *
 * GitHub's upload limits (results per run, compressed size) are enforced by sarif-limits.ts:
 * past them the most severe results are kept and run.properties.omitted says what was dropped.
 *
 * What becomes a result (SARIF 2.1.0 §3.27.9 kind, §3.27.10 level):
 * - FAIL   -> kind "fail", level from the finding's severity (critical/high error,
 *             medium warning, low/info note).
 * - MANUAL -> kind "review": "the tool requires a human to review it".
 * - ERROR  -> kind "open": "the tool could not determine whether the result is a pass or a
 *             fail", which is exactly a check whose input data could not be collected. The
 *             spec requires level "none" for every kind other than "fail" (§3.27.10), so
 *             MANUAL and ERROR carry level "none" and say why in the message.
 * - PASS   -> omitted. SARIF consumers (code scanning dashboards) treat a rule without a
 *             result as passing, and a pass per resource would dwarf the findings; the passes
 *             stay in report.json, report.csv and report.junit.xml.
 * Suppressed findings keep their result and carry a suppression of kind "external" (the
 * suppression lives in the audit configuration, outside the analysed resource).
 */
import type {
  Log,
  Notification,
  ReportingDescriptor,
  Result,
  Run,
  ReportingConfiguration,
} from 'sarif';
import {
  SEVERITIES,
  severityRank,
  type CheckInfo,
  type Finding,
  type Report,
  type ReportView,
  type Severity,
} from '../engine/types.js';
import { jsonChunks } from './json-chunks.js';
import { TOOL_HOMEPAGE } from '../version.js';
import { accountAbout } from './common.js';
import { fitToLimits, GITHUB_LIMITS, type Omitted, type SarifLimits } from './sarif-limits.js';
import { AWS_URI_BASE_ID, resourcePath } from './sarif-location.js';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * GitHub code scanning reads `security-severity` (a number as a string) into its bands: above
 * 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low. There is no band for
 * informational findings (0.0 would be shown as "low" or refused), so info rules carry none and
 * GitHub shows them by their level, note.
 */
export const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: undefined,
};

function securitySeverity(severity: Severity): Record<string, string> {
  const value = SECURITY_SEVERITY[severity];
  return value ? { 'security-severity': value } : {};
}

type Level = ReportingConfiguration.level;

export function sarifLevel(severity: Severity): Level {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

/** "rest-execution-logging" -> "RestExecutionLogging" (SARIF rule names are identifier-like). */
function ruleName(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function helpMarkdown(c: CheckInfo): string {
  const refs = c.references.map((r) => `- [${r.title}](${r.url})`).join('\n');
  return [
    c.description,
    `**Risk.** ${c.risk}`,
    `**Remediation.** ${c.remediation.text}`,
    '```sh\n' + c.remediation.cli + '\n```',
    ...(refs ? [`**References**\n\n${refs}`] : []),
    `Documentation: \`${c.docsPath}\``,
  ].join('\n\n');
}

function rule(c: CheckInfo): ReportingDescriptor {
  const helpUri = c.references[0]?.url;
  return {
    id: c.id,
    name: ruleName(c.id),
    shortDescription: { text: c.title },
    fullDescription: { text: c.description },
    help: {
      text: `${c.description}\n\nRisk: ${c.risk}\n\nRemediation: ${c.remediation.text}\n\n${c.remediation.cli}`,
      markdown: helpMarkdown(c),
    },
    // The docs page is a path inside the package (not a URI), so it goes to properties and the
    // first reference, an absolute URL, is the helpUri.
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: sarifLevel(c.severity) },
    properties: {
      tags: ['security', 'aws', 'api-gateway', c.severity, c.resourceType],
      ...securitySeverity(c.severity),
      // The checks decide from the configuration read, not from heuristics.
      precision: 'high',
      problem: { severity: sarifLevel(c.severity) === 'note' ? 'recommendation' : 'warning' },
      docsPath: c.docsPath,
      anchors: c.anchors,
      compliance: c.compliance,
    },
  };
}

/** A rule for a finding whose check is missing from report.checks (should not happen). */
function bareRule(checkId: string, f: Finding): ReportingDescriptor {
  return {
    id: checkId,
    name: ruleName(checkId),
    shortDescription: { text: f.title },
    defaultConfiguration: { level: sarifLevel(f.severity) },
    properties: {
      tags: ['security', f.severity],
      ...securitySeverity(f.severity),
    },
  };
}

function result(report: Pick<Report, 'scan'>, f: Finding, ruleIndex: number): Result | undefined {
  const about = accountAbout(report, f.resource.accountId);
  let kind: Result.kind;
  let level: Level;
  let text: string;
  switch (f.status) {
    case 'PASS':
      return undefined;
    case 'FAIL':
      kind = 'fail';
      level = sarifLevel(f.severity);
      text = f.message;
      break;
    case 'MANUAL':
      kind = 'review';
      level = 'none';
      text = `Needs review: ${f.message}`;
      break;
    case 'ERROR':
      kind = 'open';
      level = 'none';
      text = `Could not be evaluated: ${f.message}`;
      break;
  }
  return {
    ruleId: f.checkId,
    ruleIndex,
    kind,
    level,
    message: { text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: resourcePath(f.resource), uriBaseId: AWS_URI_BASE_ID },
          region: { startLine: 1 },
        },
        logicalLocations: [
          { name: f.resource.name, fullyQualifiedName: f.resource.arn, kind: 'resource' },
        ],
      },
    ],
    // The finding id hashes check, account, region and ARN, so it is stable across runs. GitHub
    // would otherwise hash line 1 of a file that does not exist to make primaryLocationLineHash.
    partialFingerprints: { 'apigwAuditFindingId/v1': f.id, primaryLocationLineHash: f.id },
    ...(f.suppressed
      ? {
          suppressions: [
            {
              kind: 'external' as const,
              status: 'accepted' as const,
              justification: f.suppression?.reason ?? 'suppressed by configuration',
            },
          ],
        }
      : {}),
    properties: {
      findingId: f.id,
      status: f.status,
      severity: f.severity,
      accountId: f.resource.accountId,
      ...(about.name ? { accountName: about.name } : {}),
      ...(about.ouPath ? { ouPath: about.ouPath } : {}),
      region: f.resource.region,
      resourceType: f.resource.type,
      resourceArn: f.resource.arn,
      evidence: f.evidence,
      remediation: f.remediation,
      compliance: f.compliance,
      ...(f.suppression?.expires ? { suppressionExpires: f.suppression.expires } : {}),
    },
  };
}

/** Unsuppressed FAILs first, then everything else, each most severe first. */
function priority(f: Finding): number {
  const open = f.status === 'FAIL' && !f.suppressed ? 0 : 1;
  return open * 10 + (SEVERITIES.length - severityRank(f.severity));
}

/**
 * Two passes over the findings, so that only the results kept are ever built: the first ranks
 * every candidate by a few numbers, the second builds the results of the best-ranked ones.
 */
export function toSarif(report: ReportView, limits: SarifLimits = GITHUB_LIMITS): Log {
  const rules: ReportingDescriptor[] = Object.values(report.checks).map(rule);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const priorities: number[] = [];
  const rest: Array<{ severity: Severity; status: string }> = [];
  for (const f of report.findings) {
    if (!index.has(f.checkId)) index.set(f.checkId, rules.push(bareRule(f.checkId, f)) - 1);
    if (f.status === 'PASS') continue;
    priorities.push(priority(f));
    rest.push({ severity: f.severity, status: f.status });
  }
  // Candidates by rank (priority, then report order); the first `built` are made into results.
  const byRank = Int32Array.from(priorities.keys()).sort(
    (a, b) => priorities[a]! - priorities[b]! || a - b,
  );
  const built = Math.min(byRank.length, limits.maxResults);
  const rankOf = new Int32Array(byRank.length).fill(-1);
  for (let r = 0; r < built; r++) rankOf[byRank[r]!] = r;
  const ranked: Result[] = new Array<Result>(built);
  const orderOf = new Map<Result, number>();
  let order = 0;
  for (const f of report.findings) {
    if (f.status === 'PASS') continue;
    const r = rankOf[order]!;
    if (r >= 0) {
      const res = result(report, f, index.get(f.checkId)!)!;
      ranked[r] = res;
      orderOf.set(res, order);
    }
    order++;
  }
  const beyond = Array.from(byRank.subarray(built), (i) => rest[i]!);
  const notifications: Notification[] = report.collectionErrors.map((e) => ({
    level: 'warning',
    message: {
      text:
        `${e.service}:${e.operation} failed in ${e.accountId}/${e.region}` +
        (e.resourceId ? ` for ${e.resourceId}` : '') +
        `: ${e.errorCode}: ${e.message}`,
    },
    descriptor: { id: 'collection-error' },
    properties: { ...e },
  }));
  const build = (kept: Result[], omitted?: Omitted): Log => {
    // The kept results go out in report order, as when nothing is left out.
    const results = [...kept].sort((a, b) => orderOf.get(a)! - orderOf.get(b)!);
    return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run(results, omitted)] };
  };
  const run = (results: Result[], omitted?: Omitted): Run => ({
    tool: {
      driver: {
        name: report.tool.name,
        version: report.tool.version,
        ...(/^\d+\.\d+\.\d+/.test(report.tool.version)
          ? { semanticVersion: report.tool.version }
          : {}),
        ...(TOOL_HOMEPAGE ? { informationUri: TOOL_HOMEPAGE } : {}),
        rules,
      },
    },
    originalUriBaseIds: {
      [AWS_URI_BASE_ID]: {
        description: {
          text: 'AWS resources, as aws/<account>/<region>/<service>/<resource path from the ARN>',
        },
      },
    },
    invocations: [
      {
        // The tool ran to the end; missing data shows as notifications and "open" results.
        executionSuccessful: true,
        startTimeUtc: report.scan.startedAt,
        endTimeUtc: report.scan.finishedAt,
        toolExecutionNotifications: notifications,
      },
    ],
    results,
    properties: {
      reportSchemaVersion: report.schemaVersion,
      evaluatedAt: report.scan.evaluatedAt,
      accounts: report.scan.accounts,
      regions: report.scan.regions,
      coverage: report.coverage,
      summary: {
        byStatus: report.summary.byStatus,
        failBySeverity: report.summary.failBySeverity,
        suppressed: report.summary.suppressed,
      },
      ...(omitted ? { omitted } : {}),
    },
  });
  return fitToLimits(ranked, build, limits, beyond);
}

/** runs[0].results is written result by result. */
export function sarifChunks(report: ReportView): Iterable<string> {
  return jsonChunks(toSarif(report), 4);
}

export function renderSarif(report: Report): string {
  return [...sarifChunks(report)].join('');
}
