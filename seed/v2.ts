/** HTTP and WebSocket API builders (API Gateway v2). */
import {
  CreateApiCommand,
  CreateAuthorizerCommand as CreateV2AuthorizerCommand,
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
import type { Clients } from '../src/collect/clients.js';

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
