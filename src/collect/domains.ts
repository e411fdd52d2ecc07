/**
 * Custom domain names, as both APIs list them: v1 GetDomainNames with each domain's base path
 * mappings, and v2 GetDomainNames with each domain's API mappings. On AWS the two lists name the
 * same domains (one namespace); both are kept as read, and checks de-duplicate by name.
 */
import { GetBasePathMappingsCommand, GetDomainNamesCommand } from '@aws-sdk/client-api-gateway';
import {
  GetApiMappingsCommand,
  GetDomainNamesCommand as GetV2DomainNamesCommand,
} from '@aws-sdk/client-apigatewayv2';
import type {
  BasePathMapping,
  DomainNameSnapshot,
  V2ApiMapping,
  V2DomainNameSnapshot,
} from '../snapshot/types.js';
import type { RegionContext } from './context.js';
import { pagesV1, pagesV2 } from './paginate.js';
import { plain, plainList } from './plain.js';
import { PAGE } from './rest.js';
import { V2_PAGE } from './v2.js';

export async function collectDomainNames(
  ctx: RegionContext,
): Promise<DomainNameSnapshot[] | undefined> {
  const gw = ctx.clients.apigateway;
  const domains = await pagesV1(
    ctx,
    { slice: 'domainNames', service: 'apigateway', operation: 'GetDomainNames' },
    gw,
    (position) => new GetDomainNamesCommand({ limit: PAGE, position }),
  );
  if (!domains) return undefined;
  ctx.found('domainNames', domains.length);
  return Promise.all(
    domains.map(async (raw) => {
      const d = plain<DomainNameSnapshot>(raw);
      // Private custom domains are addressed by name and id (several may share a name).
      const domainNameId = d.domainNameId;
      const mappings = await pagesV1<BasePathMapping>(
        ctx,
        {
          slice: 'domainName.basePathMappings',
          service: 'apigateway',
          operation: 'GetBasePathMappings',
          resourceId: domainNameId ? `${d.domainName}+${domainNameId}` : d.domainName,
        },
        gw,
        (position) =>
          new GetBasePathMappingsCommand({
            domainName: d.domainName,
            ...(domainNameId ? { domainNameId } : {}),
            limit: PAGE,
            position,
          }),
      );
      return { ...d, basePathMappings: plainList<BasePathMapping>(mappings) };
    }),
  );
}

export async function collectV2DomainNames(
  ctx: RegionContext,
): Promise<V2DomainNameSnapshot[] | undefined> {
  const gw = ctx.clients.apigatewayv2;
  const domains = await pagesV2(
    ctx,
    { slice: 'v2DomainNames', service: 'apigatewayv2', operation: 'GetDomainNames' },
    gw,
    (NextToken) => new GetV2DomainNamesCommand({ MaxResults: V2_PAGE, NextToken }),
  );
  if (!domains) return undefined;
  ctx.found('v2DomainNames', domains.length);
  return Promise.all(
    domains.map(async (raw) => {
      const d = plain<V2DomainNameSnapshot>(raw);
      const mappings = await pagesV2<V2ApiMapping>(
        ctx,
        {
          slice: 'v2DomainName.apiMappings',
          service: 'apigatewayv2',
          operation: 'GetApiMappings',
          resourceId: d.DomainName,
        },
        gw,
        (NextToken) =>
          new GetApiMappingsCommand({ DomainName: d.DomainName, MaxResults: V2_PAGE, NextToken }),
      );
      return { ...d, apiMappings: plainList<V2ApiMapping>(mappings) };
    }),
  );
}
