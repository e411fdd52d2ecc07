import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  APIGatewayClient,
  GetRestApisCommand,
  GetStagesCommand,
} from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenBucket, takeAll } from '../../bench/simulator/bucket.js';
import { identify, parseCredential, DEFAULT_ACCOUNT } from '../../bench/simulator/identify.js';
import {
  AWS_QUOTAS,
  laneSeconds,
  lanesOf,
  quotaBoundSeconds,
} from '../../bench/simulator/quotas.js';
import {
  attemptOf,
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../bench/simulator/server.js';

const auth = (region: string, service: string, key = 'AKIAEXAMPLE') =>
  `AWS4-HMAC-SHA256 Credential=${key}/20261125/${region}/${service}/aws4_request, ` +
  'SignedHeaders=host;x-amz-date, Signature=abc';

describe('TokenBucket', () => {
  it('answers a burst, then refills at the rate, never beyond the burst', () => {
    let now = 0;
    const b = new TokenBucket({ rate: 2.5, burst: 5 }, () => now);
    for (let i = 0; i < 5; i++) expect(b.tryTake()).toBe(true);
    expect(b.tryTake()).toBe(false);
    expect(b.waitMs()).toBeCloseTo(400);
    now = 399;
    expect(b.tryTake()).toBe(false);
    now = 400;
    expect(b.tryTake()).toBe(true);
    now = 60_000;
    expect(b.available()).toBe(5);
  });

  it('takes from all buckets or from none', () => {
    let now = 0;
    const total = new TokenBucket({ rate: 10, burst: 40 }, () => now);
    const lane = new TokenBucket({ rate: 2.5, burst: 1 }, () => now);
    expect(takeAll([total, lane])).toEqual({ ok: true });
    const refused = takeAll([total, lane]);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.waitMs).toBeCloseTo(400);
    expect(total.available()).toBe(39);
    now = 400;
    expect(takeAll([total, lane]).ok).toBe(true);
  });
});

describe('quotas', () => {
  it('puts GetResources in its own lane as well as the account total; v1 and v2 share it', () => {
    expect(lanesOf('apigateway', 'GetResources')).toEqual([
      'apigateway',
      'apigateway:GetResources',
    ]);
    expect(lanesOf('apigateway', 'GetStages')).toEqual(['apigateway']);
    expect(lanesOf('apigatewayv2', 'GetResources')).toEqual(['apigateway']);
    expect(lanesOf('wafv2', 'GetWebACLForResource')).toEqual(['wafv2:GetWebACLForResource']);
    expect(lanesOf('wafv2', 'GetWebACL')).toEqual(['wafv2']);
    expect(lanesOf('sts', 'GetCallerIdentity')).toEqual([]);
  });

  it('computes the quota-bound minimum: slowest lane per region, slowest region overall', () => {
    expect(laneSeconds(30, { rate: 10, burst: 40 })).toBe(0);
    expect(laneSeconds(105, { rate: 2.5, burst: 5 })).toBe(40);
    const bound = quotaBoundSeconds({
      'a|eu-west-1|apigateway': 340, // (340 - 40) / 10 = 30
      'a|eu-west-1|apigateway:GetResources': 80, // (80 - 5) / 2.5 = 30
      'a|us-east-1|apigateway': 100, // 6
      'a|us-east-1|wafv2:GetWebACLForResource': 51, // 50
    });
    expect(bound.seconds).toBe(50);
    expect(bound.byRegion['a|eu-west-1']!.seconds).toBe(30);
    expect(bound.byRegion['a|us-east-1']).toEqual({
      seconds: 50,
      lane: 'wafv2:GetWebACLForResource',
    });
    expect(AWS_QUOTAS.apigateway).toEqual({ rate: 10, burst: 40 });
  });
});

describe('identify', () => {
  const req = (method: string, url: string, headers: Record<string, string> = {}, body = '') => ({
    method,
    url,
    headers: { ...headers },
    body,
  });

  it('reads the SigV4 credential scope', () => {
    expect(parseCredential(auth('eu-west-1', 'apigateway', 'AKIA1'))).toEqual({
      accessKeyId: 'AKIA1',
      date: '20261125',
      region: 'eu-west-1',
      service: 'apigateway',
    });
    expect(parseCredential('Bearer x')).toBeUndefined();
  });

  it('names API Gateway v1 operations by method and path, per REST API', () => {
    const h = { authorization: auth('eu-west-1', 'apigateway') };
    expect(identify(req('GET', '/restapis?limit=500', h))).toEqual({
      accountId: DEFAULT_ACCOUNT,
      region: 'eu-west-1',
      service: 'apigateway',
      operation: 'GetRestApis',
      accessKeyId: 'AKIAEXAMPLE',
      scope: 'region',
    });
    expect(
      identify(req('GET', '/restapis/abc123/resources?embed=methods&limit=500', h)),
    ).toMatchObject({ operation: 'GetResources', scope: 'restApi', apiId: 'abc123' });
    expect(identify(req('GET', '/restapis/abc123/stages', h)).operation).toBe('GetStages');
    expect(
      identify(req('GET', '/restapis/a/resources/r1/methods/GET/integration', h)).operation,
    ).toBe('GetIntegration');
    expect(identify(req('GET', '/domainnames/api.example.com/basepathmappings', h)).operation).toBe(
      'GetBasePathMappings',
    );
    const tags = identify(
      req('GET', `/tags/${encodeURIComponent('arn:aws:apigateway:eu-west-1::/restapis/xyz')}`, h),
    );
    expect(tags).toMatchObject({ operation: 'GetTags', scope: 'restApi', apiId: 'xyz' });
    expect(identify(req('GET', '/restapis/a/unknownthings/b', h)).operation).toBe(
      'GET /restapis/{}/unknownthings/{}',
    );
  });

  it('tells API Gateway v2 apart by its /v2/ path (it signs as apigateway too)', () => {
    const h = { authorization: auth('us-east-1', 'apigateway') };
    expect(identify(req('GET', '/v2/apis', h))).toMatchObject({
      service: 'apigatewayv2',
      operation: 'GetApis',
      scope: 'region',
    });
    expect(identify(req('GET', '/v2/apis/q1w2/routes?maxResults=500', h))).toMatchObject({
      service: 'apigatewayv2',
      operation: 'GetRoutes',
      scope: 'v2Api',
      apiId: 'q1w2',
    });
    expect(identify(req('GET', '/v2/domainnames/x.example.com/apimappings', h)).operation).toBe(
      'GetApiMappings',
    );
  });

  it('names JSON 1.1 operations by X-Amz-Target and query ones by Action', () => {
    const waf = identify(
      req(
        'POST',
        '/',
        {
          authorization: auth('eu-west-1', 'wafv2'),
          'x-amz-target': 'AWSWAF_20190729.GetWebACLForResource',
        },
        JSON.stringify({ ResourceArn: 'arn:aws:apigateway:eu-west-1::/restapis/r9/stages/prod' }),
      ),
    );
    expect(waf).toMatchObject({
      service: 'wafv2',
      operation: 'GetWebACLForResource',
      scope: 'restApi',
      apiId: 'r9',
    });
    const sts = identify(
      req(
        'POST',
        '/',
        { authorization: auth('us-east-1', 'sts') },
        'Action=GetCallerIdentity&Version=2011-06-15',
      ),
    );
    expect(sts).toMatchObject({ service: 'sts', operation: 'GetCallerIdentity' });
    expect(
      identify(req('POST', '/listRegions', { authorization: auth('us-east-1', 'account') }))
        .operation,
    ).toBe('ListRegions');
  });

  it('takes the account from x-moto-account-id, then the access key, then the default', () => {
    const h = { authorization: auth('eu-west-1', 'apigateway', 'ASIAROLE') };
    const keys = (k: string) => (k === 'ASIAROLE' ? '111111111111' : undefined);
    expect(identify(req('GET', '/restapis', h)).accountId).toBe(DEFAULT_ACCOUNT);
    expect(identify(req('GET', '/restapis', h), keys).accountId).toBe('111111111111');
    expect(
      identify(req('GET', '/restapis', { ...h, 'x-moto-account-id': '222222222222' }), keys)
        .accountId,
    ).toBe('222222222222');
  });

  it('reads the attempt number the SDK sends', () => {
    expect(attemptOf('attempt=3; max=6')).toBe(3);
    expect(attemptOf(undefined)).toBe(1);
  });
});

describe('simulator answers, as the SDK sees them', () => {
  let upstream: Server;
  let upstreamUrl: string;
  const sims: Simulator[] = [];
  const creds = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' };

  beforeAll(async () => {
    // A stand-in for moto: empty lists, and an AssumeRole answer with a fresh access key.
    upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += String(d)));
      req.on('end', () => {
        if (body.includes('Action=AssumeRole')) {
          res.writeHead(200, { 'content-type': 'text/xml' });
          res.end(
            '<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAROLEKEY</AccessKeyId>' +
              '<SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>' +
              '<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult>' +
              '</AssumeRoleResponse>',
          );
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(req.url?.startsWith('/v2/') ? '{"items":[]}' : '{"item":[]}');
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sims) await s.stop();
    await new Promise((r) => upstream.close(r));
  });

  const sim = async (opts: Partial<SimulatorOptions>) => {
    const s = await startSimulator({ target: upstreamUrl, latencyMs: 0, ...opts });
    sims.push(s);
    return s;
  };
  const config = (endpoint: string, region = 'eu-west-1') => ({
    region,
    endpoint,
    credentials: creds,
    maxAttempts: 1,
  });
  const failure = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      return err as Error & {
        $metadata: { httpStatusCode?: number };
        $fault?: string;
        code?: string;
        retryAfterSeconds?: string;
      };
    }
    throw new Error('expected the call to fail');
  };

  it('throttles API Gateway (v1 and v2 together) with 429 TooManyRequestsException and Retry-After', async () => {
    const s = await sim({ quotas: { apigateway: { rate: 0.5, burst: 2 } } });
    const gw = new APIGatewayClient(config(s.endpoint));
    const v2 = new ApiGatewayV2Client(config(s.endpoint));
    await gw.send(new GetStagesCommand({ restApiId: 'a1' }));
    await v2.send(new GetApisCommand({}));
    const err = await failure(gw.send(new GetStagesCommand({ restApiId: 'a1' })));
    expect(err.name).toBe('TooManyRequestsException');
    expect(err.$metadata.httpStatusCode).toBe(429);
    expect(err.retryAfterSeconds).toBe('2');
    const err2 = await failure(v2.send(new GetApisCommand({})));
    expect(err2.name).toBe('TooManyRequestsException');
    // Another region has its own buckets.
    await new APIGatewayClient(config(s.endpoint, 'us-east-1')).send(new GetRestApisCommand({}));
    expect(s.stats.throttled).toBe(2);
    expect(s.stats.byOperation['apigateway:GetStages']).toEqual({
      calls: 2,
      accepted: 1,
      throttled: 1,
      faults: 0,
    });
    expect(s.stats.acceptedByLane).toEqual({
      '123456789012|eu-west-1|apigateway': 2,
      '123456789012|us-east-1|apigateway': 1,
    });
    expect(s.stats.acceptedByScope).toEqual({ restApi: 1, v2Api: 0, region: 2 });
  });

  it('throttles WAFv2 with 400 ThrottlingException, which the SDK classes as throttling', async () => {
    const s = await sim({});
    const waf = new WAFV2Client(config(s.endpoint));
    const input = { ResourceArn: 'arn:aws:apigateway:eu-west-1::/restapis/a/stages/prod' };
    await waf.send(new GetWebACLForResourceCommand(input));
    const err = await failure(waf.send(new GetWebACLForResourceCommand(input)));
    expect(err.name).toBe('ThrottlingException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toBe('Rate exceeded');
  });

  it('answers AccessDeniedException (403) and moto-style unsupported operations (HTML 404)', async () => {
    const s = await sim({
      faults: {
        accessDenied: [{ operation: 'GetStages', region: 'eu-west-1' }],
        unsupported: [{ service: 'apigateway', operation: 'GetRestApis' }],
      },
    });
    const gw = new APIGatewayClient(config(s.endpoint));
    const denied = await failure(gw.send(new GetStagesCommand({ restApiId: 'a1' })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.$metadata.httpStatusCode).toBe(403);
    expect(denied.message).toMatch(/not authorized to perform: apigateway:GET/);
    const unsupported = await failure(gw.send(new GetRestApisCommand({})));
    expect(unsupported.name).toBe('SyntaxError');
    expect(unsupported.$metadata.httpStatusCode).toBe(404);
    // Other regions are not denied.
    await new APIGatewayClient(config(s.endpoint, 'us-east-1')).send(
      new GetStagesCommand({ restApiId: 'a1' }),
    );
    expect(s.stats.faults).toEqual({ accessDenied: 1, unsupported: 1 });
  });

  it('injects 5xx answers and dropped connections, only on the first N attempts', async () => {
    const s = await sim({ quotas: false, faults: { errorRate: 1, maxFaultedAttempts: 1 } });
    const gw = new APIGatewayClient(config(s.endpoint));
    const err = await failure(gw.send(new GetRestApisCommand({})));
    expect([500, 503]).toContain(err.$metadata.httpStatusCode);
    expect(err.$fault).toBe('server');
    // With retries, the second attempt goes through.
    const retrying = new APIGatewayClient({ ...config(s.endpoint), maxAttempts: 2 });
    const out = await retrying.send(new GetRestApisCommand({}));
    expect(out.$metadata.attempts).toBe(2);

    const d = await sim({ quotas: false, faults: { dropRate: 1 } });
    const dropped = await failure(
      new APIGatewayClient(config(d.endpoint)).send(new GetRestApisCommand({})),
    );
    expect(dropped.code ?? dropped.name).toMatch(/ECONNRESET|socket hang up/);
    expect(d.stats.faults.drop).toBe(1);
  });

  it('answers slower than the client timeout when asked', async () => {
    const s = await sim({ quotas: false, faults: { slowRate: 1, slowMs: 400 } });
    // In this SDK build requestTimeout only warns unless throwOnRequestTimeout is set.
    const gw = new APIGatewayClient({
      ...config(s.endpoint),
      requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true },
    });
    const err = await failure(gw.send(new GetRestApisCommand({})));
    expect(err.name).toBe('TimeoutError');
  });

  it('learns the account of an assumed role from the AssumeRole answer', async () => {
    const s = await sim({});
    const sts = new STSClient(config(s.endpoint, 'us-east-1'));
    await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::444455556666:role/audit',
        RoleSessionName: 'ab',
      }),
    );
    const gw = new APIGatewayClient({
      ...config(s.endpoint),
      credentials: { accessKeyId: 'ASIAROLEKEY', secretAccessKey: 's', sessionToken: 't' },
    });
    await gw.send(new GetRestApisCommand({}));
    expect(Object.keys(s.stats.byRegion).sort()).toEqual([
      '123456789012|us-east-1',
      '444455556666|eu-west-1',
    ]);
  });
});
