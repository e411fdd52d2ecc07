/**
 * Logging, throttling, caching and stage variable checks against a real REST scan: moto is
 * seeded through the SDK, collectSnapshot reads it back, and the checks run on that snapshot.
 */
import { describe, expect, it } from 'vitest';
import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import type { Check } from '../../src/engine/check.js';
import cacheEncryption from '../../checks/cache-encryption.js';
import cacheInvalidationAuthorization from '../../checks/cache-invalidation-authorization.js';
import cacheKeyAuthorization from '../../checks/cache-key-authorization.js';
import dataTraceDisabled from '../../checks/data-trace-disabled.js';
import detailedMetrics from '../../checks/detailed-metrics.js';
import accessLogFormat from '../../checks/access-log-format.js';
import restAccessLogging from '../../checks/rest-access-logging.js';
import restXrayTracing from '../../checks/rest-xray-tracing.js';
import stageThrottling from '../../checks/stage-throttling.js';
import stageVariableSecrets from '../../checks/stage-variable-secrets.js';
import { collectSnapshot } from '../../src/collect/scan.js';
import { DEFAULT_CHECK_CONFIG } from '../../src/config/types.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { isMotoGap, useMoto } from '../helpers/moto.js';
import { seedMethod, seedRestApi, seedStage, setLogLevel } from '../helpers/seed.js';

const moto = useMoto();
const NOW = new Date('2026-11-25T12:00:00Z');
const LOG_GROUP = 'arn:aws:logs:eu-west-1:123456789012:log-group:orders-access';
const FORMAT =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp",' +
  '"method":"$context.httpMethod","status":"$context.status"}';
const PASSWORD = 'hunter2hunter2';

const replace = (path: string, value: string): PatchOperation => ({ op: 'replace', path, value });

/** Status by resource name, and the result itself for evidence checks. */
function run(check: Check, snap: Snapshot) {
  const results = check.run(snap, DEFAULT_CHECK_CONFIG, NOW);
  return {
    results,
    status: Object.fromEntries(results.map((r) => [r.resource.name, r.status])),
    of: (name: string) => results.find((r) => r.resource.name === name)!,
  };
}

async function seedAndScan(): Promise<Snapshot> {
  const eu = moto.clients('eu-west-1');
  const api = await seedRestApi(eu, 'orders');
  await seedMethod(eu, api, api.rootId, 'orders', 'GET', {
    authorizationType: 'AWS_IAM',
    integration: {
      type: 'HTTP_PROXY',
      uri: 'https://backend.example.com/orders',
      httpMethod: 'GET',
    },
  });
  // prod: logs everything, traces, throttles, caches GET /orders without encryption, and
  // keeps a password in a stage variable.
  await seedStage(eu, api, 'prod', [
    setLogLevel('INFO'),
    replace('/*/*/logging/dataTrace', 'true'),
    replace('/*/*/metrics/enabled', 'true'),
    replace('/*/*/throttling/rateLimit', '100'),
    replace('/tracingEnabled', 'true'),
    replace('/accessLogSettings/destinationArn', LOG_GROUP),
    replace('/accessLogSettings/format', FORMAT),
    replace('/cacheClusterEnabled', 'true'),
    replace('/~1orders/GET/caching/enabled', 'true'),
    replace('/~1orders/GET/caching/dataEncrypted', 'false'),
    replace('/~1orders/GET/caching/requireAuthorizationForCacheControl', 'false'),
    replace('/variables/dbPassword', PASSWORD),
  ]);
  // safe: stage-wide caching done right, metrics on, no data trace.
  await seedStage(eu, api, 'safe', [
    replace('/*/*/metrics/enabled', 'true'),
    replace('/*/*/logging/dataTrace', 'false'),
    replace('/cacheClusterEnabled', 'true'),
    replace('/*/*/caching/enabled', 'true'),
    replace('/*/*/caching/dataEncrypted', 'true'),
    replace('/*/*/caching/requireAuthorizationForCacheControl', 'true'),
    replace('/*/*/caching/unauthorizedCacheControlHeaderStrategy', 'FAIL_WITH_403'),
    replace('/variables/lambdaAlias', 'live'),
  ]);
  // dev: nothing configured.
  await seedStage(eu, api, 'dev');

  const snap = await collectSnapshot({ clients: moto.clients, regions: ['eu-west-1'] });
  expect(snap.collectionErrors.filter((e) => !isMotoGap(e))).toEqual([]);
  // The GetAccount, usage plan and v2 collectors are written separately: until the scan
  // collects them, stand in for what this account holds (no usage plan, no v2 API). Without
  // them the checks that read those slices say ERROR, never PASS.
  for (const r of snap.accounts[0]!.regions) {
    r.account ??= { throttleSettings: { rateLimit: 10000, burstLimit: 5000 } };
    r.usagePlans ??= [];
    r.v2Apis ??= [];
  }
  return snap;
}

describe('logging, throttling, caching and secrets checks on a real REST scan', () => {
  it('reads logging, tracing and metrics settings as moto returns them', async () => {
    const snap = await seedAndScan();

    const access = run(restAccessLogging, snap);
    expect(access.status).toEqual({
      'orders/prod': 'PASS',
      'orders/safe': 'FAIL',
      'orders/dev': 'FAIL',
    });
    expect(access.of('orders/prod').evidence['accessLogSettings.destinationArn']).toBe(LOG_GROUP);

    expect(run(accessLogFormat, snap).status).toEqual({ 'orders/prod': 'PASS' });

    const trace = run(dataTraceDisabled, snap);
    expect(trace.status).toEqual({
      'orders/prod': 'FAIL',
      'orders/safe': 'PASS',
      'orders/dev': 'PASS',
    });
    expect(trace.of('orders/prod').evidence.dataTraceEnabledOn).toEqual(['*/*']);

    expect(run(restXrayTracing, snap).status).toEqual({
      'orders/prod': 'PASS',
      'orders/safe': 'FAIL',
      'orders/dev': 'FAIL',
    });

    // prod's GET /orders caching override carries moto's (and AWS's) metricsEnabled false.
    const metrics = run(detailedMetrics, snap);
    expect(metrics.status).toEqual({
      'orders/prod': 'FAIL',
      'orders/safe': 'PASS',
      'orders/dev': 'FAIL',
    });
    expect(metrics.of('orders/prod').evidence.methodsWithMetricsOff).toEqual(['GET /orders']);
  });

  it('reads throttling and caching settings as moto returns them', async () => {
    const snap = await seedAndScan();

    const throttling = run(stageThrottling, snap);
    expect(throttling.status['orders/prod']).toBe('PASS');
    expect(throttling.of('orders/prod').evidence.effectiveLimits).toContainEqual({
      where: '*/*',
      rateLimit: 100,
      burstLimit: 2000, // moto's default for a patched entry
    });
    expect(throttling.status['orders/dev']).toBe('FAIL');
    // 'safe' gets moto's default 1000/2000 throttling on its "*/*" entry, which is below the
    // account limit, so it counts: the check keeps to the rule and is not asserted here.

    const encryption = run(cacheEncryption, snap);
    expect(encryption.status).toEqual({ 'orders/prod': 'FAIL', 'orders/safe': 'PASS' });
    expect(encryption.of('orders/prod').evidence.unencryptedCaching).toEqual(['GET /orders']);

    const invalidation = run(cacheInvalidationAuthorization, snap);
    // prod lets anyone flush GET /orders; safe requires authorization for cache control.
    expect(invalidation.status).toEqual({ 'orders/prod': 'FAIL', 'orders/safe': 'PASS' });
    expect(invalidation.of('orders/prod').evidence.openInvalidation).toEqual([
      {
        entry: 'GET /orders',
        requireAuthorizationForCacheControl: false,
        unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
      },
    ]);

    const cacheKey = run(cacheKeyAuthorization, snap);
    expect(cacheKey.status).toEqual({ 'orders GET /orders': 'FAIL' });
    expect(cacheKey.of('orders GET /orders').evidence).toMatchObject({
      authorizationType: 'AWS_IAM',
      cachedOnStages: ['prod (GET /orders)', 'safe (*/*)'],
      missingFromCacheKey: ['method.request.header.Authorization'],
    });
  });

  it('finds the secret stage variable and never reports its value', async () => {
    const snap = await seedAndScan();
    const secrets = run(stageVariableSecrets, snap);
    expect(secrets.status).toEqual({ 'orders/prod': 'FAIL', 'orders/safe': 'PASS' });
    expect(secrets.of('orders/prod').evidence.suspectVariables).toEqual([
      {
        name: 'dbPassword',
        value: `[redacted: ${PASSWORD.length} chars]`,
        reasons: ['the name suggests a secret'],
      },
    ]);
    expect(JSON.stringify(secrets.results)).not.toContain(PASSWORD);
    // Nor does the snapshot (written to snapshot.json by every scan) hold it.
    expect(JSON.stringify(snap)).not.toContain(PASSWORD);
  });
});
