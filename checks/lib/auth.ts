/**
 * Derived facts about who may call an API: endpoint type, what a REST resource policy limits,
 * which authorizers are in use and how they cache.
 */
import type {
  RestApiSnapshot,
  RestAuthorizer,
  RestMethod,
  V2ApiSnapshot,
  V2Authorizer,
} from '../../src/snapshot/types.js';
import { judgeAllow, judgeDeny } from './conditions.js';
import {
  isAnyonePrincipal,
  parsePolicy,
  statementCoversAction,
  statementLabel,
  type Statement,
} from './policy.js';

export const INVOKE = 'execute-api:Invoke';

/** The REST API's endpoint types; EDGE when AWS gave none (the historical default). */
export function restEndpointTypes(api: RestApiSnapshot): string[] {
  return api.endpointConfiguration?.types?.length ? api.endpointConfiguration.types : ['EDGE'];
}

export function isPrivateRestApi(api: RestApiSnapshot): boolean {
  return restEndpointTypes(api).includes('PRIVATE');
}

/** The condition keys that confine callers to VPC endpoints or VPCs. */
const VPCE_KEYS = ['aws:sourcevpce', 'aws:sourcevpc'];

/**
 * Whether a resource entry covers the whole API: "*", "execute-api:/*", or an execute-api ARN
 * whose path is only wildcards ("arn:aws:execute-api:r:a:id/*", ".../*\/*", ...).
 */
export function coversWholeApi(resources: string[]): boolean {
  if (resources.length === 0) return true;
  return resources.some(
    (r) =>
      r === '*' ||
      /^execute-api:(\/\*)+$/.test(r) ||
      /^arn:[^:]+:execute-api:[^:]*:[^:]*:[^/]+(\/\*)+$/.test(r) ||
      /^arn:[^:]+:execute-api:[^:]*:[^:]*:\*$/.test(r),
  );
}

/** An Allow that lets someone invoke the API (execute-api:Invoke, execute-api:*, *). */
export function isInvokeAllow(st: Statement): boolean {
  return st.effect === 'Allow' && statementCoversAction(st, INVOKE);
}

/** Whether a condition on one of `keys` really narrows who the Allow admits (./conditions.ts). */
function limitedBy(st: Statement, keys: readonly string[]): boolean {
  return judgeAllow(st, keys).judgement === 'narrows';
}

/**
 * A Deny for everyone that keeps out callers not matching one of `keys` (any key that names who
 * calls, when none are given), over the whole API: e.g. Deny * execute-api:Invoke when
 * StringNotEquals aws:SourceVpce. A Deny the caller can step around does not count.
 */
export function isDenyAllOthers(st: Statement, keys?: readonly string[]): boolean {
  return (
    st.effect === 'Deny' &&
    isAnyonePrincipal(st) &&
    statementCoversAction(st, INVOKE) &&
    coversWholeApi(st.resources) &&
    judgeDeny(st, keys).judgement === 'narrows'
  );
}

export interface VpcePolicyAssessment {
  /** undefined: no policy; 'unparsable': present but not JSON. */
  state: 'none' | 'unparsable' | 'limited' | 'unlimited';
  /** Allow statements for Invoke that no SourceVpce/SourceVpc condition limits. */
  unlimitedAllows: string[];
  limitedAllows: string[];
  denyAllOthers: string[];
  error?: string;
}

/**
 * Does the REST API's resource policy confine invocation to VPC endpoints or VPCs? Yes when a
 * Deny for everyone else exists, or when there is at least one Invoke Allow and every Invoke
 * Allow has a positive aws:SourceVpce / aws:SourceVpc condition.
 */
export function assessVpcePolicy(api: RestApiSnapshot): VpcePolicyAssessment {
  const parsed = parsePolicy(api.policy);
  const empty = { unlimitedAllows: [], limitedAllows: [], denyAllOthers: [] };
  if (!parsed) return { state: 'none', ...empty };
  if (!parsed.ok) return { state: 'unparsable', ...empty, error: parsed.error };
  const allows = parsed.statements.filter(isInvokeAllow);
  const limitedAllows = allows.filter((s) => limitedBy(s, VPCE_KEYS)).map(statementLabel);
  const unlimitedAllows = allows.filter((s) => !limitedBy(s, VPCE_KEYS)).map(statementLabel);
  const denyAllOthers = parsed.statements
    .filter((s) => isDenyAllOthers(s, VPCE_KEYS))
    .map(statementLabel);
  const limited = allows.length > 0 && (denyAllOthers.length > 0 || unlimitedAllows.length === 0);
  return {
    state: limited ? 'limited' : 'unlimited',
    unlimitedAllows,
    limitedAllows,
    denyAllOthers,
  };
}

/** PRIVATE REST API whose resource policy confines it to VPC endpoints / VPCs. */
export function isVpceControlledPrivateApi(api: RestApiSnapshot): boolean {
  return isPrivateRestApi(api) && assessVpcePolicy(api).state === 'limited';
}

// ---------------------------------------------------------------- methods and integrations

/** authorizationType as AWS means it: missing is NONE. */
export function restAuthorizationType(method: RestMethod): string {
  return (method.authorizationType ?? 'NONE').toUpperCase();
}

/** MOCK integrations answer from API Gateway itself; everything else reaches a backend. */
export function reachesBackend(integrationType: string | undefined): boolean {
  return integrationType !== undefined && integrationType.toUpperCase() !== 'MOCK';
}

/** An aws:SourceArn value that matches every API of an account (or of every account). */
export function wildcardsEveryApi(sourceArn: string): boolean {
  if (sourceArn === '*') return true;
  const parts = sourceArn.split(':');
  if (parts.length < 6 || parts[2] !== 'execute-api') return true;
  const account = parts[4] ?? '';
  const apiId = (parts.slice(5).join(':').split('/')[0] ?? '').trim();
  return (
    account === '' ||
    account.includes('*') ||
    apiId === '' ||
    apiId.includes('*') ||
    apiId.includes('?')
  );
}

// ---------------------------------------------------------------- authorizers

/** REST authorizers backed by a Lambda function (TOKEN and REQUEST). */
export function isRestLambdaAuthorizer(a: RestAuthorizer): boolean {
  const t = (a.type ?? '').toUpperCase();
  return t === 'TOKEN' || t === 'REQUEST';
}

/**
 * Effective cache TTL of a REST Lambda authorizer. AWS documents authorizerResultTtlInSeconds:
 * "If this field is not set, the default value is 300."
 */
const REST_AUTHORIZER_DEFAULT_TTL = 300;
export function restAuthorizerTtl(a: RestAuthorizer): number {
  return a.authorizerResultTtlInSeconds ?? REST_AUTHORIZER_DEFAULT_TTL;
}

/**
 * Effective cache TTL of an HTTP API Lambda (REQUEST) authorizer. GetAuthorizers returns the
 * field; when it is absent we read it as 0 (caching off), the v2 API's documented meaning of 0.
 */
export function v2AuthorizerTtl(a: V2Authorizer): number {
  return a.AuthorizerResultTtlInSeconds ?? 0;
}

/** Ids of the authorizers that at least one REST method uses. */
export function restAuthorizersInUse(api: RestApiSnapshot): Set<string> {
  const used = new Set<string>();
  for (const r of api.resources ?? []) {
    for (const m of Object.values(r.resourceMethods ?? {})) {
      if (m.authorizerId && restAuthorizationType(m) !== 'NONE') used.add(m.authorizerId);
    }
  }
  return used;
}

/** Ids of the authorizers that at least one v2 route uses. */
export function v2AuthorizersInUse(api: V2ApiSnapshot): Set<string> {
  const used = new Set<string>();
  for (const r of api.routes ?? []) {
    if (r.AuthorizerId && (r.AuthorizationType ?? 'NONE').toUpperCase() !== 'NONE') {
      used.add(r.AuthorizerId);
    }
  }
  return used;
}
