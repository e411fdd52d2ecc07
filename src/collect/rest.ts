/**
 * API Gateway v1 (REST): APIs, and per API its resources with methods (the draft), stages, the
 * deployments they serve, authorizers, request validators and gateway responses. Six calls per
 * API when each list fits one page and its stages serve one deployment.
 */
import {
  GetAuthorizersCommand,
  GetGatewayResponsesCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand,
} from '@aws-sdk/client-api-gateway';
import type {
  GatewayResponse,
  RequestValidator,
  RestApiSnapshot,
  RestAuthorizer,
  RestResource,
  RestStage,
  Slice,
} from '../snapshot/types.js';
import { redactVariables } from '../snapshot/secrets.js';
import { collectRestDeployments } from './deployments.js';
import type { CallSpec, RegionContext } from './context.js';
import { listIn, pagesV1 } from './paginate.js';
import { plain, plainList } from './plain.js';

/** The largest page API Gateway v1 serves. */
export const PAGE = 500;

export async function collectRestApis(ctx: RegionContext): Promise<RestApiSnapshot[] | undefined> {
  const gw = ctx.clients.apigateway;
  const apis = await pagesV1(
    ctx,
    { slice: 'restApis', service: 'apigateway', operation: 'GetRestApis' },
    gw,
    (position) => new GetRestApisCommand({ limit: PAGE, position }),
  );
  if (!apis) return undefined;
  ctx.found('restApis', apis.length);
  const out = await Promise.all(
    apis.map((raw) => collectRestApi(ctx, plain<RestApiSnapshot>(raw))),
  );
  const count = (f: (a: RestApiSnapshot) => unknown[] | undefined) =>
    out.reduce((n, a) => n + (f(a)?.length ?? 0), 0);
  ctx.found(
    'restStages',
    count((a) => a.stages),
  );
  ctx.found(
    'restMethods',
    count((a) => a.resources?.flatMap((r) => Object.keys(r.resourceMethods ?? {}))),
  );
  ctx.found(
    'restAuthorizers',
    count((a) => a.authorizers),
  );
  return out;
}

async function collectRestApi(ctx: RegionContext, api: RestApiSnapshot): Promise<RestApiSnapshot> {
  const gw = ctx.clients.apigateway;
  const restApiId = api.id;
  const spec = (slice: Slice, operation: string): CallSpec => ({
    slice,
    service: 'apigateway',
    operation,
    resourceId: restApiId,
  });
  const stagesSpec = spec('restApi.stages', 'GetStages');
  const responsesSpec = spec('restApi.gatewayResponses', 'GetGatewayResponses');
  // Secret-looking stage variable values never reach the snapshot (see src/snapshot/secrets.ts),
  // nor do the canary's overrides of them.
  const stageList = ctx
    .send(stagesSpec, gw, new GetStagesCommand({ restApiId }))
    .then((out) => plainList<RestStage>(listIn(ctx, stagesSpec, out, 'item'))?.map(redactStage));
  const [resources, stages, deployments, authorizers, requestValidators, gatewayResponses] =
    await Promise.all([
      pagesV1<RestResource>(
        ctx,
        spec('restApi.resources', 'GetResources'),
        gw,
        (position) =>
          new GetResourcesCommand({ restApiId, limit: PAGE, position, embed: ['methods'] }),
      ),
      stageList,
      stageList.then((list) => collectRestDeployments(ctx, restApiId, list)),
      // GetAuthorizers and GetRequestValidators page by position but have no SDK paginator.
      pagesV1<RestAuthorizer>(
        ctx,
        spec('restApi.authorizers', 'GetAuthorizers'),
        gw,
        (position) => new GetAuthorizersCommand({ restApiId, limit: PAGE, position }),
      ),
      pagesV1<RequestValidator>(
        ctx,
        spec('restApi.requestValidators', 'GetRequestValidators'),
        gw,
        (position) => new GetRequestValidatorsCommand({ restApiId, limit: PAGE, position }),
      ),
      // "The GatewayResponses collection does not support pagination": one call.
      ctx.send(responsesSpec, gw, new GetGatewayResponsesCommand({ restApiId, limit: PAGE })),
    ]);
  return {
    ...api,
    resources: plainList<RestResource>(resources),
    stages,
    deployments,
    authorizers: plainList<RestAuthorizer>(authorizers),
    requestValidators: plainList<RequestValidator>(requestValidators),
    gatewayResponses: plainList<GatewayResponse>(
      listIn(ctx, responsesSpec, gatewayResponses, 'items'),
    ),
  };
}

function redactStage(s: RestStage): RestStage {
  const overrides = s.canarySettings?.stageVariableOverrides;
  return {
    ...s,
    ...(s.variables ? { variables: redactVariables(s.variables) } : {}),
    ...(s.canarySettings && overrides
      ? {
          canarySettings: {
            ...s.canarySettings,
            stageVariableOverrides: redactVariables(overrides),
          },
        }
      : {}),
  };
}
