/** Which regions to scan: the user's list, or every region enabled for the account. */
import { ListRegionsCommand } from '@aws-sdk/client-account';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { RegionContext } from './context.js';
import { pagesByToken } from './paginate.js';

/**
 * account:ListRegions (enabled and enabled-by-default), falling back to ec2:DescribeRegions
 * (which without AllRegions lists the enabled ones). Undefined when both fail; both failures are
 * recorded. When the fallback answers, the ListRegions failure is dropped: nothing is missing.
 */
export async function enabledRegions(ctx: RegionContext): Promise<string[] | undefined> {
  const before = ctx.log.errors.length;
  const listed = await pagesByToken<{ RegionName?: string }>(
    ctx,
    { slice: 'regions', service: 'account', operation: 'ListRegions' },
    ctx.clients.account,
    (NextToken) =>
      new ListRegionsCommand({
        RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'],
        MaxResults: 50,
        NextToken,
      }),
    'Regions',
  );
  if (listed) return names(listed);

  const ec2 = await ctx.send(
    { slice: 'regions', service: 'ec2', operation: 'DescribeRegions' },
    ctx.clients.ec2,
    new DescribeRegionsCommand({}),
  );
  if (!ec2) return undefined;
  const i = ctx.log.errors.findIndex(
    (e, n) => n >= before && e.operation === 'ListRegions' && e.accountId === ctx.accountId,
  );
  if (i >= 0) ctx.log.errors.splice(i, 1);
  return names((ec2.Regions ?? []).filter((r) => r.OptInStatus !== 'not-opted-in'));
}

function names(regions: Array<{ RegionName?: string }>): string[] {
  return regions
    .map((r) => r.RegionName)
    .filter((n): n is string => typeof n === 'string' && n.length > 0)
    .sort();
}
