/**
 * What a stage serves, as opposed to the draft the API's resources and routes describe. A REST
 * stage serves its deployment and, when it has a canary, a share of its traffic goes to the
 * canary's deployment; the deployment's API summary gives each served method's authorization.
 * An HTTP API stage that auto-deploys serves the draft; one that does not serves what its
 * export shows. Everything the summary and the export do not carry (integrations, settings)
 * is only known from the draft.
 */
import type {
  OpenApiDefinition,
  OpenApiOperation,
  RestApiSnapshot,
  RestDeployment,
  RestMethod,
  RestResource,
  V2ApiSnapshot,
  V2Route,
} from './types.js';

export interface ServedMethod {
  authorizationType: string;
  apiKeyRequired: boolean;
}

/** One way requests reach a REST API: a stage's own deployment, or its canary's. */
export interface RestServing {
  stageName: string;
  /** "prod", or "prod (canary)". */
  label: string;
  canary: boolean;
  deploymentId?: string;
  /** The share of the stage's requests it answers, in percent. */
  percentTraffic: number;
  /** By methodKey(); undefined when the deployment could not be read. */
  methods?: Map<string, ServedMethod>;
}

export interface DraftMethod {
  resource: RestResource;
  verb: string;
  method: RestMethod;
}

export const methodKey = (verb: string, path: string): string => `${verb.toUpperCase()} ${path}`;

export function draftMethods(api: RestApiSnapshot): Map<string, DraftMethod> {
  const out = new Map<string, DraftMethod>();
  for (const resource of api.resources ?? []) {
    for (const [verb, method] of Object.entries(resource.resourceMethods ?? {})) {
      out.set(methodKey(verb, resource.path), { resource, verb, method });
    }
  }
  return out;
}

export function deploymentMethods(d: RestDeployment): Map<string, ServedMethod> {
  const out = new Map<string, ServedMethod>();
  for (const [path, verbs] of Object.entries(d.apiSummary ?? {})) {
    for (const [verb, m] of Object.entries(verbs)) {
      out.set(methodKey(verb, path), {
        authorizationType: (m.authorizationType ?? 'NONE').toUpperCase(),
        apiKeyRequired: Boolean(m.apiKeyRequired),
      });
    }
  }
  return out;
}

/**
 * Every stage and canary of the API with what it serves. Empty when the stages are unknown;
 * a serving's methods are undefined when its deployment was not collected.
 */
export function restServings(api: RestApiSnapshot): RestServing[] {
  const deployments = new Map((api.deployments ?? []).map((d) => [d.id, d]));
  const methodsOf = (id: string | undefined) => {
    const d = id ? deployments.get(id) : undefined;
    return d ? deploymentMethods(d) : undefined;
  };
  const out: RestServing[] = [];
  for (const stage of api.stages ?? []) {
    const canary = stage.canarySettings;
    const canaryShare = canary?.deploymentId ? Number(canary.percentTraffic ?? 0) : 0;
    out.push({
      stageName: stage.stageName,
      label: stage.stageName,
      canary: false,
      deploymentId: stage.deploymentId,
      percentTraffic: 100 - canaryShare,
      methods: methodsOf(stage.deploymentId),
    });
    if (canary?.deploymentId) {
      out.push({
        stageName: stage.stageName,
        label: `${stage.stageName} (canary)`,
        canary: true,
        deploymentId: canary.deploymentId,
        percentTraffic: canaryShare,
        methods: methodsOf(canary.deploymentId),
      });
    }
  }
  return out;
}

// ------------------------------------------------------------------ HTTP APIs

export interface ServedRoute {
  RouteKey: string;
  AuthorizationType: string;
  AuthorizerId?: string;
}

export interface V2Serving {
  stageName: string;
  /** 'draft' for a stage that auto-deploys, 'export' for one that serves its last deployment. */
  source: 'draft' | 'export';
  /** By route key; undefined when the stage's export could not be read. */
  routes?: Map<string, ServedRoute>;
}

const ANY = 'x-amazon-apigateway-any-method';
const VERBS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function draftRoutes(routes: readonly V2Route[]): Map<string, ServedRoute> {
  return new Map(
    routes.map((r) => [
      r.RouteKey,
      {
        RouteKey: r.RouteKey,
        AuthorizationType: (r.AuthorizationType ?? 'NONE').toUpperCase(),
        ...(r.AuthorizerId ? { AuthorizerId: r.AuthorizerId } : {}),
      },
    ]),
  );
}

/** The authorization type an exported operation's security requirement stands for. */
function exportedAuthorization(
  def: OpenApiDefinition,
  security: OpenApiOperation['security'],
): string {
  const names = (security ?? []).flatMap((req) => Object.keys(req));
  if (!names.length) return 'NONE';
  const scheme = def.components?.securitySchemes?.[names[0]!];
  const authorizer = scheme?.['x-amazon-apigateway-authorizer']?.type?.toLowerCase();
  if (authorizer === 'jwt') return 'JWT';
  if (authorizer === 'request' || authorizer === 'token') return 'CUSTOM';
  if (scheme?.['x-amazon-apigateway-authtype']?.toLowerCase() === 'awssigv4') return 'AWS_IAM';
  if (scheme?.type === 'oauth2' || scheme?.type === 'openIdConnect') return 'JWT';
  // A requirement that names a scheme the export does not describe still restricts callers.
  return 'CUSTOM';
}

/** The routes an exported OpenAPI definition describes, by route key. */
export function exportedRoutes(def: OpenApiDefinition): Map<string, ServedRoute> {
  const out = new Map<string, ServedRoute>();
  const topSecurity = (def as { security?: OpenApiOperation['security'] }).security;
  for (const [path, ops] of Object.entries(def.paths ?? {})) {
    if (!ops || typeof ops !== 'object') continue;
    for (const [field, op] of Object.entries(ops)) {
      const verb = field === ANY ? 'ANY' : VERBS.has(field) ? field.toUpperCase() : undefined;
      if (!verb || !op || typeof op !== 'object') continue;
      const bare = path.replace(/^\//, '');
      const RouteKey = bare === '$default' ? '$default' : `${verb} ${path}`;
      const security = (op as OpenApiOperation).security ?? topSecurity;
      out.set(RouteKey, { RouteKey, AuthorizationType: exportedAuthorization(def, security) });
    }
  }
  return out;
}

/** Every stage of an HTTP API with the routes it serves. Empty when the stages are unknown. */
export function v2Servings(api: V2ApiSnapshot): V2Serving[] {
  const exports = new Map((api.exports ?? []).map((e) => [e.StageName, e]));
  return (api.stages ?? []).map((stage) => {
    if (api.ProtocolType !== 'HTTP' || stage.AutoDeploy) {
      return {
        stageName: stage.StageName,
        source: 'draft' as const,
        routes: api.routes && draftRoutes(api.routes),
      };
    }
    const e = exports.get(stage.StageName);
    return {
      stageName: stage.StageName,
      source: 'export' as const,
      routes: e && exportedRoutes(e.definition),
    };
  });
}

// ------------------------------------------------------------------ draft vs. served

/** How the draft differs from what a stage serves, by method key or route key. */
export interface DraftDiff {
  /** In the draft, not served. */
  added: string[];
  /** Served, gone from the draft. */
  removed: string[];
  /** In both, with different authorization. */
  changed: Array<{ key: string; draft: Record<string, unknown>; served: Record<string, unknown> }>;
}

export function diffDraft<T extends object>(
  draft: ReadonlyMap<string, T>,
  served: ReadonlyMap<string, T>,
): DraftDiff {
  const added = [...draft.keys()].filter((k) => !served.has(k)).sort();
  const removed = [...served.keys()].filter((k) => !draft.has(k)).sort();
  const changed: DraftDiff['changed'] = [];
  for (const [key, d] of draft) {
    const s = served.get(key);
    if (!s) continue;
    const dr = d as Record<string, unknown>;
    const sr = s as Record<string, unknown>;
    if (Object.keys(dr).some((f) => dr[f] !== sr[f])) changed.push({ key, draft: dr, served: sr });
  }
  changed.sort((a, b) => a.key.localeCompare(b.key));
  return { added, removed, changed };
}

/** The draft's methods in the terms a deployment's API summary uses. */
export function draftMethodSnapshots(api: RestApiSnapshot): Map<string, ServedMethod> {
  return new Map(
    [...draftMethods(api)].map(([key, d]) => [
      key,
      {
        authorizationType: (d.method.authorizationType ?? 'NONE').toUpperCase(),
        apiKeyRequired: Boolean(d.method.apiKeyRequired),
      },
    ]),
  );
}

/** The draft's routes in the terms an export uses (authorization type only). */
export function draftRouteAuthorization(
  api: V2ApiSnapshot,
): Map<string, { AuthorizationType: string }> {
  return new Map(
    (api.routes ?? []).map((r) => [
      r.RouteKey,
      { AuthorizationType: (r.AuthorizationType ?? 'NONE').toUpperCase() },
    ]),
  );
}

export function routeAuthorization(
  routes: ReadonlyMap<string, ServedRoute>,
): Map<string, { AuthorizationType: string }> {
  return new Map([...routes].map(([k, r]) => [k, { AuthorizationType: r.AuthorizationType }]));
}
