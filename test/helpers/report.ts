/** Report builders for renderer tests: real engine output, and synthetic volume. */
import { ALL_CHECKS } from '../../checks/index.js';
import type { Check } from '../../src/engine/check.js';
import { auditConfig } from '../../src/config/load.js';
import type { SuppressionRule } from '../../src/config/types.js';
import { evaluateSnapshot, findingId } from '../../src/engine/evaluate.js';
import {
  SEVERITIES,
  type CheckInfo,
  type Finding,
  type InventoryRow,
  type Report,
  type Status,
} from '../../src/engine/types.js';
import type { Snapshot } from '../../src/snapshot/types.js';

export const NOW = new Date('2026-11-01T00:02:00.000Z');

/**
 * Renderer fixtures run one check (rest-execution-logging) by default, so that what a page test
 * counts does not change whenever the catalog grows; pass ALL_CHECKS to run the whole catalog.
 */
export function reportOf(
  snap: Snapshot,
  suppressions: SuppressionRule[] = [],
  checks: readonly Check[] = ALL_CHECKS.filter((c) => c.meta.id === 'rest-execution-logging'),
): Report {
  return evaluateSnapshot(snap, checks, auditConfig({ suppressions }), { now: NOW });
}

/**
 * A report with `count` findings spread over 10 checks, 5 accounts, 4 regions and every
 * status and severity (about 1 in 50 suppressed), plus one inventory row per API.
 */
export function volumeReport(base: Report, count: number): Report {
  const template = Object.values(base.checks)[0]!;
  const checks: Record<string, CheckInfo> = {};
  const ids = Array.from({ length: 10 }, (_, i) =>
    i === 0 ? template.id : `synthetic-check-${i}`,
  );
  ids.forEach((id, i) => {
    checks[id] = { ...template, id, title: `Synthetic check ${i}`, severity: SEVERITIES[i % 5]! };
  });
  const accounts = ['111111111111', '222222222222', '333333333333', '444444444444', '555555555555'];
  const regions = ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'sa-east-1'];
  const statuses: Status[] = ['FAIL', 'FAIL', 'PASS', 'PASS', 'PASS', 'MANUAL', 'ERROR'];
  const findings: Finding[] = [];
  const inventory: InventoryRow[] = [];
  for (let i = 0; i < count; i++) {
    const checkId = ids[i % ids.length]!;
    const accountId = accounts[i % accounts.length]!;
    const region = regions[(i >> 3) % regions.length]!;
    const apiId = `api${Math.floor(i / 20)}`;
    const stage = `stage${i % 20}`;
    const arn = `arn:aws:apigateway:${region}::/restapis/${apiId}/stages/${stage}`;
    const status = statuses[i % statuses.length]!;
    const suppressed = status === 'FAIL' && i % 50 === 0;
    findings.push({
      id: findingId(checkId, accountId, region, arn),
      checkId,
      status,
      severity: SEVERITIES[(i >> 2) % 5]!,
      title: checks[checkId]!.title,
      message: `Finding number ${i} on ${apiId}/${stage}`,
      resource: {
        arn,
        type: 'AWS::ApiGateway::Stage',
        name: `${apiId}/${stage}`,
        accountId,
        region,
      },
      evidence: { index: i, 'methodSettings["*/*"].loggingLevel': null, methods: ['GET /'] },
      remediation: template.remediation,
      compliance: template.compliance,
      suppressed,
      ...(suppressed
        ? { suppression: { reason: `accepted ${i}`, expires: '2030-01-01', rule: 0 } }
        : {}),
    });
    if (i % 20 === 0) {
      inventory.push({
        accountId,
        region,
        apiId,
        apiName: `api-${i / 20}`,
        apiType: 'REST',
        endpointType: 'REGIONAL',
        method: 'GET',
        path: '/',
        resourceId: 'root',
        authorizationType: i % 40 === 0 ? 'NONE' : 'AWS_IAM',
        apiKeyRequired: false,
        integrationType: 'AWS_PROXY',
        integrationTarget: `arn:aws:lambda:${region}:${accountId}:function:f${i}`,
        stages: ['prod'],
        invokeUrls: [`https://${apiId}.execute-api.${region}.amazonaws.com/prod/`],
        webAclArns: [],
        throttling: [],
        caching: [],
      });
    }
  }
  const byStatus = { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0 };
  const failBySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  const byCheck: Report['summary']['byCheck'] = {};
  let suppressedCount = 0;
  for (const f of findings) {
    (byCheck[f.checkId] ??= { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0 })[f.status]++;
    if (f.suppressed) {
      suppressedCount++;
      continue;
    }
    byStatus[f.status]++;
    if (f.status === 'FAIL') failBySeverity[f.severity]++;
  }
  return {
    ...base,
    scan: { ...base.scan, accounts, regions },
    summary: {
      total: findings.length,
      byStatus,
      failBySeverity,
      suppressed: suppressedCount,
      notApplicable: [],
      byCheck,
    },
    checks,
    findings,
    inventory,
  };
}
