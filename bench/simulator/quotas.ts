/**
 * The AWS control-plane quotas the simulator enforces, per (account, region), and the lanes a
 * request counts against. Sources (see docs/benchmark.md): the API Gateway developer guide,
 * "Quotas for creating, deploying and managing an API" (10 rps, burst 40, for all operations,
 * v1 and v2; GetResources 5 every 2 s), and the WAF developer guide's quotas
 * (GetWebACLForResource and ListResourcesForWebACL 1 rps; other Get/List 5 rps).
 */
import type { Quota } from './bucket.js';

export type LaneId =
  | 'apigateway'
  | 'apigateway:GetResources'
  | 'wafv2'
  | 'wafv2:GetWebACLForResource'
  | 'wafv2:ListResourcesForWebACL';

export type QuotaConfig = Record<LaneId, Quota>;

export const AWS_QUOTAS: QuotaConfig = {
  // "Total operations: 10 requests per second, burst 40", shared by v1 and v2 calls.
  apigateway: { rate: 10, burst: 40 },
  // "GetResources: 5 requests every 2 seconds": a bucket of 5 refilled at 2.5 per second.
  'apigateway:GetResources': { rate: 2.5, burst: 5 },
  // WAF documents rates only; a bucket of one second's worth is the strictest reading.
  wafv2: { rate: 5, burst: 5 },
  'wafv2:GetWebACLForResource': { rate: 1, burst: 1 },
  'wafv2:ListResourcesForWebACL': { rate: 1, burst: 1 },
};

/** The lanes a request uses. Services with no lane here (sts, ec2, cloudtrail...) are unlimited. */
export function lanesOf(service: string, operation: string): LaneId[] {
  if (service === 'apigateway' || service === 'apigatewayv2') {
    return service === 'apigateway' && operation === 'GetResources'
      ? ['apigateway', 'apigateway:GetResources']
      : ['apigateway'];
  }
  if (service === 'wafv2') {
    if (operation === 'GetWebACLForResource') return ['wafv2:GetWebACLForResource'];
    if (operation === 'ListResourcesForWebACL') return ['wafv2:ListResourcesForWebACL'];
    return ['wafv2'];
  }
  return [];
}

/**
 * The least time a lane needs for `calls` requests: the burst is free, the rest come at `rate`.
 */
export function laneSeconds(calls: number, quota: Quota): number {
  return Math.max(0, (calls - quota.burst) / quota.rate);
}

/**
 * The quota-bound minimum wall time of a scan, from the calls it made per (account, region,
 * lane): lanes of one (account, region) run side by side, so a region needs as long as its
 * slowest lane; regions (and accounts) are scanned in parallel, so the scan needs as long as its
 * slowest region. Keys of `callsByLane` are "account|region|lane".
 */
export function quotaBoundSeconds(
  callsByLane: Record<string, number>,
  quotas: QuotaConfig = AWS_QUOTAS,
): { seconds: number; byRegion: Record<string, { seconds: number; lane: string }> } {
  const byRegion: Record<string, { seconds: number; lane: string }> = {};
  for (const [key, calls] of Object.entries(callsByLane)) {
    const [account, region, lane] = key.split('|') as [string, string, LaneId];
    const quota = quotas[lane];
    if (!quota) continue;
    const s = laneSeconds(calls, quota);
    const r = `${account}|${region}`;
    if (!byRegion[r] || s > byRegion[r].seconds) byRegion[r] = { seconds: s, lane };
  }
  const seconds = Math.max(0, ...Object.values(byRegion).map((r) => r.seconds));
  return { seconds, byRegion };
}
