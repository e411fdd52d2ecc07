/**
 * REST API caching. A stage caches only when its cache cluster is on AND a method settings
 * entry has cachingEnabled (with a TTL above 0: TTL 0 disables caching). The stage-wide
 * "*\/*" entry caches GET methods only; other verbs are cached only by their own override.
 */
import type {
  MethodSetting,
  RestAuthorizer,
  RestMethod,
  RestStage,
} from '../../src/snapshot/types.js';
import {
  allMethodSettings,
  effectiveMethodSetting,
  STAGE_WIDE,
  type MethodOverride,
} from '../../src/snapshot/method-settings.js';

const cacheClusterOn = (stage: RestStage): boolean => stage.cacheClusterEnabled === true;

const settingCaches = (s: MethodSetting): boolean =>
  s.cachingEnabled === true && s.cacheTtlInSeconds !== 0;

/** Method settings entries that cache, when the cluster is on; empty otherwise. */
export function cachedEntries(stage: RestStage): MethodOverride[] {
  if (!cacheClusterOn(stage)) return [];
  return allMethodSettings(stage).filter((o) => settingCaches(o.setting));
}

export const stageCachingOn = (stage: RestStage): boolean => cachedEntries(stage).length > 0;

/** The entry that caches this method on this stage, or undefined when it is not cached. */
export function methodCacheEntry(
  stage: RestStage,
  path: string,
  httpMethod: string,
): MethodOverride | undefined {
  if (!cacheClusterOn(stage)) return undefined;
  const enabled = effectiveMethodSetting(stage, path, httpMethod, 'cachingEnabled');
  if (enabled?.value !== true) return undefined;
  if (effectiveMethodSetting(stage, path, httpMethod, 'cacheTtlInSeconds')?.value === 0) {
    return undefined;
  }
  if (enabled.from.key === STAGE_WIDE && httpMethod.toUpperCase() !== 'GET') return undefined;
  return enabled.from;
}

/** AWS_IAM callers are identified by their SigV4 Authorization header. */
const IAM_IDENTITY_SOURCE = 'method.request.header.Authorization';

/** "method.request.header.Auth, method.request.querystring.t" -> its entries, trimmed. */
export function parseIdentitySource(source: string | undefined): string[] {
  return (source ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The request parameters that identify the caller of a method, as cache key parameters name
 * them. `undefined` when the method's authorizer is needed and was not found.
 */
export function callerIdentitySources(
  method: RestMethod,
  authorizers: RestAuthorizer[],
): { sources: string[]; authorizer?: RestAuthorizer } | undefined {
  const type = (method.authorizationType ?? 'NONE').toUpperCase();
  if (type === 'AWS_IAM') return { sources: [IAM_IDENTITY_SOURCE] };
  const authorizer = authorizers.find((a) => a.id === method.authorizerId);
  if (!authorizer) return undefined;
  return { sources: parseIdentitySource(authorizer.identitySource), authorizer };
}

/** Only request parameters can be cache keys: context and stage variable sources cannot. */
export const isRequestParameter = (source: string): boolean => source.startsWith('method.request.');

/** Header names are case-insensitive; query strings and paths are not. */
function normalize(param: string): string {
  const m = /^method\.request\.header\.(.+)$/i.exec(param);
  return m ? `method.request.header.${m[1]!.toLowerCase()}` : param;
}

/** The identity sources missing from the integration's cache key parameters. */
export function missingFromCacheKey(sources: string[], cacheKeyParameters: string[]): string[] {
  const keys = new Set(cacheKeyParameters.map(normalize));
  return sources.filter((s) => !keys.has(normalize(s)));
}
