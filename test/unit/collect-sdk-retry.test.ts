/**
 * The SDK's own retry behaviour, end to end: real clients against a tiny local HTTP server that
 * answers 429, 5xx, drops connections or sends garbage before (or instead of) a good answer.
 * aws-sdk-client-mock cannot show this: it stubs `send`, so the retry middleware never runs.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClientFactory } from '../../src/collect/clients.js';
import { CollectionLog, RegionContext } from '../../src/collect/context.js';
import { collectRestApis } from '../../src/collect/rest.js';
import { Pacer } from '../../src/collect/pacing.js';
import { TEST_CREDENTIALS } from '../helpers/moto.js';

type Reply = (req: IncomingMessage, res: ServerResponse) => void;

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
const throttled = json(
  429,
  { message: 'Too Many Requests' },
  { 'x-amzn-errortype': 'TooManyRequestsException' },
);
const unavailable = json(
  503,
  { message: 'busy' },
  { 'x-amzn-errortype': 'ServiceUnavailableException' },
);
const dropped: Reply = (req) => req.socket.destroy();
const garbage: Reply = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('<html>not json');
};

/** Per path prefix, the replies in order; the last one repeats. */
let script: Record<string, Reply[]> = {};
const hits: Record<string, number> = {};
let endpoint = '';
const server = createServer((req, res) => {
  const path = (req.url ?? '').split('?')[0]!;
  const key = Object.keys(script).find((p) => path === p) ?? '';
  const replies = script[key] ?? [json(404, { message: `no route ${path}` })];
  const n = (hits[key] = (hits[key] ?? 0) + 1);
  replies[Math.min(n, replies.length) - 1]!(req, res);
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  script = {};
  for (const k of Object.keys(hits)) delete hits[k];
});

function context(maxAttempts = 4) {
  const clients = createClientFactory({
    endpointUrl: endpoint,
    credentials: TEST_CREDENTIALS,
    maxAttempts,
    retryBackoffMs: () => 5,
    requestTimeoutMs: 2_000,
  })('eu-west-1');
  const log = new CollectionLog();
  return { log, ctx: new RegionContext(clients, '111122223333', 'eu-west-1', 'aws', log) };
}

const oneApi = json(200, { item: [{ id: 'a1', name: 'orders' }] });
const empty = json(200, { item: [] });
const apiRoutes = (stages: Reply[]) => ({
  '/restapis/a1/resources': [empty],
  '/restapis/a1/stages': stages,
  '/restapis/a1/authorizers': [empty],
  '/restapis/a1/requestvalidators': [empty],
  '/restapis/a1/gatewayresponses': [empty],
});

describe('SDK retries (real clients, local HTTP server)', () => {
  it('paces every attempt, retries included, so retries cannot exceed the quota', async () => {
    script = { '/restapis': [unavailable, unavailable, oneApi], ...apiRoutes([empty]) };
    const clients = createClientFactory({
      endpointUrl: endpoint,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 4,
      retryBackoffMs: () => 5,
    })('eu-west-1');
    const log = new CollectionLog();
    const pacer = new Pacer();
    const asked: string[] = [];
    const acquire = pacer.acquire.bind(pacer);
    pacer.acquire = (account, region, service, operation) => {
      asked.push(operation);
      return acquire(account, region, service, operation);
    };
    const ctx = new RegionContext(clients, '111122223333', 'eu-west-1', 'aws', log, { pacer });
    await collectRestApis(ctx);
    expect(hits['/restapis']).toBe(3);
    expect(asked.filter((op) => op === 'GetRestApis')).toHaveLength(3);
  });

  it('429 then 200: one call, one retry, one throttled answer, data collected', async () => {
    script = { '/restapis': [throttled, oneApi], ...apiRoutes([empty]) };
    const { ctx, log } = context();
    const apis = await collectRestApis(ctx);
    expect(apis!.map((a) => a.name)).toEqual(['orders']);
    expect(log.errors).toEqual([]);
    expect(log.stats.calls['apigateway:GetRestApis']).toBe(1);
    expect(log.stats.retries['apigateway:GetRestApis']).toBe(1);
    expect(log.stats.throttled['apigateway:GetRestApis']).toBe(1);
    expect(hits['/restapis']).toBe(2);
  });

  it('503 and a dropped connection are retried too', async () => {
    script = {
      '/restapis': [oneApi],
      ...apiRoutes([unavailable, dropped, json(200, { item: [{ stageName: 'prod' }] })]),
    };
    const { ctx, log } = context();
    const apis = await collectRestApis(ctx);
    expect(log.errors).toEqual([]);
    expect(apis![0]!.stages).toEqual([{ stageName: 'prod' }]);
    expect(log.stats.retries['apigateway:GetStages']).toBe(2);
    expect(log.stats.throttled['apigateway:GetStages']).toBeUndefined();
  });

  it('throttled on every attempt: one collection error after maxAttempts', async () => {
    script = { '/restapis': [throttled] };
    const { ctx, log } = context(3);
    expect(await collectRestApis(ctx)).toBeUndefined();
    expect(hits['/restapis']).toBe(3);
    expect(log.stats.throttled['apigateway:GetRestApis']).toBe(3);
    expect(log.stats.retries['apigateway:GetRestApis']).toBe(2);
    expect(log.errors).toEqual([
      {
        slice: 'restApis',
        service: 'apigateway',
        operation: 'GetRestApis',
        accountId: '111122223333',
        region: 'eu-west-1',
        errorCode: 'TooManyRequestsException',
        message: 'Too Many Requests',
      },
    ]);
  });

  it('a malformed body is a collection error for that slice, not a crash', async () => {
    script = { '/restapis': [oneApi], ...apiRoutes([garbage]) };
    const { ctx, log } = context();
    const apis = await collectRestApis(ctx);
    expect(apis![0]!.stages).toBeUndefined();
    expect(apis![0]!.resources).toEqual([]);
    expect(log.errors).toHaveLength(1);
    expect(log.errors[0]).toMatchObject({
      slice: 'restApi.stages',
      operation: 'GetStages',
      resourceId: 'a1',
      errorCode: 'MalformedResponse(HTTP 200)',
    });
  });
});
