/** Which regions to scan: the user's list, or every region enabled for the account. */
import { ListRegionsCommand } from '@aws-sdk/client-account';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { RegionContext } from './context.js';

/**
 * account:ListRegions (enabled and enabled-by-default), falling back to ec2:DescribeRegions
 * (which without AllRegions lists the enabled ones). Undefined when both fail; both failures are
 * recorded.
 */
export async function enabledRegions(ctx: RegionContext): Promise<string[] | undefined> {
  const fromAccount: string[] = [];
  let token: string | undefined;
  let ok = true;
  do {
    const page = await ctx.call(
      { slice: 'regions', service: 'account', operation: 'ListRegions' },
      () =>
        ctx.clients.account.send(
          new ListRegionsCommand({
            RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'],
            MaxResults: 50,
            NextToken: token,
          }),
        ),
    );
    if (!page) {
      ok = false;
      break;
    }
    fromAccount.push(...(page.Regions ?? []).map((r) => r.RegionName!).filter(Boolean));
    token = page.NextToken;
  } while (token);
  if (ok) return fromAccount.sort();

  const ec2 = await ctx.call(
    { slice: 'regions', service: 'ec2', operation: 'DescribeRegions' },
    () => ctx.clients.ec2.send(new DescribeRegionsCommand({})),
  );
  if (!ec2) return undefined;
  // The fallback answered: the ListRegions failure is not a gap in what was collected.
  const i = ctx.log.errors.findLastIndex(
    (e) => e.operation === 'ListRegions' && e.accountId === ctx.accountId,
  );
  if (i >= 0) ctx.log.errors.splice(i, 1);
  return (ec2.Regions ?? [])
    .filter((r) => r.OptInStatus !== 'not-opted-in')
    .map((r) => r.RegionName!)
    .filter(Boolean)
    .sort();
}
