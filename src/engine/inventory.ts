/**
 * The attack-surface inventory: one row per REST method and per v2 route, with where it can be
 * reached (execute-api and custom-domain URLs), who may call it, what it runs, and the WAF,
 * throttling and caching in front of it. Derived from the snapshot alone.
 */
import { executeApiSuffix } from '../snapshot/arn.js';
import { draftMethods, restServings, v2Servings, type RestServing } from '../snapshot/deployed.js';
import { lambdaTargetOf } from '../snapshot/lambda-arn.js';
import { effectiveMethodSetting } from '../snapshot/method-settings.js';
import { restMethodThrottle, v2RouteThrottle, type LimitEntry } from '../snapshot/throttling.js';
import type {
  AccountSnapshot,
  RegionSnapshot,
  RestApiSnapshot,
  RestMethod,
  RestStage,
  V2ApiSnapshot,
  V2Integration,
  V2Route,
} from '../snapshot/types.js';
import type { InventoryRow } from './types.js';

function joinUrl(base: string, ...parts: string[]): string {
  const rest = parts
    .filter((p) => p && p !== '/')
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return rest ? `${base.replace(/\/+$/, '')}/${rest}` : base.replace(/\/+$/, '') + '/';
}

/** Lambda ARN, HTTP URL, AWS service action or MOCK, from an integration URI. */
function integrationTarget(type: string | undefined, uri: string | undefined): string {
  if (type === 'MOCK') return 'MOCK';
  if (!uri) return '';
  return lambdaTargetOf(uri) ?? uri;
}

function restCustomDomainUrls(
  region: RegionSnapshot,
  apiId: string,
  stageName: string,
  path: string,
): string[] {
  const urls: string[] = [];
  for (const domain of region.domainNames ?? []) {
    for (const m of domain.basePathMappings ?? []) {
      if (m.restApiId !== apiId) continue;
      const basePath = m.basePath && m.basePath !== '(none)' ? m.basePath : '';
      if (m.stage && m.stage !== stageName) continue;
      // A mapping without a stage exposes every stage under its name.
      const stagePart = m.stage ? '' : stageName;
      urls.push(joinUrl(`https://${domain.domainName}`, basePath, stagePart, path));
    }
  }
  return urls;
}

function v2CustomDomainUrls(
  region: RegionSnapshot,
  api: V2ApiSnapshot,
  stageName: string,
  path: string,
): string[] {
  const scheme = api.ProtocolType === 'WEBSOCKET' ? 'wss' : 'https';
  const urls: string[] = [];
  const seen = new Set<string>();
  for (const domain of region.v2DomainNames ?? []) {
    for (const m of domain.apiMappings ?? []) {
      if (m.ApiId !== api.ApiId || m.Stage !== stageName) continue;
      const url = joinUrl(`${scheme}://${domain.DomainName}`, m.ApiMappingKey ?? '', path);
      if (seen.has(url)) continue;
      seen.add(url);
      urls.push(url);
    }
  }
  // v1 base path mappings may also point at an HTTP API (shared namespace).
  for (const domain of region.domainNames ?? []) {
    for (const m of domain.basePathMappings ?? []) {
      if (m.restApiId !== api.ApiId || (m.stage && m.stage !== stageName)) continue;
      const basePath = m.basePath && m.basePath !== '(none)' ? m.basePath : '';
      const url = joinUrl(`${scheme}://${domain.domainName}`, basePath, path);
      if (seen.has(url)) continue;
      seen.add(url);
      urls.push(url);
    }
  }
  return urls;
}

function throttleRow(stage: string, limit: LimitEntry): InventoryRow['throttling'][number] {
  return {
    stage,
    rateLimit: limit.rateLimit,
    burstLimit: limit.burstLimit,
    source: limit.source,
  };
}

/** One method the inventory lists: in the draft, in a deployment a stage serves, or both. */
interface ListedMethod {
  key: string;
  verb: string;
  path: string;
  resourceId?: string;
  method?: RestMethod;
}

function listedMethods(api: RestApiSnapshot, servings: readonly RestServing[]): ListedMethod[] {
  const out: ListedMethod[] = [...draftMethods(api)].map(([key, d]) => ({
    key,
    verb: d.verb,
    path: d.resource.path,
    resourceId: d.resource.id,
    method: d.method,
  }));
  const known = new Set(out.map((m) => m.key));
  const deployedOnly = new Set(servings.flatMap((s) => [...(s.methods?.keys() ?? [])]));
  for (const key of [...deployedOnly].filter((k) => !known.has(k)).sort()) {
    const space = key.indexOf(' ');
    out.push({ key, verb: key.slice(0, space), path: key.slice(space + 1) });
  }
  return out;
}

function restRows(account: AccountSnapshot, region: RegionSnapshot, api: RestApiSnapshot) {
  const rows: InventoryRow[] = [];
  const endpointType = api.endpointConfiguration?.types?.join(',') ?? 'EDGE';
  const stages: RestStage[] = api.stages ?? [];
  const authorizers = new Map((api.authorizers ?? []).map((a) => [a.id, a]));
  // Without the deployments, every stage is taken to serve the draft, as before they were read.
  const deploymentsKnown = api.deployments !== undefined;
  const servings = restServings(api);
  for (const { key, verb, path, resourceId, method } of listedMethods(api, servings)) {
    const invokeUrls: string[] = [];
    const throttling: InventoryRow['throttling'] = [];
    const caching: InventoryRow['caching'] = [];
    const served: NonNullable<InventoryRow['served']> = [];
    for (const stage of stages) {
      let serves = false;
      for (const s of servings.filter((x) => x.stageName === stage.stageName)) {
        const m = s.methods?.get(key);
        if (!s.methods) serves ||= method !== undefined;
        if (!m) continue;
        serves = true;
        served.push({
          stage: stage.stageName,
          ...(s.canary ? { canary: true } : {}),
          percentTraffic: s.percentTraffic,
          ...(s.deploymentId ? { deploymentId: s.deploymentId } : {}),
          authorizationType: m.authorizationType,
          apiKeyRequired: m.apiKeyRequired,
        });
      }
      if (!serves) continue;
      if (!api.disableExecuteApiEndpoint) {
        invokeUrls.push(
          joinUrl(
            `https://${api.id}.${executeApiSuffix(account.partition, region.region)}`,
            stage.stageName,
            path,
          ),
        );
      }
      if (!api.disableExecuteApiEndpoint && endpointType.includes('PRIVATE')) {
        // Private APIs are also reachable at a per-endpoint host name for each associated VPC endpoint.
        for (const vpce of api.endpointConfiguration?.vpcEndpointIds ?? []) {
          invokeUrls.push(
            joinUrl(
              `https://${api.id}-${vpce}.${executeApiSuffix(account.partition, region.region)}`,
              stage.stageName,
              path,
            ),
          );
        }
      }
      invokeUrls.push(...restCustomDomainUrls(region, api.id, stage.stageName, path));
      const limit = restMethodThrottle({
        stage,
        apiId: api.id,
        path,
        httpMethod: verb,
        plans: region.usagePlans,
        account: region.account,
      });
      if (limit) throttling.push(throttleRow(stage.stageName, limit));
      const field = <K extends 'cachingEnabled' | 'cacheTtlInSeconds' | 'cacheDataEncrypted'>(
        k: K,
      ) => effectiveMethodSetting(stage, path, verb, k)?.value;
      caching.push({
        stage: stage.stageName,
        enabled: Boolean(stage.cacheClusterEnabled && field('cachingEnabled')),
        ttlInSeconds: field('cacheTtlInSeconds'),
        encrypted: field('cacheDataEncrypted'),
      });
    }
    const integration = method?.methodIntegration;
    const authorizer = method?.authorizerId ? authorizers.get(method.authorizerId) : undefined;
    const draftAuth = method && {
      authorizationType: method.authorizationType ?? 'NONE',
      apiKeyRequired: Boolean(method.apiKeyRequired),
    };
    // What a caller meets: the weakest of what the stages serve; the draft when nothing is known.
    const weakest =
      served.find((x) => x.authorizationType === 'NONE') ??
      served.find((x) => x.apiKeyRequired === false) ??
      served[0];
    const differs =
      draftAuth &&
      served.some(
        (x) =>
          x.authorizationType !== draftAuth.authorizationType ||
          x.apiKeyRequired !== draftAuth.apiKeyRequired,
      );
    rows.push({
      accountId: account.accountId,
      region: region.region,
      apiId: api.id,
      apiName: api.name ?? api.id,
      apiType: 'REST',
      endpointType,
      method: verb,
      path,
      resourceId,
      authorizationType: weakest?.authorizationType ?? draftAuth?.authorizationType ?? 'NONE',
      authorizerId: method?.authorizerId,
      authorizerType: authorizer?.type,
      apiKeyRequired: weakest?.apiKeyRequired ?? draftAuth?.apiKeyRequired ?? false,
      integrationType: integration?.type,
      integrationTarget: method
        ? integrationTarget(integration?.type, integration?.uri)
        : undefined,
      stages: stages.map((s) => s.stageName),
      invokeUrls,
      webAclArns: [...new Set(stages.map((s) => s.webAclArn).filter((a): a is string => !!a))],
      throttling,
      caching,
      ...(deploymentsKnown ? { served, inDraft: method !== undefined } : {}),
      ...(differs ? { draft: draftAuth } : {}),
    });
  }
  return rows;
}

function routePath(routeKey: string): string {
  const space = routeKey.indexOf(' ');
  return space >= 0 ? routeKey.slice(space + 1) : '';
}

function v2Rows(account: AccountSnapshot, region: RegionSnapshot, api: V2ApiSnapshot) {
  const rows: InventoryRow[] = [];
  const apiType = api.ProtocolType === 'WEBSOCKET' ? 'WEBSOCKET' : 'HTTP';
  const integrations = new Map<string, V2Integration>(
    (api.integrations ?? []).map((i) => [i.IntegrationId, i]),
  );
  const authorizers = new Map((api.authorizers ?? []).map((a) => [a.AuthorizerId, a]));
  const stages = api.stages ?? [];
  // WebSocket stages, and HTTP APIs whose exports were not read, are taken to serve the draft.
  const servedKnown = apiType === 'HTTP' && api.exports !== undefined;
  const servings = new Map(v2Servings(api).map((s) => [s.stageName, s]));
  const draftKeys = new Set((api.routes ?? []).map((r) => r.RouteKey));
  const deployedOnly = [...servings.values()]
    .flatMap((s) => (s.source === 'export' ? [...(s.routes?.keys() ?? [])] : []))
    .filter((k, i, all) => !draftKeys.has(k) && all.indexOf(k) === i)
    .sort();
  const listed: Array<{ RouteKey: string; route?: V2Route }> = [
    ...(api.routes ?? []).map((route) => ({ RouteKey: route.RouteKey, route })),
    ...deployedOnly.map((RouteKey) => ({ RouteKey })),
  ];
  for (const { RouteKey, route } of listed) {
    const integration = route?.Target?.startsWith('integrations/')
      ? integrations.get(route.Target.slice('integrations/'.length))
      : undefined;
    const path = apiType === 'HTTP' ? routePath(RouteKey) : '';
    const invokeUrls: string[] = [];
    const throttling: InventoryRow['throttling'] = [];
    const served: NonNullable<InventoryRow['served']> = [];
    for (const stage of stages) {
      const s = servings.get(stage.StageName);
      const known = servedKnown && s?.routes;
      const r = known ? s.routes!.get(RouteKey) : undefined;
      if (known && !r) continue;
      if (r) {
        served.push({
          stage: stage.StageName,
          percentTraffic: 100,
          ...(stage.DeploymentId ? { deploymentId: stage.DeploymentId } : {}),
          authorizationType: r.AuthorizationType,
        });
      }
      if (!known && !route) continue;
      if (!api.DisableExecuteApiEndpoint && api.ApiEndpoint) {
        const stagePart = stage.StageName === '$default' ? '' : stage.StageName;
        invokeUrls.push(joinUrl(api.ApiEndpoint, stagePart, path));
      }
      invokeUrls.push(...v2CustomDomainUrls(region, api, stage.StageName, path));
      const limit = v2RouteThrottle({ stage, routeKey: RouteKey, account: region.account });
      if (limit) throttling.push(throttleRow(stage.StageName, limit));
    }
    const authorizer = route?.AuthorizerId ? authorizers.get(route.AuthorizerId) : undefined;
    const draftType = route && (route.AuthorizationType ?? 'NONE');
    const weakest = served.find((x) => x.authorizationType === 'NONE') ?? served[0];
    const differs = draftType && served.some((x) => x.authorizationType !== draftType);
    rows.push({
      accountId: account.accountId,
      region: region.region,
      apiId: api.ApiId,
      apiName: api.Name ?? api.ApiId,
      apiType,
      endpointType: 'REGIONAL',
      routeKey: RouteKey,
      routeId: route?.RouteId,
      authorizationType: weakest?.authorizationType ?? draftType ?? 'NONE',
      authorizerId: route?.AuthorizerId,
      authorizerType: authorizer?.AuthorizerType,
      apiKeyRequired: Boolean(route?.ApiKeyRequired),
      integrationType: integration?.IntegrationType,
      integrationTarget: integration
        ? integrationTarget(integration.IntegrationType, integration.IntegrationUri)
        : undefined,
      stages: stages.map((s) => s.StageName),
      invokeUrls,
      webAclArns: [],
      throttling,
      caching: [],
      ...(servedKnown ? { served, inDraft: route !== undefined } : {}),
      ...(differs ? { draft: { authorizationType: draftType } } : {}),
    });
  }
  return rows;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The inventory rows, API by API: accounts, regions and APIs in ID order and each API's rows
 * by path and method, which is the order of sorting them all at once by that key (collection
 * order depends on which region answered first, so reports are comparable). Made as they are
 * read: only one API's rows exist at a time.
 */
export function* inventoryRows(accounts: readonly AccountSnapshot[]): Generator<InventoryRow> {
  const rowKey = (r: InventoryRow) => [r.path ?? r.routeKey ?? '', r.method ?? ''].join('\u0000');
  for (const account of [...accounts].sort((a, b) => byText(a.accountId, b.accountId))) {
    for (const region of [...account.regions].sort((a, b) => byText(a.region, b.region))) {
      const apis = new Map<string, Array<() => InventoryRow[]>>();
      const add = (id: string, rows: () => InventoryRow[]) => {
        const list = apis.get(id);
        if (list) list.push(rows);
        else apis.set(id, [rows]);
      };
      for (const api of region.restApis ?? []) add(api.id, () => restRows(account, region, api));
      for (const api of region.v2Apis ?? []) add(api.ApiId, () => v2Rows(account, region, api));
      for (const id of [...apis.keys()].sort(byText)) {
        const rows = apis.get(id)!.flatMap((make) => make());
        const keys = new Map(rows.map((r) => [r, rowKey(r)]));
        yield* rows.sort((a, b) => byText(keys.get(a)!, keys.get(b)!));
      }
    }
  }
}

/** The inventory re-made each time it is iterated, so a report never holds it whole. */
export function lazyInventory(accounts: readonly AccountSnapshot[]): Iterable<InventoryRow> {
  return { [Symbol.iterator]: () => inventoryRows(accounts) };
}

export function buildInventory(accounts: AccountSnapshot[]): InventoryRow[] {
  return [...inventoryRows(accounts)];
}
