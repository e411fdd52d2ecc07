/**
 * The part of a snapshot one check may see: the slices its `meta.reads` declares, nothing else.
 * An undeclared slice reads as not collected, so a check that forgot to declare one gives ERROR
 * (and fails the catalog's tests) instead of a verdict that a failed collection of that slice
 * could never have turned into ERROR.
 *
 * Views are shallow: regions and the items of a parent slice are copied without the hidden
 * fields; everything below is shared with the snapshot, and nothing is mutated.
 */
import { REGION_SLICES, SLICE_NAMES, sliceRow, type Slice } from '../snapshot/slices.js';
import type { RegionSnapshot, Snapshot } from '../snapshot/types.js';

/** Sub-slice fields by the region slice whose items carry them. */
const SUB_FIELDS = new Map<string, Array<{ field: string; slice: Slice }>>();
for (const slice of SLICE_NAMES) {
  const parent = sliceRow(slice).parent;
  if (!parent) continue;
  const fields = SUB_FIELDS.get(parent) ?? [];
  fields.push({ field: slice.slice(slice.indexOf('.') + 1), slice });
  SUB_FIELDS.set(parent, fields);
}

function withoutFields<T extends object>(item: T, fields: string[]): T {
  const copy = { ...item } as Record<string, unknown>;
  for (const f of fields) delete copy[f];
  return copy as T;
}

function regionView(region: RegionSnapshot, reads: ReadonlySet<Slice>): RegionSnapshot {
  const view: Record<string, unknown> = { region: region.region };
  for (const slice of REGION_SLICES) {
    if (!reads.has(slice)) continue;
    const value = region[slice];
    const hidden = (SUB_FIELDS.get(slice) ?? []).filter((s) => !reads.has(s.slice));
    view[slice] =
      hidden.length && Array.isArray(value)
        ? value.map((item: object) =>
            withoutFields(
              item,
              hidden.map((h) => h.field),
            ),
          )
        : value;
  }
  return view as unknown as RegionSnapshot;
}

/** The snapshot as a check declaring `reads` sees it. */
export function sliceView(snapshot: Snapshot, reads: readonly Slice[]): Snapshot {
  const declared = new Set(reads);
  return {
    ...snapshot,
    accounts: snapshot.accounts.map((account) => ({
      ...account,
      regions: account.regions.map((r) => regionView(r, declared)),
    })),
  };
}

/** One view per distinct `reads`: checks that declare the same slices share it. */
export function sliceViews(snapshot: Snapshot): (reads: readonly Slice[]) => Snapshot {
  const views = new Map<string, Snapshot>();
  return (reads) => {
    const key = [...reads].sort().join(',');
    let view = views.get(key);
    if (!view) views.set(key, (view = sliceView(snapshot, reads)));
    return view;
  };
}
