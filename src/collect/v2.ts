/**
 * API Gateway v2 (HTTP and WebSocket): APIs, and per API its stages, routes, integrations and
 * authorizers, and what each HTTP API stage that does not auto-deploy serves. The JS client has
 * no paginators for these: every list loops on NextToken. Four calls per API when each list
 * fits one page and every stage auto-deploys (or the API is a WebSocket API).
 */
import {
  GetApisCommand,
  GetAuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import type {
  Slice,
  V2ApiSnapshot,
  V2Authorizer,
  V2Integration,
  V2Route,
  V2Stage,
} from '../snapshot/types.js';
import type { CallSpec, RegionContext } from './context.js';
import { redactVariables } from '../snapshot/secrets.js';
import { collectV2Exports } from './deployments.js';
import { pagesV2 } from './paginate.js';
import { plain, plainList } from './plain.js';

/** MaxResults is a string in the v2 model; 500 matches the v1 maximum. */
export const V2_PAGE = '500';

export async function collectV2Apis(ctx: RegionContext): Promise<V2ApiSnapshot[] | undefined> {
  const gw = ctx.clients.apigatewayv2;
  const apis = await pagesV2(
    ctx,
    { slice: 'v2Apis', service: 'apigatewayv2', operation: 'GetApis' },
    gw,
    (NextToken) => new GetApisCommand({ MaxResults: V2_PAGE, NextToken }),
  );
  if (!apis) return undefined;
  ctx.found('v2Apis', apis.length);
  const out = await Promise.all(apis.map((raw) => collectV2Api(ctx, plain<V2ApiSnapshot>(raw))));
  const count = (f: (a: V2ApiSnapshot) => unknown[] | undefined) =>
    out.reduce((n, a) => n + (f(a)?.length ?? 0), 0);
  ctx.found(
    'v2Stages',
    count((a) => a.stages),
  );
  ctx.found(
    'v2Routes',
    count((a) => a.routes),
  );
  ctx.found(
    'v2Authorizers',
    count((a) => a.authorizers),
  );
  return out;
}

async function collectV2Api(ctx: RegionContext, api: V2ApiSnapshot): Promise<V2ApiSnapshot> {
  const gw = ctx.clients.apigatewayv2;
  const ApiId = api.ApiId;
  const spec = (slice: Slice, operation: string): CallSpec => ({
    slice,
    service: 'apigatewayv2',
    operation,
    resourceId: ApiId,
  });
  const stageList = pagesV2<V2Stage>(
    ctx,
    spec('v2Api.stages', 'GetStages'),
    gw,
    (NextToken) => new GetStagesCommand({ ApiId, MaxResults: V2_PAGE, NextToken }),
  );
  const [stages, exports, routes, integrations, authorizers] = await Promise.all([
    stageList,
    stageList.then((list) =>
      collectV2Exports(ctx, ApiId, api.ProtocolType, plainList<V2Stage>(list)),
    ),
    pagesV2<V2Route>(
      ctx,
      spec('v2Api.routes', 'GetRoutes'),
      gw,
      (NextToken) => new GetRoutesCommand({ ApiId, MaxResults: V2_PAGE, NextToken }),
    ),
    pagesV2<V2Integration>(
      ctx,
      spec('v2Api.integrations', 'GetIntegrations'),
      gw,
      (NextToken) => new GetIntegrationsCommand({ ApiId, MaxResults: V2_PAGE, NextToken }),
    ),
    pagesV2<V2Authorizer>(
      ctx,
      spec('v2Api.authorizers', 'GetAuthorizers'),
      gw,
      (NextToken) => new GetAuthorizersCommand({ ApiId, MaxResults: V2_PAGE, NextToken }),
    ),
  ]);
  return {
    ...api,
    // Secret-looking stage variable values never reach the snapshot (see src/snapshot/secrets.ts).
    stages: plainList<V2Stage>(stages)?.map((s) => ({
      ...s,
      ...(s.StageVariables ? { StageVariables: redactVariables(s.StageVariables) } : {}),
    })),
    routes: plainList<V2Route>(routes),
    integrations: plainList<V2Integration>(integrations),
    authorizers: plainList<V2Authorizer>(authorizers),
    exports,
  };
}
