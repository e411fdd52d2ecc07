/**
 * The whole catalog on a real scan: the demo account (REST, HTTP and WebSocket APIs, custom
 * domains, WAF, usage plans, Lambda permissions, CloudTrail) seeded into moto, collected by the
 * real collector and evaluated by every check. Covers the checks whose data the per-family moto
 * tests could not seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { auditConfig } from '../../src/config/load.js';
import { evaluateSnapshot } from '../../src/engine/evaluate.js';
import type { Report } from '../../src/engine/types.js';
import { schemaValidator } from '../../src/util/json-file.js';
import { ACCOUNT, scanDemoAccount } from '../../scripts/demo-account.js';
import { startMoto, type MotoServer } from '../helpers/moto.js';

let moto: MotoServer;
let report: Report;

beforeAll(async () => {
  moto = await startMoto({ accountId: ACCOUNT });
  const snapshot = await scanDemoAccount(moto.endpoint);
  report = evaluateSnapshot(
    snapshot,
    ALL_CHECKS,
    auditConfig({ expectPrivate: { tags: { exposure: 'internal' } }, requiredTags: ['owner'] }),
    { now: new Date('2026-11-25T12:00:00Z') },
  );
}, 120_000);
afterAll(() => moto?.stop());

/** checkId -> resource name -> "STATUS severity". */
function results(checkId: string): Record<string, string> {
  return Object.fromEntries(
    report.findings
      .filter((f) => f.checkId === checkId)
      .map((f) => [f.resource.name, `${f.status} ${f.severity}`]),
  );
}

describe('the demo account, scanned from moto and evaluated by every check', () => {
  it('is complete, valid, and leaves no check in ERROR', () => {
    expect(report.collectionErrors).toEqual([]);
    expect(report.coverage.complete).toBe(true);
    expect(schemaValidator('report')(report)).toBe(true);
    expect(report.findings.filter((f) => f.status === 'ERROR')).toEqual([]);
  });

  it('HTTP and WebSocket routes: authorization where the protocol allows it', () => {
    expect(results('http-route-authorization')).toEqual({
      'mobile-bff GET /profile': 'PASS high',
      'mobile-bff POST /profile': 'PASS high',
      'mobile-bff GET /health': 'FAIL high',
    });
    // Only $connect can carry authorization: one result per WebSocket API.
    expect(results('websocket-connect-authorization')).toEqual({ 'live-quotes': 'FAIL high' });
    expect(results('jwt-authorizer-config')).toEqual({ 'mobile-bff/cognito-jwt': 'PASS high' });
    expect(results('cors-policy')['mobile-bff']).toBe('FAIL medium');
  });

  it('v2 stages: access logs, format, execution logging and throttling', () => {
    expect(results('v2-access-logging')).toEqual({
      'mobile-bff/$default': 'PASS medium',
      'live-quotes/production': 'FAIL medium',
    });
    expect(results('access-log-format')['mobile-bff/$default']).toBe('FAIL low');
    expect(results('websocket-execution-logging')).toEqual({
      'live-quotes/production': 'FAIL medium',
    });
    expect(results('stage-throttling')['mobile-bff/$default']).toBe('PASS low');
    expect(results('http-api-no-waf')).toEqual({ 'mobile-bff': 'MANUAL info' });
  });

  it('custom domains: TLS policy, certificate expiry and the default endpoint', () => {
    expect(results('domain-tls-policy')['api.northwind.example']).toBe('FAIL high');
    // TLS_1_2 on a domain serving an HTTP API: enhanced policies are not offered there.
    expect(results('domain-tls-policy')['mobile.northwind.example']).toBe('PASS high');
    // An imported certificate that expires in 12 days.
    expect(results('domain-certificate-expiry')['shop.northwind.example']).toBe('FAIL medium');
    expect(results('default-endpoint-disabled')['mobile-bff']).toBe('FAIL medium');
  });

  it('WAF: the payments ACL has managed rules, a rate rule and logging', () => {
    const acl = Object.entries(results('waf-acl-effective'));
    expect(acl).toEqual([['payments-acl', 'PASS medium']]);
    expect(Object.values(results('waf-logging'))).toEqual(['PASS low']);
    expect(results('rest-waf-attached')['payments-api/prod']).toBe('PASS medium');
    expect(results('rest-waf-attached')['internal-admin/prod']).toBe('FAIL low');
  });

  it('Lambda permissions: only the function scoped to its API passes', () => {
    expect(results('lambda-permission-source-arn')).toEqual({
      'payments-handler': 'PASS medium',
      'payments-authorizer': 'FAIL medium',
      'profile-handler': 'FAIL medium',
      'quotes-handler': 'FAIL medium',
    });
  });

  it('account level: CloudTrail covers only its home region; usage plans and keys', () => {
    expect(results('cloudtrail-coverage')).toEqual({
      [`${ACCOUNT}/us-east-1`]: 'PASS medium',
      [`${ACCOUNT}/eu-west-1`]: 'FAIL medium',
      [`${ACCOUNT}/ap-southeast-2`]: 'FAIL medium',
    });
    expect(results('account-cloudwatch-role')[`${ACCOUNT}/eu-west-1`]).toBe('PASS medium');
    expect(results('usage-plan-limits')).toEqual({ partners: 'FAIL low' });
    expect(results('api-key-hygiene')).toEqual({
      'acme-corp': 'PASS low',
      'old-partner-key': 'FAIL low',
    });
  });

  it('REST: exposure, authorization and secrets', () => {
    expect(results('rest-endpoint-type')['reporting-api']).toBe('FAIL high');
    expect(results('rest-endpoint-type')['internal-admin']).toBe('PASS high');
    expect(results('private-api-vpce-policy')).toEqual({ 'internal-admin': 'PASS high' });
    expect(results('resource-policy-public')['legacy-partner-api']).toBe('FAIL medium');
    expect(results('stage-variable-secrets')['payments-api/dev']).toBe('FAIL high');
    // moto drops identityValidationExpression, so the authorizer reads as validating nothing.
    expect(results('authorizer-token-validation')).toEqual({
      'payments-api/token-authorizer': 'FAIL low',
    });
  });

  it('REST: judged on what each stage and canary serves, not on the draft', () => {
    // The draft fixed reporting-api's open POST; prod was never redeployed.
    expect(results('rest-method-authorization')['reporting-api POST /reports']).toBe('FAIL low');
    // The export endpoint is only in the draft and the canary's deployment: the canary serves it.
    expect(results('rest-method-authorization')['payments-api GET /payments/export']).toBe(
      'FAIL high',
    );
    const exportFinding = report.findings.find(
      (f) =>
        f.checkId === 'rest-method-authorization' &&
        f.resource.name === 'payments-api GET /payments/export',
    )!;
    expect(exportFinding.message).toContain('on prod (canary)');
    expect(Object.keys(exportFinding.evidence.servedBy as object)).toEqual(['prod (canary)']);
    expect(results('rest-undeployed-changes')).toEqual({
      'payments-api/prod': 'FAIL low',
      'payments-api/dev': 'FAIL low',
      'legacy-partner-api/v1': 'PASS low',
      'internal-admin/prod': 'PASS low',
      'reporting-api/prod': 'FAIL low',
      'storefront-api/live': 'PASS low',
    });
    // The canary's stage variable overrides are judged, redacted like stage variables.
    expect(results('stage-variable-secrets')['payments-api/prod (canary)']).toBe('FAIL high');
    expect(JSON.stringify(report)).not.toContain('q8XvT3nLp0ZkR7wYc2HsJ9dFbM4gE6aU');
    const canaryRow = report.inventory.find(
      (r) => r.apiName === 'payments-api' && r.path === '/payments/export',
    )!;
    expect(canaryRow.served).toEqual([
      expect.objectContaining({ stage: 'prod', canary: true, percentTraffic: 10 }),
    ]);
  });
});
