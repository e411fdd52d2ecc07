/**
 * The account's IAM alias (iam:ListAccountAliases, one call per account), which the renderers
 * show as the account's name where AWS Organizations gives none. An account has at most one
 * alias. A failed call is a collection error; the renderers then fall back to the account ID.
 */
import { ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import type { RegionContext } from './context.js';

export async function collectAccountAlias(ctx: RegionContext): Promise<string | undefined> {
  const out = await ctx.send(
    { slice: 'accountAlias', service: 'iam', operation: 'ListAccountAliases' },
    ctx.clients.iam,
    new ListAccountAliasesCommand({}),
  );
  return out?.AccountAliases?.[0];
}
