/**
 * CloudTrail coverage: the trails visible from each region (DescribeTrails with shadow trails,
 * so a multi-region trail shows in every region), each with its status and event selectors.
 * Status and selectors are read once per trail and account for the whole scan, in the trail's
 * home region (where GetEventSelectors answers), and shared by every region that sees the trail.
 */
import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import type { TrailSnapshot } from '../snapshot/types.js';
import type { CallSpec, RegionContext } from './context.js';
import { listIn } from './paginate.js';
import { plain } from './plain.js';

export async function collectTrails(ctx: RegionContext): Promise<TrailSnapshot[] | undefined> {
  const spec: CallSpec = { slice: 'trails', service: 'cloudtrail', operation: 'DescribeTrails' };
  const out = await ctx.send(
    spec,
    ctx.clients.cloudtrail,
    new DescribeTrailsCommand({ includeShadowTrails: true }),
  );
  const trails = listIn<object>(ctx, spec, out, 'trailList');
  if (!trails) return undefined;
  ctx.found('trails', trails.length);
  return Promise.all(trails.map((raw) => withStatus(ctx, plain<TrailSnapshot>(raw))));
}

async function withStatus(ctx: RegionContext, trail: TrailSnapshot): Promise<TrailSnapshot> {
  const arn = trail.TrailARN ?? trail.Name;
  if (!arn) return trail;
  const home = trail.HomeRegion ?? ctx.region;
  const ct = ctx.clientsIn(home).cloudtrail;
  const statusSpec: CallSpec = {
    slice: 'trail.status',
    service: 'cloudtrail',
    operation: 'GetTrailStatus',
    resourceId: arn,
    region: home,
  };
  const selectorsSpec: CallSpec = {
    slice: 'trail.eventSelectors',
    service: 'cloudtrail',
    operation: 'GetEventSelectors',
    resourceId: arn,
    region: home,
  };
  const [status, selectors] = await Promise.all([
    ctx.shared(`cloudtrail:GetTrailStatus:${arn}`, statusSpec, () =>
      ctx.attemptSend(statusSpec, ct, new GetTrailStatusCommand({ Name: arn })),
    ),
    ctx.shared(`cloudtrail:GetEventSelectors:${arn}`, selectorsSpec, () =>
      ctx.attemptSend(selectorsSpec, ct, new GetEventSelectorsCommand({ TrailName: arn })),
    ),
  ]);
  return {
    ...trail,
    ...(status.ok ? { status: plain<TrailSnapshot['status']>(status.value) } : {}),
    ...(selectors.ok
      ? {
          eventSelectors: plain<TrailSnapshot['eventSelectors']>({
            EventSelectors: selectors.value.EventSelectors,
            AdvancedEventSelectors: selectors.value.AdvancedEventSelectors,
          }),
        }
      : {}),
  };
}
