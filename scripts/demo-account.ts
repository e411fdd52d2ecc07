/**
 * The demo account behind examples/demo-snapshot.json: a fictional company's account ("Northwind Pay",
 * 210987654321), described as data for the shared seeding builders (seed/), seeded into a real
 * moto_server and then scanned by the real collector, so the demo exercises the same code a real
 * scan does.
 *
 * moto lacks two read operations (v2 GetAuthorizers, GetClientCertificates): the scan's clients
 * answer those from what was seeded (see `shim`), as the unit tests answer them with mocks. moto
 * also leaves out what deployments serve (a deployment's API summary, canaries, HTTP API
 * exports): seeding and scanning go through the bench simulator, which answers those as AWS
 * would (bench/simulator/deployments.ts). Everything else is what moto returned. Fields moto drops (a stage's clientCertificateId, a REST
 * API's securityPolicy, a domain's mutual TLS and endpointAccessMode, an integration's
 * cacheKeyParameters, a TOKEN authorizer's identityValidationExpression) are absent, as on an
 * account that never set them.
 */
import { GetClientCertificatesCommand } from '@aws-sdk/client-api-gateway';
import {
  GetAuthorizersCommand as GetV2AuthorizersCommand,
  type Authorizer as V2Authorizer,
} from '@aws-sdk/client-apigatewayv2';
import { startSimulator } from '../bench/simulator/server.js';
import { createClientFactory, type ClientFactory } from '../src/collect/clients.js';
import { collectSnapshot } from '../src/collect/scan.js';
import type { Snapshot } from '../src/snapshot/types.js';
import { lambdaArn, lambdaInvocationUri, seedAccount, type AccountSpec } from '../seed/index.js';

export const ACCOUNT = '210987654321';
export const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2'] as const;
const CREDS = { accessKeyId: 'AKIADEMODEMODEMODEMO', secretAccessKey: 'demo' };

const fnArn = (region: string, name: string) => lambdaArn(region, ACCOUNT, name);
const lambdaProxy = (region: string, name: string) =>
  ({ type: 'AWS_PROXY', uri: lambdaInvocationUri(fnArn(region, name)) }) as const;
const logGroup = (region: string, name: string) =>
  `arn:aws:logs:${region}:${ACCOUNT}:log-group:/apigw/${name}`;
const invokeFromAnywhere = {
  Effect: 'Allow',
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: 'execute-api:/*',
};
const JSON_ACCESS_LOG =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","method":"$context.httpMethod","path":"$context.resourcePath","status":"$context.status","latency":"$context.responseLatency"}';
const STAGE_TAGS = { owner: 'platform-team' };
const CLOUDWATCH_ROLE = `arn:aws:iam::${ACCOUNT}:role/apigateway-cloudwatch`;
const LAMBDA_ROLE = 'demo-lambda-role';

/** A function API Gateway may invoke, from any API of the account unless scoped. */
const demoLambda = (
  name: string,
  scope: { sourceArn?: string; sourceRestApi?: { restApi: string; path: string } } = {},
) => ({
  name,
  runtime: 'nodejs22.x' as const,
  roleArn: `arn:aws:iam::${ACCOUNT}:role/${LAMBDA_ROLE}`,
  permissions: [{ sid: 'apigateway-invoke', ...scope }],
});

const EU = 'eu-west-1';
const US = 'us-east-1';
const AP = 'ap-southeast-2';
const payments = {
  auth: 'CUSTOM',
  authorizer: 'token-authorizer',
  integration: lambdaProxy(EU, 'payments-handler'),
} as const;
const partnerBackend = {
  type: 'HTTP_PROXY',
  uri: 'http://partner-backend.northwind.example/orders',
} as const;
const adminBackend = {
  type: 'HTTP_PROXY',
  uri: 'https://admin.internal.northwind.example/users',
} as const;

export const DEMO_ACCOUNT: AccountSpec = {
  account: ACCOUNT,
  iamRoles: [LAMBDA_ROLE],
  regions: {
    [EU]: {
      cloudWatchRoleArn: CLOUDWATCH_ROLE,
      restApis: [
        // payments-api: the well-run API, with a few gaps a consultant would still point out.
        {
          name: 'payments-api',
          description: 'payments-api (demo)',
          tags: { owner: 'payments-team', 'data-classification': 'confidential' },
          authorizers: [
            {
              name: 'token-authorizer',
              type: 'TOKEN',
              authorizerUri: lambdaInvocationUri(fnArn(EU, 'payments-authorizer')),
              identityValidationExpression: '^Bearer [-0-9a-zA-Z._]+$',
              ttl: 300,
            },
          ],
          validators: [{ name: 'body-and-params', body: true, params: true }],
          resources: {
            '/payments': {
              GET: payments,
              POST: { ...payments, validator: 'body-and-params' },
              OPTIONS: {
                integration: { type: 'MOCK' },
                corsOrigin: 'https://app.northwind.example',
              },
            },
            '/payments/{id}': { GET: payments, PATCH: payments },
          },
          // An export endpoint added after the last release, that forgot its authorizer: only the
          // canary serves it so far.
          draftChanges: {
            '/payments/export': { GET: { integration: lambdaProxy(EU, 'payments-handler') } },
          },
          stages: [
            {
              name: 'prod',
              tags: STAGE_TAGS,
              canary: {
                percentTraffic: 10,
                stageVariableOverrides: {
                  backendHost: 'payments-canary.internal.northwind.example',
                  EXPORT_SIGNING_KEY: 'q8XvT3nLp0ZkR7wYc2HsJ9dFbM4gE6aU',
                },
              },
              settings: {
                '/*/*/logging/loglevel': 'INFO',
                '/*/*/metrics/enabled': 'true',
                '/*/*/throttling/rateLimit': '500',
                '/*/*/throttling/burstLimit': '1000',
                '/tracingEnabled': 'true',
                '/accessLogSettings/destinationArn': logGroup(EU, 'payments-prod'),
                '/accessLogSettings/format': JSON_ACCESS_LOG,
                '/cacheClusterEnabled': 'true',
                '/cacheClusterSize': '0.5',
                '/~1payments/GET/caching/enabled': 'true',
                '/~1payments/GET/caching/ttlInSeconds': '60',
              },
            },
            // dev: the stage nobody looks after.
            {
              name: 'dev',
              tags: STAGE_TAGS,
              settings: {
                '/*/*/logging/dataTrace': 'true',
                '/*/*/logging/loglevel': 'INFO',
                '/variables/DB_PASSWORD': 'Sup3r-S3cret-Passw0rd!',
                '/variables/backendHost': 'payments-dev.internal.northwind.example',
              },
            },
          ],
        },
        // legacy-partner-api: an old EDGE API with a public policy and a plain-HTTP backend.
        {
          name: 'legacy-partner-api',
          description: 'legacy-partner-api (demo)',
          endpointType: 'EDGE',
          policy: { Version: '2012-10-17', Statement: [invokeFromAnywhere] },
          resources: {
            '/orders': {
              GET: { integration: partnerBackend },
              POST: { apiKey: true, integration: partnerBackend },
              OPTIONS: { integration: { type: 'MOCK' }, corsOrigin: '*' },
            },
          },
          gatewayResponses: [
            {
              type: 'DEFAULT_4XX',
              responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
            },
          ],
          stages: [{ name: 'v1', tags: STAGE_TAGS }],
        },
      ],
      v2Apis: [
        // mobile-bff: an HTTP API with a JWT authorizer, one open route and a loose CORS policy.
        {
          name: 'mobile-bff',
          protocol: 'HTTP',
          cors: {
            AllowOrigins: ['*'],
            AllowMethods: ['GET', 'POST'],
            AllowHeaders: ['authorization', 'content-type'],
          },
          tags: { owner: 'mobile-team' },
          integrations: {
            profile: {
              IntegrationType: 'AWS_PROXY',
              IntegrationUri: fnArn(EU, 'profile-handler'),
              PayloadFormatVersion: '2.0',
            },
            health: {
              IntegrationType: 'HTTP_PROXY',
              IntegrationMethod: 'GET',
              IntegrationUri: 'http://status.northwind.example/health',
              PayloadFormatVersion: '1.0',
            },
          },
          authorizers: [
            {
              Name: 'cognito-jwt',
              AuthorizerType: 'JWT',
              IdentitySource: ['$request.header.Authorization'],
              JwtConfiguration: {
                Issuer: `https://cognito-idp.${EU}.amazonaws.com/${EU}_Demo1234`,
                Audience: ['mobile-app'],
              },
            },
          ],
          routes: [
            { key: 'GET /profile', integration: 'profile', auth: 'JWT', authorizer: 'cognito-jwt' },
            {
              key: 'POST /profile',
              integration: 'profile',
              auth: 'JWT',
              authorizer: 'cognito-jwt',
            },
            { key: 'GET /health', integration: 'health', auth: 'NONE' },
          ],
          stages: [
            {
              StageName: '$default',
              AutoDeploy: true,
              AccessLogSettings: {
                DestinationArn: logGroup(EU, 'mobile-bff'),
                Format: '$context.requestId $context.status',
              },
              DefaultRouteSettings: {
                ThrottlingRateLimit: 200,
                ThrottlingBurstLimit: 400,
                DetailedMetricsEnabled: true,
              },
            },
          ],
        },
      ],
      lambdas: [
        demoLambda('payments-authorizer'),
        demoLambda('profile-handler', { sourceArn: `arn:aws:execute-api:${EU}:${ACCOUNT}:*` }),
        // Scoped to its API: the one function a confused deputy cannot reach through another API.
        demoLambda('payments-handler', {
          sourceRestApi: { restApi: 'payments-api', path: '/*/*/payments*' },
        }),
      ],
      webAcls: [
        {
          name: 'payments-acl',
          metrics: true,
          rules: [
            {
              kind: 'managed',
              name: 'aws-common',
              vendor: 'AWS',
              group: 'AWSManagedRulesCommonRuleSet',
              metricName: 'common',
            },
            { kind: 'rate', name: 'rate-limit', limit: 2000, metricName: 'rate' },
          ],
          logDestinationArn: `arn:aws:firehose:${EU}:${ACCOUNT}:deliverystream/aws-waf-logs-payments`,
          associate: [{ restApi: 'payments-api', stage: 'prod' }],
        },
      ],
      // One legacy TLS 1.0 domain for the REST APIs, one TLS 1.2 domain for the HTTP API.
      certificates: [{ domainName: 'api.northwind.example' }],
      domainNames: [
        {
          domainName: 'api.northwind.example',
          certificate: 'api.northwind.example',
          securityPolicy: 'TLS_1_0',
          mappings: [
            { restApi: 'payments-api', stage: 'prod', basePath: 'payments' },
            { restApi: 'legacy-partner-api', stage: 'v1', basePath: 'partners' },
          ],
        },
      ],
      v2DomainNames: [
        {
          domainName: 'mobile.northwind.example',
          certificate: 'api.northwind.example',
          securityPolicy: 'TLS_1_2',
          mappings: [{ api: 'mobile-bff', stage: '$default' }],
        },
      ],
      apiKeys: [{ name: 'acme-corp' }, { name: 'old-partner-key' }],
      usagePlans: [
        {
          name: 'partners',
          apiStages: [{ restApi: 'legacy-partner-api', stage: 'v1' }],
          throttle: { rateLimit: 50, burstLimit: 100 },
          keys: ['acme-corp'],
        },
      ],
    },
    [US]: {
      cloudWatchRoleArn: CLOUDWATCH_ROLE,
      restApis: [
        // internal-admin: PRIVATE, reachable only through one VPC endpoint.
        {
          name: 'internal-admin',
          description: 'internal-admin (demo)',
          endpointType: 'PRIVATE',
          tags: { owner: 'platform-team', exposure: 'internal' },
          policy: {
            Version: '2012-10-17',
            Statement: [
              invokeFromAnywhere,
              {
                ...invokeFromAnywhere,
                Effect: 'Deny',
                Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } },
              },
            ],
          },
          resources: {
            '/users': {
              GET: { integration: adminBackend },
              DELETE: { auth: 'AWS_IAM', integration: adminBackend },
            },
          },
          stages: [
            {
              name: 'prod',
              tags: STAGE_TAGS,
              settings: {
                '/*/*/logging/loglevel': 'ERROR',
                '/accessLogSettings/destinationArn': logGroup(US, 'admin'),
                '/accessLogSettings/format': '$context.requestId $context.identity.sourceIp',
              },
            },
          ],
        },
        // reporting-api: meant to be internal (tagged so) but deployed REGIONAL.
        {
          name: 'reporting-api',
          description: 'reporting-api (demo)',
          tags: { exposure: 'internal' },
          resources: {
            '/reports': {
              GET: {
                auth: 'AWS_IAM',
                integration: {
                  type: 'AWS',
                  uri: `arn:aws:apigateway:${US}:s3:path/northwind-reports/{key}`,
                  credentials: `arn:aws:iam::${ACCOUNT}:role/apigateway-s3-read`,
                },
              },
              POST: { integration: { type: 'MOCK' } },
            },
          },
          // The open POST was fixed in the draft and never redeployed: prod still answers anyone.
          draftChanges: {
            '/reports': { POST: { auth: 'AWS_IAM', integration: { type: 'MOCK' } } },
          },
          stages: [
            { name: 'prod', tags: STAGE_TAGS, settings: { '/*/*/logging/loglevel': 'OFF' } },
          ],
        },
      ],
      v2Apis: [
        // live-quotes: a WebSocket API whose $connect anyone can call.
        {
          name: 'live-quotes',
          protocol: 'WEBSOCKET',
          integrations: {
            quotes: {
              IntegrationType: 'AWS_PROXY',
              IntegrationUri: lambdaInvocationUri(fnArn(US, 'quotes-handler')),
            },
          },
          routes: ['$connect', '$disconnect', '$default', 'subscribe'].map((key) => ({
            key,
            auth: 'NONE' as const,
            integration: 'quotes',
          })),
          stages: [
            {
              StageName: 'production',
              DefaultRouteSettings: { LoggingLevel: 'OFF', DataTraceEnabled: false },
            },
          ],
        },
      ],
      lambdas: [demoLambda('quotes-handler')],
      // A single-region trail, so the other regions are not covered.
      trails: [
        {
          name: 'management-events',
          bucket: 'northwind-cloudtrail-logs',
          logging: true,
          readWriteType: 'All',
          includeManagementEvents: true,
        },
      ],
    },
    [AP]: {
      cloudWatchRoleArn: CLOUDWATCH_ROLE,
      restApis: [
        {
          name: 'storefront-api',
          description: 'storefront-api (demo)',
          tags: { owner: 'web-team' },
          resources: {
            '/products': {
              GET: {
                integration: {
                  type: 'HTTP_PROXY',
                  uri: 'https://catalog.northwind.example/products',
                },
              },
            },
          },
          stages: [
            {
              name: 'live',
              tags: STAGE_TAGS,
              settings: { '/*/*/logging/loglevel': 'ERROR', '/*/*/metrics/enabled': 'true' },
            },
          ],
        },
      ],
      // An imported certificate that expires within the month.
      certificates: [{ domainName: 'shop.northwind.example', validDays: 12 }],
      domainNames: [
        {
          domainName: 'shop.northwind.example',
          certificate: 'shop.northwind.example',
          securityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09',
          mappings: [{ restApi: 'storefront-api', stage: 'live' }],
        },
      ],
    },
  },
};

/** The scan's clients: moto's, with the operations moto lacks answered from what was seeded. */
function shim(factory: ClientFactory, v2Authorizers: Map<string, V2Authorizer[]>): ClientFactory {
  return (region, creds) => {
    const clients = factory(region, creds);
    const v2 = clients.apigatewayv2;
    const v1 = clients.apigateway;
    const v2Send = v2.send.bind(v2) as (c: unknown) => Promise<unknown>;
    const v1Send = v1.send.bind(v1) as (c: unknown) => Promise<unknown>;
    return {
      ...clients,
      apigatewayv2: Object.assign(Object.create(v2), {
        send: (cmd: unknown) =>
          cmd instanceof GetV2AuthorizersCommand
            ? Promise.resolve({ Items: v2Authorizers.get(cmd.input.ApiId!) ?? [], $metadata: {} })
            : v2Send(cmd),
      }),
      apigateway: Object.assign(Object.create(v1), {
        send: (cmd: unknown) =>
          cmd instanceof GetClientCertificatesCommand
            ? Promise.resolve({ items: [], $metadata: {} })
            : v1Send(cmd),
      }),
    };
  };
}

/**
 * Seeds the demo account into the moto server at `endpoint` (started with MOTO_ACCOUNT_ID =
 * ACCOUNT) and scans it with the real collector.
 */
export async function scanDemoAccount(endpoint: string): Promise<Snapshot> {
  const sim = await startSimulator({
    target: endpoint,
    quotas: false,
    latencyMs: 0,
    fillMotoGaps: true,
    accessKeyAccounts: { [CREDS.accessKeyId]: ACCOUNT },
  });
  try {
    const factory = createClientFactory({
      endpointUrl: sim.endpoint,
      credentials: CREDS,
      maxAttempts: 2,
    });
    const seeded = await seedAccount(factory, DEMO_ACCOUNT);
    const v2Authorizers = new Map<string, V2Authorizer[]>();
    for (const region of seeded.values())
      for (const api of region.v2Apis.values()) v2Authorizers.set(api.id, api.authorizers);
    return await collectSnapshot({ clients: shim(factory, v2Authorizers), regions: [...REGIONS] });
  } finally {
    await sim.stop();
  }
}
