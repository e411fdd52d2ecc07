/**
 * Where a SARIF result "is" for tools that only understand files (GitHub code scanning): a
 * pseudo-path per AWS resource, aws/<account>/<region>/<service>/<resource path from the ARN>,
 * relative to the uriBaseId AWS. The same resource always gets the same path, so alerts stay
 * attached to it from one run to the next.
 */
import type { ResourceRef } from '../engine/types.js';

export const AWS_URI_BASE_ID = 'AWS';

/**
 * Every segment percent-encoded, dot segments included: a hostile stage name cannot add a
 * segment, climb out with "..", or start a scheme.
 */
function segments(parts: string[]): string {
  return parts
    .filter((p) => p !== '')
    .map((p) => (/^\.+$/.test(p) ? p.replace(/\./g, '%2E') : encodeURIComponent(p)))
    .join('/');
}

export function resourcePath(resource: ResourceRef): string {
  // arn:partition:service:region:account:resource, where resource may itself hold ':' or '/'.
  const m = /^arn:[^:]*:([^:]*):[^:]*:[^:]*:(.*)$/s.exec(resource.arn);
  const region = resource.region || 'global';
  const account = resource.accountId || 'unknown-account';
  if (!m) return segments(['aws', account, region, 'resource', resource.arn]);
  const [, service, rest] = m as unknown as [string, string, string];
  return segments(['aws', account, region, service || 'unknown', ...rest.split(/[/:]/)]);
}
