/** Everything collected in one account and region. */
import type { RegionSnapshot } from '../snapshot/types.js';
import type { RegionContext } from './context.js';
import { collectRestApis } from './rest.js';

export async function collectRegion(ctx: RegionContext): Promise<RegionSnapshot> {
  const restApis = await collectRestApis(ctx);
  return { region: ctx.region, restApis };
}
