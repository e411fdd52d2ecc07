/**
 * CORS facts: what an allowed-origin setting lets in, and which combinations expose an API.
 * HTTP APIs declare CORS in CorsConfiguration; REST APIs set the headers themselves, as
 * response parameters of OPTIONS integration responses and of gateway responses.
 */
import type { Severity } from '../../src/engine/types.js';

export const ALLOW_ORIGIN = 'Access-Control-Allow-Origin';
export const ALLOW_CREDENTIALS = 'Access-Control-Allow-Credentials';

/**
 * - wildcard: `*`
 * - reflected: the caller's own Origin header is echoed back (any origin is allowed, and unlike
 *   `*` browsers accept it together with credentials)
 * - null: the `null` origin (sandboxed iframes, file: pages)
 * - http: a plain-http origin (any network attacker can act as it)
 * - https: a specific https origin
 * - dynamic: the value comes from the backend, a stage variable or the context: unknown here
 */
export type OriginKind = 'wildcard' | 'reflected' | 'null' | 'http' | 'https' | 'dynamic';

export function classifyOrigin(origin: string): OriginKind {
  const o = origin.trim().toLowerCase();
  if (o === '*') return 'wildcard';
  if (o === 'null') return 'null';
  if (o.startsWith('http://')) return 'http';
  return 'https';
}

/**
 * Reads a REST response-parameter value for Access-Control-Allow-Origin. Static values are
 * quoted ("'*'", "'https://app.example.com'"); an unquoted value is a mapping expression:
 * `method.request.header.Origin` reflects the caller's origin, anything else is dynamic.
 */
export function parseOriginParameter(value: string): { origin: string; kind: OriginKind } {
  const v = value.trim();
  const quoted = /^'(.*)'$/s.exec(v);
  if (quoted) {
    const origin = quoted[1]!.trim();
    return { origin, kind: classifyOrigin(origin) };
  }
  if (/^method\.request\.header\.origin$/i.test(v)) return { origin: v, kind: 'reflected' };
  return { origin: v, kind: 'dynamic' };
}

/** Whether a REST response-parameter value for Access-Control-Allow-Credentials is 'true'. */
export function credentialsParameterTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === "'true'";
}

export interface CorsCondition {
  condition: string;
  severity: Severity;
}

export interface CorsInput {
  origins: Array<{ origin: string; kind: OriginKind }>;
  allowCredentials: boolean;
  /** Routes or methods that carry an authorization type other than NONE. */
  authorizedRoutes: string[];
}

/**
 * The conditions that make a CORS policy unsafe, most severe first:
 * - any origin (`*` or reflected) with credentials (high);
 * - any origin on an API with an authorized route (medium);
 * - an http:// origin (medium); the `null` origin (medium).
 * A public API that allows any origin without credentials and without authorization is fine.
 */
export function corsConditions(input: CorsInput): CorsCondition[] {
  const out: CorsCondition[] = [];
  const any = input.origins.filter((o) => o.kind === 'wildcard' || o.kind === 'reflected');
  const anyLabel = [...new Set(any.map((o) => (o.kind === 'wildcard' ? '*' : 'reflected Origin')))]
    .sort()
    .join(', ');
  if (any.length && input.allowCredentials) {
    out.push({ condition: `any origin (${anyLabel}) allowed with credentials`, severity: 'high' });
  }
  if (any.length && input.authorizedRoutes.length) {
    out.push({
      condition: `any origin (${anyLabel}) allowed on an API with ${input.authorizedRoutes.length} authorized route(s)`,
      severity: 'medium',
    });
  }
  const http = [...new Set(input.origins.filter((o) => o.kind === 'http').map((o) => o.origin))];
  if (http.length) {
    out.push({ condition: `plain-http origin(s) allowed: ${http.join(', ')}`, severity: 'medium' });
  }
  if (input.origins.some((o) => o.kind === 'null')) {
    out.push({ condition: 'the null origin is allowed', severity: 'medium' });
  }
  return out;
}
