/** REST API builders: one AWS SDK call (or a few) per thing, as a user's own tooling would make. */
import {
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  DeleteMethodCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetResourcesCommand,
  ImportRestApiCommand,
  PutGatewayResponseCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateStageCommand,
  type EndpointType,
  type GatewayResponseType,
  type IntegrationType,
  type PatchOperation,
} from '@aws-sdk/client-api-gateway';
import type { Clients } from '../src/collect/clients.js';

export interface SeededRestApi {
  id: string;
  name: string;
  rootId: string;
}

export interface RestApiInput {
  description?: string;
  endpointType?: string;
  policy?: string;
  tags?: Record<string, string>;
  disableExecuteApiEndpoint?: boolean;
}

export async function seedRestApi(
  c: Clients,
  name: string,
  opts: RestApiInput = {},
): Promise<SeededRestApi> {
  const api = await c.apigateway.send(
    new CreateRestApiCommand({
      name,
      ...(opts.description ? { description: opts.description } : {}),
      endpointConfiguration: { types: [(opts.endpointType ?? 'REGIONAL') as EndpointType] },
      ...(opts.policy ? { policy: opts.policy } : {}),
      ...(opts.tags ? { tags: opts.tags } : {}),
      ...(opts.disableExecuteApiEndpoint !== undefined
        ? { disableExecuteApiEndpoint: opts.disableExecuteApiEndpoint }
        : {}),
    }),
  );
  return { id: api.id!, name, rootId: await rootResourceId(c, api.id!) };
}

/**
 * A REST API whose resources and methods come from one OpenAPI document (ImportRestApi): one
 * call instead of one per resource and method, for fixtures with thousands of them.
 */
export async function importRestApi(
  c: Clients,
  name: string,
  openApi: { description?: string; paths: Record<string, unknown> },
): Promise<SeededRestApi> {
  const doc = {
    openapi: '3.0.1',
    info: {
      title: name,
      version: '1',
      ...(openApi.description ? { description: openApi.description } : {}),
    },
    paths: openApi.paths,
  };
  const api = await c.apigateway.send(
    new ImportRestApiCommand({
      failOnWarnings: false,
      body: new TextEncoder().encode(JSON.stringify(doc)),
    }),
  );
  return { id: api.id!, name, rootId: api.rootResourceId ?? (await rootResourceId(c, api.id!)) };
}

async function rootResourceId(c: Clients, restApiId: string): Promise<string> {
  const resources = await c.apigateway.send(new GetResourcesCommand({ restApiId }));
  return resources.items!.find((r) => r.path === '/')!.id!;
}

export async function seedResource(
  c: Clients,
  api: SeededRestApi,
  parentId: string,
  pathPart: string,
): Promise<string> {
  const out = await c.apigateway.send(
    new CreateResourceCommand({ restApiId: api.id, parentId, pathPart }),
  );
  return out.id!;
}

export interface IntegrationInput {
  type: string;
  uri?: string;
  /** The method API Gateway calls the backend with; POST when not MOCK and not given. */
  httpMethod?: string;
  credentials?: string;
  requestTemplates?: Record<string, string>;
  cacheKeyParameters?: string[];
}

export interface MethodInput {
  authorizationType?: string;
  authorizerId?: string;
  apiKeyRequired?: boolean;
  requestValidatorId?: string;
  integration?: IntegrationInput;
  /** Answers with this Access-Control-Allow-Origin (a 200 method and integration response). */
  corsOrigin?: string;
}

/** A method (and, when `pathPart` is given, a new resource under `parentId` to hold it). */
export async function seedMethod(
  c: Clients,
  api: SeededRestApi,
  parentId: string,
  pathPart: string | null,
  httpMethod: string,
  opts: MethodInput = {},
): Promise<string> {
  const restApiId = api.id;
  const resourceId = pathPart ? await seedResource(c, api, parentId, pathPart) : parentId;
  await c.apigateway.send(
    new PutMethodCommand({
      restApiId,
      resourceId,
      httpMethod,
      authorizationType: opts.authorizationType ?? 'NONE',
      ...(opts.authorizerId ? { authorizerId: opts.authorizerId } : {}),
      ...(opts.apiKeyRequired ? { apiKeyRequired: true } : {}),
      ...(opts.requestValidatorId ? { requestValidatorId: opts.requestValidatorId } : {}),
    }),
  );
  const i = opts.integration ?? { type: 'MOCK' };
  await c.apigateway.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId,
      httpMethod,
      type: i.type as IntegrationType,
      ...(i.uri ? { uri: i.uri } : {}),
      ...(i.type !== 'MOCK' ? { integrationHttpMethod: i.httpMethod ?? 'POST' } : {}),
      ...(i.credentials ? { credentials: i.credentials } : {}),
      ...(i.requestTemplates ? { requestTemplates: i.requestTemplates } : {}),
      ...(i.cacheKeyParameters ? { cacheKeyParameters: i.cacheKeyParameters } : {}),
    }),
  );
  if (opts.corsOrigin) {
    const header = 'method.response.header.Access-Control-Allow-Origin';
    const response = { restApiId, resourceId, httpMethod, statusCode: '200' };
    await c.apigateway.send(
      new PutMethodResponseCommand({ ...response, responseParameters: { [header]: true } }),
    );
    await c.apigateway.send(
      new PutIntegrationResponseCommand({
        ...response,
        responseParameters: { [header]: `'${opts.corsOrigin}'` },
      }),
    );
  }
  return resourceId;
}

export async function seedDeployment(c: Clients, api: Pick<SeededRestApi, 'id'>): Promise<string> {
  const dep = await c.apigateway.send(new CreateDeploymentCommand({ restApiId: api.id }));
  return dep.id!;
}

/**
 * Deploys the API to a new stage and applies patch operations to it (moto supports `replace`).
 * The stage gets a deployment of its own unless given one, as when stages are deployed one after
 * the other.
 */
export async function seedStage(
  c: Clients,
  api: Pick<SeededRestApi, 'id'>,
  stageName: string,
  patches: PatchOperation[] = [],
  opts: { tags?: Record<string, string>; deploymentId?: string } = {},
): Promise<void> {
  await c.apigateway.send(
    new CreateStageCommand({
      restApiId: api.id,
      stageName,
      deploymentId: opts.deploymentId ?? (await seedDeployment(c, api)),
      ...(opts.tags ? { tags: opts.tags } : {}),
    }),
  );
  if (patches.length) {
    await c.apigateway.send(
      new UpdateStageCommand({ restApiId: api.id, stageName, patchOperations: patches }),
    );
  }
}

export async function deleteMethod(
  c: Clients,
  api: Pick<SeededRestApi, 'id'>,
  resourceId: string,
  httpMethod: string,
): Promise<void> {
  await c.apigateway.send(new DeleteMethodCommand({ restApiId: api.id, resourceId, httpMethod }));
}

/**
 * Gives a stage a canary serving a new deployment of the API as it is now. The patch paths are
 * UpdateStage's `/canarySettings/...` (moto keeps none of them: the bench simulator does).
 */
export async function seedCanary(
  c: Clients,
  api: Pick<SeededRestApi, 'id'>,
  stageName: string,
  canary: { percentTraffic: number; stageVariableOverrides?: Record<string, string> },
): Promise<string> {
  const deploymentId = await seedDeployment(c, api);
  await c.apigateway.send(
    new UpdateStageCommand({
      restApiId: api.id,
      stageName,
      patchOperations: [
        replace('/canarySettings/deploymentId', deploymentId),
        replace('/canarySettings/percentTraffic', String(canary.percentTraffic)),
        ...Object.entries(canary.stageVariableOverrides ?? {}).map(([name, value]) =>
          replace(`/canarySettings/stageVariableOverrides/${name}`, value),
        ),
      ],
    }),
  );
  return deploymentId;
}

export const replace = (path: string, value: string): PatchOperation => ({
  op: 'replace',
  path,
  value,
});

export const setLogLevel = (level: string): PatchOperation =>
  replace('/*/*/logging/loglevel', level);

export interface AuthorizerInput {
  name?: string;
  type?: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS';
  authorizerUri?: string;
  providerARNs?: string[];
  identitySource?: string;
  identityValidationExpression?: string;
  ttl?: number;
}

export async function seedAuthorizer(
  c: Clients,
  api: Pick<SeededRestApi, 'id'>,
  opts: AuthorizerInput = {},
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
      ...(opts.identityValidationExpression
        ? { identityValidationExpression: opts.identityValidationExpression }
        : {}),
      ...(opts.ttl !== undefined ? { authorizerResultTtlInSeconds: opts.ttl } : {}),
    }),
  );
  return out.id!;
}

export async function seedRequestValidator(
  c: Clients,
  api: Pick<SeededRestApi, 'id'>,
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
  api: Pick<SeededRestApi, 'id'>,
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

/** A Lambda function's ARN. */
export const lambdaArn = (region: string, account: string, name: string): string =>
  `arn:aws:lambda:${region}:${account}:function:${name}`;

/** The URI API Gateway invokes a Lambda function with. */
export const lambdaInvocationUri = (functionArn: string): string => {
  const region = functionArn.split(':')[3];
  return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
};
