/** Seeding moto through the AWS SDK for JavaScript, as a user's own tooling would. */
import { RequestCertificateCommand } from '@aws-sdk/client-acm';
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
  CreateVpcLinkCommand,
  GetResourcesCommand,
  PutGatewayResponseCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateAccountCommand,
  UpdateStageCommand,
  type EndpointType,
  type GatewayResponseType,
  type PatchOperation,
  type QuotaPeriodType,
  type SecurityPolicy,
} from '@aws-sdk/client-api-gateway';
import {
  CreateApiCommand,
  CreateApiMappingCommand,
  CreateAuthorizerCommand as CreateV2AuthorizerCommand,
  CreateDomainNameCommand as CreateV2DomainNameCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand as CreateV2StageCommand,
  CreateVpcLinkCommand as CreateV2VpcLinkCommand,
  type AuthorizationType,
  type Cors as CorsConfiguration,
  type CreateAuthorizerRequest as CreateAuthorizerV2Request,
  type CreateIntegrationRequest,
  type CreateStageRequest as CreateV2StageRequest,
} from '@aws-sdk/client-apigatewayv2';
import {
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
  type ReadWriteType,
} from '@aws-sdk/client-cloudtrail';
import { AddPermissionCommand, CreateFunctionCommand } from '@aws-sdk/client-lambda';
import {
  AssociateWebACLCommand,
  CreateWebACLCommand,
  PutLoggingConfigurationCommand,
} from '@aws-sdk/client-wafv2';
import type { Clients } from '../../src/collect/clients.js';

export interface SeededRestApi {
  id: string;
  name: string;
  rootId: string;
}

export async function seedRestApi(
  c: Clients,
  name: string,
  opts: {
    endpointType?: string;
    policy?: string;
    tags?: Record<string, string>;
    disableExecuteApiEndpoint?: boolean;
  } = {},
): Promise<SeededRestApi> {
  const api = await c.apigateway.send(
    new CreateRestApiCommand({
      name,
      endpointConfiguration: { types: [(opts.endpointType ?? 'REGIONAL') as EndpointType] },
      ...(opts.policy ? { policy: opts.policy } : {}),
      ...(opts.tags ? { tags: opts.tags } : {}),
      ...(opts.disableExecuteApiEndpoint !== undefined
        ? { disableExecuteApiEndpoint: opts.disableExecuteApiEndpoint }
        : {}),
    }),
  );
  const resources = await c.apigateway.send(new GetResourcesCommand({ restApiId: api.id! }));
  const root = resources.items!.find((r) => r.path === '/')!;
  return { id: api.id!, name, rootId: root.id! };
}

export async function seedMethod(
  c: Clients,
  api: SeededRestApi,
  parentId: string,
  pathPart: string | null,
  httpMethod: string,
  opts: {
    authorizationType?: string;
    authorizerId?: string;
    apiKeyRequired?: boolean;
    integration?: { type: string; uri?: string; httpMethod?: string };
  } = {},
): Promise<string> {
  const resourceId = pathPart
    ? (
        await c.apigateway.send(
          new CreateResourceCommand({ restApiId: api.id, parentId, pathPart }),
        )
      ).id!
    : parentId;
  await c.apigateway.send(
    new PutMethodCommand({
      restApiId: api.id,
      resourceId,
      httpMethod,
      authorizationType: opts.authorizationType ?? 'NONE',
      ...(opts.authorizerId ? { authorizerId: opts.authorizerId } : {}),
      ...(opts.apiKeyRequired ? { apiKeyRequired: true } : {}),
    }),
  );
  const integration = opts.integration ?? { type: 'MOCK' };
  await c.apigateway.send(
    new PutIntegrationCommand({
      restApiId: api.id,
      resourceId,
      httpMethod,
      type: integration.type as 'MOCK',
      ...(integration.uri ? { uri: integration.uri } : {}),
      ...(integration.type !== 'MOCK'
        ? { integrationHttpMethod: integration.httpMethod ?? 'POST' }
        : {}),
    }),
  );
  return resourceId;
}

/** Deploys the API to a stage and applies patch operations to it (moto supports `replace`). */
export async function seedStage(
  c: Clients,
  api: SeededRestApi,
  stageName: string,
  patches: PatchOperation[] = [],
): Promise<void> {
  const dep = await c.apigateway.send(new CreateDeploymentCommand({ restApiId: api.id }));
  await c.apigateway.send(
    new CreateStageCommand({ restApiId: api.id, stageName, deploymentId: dep.id! }),
  );
  if (patches.length) {
    await c.apigateway.send(
      new UpdateStageCommand({ restApiId: api.id, stageName, patchOperations: patches }),
    );
  }
}

export const setLogLevel = (level: string): PatchOperation => ({
  op: 'replace',
  path: '/*/*/logging/loglevel',
  value: level,
});

// ------------------------------------------------------------------ REST extras

export async function seedAuthorizer(
  c: Clients,
  api: SeededRestApi,
  opts: {
    name?: string;
    type?: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS';
    authorizerUri?: string;
    providerARNs?: string[];
    identitySource?: string;
    ttl?: number;
  } = {},
): Promise<string> {
  const type = opts.type ?? 'TOKEN';
  const out = await c.apigateway.send(
    new CreateAuthorizerCommand({
      restApiId: api.id,
      name: opts.name ?? `${type.toLowerCase()}-authorizer`,
      type,
      ...(opts.authorizerUri ? { authorizerUri: opts.authorizerUri } : {}),
      ...(opts.providerARNs ? { providerARNs: opts.providerARNs } : {}),
      identitySource: opts.identitySource ?? 'method.request.header.Authorization',
      ...(opts.ttl !== undefined ? { authorizerResultTtlInSeconds: opts.ttl } : {}),
    }),
  );
  return out.id!;
}

export async function seedRequestValidator(
  c: Clients,
  api: SeededRestApi,
  name: string,
  validateRequestBody: boolean,
  validateRequestParameters: boolean,
): Promise<string> {
  const out = await c.apigateway.send(
    new CreateRequestValidatorCommand({
      restApiId: api.id,
      name,
      validateRequestBody,
      validateRequestParameters,
    }),
  );
  return out.id!;
}

export async function seedGatewayResponse(
  c: Clients,
  api: SeededRestApi,
  responseType: GatewayResponseType,
  opts: { statusCode?: string; responseParameters?: Record<string, string> } = {},
): Promise<void> {
  await c.apigateway.send(
    new PutGatewayResponseCommand({ restApiId: api.id, responseType, ...opts }),
  );
}

/** The ARN WAF uses for a REST stage. */
export const restStageArn = (region: string, apiId: string, stage: string): string =>
  `arn:aws:apigateway:${region}::/restapis/${apiId}/stages/${stage}`;

/** The URI API Gateway invokes a Lambda function with. */
export const lambdaInvocationUri = (functionArn: string): string => {
  const region = functionArn.split(':')[3];
  return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
};

// ------------------------------------------------------------------ v2 (HTTP, WebSocket)

export async function seedHttpApi(
  c: Clients,
  name: string,
  opts: {
    cors?: CorsConfiguration;
    disableExecuteApiEndpoint?: boolean;
    tags?: Record<string, string>;
  } = {},
): Promise<string> {
  const out = await c.apigatewayv2.send(
    new CreateApiCommand({
      Name: name,
      ProtocolType: 'HTTP',
      ...(opts.cors ? { CorsConfiguration: opts.cors } : {}),
      ...(opts.disableExecuteApiEndpoint !== undefined
        ? { DisableExecuteApiEndpoint: opts.disableExecuteApiEndpoint }
        : {}),
      ...(opts.tags ? { Tags: opts.tags } : {}),
    }),
  );
  return out.ApiId!;
}

export async function seedWebSocketApi(c: Clients, name: string): Promise<string> {
  const out = await c.apigatewayv2.send(
    new CreateApiCommand({
      Name: name,
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    }),
  );
  return out.ApiId!;
}

export async function seedV2Integration(
  c: Clients,
  apiId: string,
  input: Omit<CreateIntegrationRequest, 'ApiId'>,
): Promise<string> {
  const out = await c.apigatewayv2.send(new CreateIntegrationCommand({ ApiId: apiId, ...input }));
  return out.IntegrationId!;
}

export async function seedV2Route(
  c: Clients,
  apiId: string,
  routeKey: string,
  opts: {
    integrationId?: string;
    authorizationType?: AuthorizationType;
    authorizerId?: string;
    apiKeyRequired?: boolean;
  } = {},
): Promise<string> {
  const out = await c.apigatewayv2.send(
    new CreateRouteCommand({
      ApiId: apiId,
      RouteKey: routeKey,
      ...(opts.integrationId ? { Target: `integrations/${opts.integrationId}` } : {}),
      ...(opts.authorizationType ? { AuthorizationType: opts.authorizationType } : {}),
      ...(opts.authorizerId ? { AuthorizerId: opts.authorizerId } : {}),
      ...(opts.apiKeyRequired !== undefined ? { ApiKeyRequired: opts.apiKeyRequired } : {}),
    }),
  );
  return out.RouteId!;
}

export async function seedV2Authorizer(
  c: Clients,
  apiId: string,
  input: Omit<CreateAuthorizerV2Request, 'ApiId'>,
): Promise<string> {
  const out = await c.apigatewayv2.send(new CreateV2AuthorizerCommand({ ApiId: apiId, ...input }));
  return out.AuthorizerId!;
}

export async function seedV2Stage(
  c: Clients,
  apiId: string,
  input: Omit<CreateV2StageRequest, 'ApiId'>,
): Promise<void> {
  await c.apigatewayv2.send(new CreateV2StageCommand({ ApiId: apiId, ...input }));
}

// ------------------------------------------------------------------ custom domains

export async function seedDomainName(
  c: Clients,
  domainName: string,
  opts: {
    endpointType?: 'EDGE' | 'REGIONAL';
    certificateArn?: string;
    securityPolicy?: string;
  } = {},
): Promise<void> {
  const edge = opts.endpointType === 'EDGE';
  await c.apigateway.send(
    new CreateDomainNameCommand({
      domainName,
      endpointConfiguration: { types: [edge ? 'EDGE' : 'REGIONAL'] },
      ...(opts.certificateArn
        ? edge
          ? { certificateArn: opts.certificateArn }
          : { regionalCertificateArn: opts.certificateArn }
        : {}),
      ...(opts.securityPolicy ? { securityPolicy: opts.securityPolicy as SecurityPolicy } : {}),
    }),
  );
}

export async function seedBasePathMapping(
  c: Clients,
  domainName: string,
  restApiId: string,
  stage: string,
  basePath?: string,
): Promise<void> {
  await c.apigateway.send(
    new CreateBasePathMappingCommand({
      domainName,
      restApiId,
      stage,
      ...(basePath ? { basePath } : {}),
    }),
  );
}

export async function seedV2DomainName(
  c: Clients,
  domainName: string,
  opts: { certificateArn?: string; securityPolicy?: 'TLS_1_0' | 'TLS_1_2' } = {},
): Promise<void> {
  await c.apigatewayv2.send(
    new CreateV2DomainNameCommand({
      DomainName: domainName,
      DomainNameConfigurations: [
        {
          EndpointType: 'REGIONAL',
          ...(opts.certificateArn ? { CertificateArn: opts.certificateArn } : {}),
          SecurityPolicy: opts.securityPolicy ?? 'TLS_1_2',
        },
      ],
    }),
  );
}

export async function seedApiMapping(
  c: Clients,
  domainName: string,
  apiId: string,
  stage: string,
  key?: string,
): Promise<string> {
  const out = await c.apigatewayv2.send(
    new CreateApiMappingCommand({
      DomainName: domainName,
      ApiId: apiId,
      Stage: stage,
      ...(key ? { ApiMappingKey: key } : {}),
    }),
  );
  return out.ApiMappingId!;
}

// ------------------------------------------------------------------ usage plans, keys, links

export async function seedApiKey(
  c: Clients,
  name: string,
  opts: { value?: string; enabled?: boolean } = {},
): Promise<string> {
  const out = await c.apigateway.send(
    new CreateApiKeyCommand({
      name,
      enabled: opts.enabled ?? true,
      ...(opts.value ? { value: opts.value } : {}),
    }),
  );
  return out.id!;
}

export async function seedUsagePlan(
  c: Clients,
  name: string,
  opts: {
    apiStages?: Array<{ apiId: string; stage: string }>;
    throttle?: { rateLimit?: number; burstLimit?: number };
    quota?: { limit?: number; period?: QuotaPeriodType };
    keyIds?: string[];
  } = {},
): Promise<string> {
  const out = await c.apigateway.send(
    new CreateUsagePlanCommand({
      name,
      ...(opts.apiStages ? { apiStages: opts.apiStages } : {}),
      ...(opts.throttle ? { throttle: opts.throttle } : {}),
      ...(opts.quota ? { quota: opts.quota } : {}),
    }),
  );
  for (const keyId of opts.keyIds ?? []) {
    await c.apigateway.send(
      new CreateUsagePlanKeyCommand({ usagePlanId: out.id!, keyId, keyType: 'API_KEY' }),
    );
  }
  return out.id!;
}

export async function seedVpcLink(c: Clients, name: string, targetArns: string[]): Promise<string> {
  const out = await c.apigateway.send(new CreateVpcLinkCommand({ name, targetArns }));
  return out.id!;
}

export async function seedV2VpcLink(
  c: Clients,
  name: string,
  subnetIds: string[],
  securityGroupIds: string[] = [],
): Promise<string> {
  const out = await c.apigatewayv2.send(
    new CreateV2VpcLinkCommand({
      Name: name,
      SubnetIds: subnetIds,
      SecurityGroupIds: securityGroupIds,
    }),
  );
  return out.VpcLinkId!;
}

export async function seedAccountCloudWatchRole(c: Clients, roleArn: string): Promise<void> {
  await c.apigateway.send(
    new UpdateAccountCommand({
      patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: roleArn }],
    }),
  );
}

// ------------------------------------------------------------------ WAF, CloudTrail, Lambda, ACM

export interface SeededWebAcl {
  arn: string;
  id: string;
  name: string;
}

export async function seedWebAcl(
  c: Clients,
  name: string,
  opts: { defaultAction?: 'Allow' | 'Block'; rateLimit?: number } = {},
): Promise<SeededWebAcl> {
  const visibility = (metric: string) => ({
    SampledRequestsEnabled: false,
    CloudWatchMetricsEnabled: false,
    MetricName: metric,
  });
  const out = await c.wafv2.send(
    new CreateWebACLCommand({
      Name: name,
      Scope: 'REGIONAL',
      DefaultAction: opts.defaultAction === 'Block' ? { Block: {} } : { Allow: {} },
      VisibilityConfig: visibility(name),
      Rules: opts.rateLimit
        ? [
            {
              Name: 'rate',
              Priority: 0,
              Action: { Block: {} },
              Statement: {
                RateBasedStatement: { Limit: opts.rateLimit, AggregateKeyType: 'IP' },
              },
              VisibilityConfig: visibility('rate'),
            },
          ]
        : [],
    }),
  );
  return { arn: out.Summary!.ARN!, id: out.Summary!.Id!, name };
}

export async function seedWebAclAssociation(
  c: Clients,
  webAclArn: string,
  resourceArn: string,
): Promise<void> {
  await c.wafv2.send(
    new AssociateWebACLCommand({ WebACLArn: webAclArn, ResourceArn: resourceArn }),
  );
}

export async function seedWebAclLogging(
  c: Clients,
  webAclArn: string,
  destinationArn: string,
): Promise<void> {
  await c.wafv2.send(
    new PutLoggingConfigurationCommand({
      LoggingConfiguration: { ResourceArn: webAclArn, LogDestinationConfigs: [destinationArn] },
    }),
  );
}

/**
 * A raw request to moto for services the project has no SDK client for (S3, IAM), used only to
 * create what other seeders depend on. moto reads the service and region from the credential
 * scope of the Authorization header and does not verify the signature.
 */
export async function motoRaw(
  c: Clients,
  service: string,
  region: string,
  method: string,
  path: string,
  body?: string,
): Promise<string> {
  const ep = await c.apigateway.config.endpoint!();
  const url = `${ep.protocol}//${ep.hostname}${ep.port ? `:${ep.port}` : ''}${path}`;
  const res = await fetch(url, {
    method,
    headers: {
      Authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
      ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(body ? { body } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`moto ${service} ${method} ${path}: HTTP ${res.status} ${text}`);
  return text;
}

export async function seedS3Bucket(c: Clients, bucket: string): Promise<void> {
  await motoRaw(c, 's3', 'us-east-1', 'PUT', `/${bucket}`);
}

export async function seedIamRole(c: Clients, roleName: string): Promise<string> {
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  });
  const body = new URLSearchParams({
    Action: 'CreateRole',
    Version: '2010-05-08',
    RoleName: roleName,
    AssumeRolePolicyDocument: trust,
  }).toString();
  const xml = await motoRaw(c, 'iam', 'us-east-1', 'POST', '/', body);
  return /<Arn>([^<]+)<\/Arn>/.exec(xml)![1]!;
}

export async function seedTrail(
  c: Clients,
  name: string,
  opts: {
    multiRegion?: boolean;
    logging?: boolean;
    readWriteType?: ReadWriteType;
    includeManagementEvents?: boolean;
  } = {},
): Promise<string> {
  const bucket = `${name}-trail-logs`;
  await seedS3Bucket(c, bucket);
  const out = await c.cloudtrail.send(
    new CreateTrailCommand({
      Name: name,
      S3BucketName: bucket,
      IsMultiRegionTrail: opts.multiRegion ?? false,
    }),
  );
  if (opts.logging) await c.cloudtrail.send(new StartLoggingCommand({ Name: name }));
  if (opts.readWriteType || opts.includeManagementEvents !== undefined) {
    await c.cloudtrail.send(
      new PutEventSelectorsCommand({
        TrailName: name,
        EventSelectors: [
          {
            ReadWriteType: opts.readWriteType ?? 'All',
            IncludeManagementEvents: opts.includeManagementEvents ?? true,
          },
        ],
      }),
    );
  }
  return out.TrailARN!;
}

/** An empty zip archive: moto stores the code without running it. */
const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

export async function seedLambdaFunction(
  c: Clients,
  name: string,
  opts: { roleArn?: string; permissions?: Array<{ sid: string; sourceArn?: string }> } = {},
): Promise<string> {
  const role = opts.roleArn ?? (await seedIamRole(c, `${name}-role`));
  const out = await c.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Role: role,
      Handler: 'index.handler',
      Code: { ZipFile: EMPTY_ZIP },
    }),
  );
  for (const p of opts.permissions ?? []) {
    await c.lambda.send(
      new AddPermissionCommand({
        FunctionName: name,
        StatementId: p.sid,
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        ...(p.sourceArn ? { SourceArn: p.sourceArn } : {}),
      }),
    );
  }
  return out.FunctionArn!;
}

export async function seedCertificate(c: Clients, domainName: string): Promise<string> {
  const out = await c.acm.send(
    new RequestCertificateCommand({ DomainName: domainName, ValidationMethod: 'DNS' }),
  );
  return out.CertificateArn!;
}
