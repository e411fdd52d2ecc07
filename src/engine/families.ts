/**
 * The check families, as data: the sections of the catalog (CHECKS.md), in the order the CLI
 * table, the generated docs and the HTML report show them.
 */
export const FAMILIES = [
  { id: 'logging', title: 'Logging and monitoring' },
  { id: 'exposure', title: 'Exposure and access control' },
  { id: 'tls', title: 'TLS and custom domains' },
  { id: 'auth', title: 'Authentication and authorization' },
  { id: 'throttling', title: 'Throttling and caching' },
  { id: 'data', title: 'Data security and hygiene' },
] as const;

export type Family = (typeof FAMILIES)[number]['id'];

export const FAMILY_IDS: readonly Family[] = FAMILIES.map((f) => f.id);

export function familyTitle(id: Family): string {
  return FAMILIES.find((f) => f.id === id)!.title;
}

/** Items grouped by family in FAMILIES order; families with no item are left out. */
export function groupByFamily<T>(
  items: readonly T[],
  familyOf: (item: T) => Family,
): Array<{ id: Family; title: string; items: T[] }> {
  return FAMILIES.map((f) => ({
    id: f.id,
    title: f.title,
    items: items.filter((i) => familyOf(i) === f.id),
  })).filter((g) => g.items.length > 0);
}
