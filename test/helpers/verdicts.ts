/**
 * Comparing results of a scan whose data was complete with one where part of it was not read:
 * which results may stand, and which ERROR stands in for a result that disappeared.
 */
import type { ResourceRef } from '../../src/engine/types.js';

export interface ResultLike {
  status: string;
  severity: string;
  resource: ResourceRef;
  checkId?: string;
}

export const resultKey = (r: ResultLike) =>
  `${r.checkId ?? ''}|${r.resource.accountId}|${r.resource.region}|${r.resource.arn}`;
export const verdictOf = (r: ResultLike) => `${resultKey(r)} ${r.status} ${r.severity}`;

const pathOf = (arn: string) => arn.split('::')[1] ?? '';
const API_PATH = /^\/(restapis|apis)\/[^/]+/;

/** The stand-ins walkers use when a listing failed: "/restapis", "/apis", "/domainnames/*"... */
export function isListing(r: ResultLike): boolean {
  const path = pathOf(r.resource.arn);
  return path !== '' && !/\/[^/*]+\/[^/*]+$/.test(path) && !path.endsWith('/account');
}

/**
 * An ERROR stands in for a lost result of the same check when it is on it or on what contains it
 * (its API, a failed listing of the region). A result on a resource derived from API data (the
 * region's account settings, a Lambda function, a web ACL, a domain) is stood in for by any ERROR
 * of the check in its region.
 */
export function standsInFor(err: ResultLike, lost: ResultLike): boolean {
  if (err.status !== 'ERROR' || (err.checkId ?? '') !== (lost.checkId ?? '')) return false;
  if (err.resource.accountId !== lost.resource.accountId) return false;
  if (err.resource.region !== lost.resource.region) return false;
  const e = err.resource.arn;
  const l = lost.resource.arn;
  if (e === l || l.startsWith(`${e}/`) || isListing(err)) return true;
  return !API_PATH.test(pathOf(l));
}
