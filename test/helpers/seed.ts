/** Seeding moto through the AWS SDK for JavaScript, as a user's own tooling would. */
import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
  type EndpointType,
  type PatchOperation,
} from '@aws-sdk/client-api-gateway';
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
