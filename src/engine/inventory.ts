/**
 * The attack-surface inventory: one row per REST method and per v2 route, with where it can be
 * reached (execute-api and custom-domain URLs), who may call it, what it runs, and the WAF,
 * throttling and caching in front of it. Derived from the snapshot alone.
 */
import { executeApiSuffix } from '../snapshot/arn.js';
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

/** Method settings key of a resource path: every "/" escaped as "~1" ("/pets/{id}" -> "~1pets~1{id}"). */
const escapeKey = (path: string) => path.replace(/\//g, '~1');

/** The account-level throttle (GetAccount) that applies when no stage, method or plan limit does. */
function accountThrottle(
  region: RegionSnapshot,
  stage: string,
): InventoryRow['throttling'][number] | undefined {
  const t = region.account?.throttleSettings;
  if (!t || (t.rateLimit === undefined && t.burstLimit === undefined)) return undefined;
  return { stage, rateLimit: t.rateLimit, burstLimit: t.burstLimit, source: 'account' };
}

function joinUrl(base: string, ...parts: string[]): string {
  const rest = parts
    .filter((p) => p && p !== '/')
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return rest ? `${base.replace(/\/+$/, '')}/${rest}` : base.replace(/\/+$/, '') + '/';
}

/** Lambda ARN, HTTP URL, AWS service action or MOCK, from an integration URI. */
export function integrationTarget(type: string | undefined, uri: string | undefined): string {
  if (type === 'MOCK') return 'MOCK';
  if (!uri) return '';
  const lambda = /:lambda:path\/[^/]+\/functions\/([^/]+)\/invocations/.exec(uri);
  if (lambda) return decodeURIComponent(lambda[1]!);
  return uri;
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

function usagePlanThrottle(region: RegionSnapshot, apiId: string, stage: string, key: string) {
  for (const plan of region.usagePlans ?? []) {
    for (const s of plan.apiStages ?? []) {
      if (s.apiId !== apiId || s.stage !== stage) continue;
      const t = s.throttle?.[key] ?? plan.throttle;
      if (t && (t.rateLimit !== undefined || t.burstLimit !== undefined)) {
        return { rateLimit: t.rateLimit, burstLimit: t.burstLimit, source: `usagePlan:${plan.id}` };
      }
    }
  }
  return undefined;
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
      const key = `${escapeKey(resource.path)}/${verb}`;
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
        const ms = stage.methodSettings?.[key];
        const wide = stage.methodSettings?.['*/*'];
        const setting = ms?.throttlingRateLimit !== undefined ? ms : wide;
        const plan = usagePlanThrottle(region, api.id, stage.stageName, `${resource.path}/${verb}`);
        if (setting && setting.throttlingRateLimit !== undefined) {
          throttling.push({
            stage: stage.stageName,
            rateLimit: setting.throttlingRateLimit,
            burstLimit: setting.throttlingBurstLimit,
            source: setting === ms ? `methodSettings:${key}` : 'methodSettings:*/*',
          });
        } else if (plan) {
          throttling.push({ stage: stage.stageName, ...plan });
        } else {
          const account = accountThrottle(region, stage.stageName);
          if (account) throttling.push(account);
        }
        const cachingSetting = ms?.cachingEnabled !== undefined ? ms : wide;
        caching.push({
          stage: stage.stageName,
          enabled: Boolean(stage.cacheClusterEnabled && cachingSetting?.cachingEnabled),
          ttlInSeconds: cachingSetting?.cacheTtlInSeconds,
          encrypted: cachingSetting?.cacheDataEncrypted,
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
      const perRoute = stage.RouteSettings?.[route.RouteKey];
      const setting =
        perRoute?.ThrottlingRateLimit !== undefined ? perRoute : stage.DefaultRouteSettings;
      if (setting?.ThrottlingRateLimit !== undefined) {
        throttling.push({
          stage: stage.StageName,
          rateLimit: setting.ThrottlingRateLimit,
          burstLimit: setting.ThrottlingBurstLimit,
          source: setting === perRoute ? `RouteSettings:${route.RouteKey}` : 'DefaultRouteSettings',
        });
      } else {
        const account = accountThrottle(region, stage.StageName);
        if (account) throttling.push(account);
      }
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
  return rows;
}
