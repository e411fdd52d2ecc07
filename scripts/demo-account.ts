/**
 * The demo account behind examples/demo-snapshot.json: a fictional company's account ("Northwind Pay",
 * 210987654321) seeded into a real moto_server through the AWS SDK and then scanned by the real
 * collector, so the demo exercises the same code a real scan does.
 *
 * moto lacks two read operations (v2 GetAuthorizers, GetClientCertificates): the scan's clients
 * answer those from the definitions below (see `shim`), as the unit tests answer them with
 * mocks; everything else is what moto returned. Fields moto drops (a stage's
 * clientCertificateId, a REST API's securityPolicy, a domain's mutual TLS and endpointAccessMode,
 * an integration's cacheKeyParameters, a TOKEN authorizer's identityValidationExpression) are absent, as on an account that never set them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportCertificateCommand, RequestCertificateCommand } from '@aws-sdk/client-acm';
import {
  CreateApiKeyCommand,
  CreateAuthorizerCommand,
  CreateBasePathMappingCommand,
  CreateDeploymentCommand,
  CreateDomainNameCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetClientCertificatesCommand,
  GetResourcesCommand,
  PutGatewayResponseCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateAccountCommand,
  UpdateStageCommand,
  type EndpointType,
  type PatchOperation,
} from '@aws-sdk/client-api-gateway';
import {
  CreateApiCommand,
  CreateApiMappingCommand,
  CreateDomainNameCommand as CreateV2DomainNameCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand as CreateV2StageCommand,
  GetAuthorizersCommand as GetV2AuthorizersCommand,
  type Authorizer as V2Authorizer,
} from '@aws-sdk/client-apigatewayv2';
import {
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { AddPermissionCommand, CreateFunctionCommand } from '@aws-sdk/client-lambda';
import {
  AssociateWebACLCommand,
  CreateWebACLCommand,
  PutLoggingConfigurationCommand,
} from '@aws-sdk/client-wafv2';
import { createClientFactory, type ClientFactory, type Clients } from '../src/collect/clients.js';
import { collectSnapshot } from '../src/collect/scan.js';
import type { Snapshot } from '../src/snapshot/types.js';

export const ACCOUNT = '210987654321';
export const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2'] as const;
const CREDS = { accessKeyId: 'AKIADEMODEMODEMODEMO', secretAccessKey: 'demo' };

/** An empty zip archive (the end-of-central-directory record alone): the code never runs. */
const DEMO_ZIP = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

const lambdaArn = (region: string, name: string) =>
  `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;
const lambdaUri = (region: string, name: string) =>
  `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${lambdaArn(region, name)}/invocations`;

// ------------------------------------------------------------------ REST helpers

async function restApi(
  c: Clients,
  name: string,
  opts: { type?: EndpointType; policy?: object; tags?: Record<string, string> } = {},
) {
  const api = await c.apigateway.send(
    new CreateRestApiCommand({
      name,
      description: `${name} (demo)`,
      endpointConfiguration: { types: [opts.type ?? 'REGIONAL'] },
      ...(opts.policy ? { policy: JSON.stringify(opts.policy) } : {}),
      tags: opts.tags,
    }),
  );
  const root = (
    await c.apigateway.send(new GetResourcesCommand({ restApiId: api.id! }))
  ).items!.find((r) => r.path === '/')!;
  return { id: api.id!, rootId: root.id! };
}

async function resource(c: Clients, apiId: string, parentId: string, pathPart: string) {
  return (
    await c.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId, pathPart }))
  ).id!;
}

interface MethodSpec {
  auth?: 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'COGNITO_USER_POOLS';
  authorizerId?: string;
  apiKey?: boolean;
  validatorId?: string;
  integration:
    | { type: 'MOCK' }
    | { type: 'AWS_PROXY'; fn: string }
    | { type: 'HTTP_PROXY'; uri: string }
    | { type: 'AWS'; uri: string };
  cacheKeys?: string[];
  corsOrigin?: string;
}

async function method(
  c: Clients,
  region: string,
  apiId: string,
  resourceId: string,
  verb: string,
  m: MethodSpec,
) {
  await c.apigateway.send(
    new PutMethodCommand({
      restApiId: apiId,
      resourceId,
      httpMethod: verb,
      authorizationType: m.auth ?? 'NONE',
      authorizerId: m.authorizerId,
      apiKeyRequired: m.apiKey,
      requestValidatorId: m.validatorId,
    }),
  );
  const i = m.integration;
  await c.apigateway.send(
    new PutIntegrationCommand({
      restApiId: apiId,
      resourceId,
      httpMethod: verb,
      type: i.type,
      ...(i.type === 'AWS_PROXY'
        ? { uri: lambdaUri(region, i.fn), integrationHttpMethod: 'POST' }
        : i.type === 'MOCK'
          ? { requestTemplates: { 'application/json': '{"statusCode": 200}' } }
          : {
              uri: i.uri,
              integrationHttpMethod: verb === 'OPTIONS' ? 'GET' : verb,
              ...(i.type === 'AWS'
                ? { credentials: `arn:aws:iam::${ACCOUNT}:role/apigateway-s3-read` }
                : {}),
            }),
      ...(m.cacheKeys ? { cacheKeyParameters: m.cacheKeys } : {}),
    }),
  );
  if (m.corsOrigin) {
    await c.apigateway.send(
      new PutMethodResponseCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: verb,
        statusCode: '200',
        responseParameters: { 'method.response.header.Access-Control-Allow-Origin': true },
      }),
    );
    await c.apigateway.send(
      new PutIntegrationResponseCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: verb,
        statusCode: '200',
        responseParameters: {
          'method.response.header.Access-Control-Allow-Origin': `'${m.corsOrigin}'`,
        },
      }),
    );
  }
}

async function stage(c: Clients, apiId: string, stageName: string, patches: PatchOperation[]) {
  const dep = await c.apigateway.send(new CreateDeploymentCommand({ restApiId: apiId }));
  await c.apigateway.send(
    new CreateStageCommand({
      restApiId: apiId,
      stageName,
      deploymentId: dep.id!,
      tags: { owner: 'platform-team' },
    }),
  );
  if (patches.length) {
    await c.apigateway.send(
      new UpdateStageCommand({ restApiId: apiId, stageName, patchOperations: patches }),
    );
  }
}

const replace = (path: string, value: string): PatchOperation => ({ op: 'replace', path, value });
const JSON_ACCESS_LOG =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","method":"$context.httpMethod","path":"$context.resourcePath","status":"$context.status","latency":"$context.responseLatency"}';

// ------------------------------------------------------------------ the account

interface Shims {
  v2Authorizers: Map<string, V2Authorizer[]>;
}

async function seedLambda(
  c: Clients,
  iam: IAMClient,
  region: string,
  name: string,
  sourceArn?: string,
) {
  await c.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Role: `arn:aws:iam::${ACCOUNT}:role/demo-lambda-role`,
      Handler: 'index.handler',
      Code: { ZipFile: DEMO_ZIP },
    }),
  );
  void iam;
  await c.lambda.send(
    new AddPermissionCommand({
      FunctionName: name,
      StatementId: 'apigateway-invoke',
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      ...(sourceArn ? { SourceArn: sourceArn } : {}),
    }),
  );
}

async function seedEuWest1(c: Clients, iam: IAMClient, shims: Shims) {
  const region = 'eu-west-1';
  await seedLambda(c, iam, region, 'payments-authorizer');
  await seedLambda(c, iam, region, 'profile-handler', `arn:aws:execute-api:${region}:${ACCOUNT}:*`);

  // payments-api: the well-run API, with a few gaps a consultant would still point out.
  const pay = await restApi(c, 'payments-api', {
    tags: { owner: 'payments-team', 'data-classification': 'confidential' },
  });
  // Scoped to this API: the one function a confused deputy cannot reach through another API.
  await seedLambda(
    c,
    iam,
    region,
    'payments-handler',
    `arn:aws:execute-api:${region}:${ACCOUNT}:${pay.id}/*/*/payments*`,
  );
  const auth = await c.apigateway.send(
    new CreateAuthorizerCommand({
      restApiId: pay.id,
      name: 'token-authorizer',
      type: 'TOKEN',
      authorizerUri: lambdaUri(region, 'payments-authorizer'),
      identitySource: 'method.request.header.Authorization',
      identityValidationExpression: '^Bearer [-0-9a-zA-Z._]+$',
      authorizerResultTtlInSeconds: 300,
    }),
  );
  const validator = await c.apigateway.send(
    new CreateRequestValidatorCommand({
      restApiId: pay.id,
      name: 'body-and-params',
      validateRequestBody: true,
      validateRequestParameters: true,
    }),
  );
  const payments = await resource(c, pay.id, pay.rootId, 'payments');
  const paymentId = await resource(c, pay.id, payments, '{id}');
  const lambda = { type: 'AWS_PROXY', fn: 'payments-handler' } as const;
  await method(c, region, pay.id, payments, 'GET', {
    auth: 'CUSTOM',
    authorizerId: auth.id,
    integration: lambda,
  });
  await method(c, region, pay.id, payments, 'POST', {
    auth: 'CUSTOM',
    authorizerId: auth.id,
    validatorId: validator.id,
    integration: lambda,
  });
  await method(c, region, pay.id, paymentId, 'GET', {
    auth: 'CUSTOM',
    authorizerId: auth.id,
    integration: lambda,
  });
  await method(c, region, pay.id, paymentId, 'PATCH', {
    auth: 'CUSTOM',
    authorizerId: auth.id,
    integration: lambda,
  });
  await method(c, region, pay.id, payments, 'OPTIONS', {
    integration: { type: 'MOCK' },
    corsOrigin: 'https://app.northwind.example',
  });
  const acl = await c.wafv2.send(
    new CreateWebACLCommand({
      Name: 'payments-acl',
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: {
        SampledRequestsEnabled: true,
        CloudWatchMetricsEnabled: true,
        MetricName: 'payments-acl',
      },
      Rules: [
        {
          Name: 'aws-common',
          Priority: 0,
          Statement: {
            ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' },
          },
          OverrideAction: { None: {} },
          VisibilityConfig: {
            SampledRequestsEnabled: true,
            CloudWatchMetricsEnabled: true,
            MetricName: 'common',
          },
        },
        {
          Name: 'rate-limit',
          Priority: 1,
          Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } },
          Action: { Block: {} },
          VisibilityConfig: {
            SampledRequestsEnabled: true,
            CloudWatchMetricsEnabled: true,
            MetricName: 'rate',
          },
        },
      ],
    }),
  );
  await c.wafv2.send(
    new PutLoggingConfigurationCommand({
      LoggingConfiguration: {
        ResourceArn: acl.Summary!.ARN!,
        LogDestinationConfigs: [
          `arn:aws:firehose:${region}:${ACCOUNT}:deliverystream/aws-waf-logs-payments`,
        ],
      },
    }),
  );
  await stage(c, pay.id, 'prod', [
    replace('/*/*/logging/loglevel', 'INFO'),
    replace('/*/*/metrics/enabled', 'true'),
    replace('/*/*/throttling/rateLimit', '500'),
    replace('/*/*/throttling/burstLimit', '1000'),
    replace('/tracingEnabled', 'true'),
    replace(
      '/accessLogSettings/destinationArn',
      `arn:aws:logs:${region}:${ACCOUNT}:log-group:/apigw/payments-prod`,
    ),
    replace('/accessLogSettings/format', JSON_ACCESS_LOG),
    replace('/cacheClusterEnabled', 'true'),
    replace('/cacheClusterSize', '0.5'),
    replace('/~1payments/GET/caching/enabled', 'true'),
    replace('/~1payments/GET/caching/ttlInSeconds', '60'),
  ]);
  await c.wafv2.send(
    new AssociateWebACLCommand({
      WebACLArn: acl.Summary!.ARN!,
      ResourceArn: `arn:aws:apigateway:${region}::/restapis/${pay.id}/stages/prod`,
    }),
  );
  // dev: the stage nobody looks after.
  await stage(c, pay.id, 'dev', [
    replace('/*/*/logging/dataTrace', 'true'),
    replace('/*/*/logging/loglevel', 'INFO'),
    replace('/variables/DB_PASSWORD', 'Sup3r-S3cret-Passw0rd!'),
    replace('/variables/backendHost', 'payments-dev.internal.northwind.example'),
  ]);

  // legacy-partner-api: an old EDGE API with a public policy and a plain-HTTP backend.
  const legacy = await restApi(c, 'legacy-partner-api', {
    type: 'EDGE',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
        },
      ],
    },
  });
  const orders = await resource(c, legacy.id, legacy.rootId, 'orders');
  await method(c, region, legacy.id, orders, 'GET', {
    integration: { type: 'HTTP_PROXY', uri: 'http://partner-backend.northwind.example/orders' },
  });
  await method(c, region, legacy.id, orders, 'POST', {
    apiKey: true,
    integration: { type: 'HTTP_PROXY', uri: 'http://partner-backend.northwind.example/orders' },
  });
  await method(c, region, legacy.id, orders, 'OPTIONS', {
    integration: { type: 'MOCK' },
    corsOrigin: '*',
  });
  await c.apigateway.send(
    new PutGatewayResponseCommand({
      restApiId: legacy.id,
      responseType: 'DEFAULT_4XX',
      responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
    }),
  );
  await stage(c, legacy.id, 'v1', []);
  const plan = await c.apigateway.send(
    new CreateUsagePlanCommand({
      name: 'partners',
      apiStages: [{ apiId: legacy.id, stage: 'v1' }],
      throttle: { rateLimit: 50, burstLimit: 100 },
    }),
  );
  const partnerKey = await c.apigateway.send(
    new CreateApiKeyCommand({ name: 'acme-corp', enabled: true }),
  );
  await c.apigateway.send(
    new CreateUsagePlanKeyCommand({
      usagePlanId: plan.id!,
      keyId: partnerKey.id!,
      keyType: 'API_KEY',
    }),
  );
  await c.apigateway.send(new CreateApiKeyCommand({ name: 'old-partner-key', enabled: true }));

  // Custom domains: one legacy TLS 1.0 domain for the REST API, one TLS 1.2 domain for HTTP.
  const cert = await c.acm.send(
    new RequestCertificateCommand({ DomainName: 'api.northwind.example' }),
  );
  await c.apigateway.send(
    new CreateDomainNameCommand({
      domainName: 'api.northwind.example',
      regionalCertificateArn: cert.CertificateArn,
      endpointConfiguration: { types: ['REGIONAL'] },
      securityPolicy: 'TLS_1_0',
    }),
  );
  await c.apigateway.send(
    new CreateBasePathMappingCommand({
      domainName: 'api.northwind.example',
      restApiId: pay.id,
      stage: 'prod',
      basePath: 'payments',
    }),
  );
  await c.apigateway.send(
    new CreateBasePathMappingCommand({
      domainName: 'api.northwind.example',
      restApiId: legacy.id,
      stage: 'v1',
      basePath: 'partners',
    }),
  );

  // mobile-bff: an HTTP API with a JWT authorizer, one open route and a loose CORS policy.
  const bff = await c.apigatewayv2.send(
    new CreateApiCommand({
      Name: 'mobile-bff',
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: ['*'],
        AllowMethods: ['GET', 'POST'],
        AllowHeaders: ['authorization', 'content-type'],
      },
      Tags: { owner: 'mobile-team' },
    }),
  );
  const bffIntegration = await c.apigatewayv2.send(
    new CreateIntegrationCommand({
      ApiId: bff.ApiId!,
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: lambdaArn(region, 'profile-handler'),
      PayloadFormatVersion: '2.0',
    }),
  );
  const healthIntegration = await c.apigatewayv2.send(
    new CreateIntegrationCommand({
      ApiId: bff.ApiId!,
      IntegrationType: 'HTTP_PROXY',
      IntegrationMethod: 'GET',
      IntegrationUri: 'http://status.northwind.example/health',
      PayloadFormatVersion: '1.0',
    }),
  );
  const jwtId = 'jwt0demo01';
  shims.v2Authorizers.set(bff.ApiId!, [
    {
      AuthorizerId: jwtId,
      Name: 'cognito-jwt',
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: `https://cognito-idp.${region}.amazonaws.com/${region}_Demo1234`,
        Audience: ['mobile-app'],
      },
    },
  ]);
  for (const [key, target, authz] of [
    ['GET /profile', bffIntegration.IntegrationId!, 'JWT'],
    ['POST /profile', bffIntegration.IntegrationId!, 'JWT'],
    ['GET /health', healthIntegration.IntegrationId!, 'NONE'],
  ] as const) {
    await c.apigatewayv2.send(
      new CreateRouteCommand({
        ApiId: bff.ApiId!,
        RouteKey: key,
        Target: `integrations/${target}`,
        AuthorizationType: authz,
        ...(authz === 'JWT' ? { AuthorizerId: jwtId } : {}),
      }),
    );
  }
  await c.apigatewayv2.send(
    new CreateV2StageCommand({
      ApiId: bff.ApiId!,
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: `arn:aws:logs:${region}:${ACCOUNT}:log-group:/apigw/mobile-bff`,
        Format: '$context.requestId $context.status',
      },
      DefaultRouteSettings: {
        ThrottlingRateLimit: 200,
        ThrottlingBurstLimit: 400,
        DetailedMetricsEnabled: true,
      },
    }),
  );
  await c.apigatewayv2.send(
    new CreateV2DomainNameCommand({
      DomainName: 'mobile.northwind.example',
      DomainNameConfigurations: [
        {
          CertificateArn: cert.CertificateArn,
          EndpointType: 'REGIONAL',
          SecurityPolicy: 'TLS_1_2',
        },
      ],
    }),
  );
  await c.apigatewayv2.send(
    new CreateApiMappingCommand({
      DomainName: 'mobile.northwind.example',
      ApiId: bff.ApiId!,
      Stage: '$default',
    }),
  );
}

async function seedUsEast1(c: Clients) {
  const region = 'us-east-1';
  // internal-admin: PRIVATE, reachable only through one VPC endpoint.
  const admin = await restApi(c, 'internal-admin', {
    type: 'PRIVATE',
    tags: { owner: 'platform-team', exposure: 'internal' },
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
        },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
          Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } },
        },
      ],
    },
  });
  const users = await resource(c, admin.id, admin.rootId, 'users');
  await method(c, region, admin.id, users, 'GET', {
    integration: { type: 'HTTP_PROXY', uri: 'https://admin.internal.northwind.example/users' },
  });
  await method(c, region, admin.id, users, 'DELETE', {
    auth: 'AWS_IAM',
    integration: { type: 'HTTP_PROXY', uri: 'https://admin.internal.northwind.example/users' },
  });
  await stage(c, admin.id, 'prod', [
    replace('/*/*/logging/loglevel', 'ERROR'),
    replace(
      '/accessLogSettings/destinationArn',
      `arn:aws:logs:${region}:${ACCOUNT}:log-group:/apigw/admin`,
    ),
    replace('/accessLogSettings/format', '$context.requestId $context.identity.sourceIp'),
  ]);

  // reporting-api: meant to be internal (tagged so) but deployed REGIONAL.
  const reporting = await restApi(c, 'reporting-api', { tags: { exposure: 'internal' } });
  const reports = await resource(c, reporting.id, reporting.rootId, 'reports');
  await method(c, region, reporting.id, reports, 'GET', {
    auth: 'AWS_IAM',
    integration: {
      type: 'AWS',
      uri: `arn:aws:apigateway:${region}:s3:path/northwind-reports/{key}`,
    },
  });
  await method(c, region, reporting.id, reports, 'POST', {
    integration: { type: 'MOCK' },
  });
  await stage(c, reporting.id, 'prod', [replace('/*/*/logging/loglevel', 'OFF')]);

  // live-quotes: a WebSocket API whose $connect anyone can call.
  const ws = await c.apigatewayv2.send(
    new CreateApiCommand({
      Name: 'live-quotes',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    }),
  );
  const wsIntegration = await c.apigatewayv2.send(
    new CreateIntegrationCommand({
      ApiId: ws.ApiId!,
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: lambdaUri(region, 'quotes-handler'),
    }),
  );
  for (const key of ['$connect', '$disconnect', '$default', 'subscribe']) {
    await c.apigatewayv2.send(
      new CreateRouteCommand({
        ApiId: ws.ApiId!,
        RouteKey: key,
        AuthorizationType: 'NONE',
        Target: `integrations/${wsIntegration.IntegrationId}`,
      }),
    );
  }
  await c.apigatewayv2.send(
    new CreateV2StageCommand({
      ApiId: ws.ApiId!,
      StageName: 'production',
      DefaultRouteSettings: { LoggingLevel: 'OFF', DataTraceEnabled: false },
    }),
  );
  shims.v2Authorizers.set(ws.ApiId!, []);

  // A single-region trail, so the other regions are not covered.
  await c.cloudtrail.send(
    new CreateTrailCommand({
      Name: 'management-events',
      S3BucketName: 'northwind-cloudtrail-logs',
    }),
  );
  await c.cloudtrail.send(
    new PutEventSelectorsCommand({
      TrailName: 'management-events',
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
    }),
  );
  await c.cloudtrail.send(new StartLoggingCommand({ Name: 'management-events' }));
}

async function seedApSoutheast2(c: Clients) {
  const region = 'ap-southeast-2';
  const shop = await restApi(c, 'storefront-api', { tags: { owner: 'web-team' } });
  const products = await resource(c, shop.id, shop.rootId, 'products');
  await method(c, region, shop.id, products, 'GET', {
    integration: { type: 'HTTP_PROXY', uri: 'https://catalog.northwind.example/products' },
  });
  await stage(c, shop.id, 'live', [
    replace('/*/*/logging/loglevel', 'ERROR'),
    replace('/*/*/metrics/enabled', 'true'),
  ]);
  // An imported certificate that expires within the month.
  const dir = mkdtempSync(join(tmpdir(), 'demo-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '12',
        '-subj',
        '/CN=shop.northwind.example',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const imported = await c.acm.send(
      new ImportCertificateCommand({
        Certificate: readFileSync(join(dir, 'cert.pem')),
        PrivateKey: readFileSync(join(dir, 'key.pem')),
      }),
    );
    await c.apigateway.send(
      new CreateDomainNameCommand({
        domainName: 'shop.northwind.example',
        regionalCertificateArn: imported.CertificateArn,
        endpointConfiguration: { types: ['REGIONAL'] },
        securityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09',
      }),
    );
    await c.apigateway.send(
      new CreateBasePathMappingCommand({
        domainName: 'shop.northwind.example',
        restApiId: shop.id,
        stage: 'live',
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const shims: Shims = { v2Authorizers: new Map() };

/** The scan's clients: moto's, with the operations moto lacks answered from the definitions. */
function shim(factory: ClientFactory): ClientFactory {
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
            ? Promise.resolve({
                Items: shims.v2Authorizers.get(cmd.input.ApiId!) ?? [],
                $metadata: {},
              })
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
  const factory = createClientFactory({
    endpointUrl: endpoint,
    credentials: CREDS,
    maxAttempts: 2,
  });
  const iam = new IAMClient({ region: 'us-east-1', endpoint: endpoint, credentials: CREDS });
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'demo-lambda-role',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    }),
  );
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: endpoint,
    credentials: CREDS,
    forcePathStyle: true,
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'northwind-cloudtrail-logs' }));
  for (const region of REGIONS) {
    await factory(region).apigateway.send(
      new UpdateAccountCommand({
        patchOperations: [
          replace('/cloudwatchRoleArn', `arn:aws:iam::${ACCOUNT}:role/apigateway-cloudwatch`),
        ],
      }),
    );
  }
  await seedEuWest1(factory('eu-west-1'), iam, shims);
  await seedLambda(factory('us-east-1'), iam, 'us-east-1', 'quotes-handler');
  await seedUsEast1(factory('us-east-1'));
  await seedApSoutheast2(factory('ap-southeast-2'));

  return collectSnapshot({ clients: shim(factory), regions: [...REGIONS] });
}
