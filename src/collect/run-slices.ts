/**
 * Runs the region collectors of the slice table. Every slice starts as soon as the slices it
 * depends on have arrived (the independent ones at once); RegionContext paces them and bounds the
 * requests in flight, so starting everything early costs nothing. A collector that throws leaves
 * its slice undefined and a CollectorError for it; a slice that depends on it still runs, and
 * sees the failed input as undefined (the collectors handle that: no reference, nothing to fetch).
 */
import { REGION_SLICES, sliceRow, type DependsOn, type RegionSlice } from '../snapshot/slices.js';
import type { RegionSnapshot } from '../snapshot/types.js';
import type { RegionContext } from './context.js';

/** Collects one region slice, given the slices its row depends on. */
export type SliceCollector<K extends RegionSlice> = (
  ctx: RegionContext,
  got: Pick<RegionSnapshot, DependsOn<K>>,
) => Promise<RegionSnapshot[K]>;

/** One collector per region row: a row without a collector does not compile. */
export type RegionCollectors = { [K in RegionSlice]: SliceCollector<K> };

export async function runRegionSlices(
  ctx: RegionContext,
  collectors: RegionCollectors,
): Promise<RegionSnapshot> {
  const arrived = new Map<RegionSlice, Promise<unknown>>();
  for (const slice of REGION_SLICES) {
    const row = sliceRow(slice);
    const deps = (row.dependsOn ?? []) as RegionSlice[];
    const waits = deps.map((d) => {
      const p = arrived.get(d);
      // The table test keeps this from happening; a bad row must not hang a scan.
      if (!p)
        throw new Error(`slice ${slice} depends on ${d}, which is not a region slice above it`);
      return p;
    });
    const service = row.operations[0]!.call.split(':')[0]!;
    const collect = collectors[slice] as (ctx: RegionContext, got: object) => Promise<unknown>;
    arrived.set(
      slice,
      Promise.all(waits).then((values) =>
        ctx.guard({ slice, service, operation: 'collect' }, () =>
          collect(ctx, Object.fromEntries(deps.map((d, i) => [d, values[i]]))),
        ),
      ),
    );
  }
  const values = await Promise.all(REGION_SLICES.map((s) => arrived.get(s)));
  return {
    region: ctx.region,
    ...Object.fromEntries(REGION_SLICES.map((s, i) => [s, values[i]])),
  } as RegionSnapshot;
}
