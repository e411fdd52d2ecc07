import { REGION_SLICES, sliceRow } from './slices.js';
import type { RegionSnapshot } from './types.js';

const EMPTY = { list: () => [], map: () => ({}), object: () => ({}) } as const;

/**
 * A region in which every collection succeeded and found nothing (as opposed to a collection
 * left undefined, which means it failed). Builders of synthetic snapshots start from it. Every
 * region slice of the slice table is present; the API Gateway account settings are the one
 * exception to "empty": they name a logging role and the default limits, since a real region
 * always has settings and fixtures should not fail the account checks by accident.
 */
export function emptyRegion(region: string, accountId: string): RegionSnapshot {
  const slices = Object.fromEntries(
    REGION_SLICES.map((s) => [s, EMPTY[sliceRow(s).shape ?? 'object']()]),
  );
  return {
    region,
    ...slices,
    account: {
      cloudwatchRoleArn: `arn:aws:iam::${accountId}:role/apigw-logs`,
      throttleSettings: { rateLimit: 10000, burstLimit: 5000 },
    },
  };
}
