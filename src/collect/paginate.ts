/**
 * Page loops that go through RegionContext.call, so every page is counted and a failure on any
 * page is recorded. A collection whose listing failed part-way is reported as failed (undefined),
 * never as the partial list, since a partial list would read as "these are all".
 */
import type { CallSpec, RegionContext } from './context.js';

/** API Gateway v1: `position` token, `items` list. */
export async function pagesV1<T>(
  ctx: RegionContext,
  spec: CallSpec,
  fetch: (position: string | undefined) => Promise<{ items?: T[]; position?: string }>,
): Promise<T[] | undefined> {
  const all: T[] = [];
  let position: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await ctx.call(spec, () => fetch(position));
    if (!page) return undefined;
    all.push(...(page.items ?? []));
    position = page.position;
    if (position !== undefined && seen.has(position)) {
      ctx.recordError(spec, 'PaginationLoop', `position token ${position} repeated`);
      return undefined;
    }
    if (position !== undefined) seen.add(position);
  } while (position);
  return all;
}

/** API Gateway v2 and others: `NextToken`, `Items` list. */
export async function pagesV2<T>(
  ctx: RegionContext,
  spec: CallSpec,
  fetch: (token: string | undefined) => Promise<{ Items?: T[]; NextToken?: string }>,
): Promise<T[] | undefined> {
  const all: T[] = [];
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await ctx.call(spec, () => fetch(token));
    if (!page) return undefined;
    all.push(...(page.Items ?? []));
    token = page.NextToken;
    if (token !== undefined && seen.has(token)) {
      ctx.recordError(spec, 'PaginationLoop', `NextToken ${token} repeated`);
      return undefined;
    }
    if (token !== undefined) seen.add(token);
  } while (token);
  return all;
}
