/**
 * The fault-injection matrix, end to end: a varied account (the demo account's two richest
 * regions: REST, HTTP and WebSocket APIs, authorizers, domains with v1 and v2 mappings, usage
 * plans, WAF, Lambda permissions, a trail) seeded into moto and scanned through the AWS-quota
 * simulator, clean, then once per operation the scan makes with that operation answered
 * AccessDenied. For each faulted scan:
 * - no result that the clean scan lacks (same check, resource, status, severity), ERROR aside;
 * - no clean result lost without an ERROR of its check in its place;
 * - the operation named in collectionErrors, and the exit code 3.
 * And a scan under throttling, 5xx answers and dropped connections gives exactly the clean
 * scan's verdicts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { startSimulator, type SimulatorOptions } from '../../bench/simulator/server.js';
import { exitCodeFor } from '../../src/cli/exit-code.js';
import { createClientFactory } from '../../src/collect/clients.js';
import { Pacer, scaledPacing } from '../../src/collect/pacing.js';
import { collectSnapshot } from '../../src/collect/scan.js';
import { auditConfig } from '../../src/config/load.js';
import { evaluateSnapshot } from '../../src/engine/evaluate.js';
import type { Report } from '../../src/engine/types.js';
import { SCAN_OPERATIONS } from '../../src/snapshot/slices.js';
import { seedAccount } from '../../seed/index.js';
import { ACCOUNT, DEMO_ACCOUNT } from '../../scripts/demo-account.js';
import { startMoto, TEST_CREDENTIALS, type MotoServer } from '../helpers/moto.js';
import { resultKey, standsInFor, verdictOf } from '../helpers/verdicts.js';

const REGIONS = ['eu-west-1', 'us-east-1'];
const NOW = new Date('2026-11-25T12:00:00Z');
const CONFIG = auditConfig({
  expectPrivate: { tags: { exposure: 'internal' } },
  requiredTags: ['owner'],
});

/**
 * Operations of the slice table a scan of the caller's own account, in listed regions, never
 * makes, and why.
 */
const NOT_MADE: Record<string, string> = {
  'sts:AssumeRole': 'only with --role-arn or --org',
  'organizations:ListAccounts': 'only with --org',
  'organizations:ListRoots': 'only with --org',
  'organizations:ListAccountsForParent': 'only with --org',
  'organizations:ListOrganizationalUnitsForParent': 'only with --org',
  'account:ListRegions': 'only with --regions all',
  'ec2:DescribeRegions': 'only with --regions all, after ListRegions failed',
  'apigatewayv2:ExportApi':
    'only for an HTTP stage that does not auto-deploy; every HTTP stage of the demo does',
};

/**
 * Operations whose data no check of the catalog decides on in this account, so that denying
 * them leaves no ERROR (the collection error alone shows, with exit code 3).
 */
const DECIDES_NOTHING_HERE: Record<string, string> = {
  'iam:ListAccountAliases': 'the alias only names the account in reports',
  'apigateway:GetClientCertificates':
    'read only for a stage that names a client certificate; no stage here does',
  'apigateway:GetVpcLinks': 'VPC links feed the inventory, no check',
  'apigateway:GetDomainNameAccessAssociations':
    'access associations are listed for private domains; no check judges them',
  'apigatewayv2:GetVpcLinks': 'VPC links feed the inventory, no check',
};

let moto: MotoServer;
let clean: Scan;

interface Scan {
  report: Report;
  calls: Record<string, number>;
  faults: Record<string, number>;
  throttled: number;
}

async function scan(sim: Partial<SimulatorOptions>): Promise<Scan> {
  const s = await startSimulator({
    target: moto.endpoint,
    latencyMs: 2,
    fillMotoGaps: true,
    quotas: false,
    ...sim,
  });
  try {
    const clients = createClientFactory({
      endpointUrl: s.endpoint,
      credentials: TEST_CREDENTIALS,
    });
    const snap = await collectSnapshot({
      clients,
      regions: REGIONS,
      endpointUrl: s.endpoint,
      pacer: new Pacer(scaledPacing(20)),
    });
    const calls = Object.fromEntries(
      Object.entries(s.stats.byOperation).map(([op, st]) => [op, st.calls]),
    );
    return {
      report: evaluateSnapshot(snap, ALL_CHECKS, CONFIG, { now: NOW }),
      calls,
      faults: { ...s.stats.faults },
      throttled: s.stats.throttled,
    };
  } finally {
    await s.stop();
  }
}

const verdicts = (r: Report) => r.findings.map(verdictOf).sort();

beforeAll(async () => {
  moto = await startMoto({ accountId: ACCOUNT });
  const factory = createClientFactory({
    endpointUrl: moto.endpoint,
    credentials: TEST_CREDENTIALS,
    maxAttempts: 3,
  });
  const regions = Object.fromEntries(REGIONS.map((r) => [r, DEMO_ACCOUNT.regions[r]!]));
  await seedAccount(factory, { ...DEMO_ACCOUNT, regions });
  clean = await scan({});
}, 120_000);

afterAll(async () => {
  await moto?.stop();
});

describe('fault-injection matrix (demo account, two regions)', () => {
  it('the clean scan is complete and covers what the matrix needs', () => {
    expect(clean.report.collectionErrors).toEqual([]);
    expect(clean.report.coverage.complete).toBe(true);
    const kinds = new Set(clean.report.findings.map((f) => f.resource.type));
    for (const t of [
      'AWS::ApiGateway::RestApi',
      'AWS::ApiGatewayV2::Api',
      'AWS::ApiGateway::DomainName',
      'AWS::ApiGateway::UsagePlan',
      'AWS::WAFv2::WebACL',
      'AWS::Lambda::Function',
      'AWS::ApiGateway::Account',
    ]) {
      expect(kinds.has(t), t).toBe(true);
    }
    // Checks over each kind of data the account was seeded with have something to say.
    const judged = new Set(clean.report.findings.map((f) => f.checkId));
    for (const id of [
      'websocket-connect-authorization',
      'http-route-authorization',
      'authorizer-token-validation',
      'cloudtrail-coverage',
      'default-endpoint-disabled',
      'domain-tls-policy',
      'usage-plan-limits',
      'waf-logging',
      'lambda-permission-source-arn',
    ]) {
      expect(judged.has(id), id).toBe(true);
    }
  });

  it('the clean scan makes every operation of the slice table but the ones explained', () => {
    const made = SCAN_OPERATIONS.filter((op) => (clean.calls[op] ?? 0) > 0);
    expect(SCAN_OPERATIONS.filter((op) => !made.includes(op))).toEqual(Object.keys(NOT_MADE));
  });

  it('GetCallerIdentity denied: the scan stops with a credentials error (exit 2), not a partial report', async () => {
    await expect(
      scan({ faults: { accessDenied: [{ service: 'sts', operation: 'GetCallerIdentity' }] } }),
    ).rejects.toMatchObject({ name: 'CredentialsError' });
  });

  it('each operation denied in turn: ERROR in place of what it would have decided, nothing new', async () => {
    const cleanVerdicts = new Set(verdicts(clean.report));
    const problems: string[] = [];
    const faulted = SCAN_OPERATIONS.filter(
      (o) => !(o in NOT_MADE) && o !== 'sts:GetCallerIdentity',
    );
    const errorsByOp: Record<string, number> = {};
    for (const op of faulted) {
      const [service, operation] = op.split(':') as [string, string];
      const { report } = await scan({ faults: { accessDenied: [{ service, operation }] } });
      const at = (p: string) => problems.push(`${op}: ${p}`);
      if (!report.collectionErrors.some((e) => `${e.service}:${e.operation}` === op)) {
        at('not named in collectionErrors');
      }
      if (exitCodeFor(report, 'none') !== 3) at(`exit code ${exitCodeFor(report, 'none')}`);
      for (const f of report.findings) {
        if (f.status !== 'ERROR' && !cleanVerdicts.has(verdictOf(f))) at(`new ${verdictOf(f)}`);
      }
      const keys = new Set(report.findings.map(resultKey));
      const errors = report.findings.filter((f) => f.status === 'ERROR');
      errorsByOp[op] = errors.length;
      for (const lost of clean.report.findings.filter((f) => !keys.has(resultKey(f)))) {
        if (!errors.some((e) => standsInFor(e, lost))) at(`lost ${verdictOf(lost)} with no ERROR`);
      }
      // A result on the same resource that changed verdict is "new" above; one that became
      // ERROR must name a collection that failed.
      for (const e of errors) {
        if (!e.evidence.missing) at(`${verdictOf(e)} names no failed collection`);
      }
    }
    expect(problems).toEqual([]);
    // Every other denied operation decided something: its faulted scan has ERROR results.
    const silent = Object.keys(errorsByOp).filter((op) => errorsByOp[op] === 0);
    expect(silent.sort()).toEqual(Object.keys(DECIDES_NOTHING_HERE).sort());
  }, 240_000);

  it('throttling, 5xx answers and dropped connections give exactly the clean verdicts', async () => {
    const { report, faults, throttled } = await scan({
      quotas: { apigateway: { rate: 20, burst: 4 }, wafv2: { rate: 5, burst: 1 } },
      faults: { errorRate: 0.15, dropRate: 0.1, maxFaultedAttempts: 2 },
      seed: 7,
    });
    expect(throttled).toBeGreaterThan(0);
    expect((faults.error500 ?? 0) + (faults.error503 ?? 0)).toBeGreaterThan(0);
    expect(faults.drop ?? 0).toBeGreaterThan(0);
    expect(report.collectionErrors).toEqual([]);
    expect(verdicts(report)).toEqual(verdicts(clean.report));
  }, 120_000);
});
