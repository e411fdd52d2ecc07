/**
 * Custom domain names, as both APIs list them: v1 GetDomainNames with each domain's base path
 * mappings (and the private domains other accounts share with this one), v2 GetDomainNames with
 * each domain's API mappings, and the access associations of private domains. On AWS the two lists name the
 * same domains (one namespace); both are kept as read, and checks de-duplicate by name.
 */
import {
  GetBasePathMappingsCommand,
  GetDomainNameAccessAssociationsCommand,
  GetDomainNamesCommand,
} from '@aws-sdk/client-api-gateway';
import {
  GetApiMappingsCommand,
  GetDomainNamesCommand as GetV2DomainNamesCommand,
} from '@aws-sdk/client-apigatewayv2';
import type {
  BasePathMapping,
  DomainName,
  DomainNameAccessAssociation,
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
  const spec = {
    slice: 'domainNames',
    service: 'apigateway',
    operation: 'GetDomainNames',
  } as const;
  const [domains, shared] = await Promise.all([
    pagesV1(ctx, spec, gw, (position) => new GetDomainNamesCommand({ limit: PAGE, position })),
    pagesV1<DomainName>(
      ctx,
      spec,
      gw,
      (position) =>
        new GetDomainNamesCommand({ limit: PAGE, position, resourceOwner: 'OTHER_ACCOUNTS' }),
    ),
  ]);
  if (!domains || !shared) return undefined;
  ctx.found('domainNames', domains.length);
  const own = new Set(domains.map((d) => domainKey(plain<DomainName>(d))));
  // The owner's mappings are not readable from here, and not this account's: none are kept.
  const others = plainList<DomainName>(shared)!
    .filter((d) => !own.has(domainKey(d)))
    .map((d): DomainNameSnapshot => ({ ...d, basePathMappings: [] }));
  const mine = await Promise.all(
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
  return [...mine, ...others];
}

/** Private custom domains are told apart by id (several may share a name). */
const domainKey = (d: DomainName) => `${d.domainName}+${d.domainNameId ?? ''}`;

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

/**
 * Who may reach private custom domains: this account's VPC endpoints associated with any domain,
 * and other accounts' endpoints associated with this account's domains. Undefined when either
 * listing failed, so that nothing is judged on half of them.
 */
export async function collectDomainNameAccessAssociations(
  ctx: RegionContext,
): Promise<DomainNameAccessAssociation[] | undefined> {
  const lists = await Promise.all(
    (['SELF', 'OTHER_ACCOUNTS'] as const).map((resourceOwner) =>
      pagesV1<DomainNameAccessAssociation>(
        ctx,
        {
          slice: 'domainNameAccessAssociations',
          service: 'apigateway',
          operation: 'GetDomainNameAccessAssociations',
        },
        ctx.clients.apigateway,
        (position) =>
          new GetDomainNameAccessAssociationsCommand({ limit: PAGE, position, resourceOwner }),
      ),
    ),
  );
  if (lists.some((l) => l === undefined)) return undefined;
  const byArn = new Map<string, DomainNameAccessAssociation>();
  for (const a of plain<DomainNameAccessAssociation[]>(lists.flat())) {
    byArn.set(a.domainNameAccessAssociationArn ?? JSON.stringify(a), a);
  }
  return [...byArn.values()];
}
