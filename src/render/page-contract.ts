/**
 * What the renderer (html.ts) and the page script (templates/report/*.js) must agree on, in one
 * place: html.ts writes PAGE_CONTRACT into the page as the `CONTRACT` constant, and the page's
 * type declarations (templates/report/page.d.ts) take their types from here.
 */
import { FAMILIES } from '../engine/families.js';
import { SEVERITIES, STATUSES, type CheckInfo, type Status } from '../engine/types.js';

/**
 * Finding fields left out of the page when they equal the finding's check's (they always do for
 * engine output): packReport drops them, the page restores them from report.checks.
 */
export const PACKED_FINDING_FIELDS = ['title', 'remediation', 'compliance'] as const;
export type PackedFindingField = (typeof PACKED_FINDING_FIELDS)[number];

/** Check families, in the order the report shows them, with their display names. */
export const CHECK_FAMILIES = FAMILIES.map((f) => ({ id: f.id, label: f.title }));

/** Reports written before checks carried a family have none; the page then skips the grouping. */
export type CheckWithFamily = CheckInfo & { family?: string };

export function checkFamily(check: CheckInfo | undefined): string | undefined {
  const family = (check as CheckWithFamily | undefined)?.family;
  return typeof family === 'string' && family ? family : undefined;
}

/** Display name of a family id; an id this version does not know shows as itself. */
export function familyLabel(id: string): string {
  return CHECK_FAMILIES.find((f) => f.id === id)?.label ?? id;
}

/** Most urgent first: the order findings are listed in. */
const STATUS_ORDER = ['FAIL', 'ERROR', 'MANUAL', 'PASS'] as const satisfies readonly Status[];

export const PAGE_CONTRACT = {
  severities: SEVERITIES,
  statuses: STATUSES,
  statusOrder: STATUS_ORDER,
  packedFindingFields: PACKED_FINDING_FIELDS,
  families: CHECK_FAMILIES,
};
export type PageContract = typeof PAGE_CONTRACT;

// Every status has a place in the order (a compile error here when STATUSES grows).
type Missing = Exclude<Status, (typeof STATUS_ORDER)[number]>;
const _everyStatusOrdered: [Missing] extends [never] ? true : never = true;
