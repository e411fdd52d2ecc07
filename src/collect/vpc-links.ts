/** VPC links: v1 (REST private integrations, NLB targets) and v2 (HTTP API private integrations). */
import { GetVpcLinksCommand } from '@aws-sdk/client-api-gateway';
import { GetVpcLinksCommand as GetV2VpcLinksCommand } from '@aws-sdk/client-apigatewayv2';
import type { V2VpcLink, VpcLink } from '../snapshot/types.js';
import type { RegionContext } from './context.js';
import { pagesV1, pagesV2 } from './paginate.js';
import { plainList } from './plain.js';
import { PAGE } from './rest.js';
import { V2_PAGE } from './v2.js';

export async function collectVpcLinks(ctx: RegionContext): Promise<VpcLink[] | undefined> {
  const links = await pagesV1(
    ctx,
    { slice: 'vpcLinks', service: 'apigateway', operation: 'GetVpcLinks' },
    ctx.clients.apigateway,
    (position) => new GetVpcLinksCommand({ limit: PAGE, position }),
  );
  if (links) ctx.found('vpcLinks', links.length);
  return plainList<VpcLink>(links);
}

export async function collectV2VpcLinks(ctx: RegionContext): Promise<V2VpcLink[] | undefined> {
  const links = await pagesV2(
    ctx,
    { slice: 'v2VpcLinks', service: 'apigatewayv2', operation: 'GetVpcLinks' },
    ctx.clients.apigatewayv2,
    (NextToken) => new GetV2VpcLinksCommand({ MaxResults: V2_PAGE, NextToken }),
  );
  if (links) ctx.found('v2VpcLinks', links.length);
  return plainList<V2VpcLink>(links);
}
