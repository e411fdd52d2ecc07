/**
 * The region part of schemas/snapshot.schema.json follows the slice table: one property per
 * region slice, in table order. A property already there keeps its hand-refined shape (the REST
 * and v2 API items name their sub-slices); a new slice gets the plain shape of its row, and a
 * property with no row is dropped. `npm run gen:docs` rewrites the file; a test fails on drift.
 */
import { REGION_SLICES, sliceRow } from '../snapshot/slices.js';

const PLAIN = {
  list: { $ref: '#/definitions/list' },
  map: { type: 'object' },
  object: { type: 'object' },
} as const;

type Json = Record<string, unknown>;

function regionItem(schema: Json): Json {
  const accounts = (schema.properties as Json).accounts as Json;
  const regions = ((accounts.items as Json).properties as Json).regions as Json;
  return regions.items as Json;
}

/** The schema with its region properties rebuilt from the table (the input is not changed). */
export function withRegionSlices(schema: object): object {
  const copy = structuredClone(schema) as Json;
  const item = regionItem(copy);
  const old = item.properties as Json;
  item.properties = {
    region: old.region,
    ...Object.fromEntries(
      REGION_SLICES.map((s) => [s, old[s] ?? PLAIN[sliceRow(s).shape ?? 'object']]),
    ),
  };
  return copy;
}
