/**
 * Page loops that go through RegionContext.send, so every page is paced, counted, and a failure
 * on any page is recorded. A collection whose listing failed part-way is reported as failed
 * (undefined), never as the partial list, since a partial list would read as "these are all".
 * An answer whose list is not a list is recorded as MalformedResponse, not trusted.
 */
import type { CallSpec, RegionContext, SdkClient, SdkCommand } from './context.js';

async function pages<T, C extends SdkCommand>(
  ctx: RegionContext,
  spec: CallSpec,
  client: SdkClient,
  command: (token: string | undefined) => C,
  itemsKey: string,
  tokenKey: string,
): Promise<T[] | undefined> {
  const all: T[] = [];
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    const page = (await ctx.send(spec, client, command(token))) as
      Record<string, unknown> | undefined;
    if (!page) return undefined;
    const items = page[itemsKey];
    const next = page[tokenKey];
    if (
      (items !== undefined && !Array.isArray(items)) ||
      (next !== undefined && typeof next !== 'string')
    ) {
      ctx.recordError(spec, 'MalformedResponse', `${itemsKey}/${tokenKey} of unexpected type`);
      return undefined;
    }
    all.push(...((items as T[] | undefined) ?? []));
    token = next || undefined;
    if (token !== undefined && seen.has(token)) {
      ctx.recordError(spec, 'PaginationLoop', `${tokenKey} ${token} repeated`);
      return undefined;
    }
    if (token !== undefined) seen.add(token);
  } while (token);
  return all;
}

/** API Gateway v1: `position` token, `items` list. */
export function pagesV1<T, C extends SdkCommand = SdkCommand>(
  ctx: RegionContext,
  spec: CallSpec,
  client: SdkClient,
  command: (position: string | undefined) => C,
): Promise<T[] | undefined> {
  return pages<T, C>(ctx, spec, client, command, 'items', 'position');
}

/** API Gateway v2: `NextToken`, `Items` list. */
export function pagesV2<T, C extends SdkCommand = SdkCommand>(
  ctx: RegionContext,
  spec: CallSpec,
  client: SdkClient,
  command: (token: string | undefined) => C,
): Promise<T[] | undefined> {
  return pages<T, C>(ctx, spec, client, command, 'Items', 'NextToken');
}

/** Any `NextToken` API with its own list key (CloudTrail, account:ListRegions...). */
export function pagesByToken<T, C extends SdkCommand = SdkCommand>(
  ctx: RegionContext,
  spec: CallSpec,
  client: SdkClient,
  command: (token: string | undefined) => C,
  itemsKey: string,
): Promise<T[] | undefined> {
  return pages<T, C>(ctx, spec, client, command, itemsKey, 'NextToken');
}

/**
 * The list in a one-page answer (GetStages' `item`, GetGatewayResponses' `items`...), or
 * undefined after recording MalformedResponse when it is not a list.
 */
export function listIn<T>(
  ctx: RegionContext,
  spec: CallSpec,
  page: object | undefined,
  key: string,
): T[] | undefined {
  if (!page) return undefined;
  const items = (page as Record<string, unknown>)[key];
  if (items === undefined) return [];
  if (!Array.isArray(items)) {
    ctx.recordError(spec, 'MalformedResponse', `${key} of unexpected type`);
    return undefined;
  }
  return items as T[];
}
