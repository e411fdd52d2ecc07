/**
 * The attack-surface inventory: one row per REST method and per v2 route, with where it can be
 * reached (execute-api and custom-domain URLs), who may call it, what it runs, and the WAF,
 * throttling and caching in front of it. Derived from the snapshot alone.
 */
import { executeApiSuffix } from '../snapshot/arn.js';
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

function restRows(account: AccountSnapshot, region: RegionSnapshot, api: RestApiSnapshot) {
  const rows: InventoryRow[] = [];
  const endpointType = api.endpointConfiguration?.types?.join(',') ?? 'EDGE';
  const stages: RestStage[] = api.stages ?? [];
  const authorizers = new Map((api.authorizers ?? []).map((a) => [a.id, a]));
  for (const resource of api.resources ?? []) {
    for (const [verb, method] of Object.entries(resource.resourceMethods ?? {}) as [
      string,
      RestMethod,
    ][]) {
      const invokeUrls: string[] = [];
      const throttling: InventoryRow['throttling'] = [];
      const caching: InventoryRow['caching'] = [];
      for (const stage of stages) {
        if (!api.disableExecuteApiEndpoint) {
          invokeUrls.push(
            joinUrl(
              `https://${api.id}.${executeApiSuffix(account.partition, region.region)}`,
              stage.stageName,
              resource.path,
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
                resource.path,
              ),
            );
          }
        }
        invokeUrls.push(...restCustomDomainUrls(region, api.id, stage.stageName, resource.path));
        const limit = restMethodThrottle({
          stage,
          apiId: api.id,
          path: resource.path,
          httpMethod: verb,
          plans: region.usagePlans,
          account: region.account,
        });
        if (limit) throttling.push(throttleRow(stage.stageName, limit));
        const field = <K extends 'cachingEnabled' | 'cacheTtlInSeconds' | 'cacheDataEncrypted'>(
          k: K,
        ) => effectiveMethodSetting(stage, resource.path, verb, k)?.value;
        caching.push({
          stage: stage.stageName,
          enabled: Boolean(stage.cacheClusterEnabled && field('cachingEnabled')),
          ttlInSeconds: field('cacheTtlInSeconds'),
          encrypted: field('cacheDataEncrypted'),
        });
      }
      const integration = method.methodIntegration;
      const authorizer = method.authorizerId ? authorizers.get(method.authorizerId) : undefined;
      rows.push({
        accountId: account.accountId,
        region: region.region,
        apiId: api.id,
        apiName: api.name ?? api.id,
        apiType: 'REST',
        endpointType,
        method: verb,
        path: resource.path,
        resourceId: resource.id,
        authorizationType: method.authorizationType ?? 'NONE',
        authorizerId: method.authorizerId,
        authorizerType: authorizer?.type,
        apiKeyRequired: Boolean(method.apiKeyRequired),
        integrationType: integration?.type,
        integrationTarget: integrationTarget(integration?.type, integration?.uri),
        stages: stages.map((s) => s.stageName),
        invokeUrls,
        webAclArns: [...new Set(stages.map((s) => s.webAclArn).filter((a): a is string => !!a))],
        throttling,
        caching,
      });
    }
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
  for (const route of api.routes ?? []) {
    const integration = route.Target?.startsWith('integrations/')
      ? integrations.get(route.Target.slice('integrations/'.length))
      : undefined;
    const path = apiType === 'HTTP' ? routePath(route.RouteKey) : '';
    const invokeUrls: string[] = [];
    const throttling: InventoryRow['throttling'] = [];
    for (const stage of stages) {
      if (!api.DisableExecuteApiEndpoint && api.ApiEndpoint) {
        const stagePart = stage.StageName === '$default' ? '' : stage.StageName;
        invokeUrls.push(joinUrl(api.ApiEndpoint, stagePart, path));
      }
      invokeUrls.push(...v2CustomDomainUrls(region, api, stage.StageName, path));
      const limit = v2RouteThrottle({ stage, routeKey: route.RouteKey, account: region.account });
      if (limit) throttling.push(throttleRow(stage.StageName, limit));
    }
    const authorizer = route.AuthorizerId ? authorizers.get(route.AuthorizerId) : undefined;
    rows.push({
      accountId: account.accountId,
      region: region.region,
      apiId: api.ApiId,
      apiName: api.Name ?? api.ApiId,
      apiType,
      endpointType: 'REGIONAL',
      routeKey: route.RouteKey,
      routeId: route.RouteId,
      authorizationType: route.AuthorizationType ?? 'NONE',
      authorizerId: route.AuthorizerId,
      authorizerType: authorizer?.AuthorizerType,
      apiKeyRequired: Boolean(route.ApiKeyRequired),
      integrationType: integration?.IntegrationType,
      integrationTarget: integration
        ? integrationTarget(integration.IntegrationType, integration.IntegrationUri)
        : undefined,
      stages: stages.map((s) => s.StageName),
      invokeUrls,
      webAclArns: [],
      throttling,
      caching: [],
    });
  }
  return rows;
}

export function buildInventory(accounts: AccountSnapshot[]): InventoryRow[] {
  const rows: InventoryRow[] = [];
  for (const account of accounts) {
    for (const region of account.regions) {
      for (const api of region.restApis ?? []) rows.push(...restRows(account, region, api));
      for (const api of region.v2Apis ?? []) rows.push(...v2Rows(account, region, api));
    }
  }
  // Collection order depends on which region answered first: sort, so reports are comparable.
  const key = (r: InventoryRow) =>
    [r.accountId, r.region, r.apiId, r.path ?? r.routeKey ?? '', r.method ?? ''].join('\u0000');
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
