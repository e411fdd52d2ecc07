/**
 * Usage plans (with the ids of their keys) and API key metadata. Key values are never asked for
 * and never kept: GetApiKeys goes without includeValues, and of GetUsagePlanKeys (whose answer
 * carries the key values) only the ids are kept.
 */
import {
  GetApiKeysCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
} from '@aws-sdk/client-api-gateway';
import type { ApiKey, UsagePlan } from '../snapshot/types.js';
import type { RegionContext } from './context.js';
import { pagesV1 } from './paginate.js';
import { plain } from './plain.js';
import { PAGE } from './rest.js';

export async function collectUsagePlans(ctx: RegionContext): Promise<UsagePlan[] | undefined> {
  const gw = ctx.clients.apigateway;
  const plans = await pagesV1(
    ctx,
    { slice: 'usagePlans', service: 'apigateway', operation: 'GetUsagePlans' },
    gw,
    (position) => new GetUsagePlansCommand({ limit: PAGE, position }),
  );
  if (!plans) return undefined;
  ctx.found('usagePlans', plans.length);
  // A plan whose keys could not be read keeps keyIds undefined (never []), and the error names
  // the plan, so a check reading keys says ERROR for that plan only.
  return Promise.all(
    plans.map(async (raw) => {
      const plan = plain<UsagePlan>(raw);
      const keys = await pagesV1<{ id?: string }>(
        ctx,
        {
          slice: 'usagePlans',
          service: 'apigateway',
          operation: 'GetUsagePlanKeys',
          resourceId: plan.id,
        },
        gw,
        (position) => new GetUsagePlanKeysCommand({ usagePlanId: plan.id, limit: PAGE, position }),
      );
      return {
        ...plan,
        keyIds: keys?.map((k) => k.id).filter((id): id is string => typeof id === 'string'),
      };
    }),
  );
}

export async function collectApiKeys(ctx: RegionContext): Promise<ApiKey[] | undefined> {
  const gw = ctx.clients.apigateway;
  const keys = await pagesV1(
    ctx,
    { slice: 'apiKeys', service: 'apigateway', operation: 'GetApiKeys' },
    gw,
    // includeValues stays absent (false): the values are secrets and no check needs them.
    (position) => new GetApiKeysCommand({ limit: PAGE, position }),
  );
  if (!keys) return undefined;
  ctx.found('apiKeys', keys.length);
  return keys.map((raw) => {
    const { value: _value, ...meta } = plain<ApiKey & { value?: string }>(raw);
    return meta;
  });
}
