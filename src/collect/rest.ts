/** API Gateway v1 (REST): APIs, their resources with methods, and their stages. */
import {
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand,
} from '@aws-sdk/client-api-gateway';
import type { RestApiSnapshot, RestResource, RestStage } from '../snapshot/types.js';
import type { RegionContext } from './context.js';
import { pagesV1 } from './paginate.js';
import { plain } from './plain.js';

const PAGE = 500;

export async function collectRestApis(ctx: RegionContext): Promise<RestApiSnapshot[] | undefined> {
  const gw = ctx.clients.apigateway;
  const apis = await pagesV1(
    ctx,
    { slice: 'restApis', service: 'apigateway', operation: 'GetRestApis' },
    (position) => gw.send(new GetRestApisCommand({ limit: PAGE, position })),
  );
  if (!apis) return undefined;
  ctx.found('restApis', apis.length);
  const out: RestApiSnapshot[] = [];
  for (const raw of apis) {
    const api = plain<RestApiSnapshot>(raw);
    const id = api.id;
    const [resources, stages] = await Promise.all([
      pagesV1(
        ctx,
        {
          slice: 'restApi.resources',
          service: 'apigateway',
          operation: 'GetResources',
          resourceId: id,
        },
        (position) =>
          gw.send(
            new GetResourcesCommand({ restApiId: id, limit: PAGE, position, embed: ['methods'] }),
          ),
      ),
      ctx.call(
        { slice: 'restApi.stages', service: 'apigateway', operation: 'GetStages', resourceId: id },
        () => gw.send(new GetStagesCommand({ restApiId: id })),
      ),
    ]);
    out.push({
      ...api,
      resources: resources && plain<RestResource[]>(resources),
      stages: stages && plain<RestStage[]>(stages.item ?? []),
    });
  }
  return out;
}
