/**
 * A view of a snapshot that notes every slice a check touches, so a test can hold each check to
 * the `reads` its metadata declares. The slice table is the only source of field names: a region
 * slice is the region field of that name, and a sub-slice `parent.field` is `field` on each item
 * (or map value) of its parent region slice.
 */
import {
  REGION_SLICES,
  SLICE_NAMES,
  sliceRow,
  type RegionSlice,
  type Slice,
} from '../../src/snapshot/slices.js';
import type { Snapshot } from '../../src/snapshot/types.js';

/** Sub-slice fields by the region slice whose items carry them. */
const SUB_FIELDS = new Map<string, Map<string, Slice>>();
for (const s of SLICE_NAMES) {
  const parent = sliceRow(s).parent;
  if (!parent) continue;
  const field = s.slice(s.indexOf('.') + 1);
  const fields = SUB_FIELDS.get(parent) ?? new Map<string, Slice>();
  fields.set(field, s);
  SUB_FIELDS.set(parent, fields);
}
const REGION_FIELDS = new Set<string>(REGION_SLICES);

type OnRead = (slice: Slice) => void;

function watchFields<T extends object>(target: T, fields: Map<string, Slice>, onRead: OnRead): T {
  return new Proxy(target, {
    get(t, key, receiver) {
      const slice = typeof key === 'string' ? fields.get(key) : undefined;
      if (slice) onRead(slice);
      return Reflect.get(t, key, receiver) as unknown;
    },
    // `{ ...item }` and Object.entries read every field: count those as reads too.
    ownKeys(t) {
      for (const [field, slice] of fields) if (field in t) onRead(slice);
      return Reflect.ownKeys(t);
    },
  });
}

/** Each item (list) or value (map) of a region slice, watched for its sub-slice fields. */
function watchItems(value: unknown, slice: RegionSlice, onRead: OnRead): unknown {
  const fields = SUB_FIELDS.get(slice);
  if (!fields || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    return value.map((item: unknown) =>
      item && typeof item === 'object' ? watchFields(item, fields, onRead) : item,
    );
  }
  return Object.fromEntries(
    Object.entries(value).map(([k, v]: [string, unknown]) => [
      k,
      v && typeof v === 'object' ? watchFields(v, fields, onRead) : v,
    ]),
  );
}

/** A copy of `snapshot` whose region data reports each slice read to `onRead`. */
export function watchSlices(snapshot: Snapshot, onRead: OnRead): Snapshot {
  return {
    ...snapshot,
    accounts: snapshot.accounts.map((account) => ({
      ...account,
      regions: account.regions.map((region) => {
        const watched = { ...region } as Record<string, unknown>;
        for (const s of REGION_SLICES) {
          if (s in watched) watched[s] = watchItems(watched[s], s, onRead);
        }
        const regionFields = new Map<string, Slice>([...REGION_FIELDS].map((s) => [s, s as Slice]));
        return watchFields(watched, regionFields, onRead) as unknown as typeof region;
      }),
    })),
  };
}
