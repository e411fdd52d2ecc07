import { describe, expect, it } from 'vitest';
import { buildInventory, lazyInventory } from '../../src/engine/inventory.js';
import {
  ACCOUNT,
  REGION,
  region,
  restApi,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';

const rows = (snap: ReturnType<typeof snapshot>) => buildInventory(snap.accounts);
const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`;

describe('inventory', () => {
  it('REST method with a custom domain base path mapping', () => {
    const snap = snapshot([
      region({
        restApis: [
          restApi({
            id: 'a1',
            name: 'orders',
            resources: [
              {
                id: 'r1',
                path: '/orders/{id}',
                resourceMethods: {
                  GET: {
                    authorizationType: 'CUSTOM',
                    authorizerId: 'au1',
                    apiKeyRequired: true,
                    methodIntegration: {
                      type: 'AWS_PROXY',
                      uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fn}/invocations`,
                    },
                  },
                },
              },
            ],
            authorizers: [{ id: 'au1', type: 'TOKEN' }],
            stages: [
              restStage({
                stageName: 'prod',
                webAclArn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/acl/1',
                cacheClusterEnabled: true,
                methodSettings: {
                  '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 50 },
                  '~1orders~1{id}/GET': {
                    cachingEnabled: true,
                    cacheTtlInSeconds: 60,
                    cacheDataEncrypted: true,
                  },
                },
              }),
            ],
          }),
        ],
        domainNames: [
          {
            domainName: 'api.example.com',
            basePathMappings: [{ basePath: 'v1', restApiId: 'a1', stage: 'prod' }],
          },
          {
            domainName: 'all.example.com',
            basePathMappings: [{ basePath: '(none)', restApiId: 'a1' }],
          },
        ],
      }),
    ]);
    const [row, ...rest] = rows(snap);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      accountId: ACCOUNT,
      region: REGION,
      apiId: 'a1',
      apiName: 'orders',
      apiType: 'REST',
      endpointType: 'REGIONAL',
      method: 'GET',
      path: '/orders/{id}',
      authorizationType: 'CUSTOM',
      authorizerId: 'au1',
      authorizerType: 'TOKEN',
      apiKeyRequired: true,
      integrationType: 'AWS_PROXY',
      integrationTarget: fn,
      stages: ['prod'],
      webAclArns: ['arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/acl/1'],
      throttling: [{ stage: 'prod', rateLimit: 100, burstLimit: 50, source: 'methodSettings:*/*' }],
      caching: [{ stage: 'prod', enabled: true, ttlInSeconds: 60, encrypted: true }],
    });
    expect(row!.invokeUrls).toEqual([
      `https://a1.execute-api.${REGION}.amazonaws.com/prod/orders/{id}`,
      'https://api.example.com/v1/orders/{id}',
      'https://all.example.com/prod/orders/{id}',
    ]);
  });

  it('falls back to the account-level throttle when nothing narrower applies', () => {
    const snap = snapshot([
      region({
        restApis: [
          restApi({
            id: 'a1',
            resources: [
              {
                id: 'r',
                path: '/',
                resourceMethods: { GET: { methodIntegration: { type: 'MOCK' } } },
              },
            ],
            stages: [restStage({ stageName: 'dev' })],
          }),
        ],
      }),
    ]);
    expect(rows(snap)[0]!.throttling).toEqual([
      { stage: 'dev', rateLimit: 10000, burstLimit: 5000, source: 'account' },
    ]);
    expect(rows(snap)[0]!.integrationTarget).toBe('MOCK');
    expect(rows(snap)[0]!.authorizationType).toBe('NONE');
  });

  it('takes throttling and caching field by field, as the checks do, and names the source', () => {
    const snap = snapshot([
      region({
        restApis: [
          restApi({
            id: 'a1',
            resources: [
              {
                id: 'r',
                path: '/pets',
                resourceMethods: {
                  GET: { methodIntegration: { type: 'MOCK' } },
                  POST: { methodIntegration: { type: 'MOCK' } },
                },
              },
            ],
            stages: [
              restStage({
                stageName: 'prod',
                cacheClusterEnabled: true,
                methodSettings: {
                  '*/*': { throttlingBurstLimit: 20, cachingEnabled: true, cacheTtlInSeconds: 300 },
                  '~1pets/GET': { throttlingRateLimit: 5, cacheTtlInSeconds: 30 },
                },
              }),
              restStage({ stageName: 'dev' }),
            ],
          }),
        ],
        usagePlans: [
          {
            id: 'up1',
            throttle: { rateLimit: 40 },
            apiStages: [
              { apiId: 'a1', stage: 'dev', throttle: { '/pets/POST': { rateLimit: 2 } } },
            ],
          },
        ],
      }),
    ]);
    const [get, post] = rows(snap);
    expect(get!.throttling).toEqual([
      { stage: 'prod', rateLimit: 5, burstLimit: 20, source: 'methodSettings:~1pets/GET' },
      { stage: 'dev', rateLimit: 40, source: 'usagePlan:up1' },
    ]);
    expect(get!.caching[0]).toEqual({ stage: 'prod', enabled: true, ttlInSeconds: 30 });
    expect(post!.throttling).toEqual([
      { stage: 'prod', burstLimit: 20, source: 'methodSettings:*/*' },
      { stage: 'dev', rateLimit: 2, source: 'usagePlan:up1' },
    ]);
  });

  it('HTTP route on the $default stage, with a custom domain', () => {
    const snap = snapshot([
      region({
        v2Apis: [
          v2Api({
            ApiId: 'h1',
            Name: 'shop',
            routes: [
              {
                RouteId: 'r1',
                RouteKey: 'GET /items',
                AuthorizationType: 'JWT',
                AuthorizerId: 'j1',
                Target: 'integrations/i1',
              },
            ],
            integrations: [
              {
                IntegrationId: 'i1',
                IntegrationType: 'HTTP_PROXY',
                IntegrationUri: 'https://backend.example.com',
              },
            ],
            authorizers: [{ AuthorizerId: 'j1', AuthorizerType: 'JWT' }],
            stages: [
              {
                StageName: '$default',
                DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 10 },
              },
            ],
          }),
        ],
        v2DomainNames: [
          {
            DomainName: 'shop.example.com',
            apiMappings: [{ ApiId: 'h1', Stage: '$default', ApiMappingKey: 'store' }],
          },
        ],
      }),
    ]);
    expect(rows(snap)).toEqual([
      expect.objectContaining({
        apiType: 'HTTP',
        endpointType: 'REGIONAL',
        routeKey: 'GET /items',
        routeId: 'r1',
        authorizationType: 'JWT',
        authorizerType: 'JWT',
        integrationType: 'HTTP_PROXY',
        integrationTarget: 'https://backend.example.com',
        stages: ['$default'],
        invokeUrls: [
          `https://h1.execute-api.${REGION}.amazonaws.com/items`,
          'https://shop.example.com/store/items',
        ],
        throttling: [
          { stage: '$default', rateLimit: 20, burstLimit: 10, source: 'DefaultRouteSettings' },
        ],
      }),
    ]);
  });

  it('WebSocket route', () => {
    const snap = snapshot([
      region({
        v2Apis: [
          v2Api({
            ApiId: 'w1',
            Name: 'chat',
            ProtocolType: 'WEBSOCKET',
            ApiEndpoint: `wss://w1.execute-api.${REGION}.amazonaws.com`,
            routes: [
              {
                RouteId: 'c',
                RouteKey: '$connect',
                AuthorizationType: 'AWS_IAM',
                ApiKeyRequired: true,
              },
            ],
            stages: [{ StageName: 'prod' }],
          }),
        ],
      }),
    ]);
    expect(rows(snap)[0]).toMatchObject({
      apiType: 'WEBSOCKET',
      routeKey: '$connect',
      authorizationType: 'AWS_IAM',
      apiKeyRequired: true,
      invokeUrls: [`wss://w1.execute-api.${REGION}.amazonaws.com/prod`],
    });
  });

  it('private API: PRIVATE endpoint type and the VPC endpoint host names', () => {
    const snap = snapshot([
      region({
        restApis: [
          restApi({
            id: 'p1',
            endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-0abc'] },
            resources: [{ id: 'r', path: '/x', resourceMethods: { GET: {} } }],
            stages: [restStage({ stageName: 'prod' })],
          }),
        ],
      }),
    ]);
    const row = rows(snap)[0]!;
    expect(row.endpointType).toBe('PRIVATE');
    expect(row.invokeUrls).toEqual([
      `https://p1.execute-api.${REGION}.amazonaws.com/prod/x`,
      `https://p1-vpce-0abc.execute-api.${REGION}.amazonaws.com/prod/x`,
    ]);
  });

  it('disabled execute-api endpoint: only custom-domain URLs', () => {
    const snap = snapshot([
      region({
        restApis: [
          restApi({
            id: 'a1',
            disableExecuteApiEndpoint: true,
            resources: [{ id: 'r', path: '/', resourceMethods: { GET: {} } }],
            stages: [restStage({ stageName: 'prod' })],
          }),
        ],
        v2Apis: [
          v2Api({
            ApiId: 'h1',
            DisableExecuteApiEndpoint: true,
            routes: [{ RouteId: 'r', RouteKey: '$default' }],
            stages: [{ StageName: '$default' }],
          }),
        ],
        domainNames: [
          {
            domainName: 'api.example.com',
            basePathMappings: [{ basePath: '(none)', restApiId: 'a1', stage: 'prod' }],
          },
        ],
      }),
    ]);
    const [rest, http] = rows(snap);
    expect(rest!.invokeUrls).toEqual(['https://api.example.com/']);
    expect(http!.invokeUrls).toEqual([]);
  });

  it('REST: per stage and canary, what each serves; URLs only where a stage serves the method', () => {
    const snap = snapshot([
      region({
        restApis: [
          restApi({
            id: 'a1',
            name: 'orders',
            resources: [
              {
                id: 'r1',
                path: '/orders',
                resourceMethods: {
                  GET: { authorizationType: 'AWS_IAM', methodIntegration: { type: 'MOCK' } },
                },
              },
              { id: 'r2', path: '/draft-only', resourceMethods: { GET: {} } },
            ],
            stages: [
              restStage({
                stageName: 'prod',
                deploymentId: 'old',
                canarySettings: { deploymentId: 'new', percentTraffic: 10 },
              }),
            ],
            deployments: [
              {
                id: 'old',
                apiSummary: {
                  '/orders': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
                  '/legacy': { POST: { authorizationType: 'NONE', apiKeyRequired: true } },
                },
              },
              {
                id: 'new',
                apiSummary: {
                  '/orders': { GET: { authorizationType: 'AWS_IAM', apiKeyRequired: false } },
                },
              },
            ],
          }),
        ],
      }),
    ]);
    const byKey = new Map(rows(snap).map((r) => [`${r.method} ${r.path}`, r]));
    // Rows are sorted (method and path order is stable across scans).
    expect([...byKey.keys()]).toEqual(['GET /draft-only', 'POST /legacy', 'GET /orders']);
    const base = `https://a1.execute-api.${REGION}.amazonaws.com/prod`;
    expect(byKey.get('GET /orders')).toMatchObject({
      authorizationType: 'NONE',
      inDraft: true,
      draft: { authorizationType: 'AWS_IAM', apiKeyRequired: false },
      integrationType: 'MOCK',
      invokeUrls: [`${base}/orders`],
      served: [
        { stage: 'prod', percentTraffic: 90, deploymentId: 'old', authorizationType: 'NONE' },
        {
          stage: 'prod',
          canary: true,
          percentTraffic: 10,
          deploymentId: 'new',
          authorizationType: 'AWS_IAM',
        },
      ],
    });
    expect(byKey.get('GET /draft-only')).toMatchObject({
      invokeUrls: [],
      served: [],
      inDraft: true,
    });
    expect(byKey.get('POST /legacy')).toMatchObject({
      inDraft: false,
      apiKeyRequired: true,
      invokeUrls: [`${base}/legacy`],
      integrationTarget: undefined,
    });
  });

  it('HTTP: a stage that does not auto-deploy lists what its export serves', () => {
    const snap = snapshot([
      region({
        v2Apis: [
          v2Api({
            ApiId: 'h1',
            Name: 'shop',
            routes: [
              { RouteId: 'r1', RouteKey: 'GET /cart', AuthorizationType: 'JWT' },
              { RouteId: 'r2', RouteKey: 'POST /cart', AuthorizationType: 'JWT' },
            ],
            stages: [{ StageName: 'prod', AutoDeploy: false, DeploymentId: 'd1' }],
            exports: [{ StageName: 'prod', definition: { paths: { '/cart': { get: {} } } } }],
          }),
        ],
      }),
    ]);
    const [get, post] = rows(snap);
    expect(get).toMatchObject({
      routeKey: 'GET /cart',
      authorizationType: 'NONE',
      draft: { authorizationType: 'JWT' },
      served: [
        { stage: 'prod', deploymentId: 'd1', percentTraffic: 100, authorizationType: 'NONE' },
      ],
      invokeUrls: [`https://h1.execute-api.${REGION}.amazonaws.com/prod/cart`],
    });
    expect(post).toMatchObject({ routeKey: 'POST /cart', served: [], invokeUrls: [] });
  });
});

describe('inventory order', () => {
  it('API by API gives the order of sorting every row at once, whatever order collection met them', () => {
    const method = { authorizationType: 'NONE' };
    const rest = (id: string) =>
      restApi({
        id,
        name: id,
        resources: [
          { id: `${id}-b`, path: '/b', resourceMethods: { POST: method, GET: method } },
          { id: `${id}-a`, path: '/a', resourceMethods: { GET: method } },
        ],
        stages: [restStage({ stageName: 'prod' })],
      });
    const http = (id: string) =>
      v2Api({
        ApiId: id,
        routes: [
          { RouteId: `${id}-2`, RouteKey: 'POST /z' },
          { RouteId: `${id}-1`, RouteKey: 'GET /a' },
        ],
      });
    // Regions, APIs and accounts deliberately out of order, REST and HTTP APIs interleaved.
    const one = snapshot([
      region({ restApis: [rest('r9'), rest('r1')], v2Apis: [http('h5')] }, 'us-west-2'),
      region({ restApis: [rest('r3')], v2Apis: [http('h2'), http('a0')] }, 'eu-west-1'),
    ]);
    const other = snapshot([region({ restApis: [rest('r2')] }, 'ap-south-1')], [], '000000000001');
    const accounts = [...one.accounts, ...other.accounts];
    const got = buildInventory(accounts);
    const key = (r: (typeof got)[number]) =>
      [r.accountId, r.region, r.apiId, r.path ?? r.routeKey ?? '', r.method ?? ''].join('\u0000');
    const sorted = [...got].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    expect(got.length).toBeGreaterThan(12);
    expect(got.map(key)).toEqual(sorted.map(key));
    expect(got[0]!.accountId).toBe('000000000001');
    expect([...lazyInventory(accounts)]).toEqual(got);
  });
});
