/**
 * SDK output -> snapshot data: drops $metadata and turns Dates into ISO strings, so a snapshot
 * read back from disk is exactly what the checks saw during the scan.
 */
export function plain<T>(value: unknown): T {
  return convert(value) as T;
}

function convert(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(convert);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$metadata' || v === undefined) continue;
      out[k] = convert(v);
    }
    return out;
  }
  return value;
}

/** plain() over a list that may be missing (a failed collection stays undefined). */
export function plainList<T>(items: readonly unknown[] | undefined): T[] | undefined {
  return items && plain<T[]>(items);
}
