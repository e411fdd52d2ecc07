/** Small builders for snapshot fixtures in check tests. */
import { emptyRegion } from '../../src/snapshot/empty.js';
import type {
  CollectionError,
  RegionSnapshot,
  RestApiSnapshot,
  RestDeployment,
  RestResource,
  RestStage,
  Snapshot,
  V2ApiSnapshot,
} from '../../src/snapshot/types.js';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';

/** A region with every collection present and empty, overridden by `parts`. */
export function region(parts: Partial<RegionSnapshot> = {}, name = REGION): RegionSnapshot {
  return { ...emptyRegion(name, ACCOUNT), ...parts };
}

export function snapshot(
  regions: RegionSnapshot[] = [region()],
  collectionErrors: CollectionError[] = [],
  accountId = ACCOUNT,
): Snapshot {
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'apigw-audit', version: 'test' },
    scan: {
      startedAt: '2026-11-01T00:00:00.000Z',
      finishedAt: '2026-11-01T00:01:00.000Z',
      requestedRegions: regions.map((r) => r.region),
    },
    accounts: [{ accountId, partition: 'aws', regions }],
    collectionErrors,
  };
}

/**
 * A REST API. Unless `deployments` are given, every deployment its stages (and their canaries)
 * name is one taken from its draft resources: the stages serve the draft.
 */
export function restApi(parts: Partial<RestApiSnapshot> & { id: string }): RestApiSnapshot {
  const api: RestApiSnapshot = {
    name: parts.id,
    endpointConfiguration: { types: ['REGIONAL'] },
    resources: [{ id: 'root', path: '/' }],
    stages: [],
    authorizers: [],
    requestValidators: [],
    gatewayResponses: [],
    ...parts,
  };
  if ('deployments' in parts) return api;
  const ids = new Set(
    (api.stages ?? []).flatMap((s) => [s.deploymentId, s.canarySettings?.deploymentId]),
  );
  return {
    ...api,
    deployments: [...ids]
      .filter((id): id is string => Boolean(id))
      .map((id) => ({ id, apiSummary: summaryOf(api.resources) })),
  };
}

/** The API summary of a deployment taken from these resources (what GetDeployment embeds). */
export function summaryOf(resources: readonly RestResource[] = []): RestDeployment['apiSummary'] {
  const out: NonNullable<RestDeployment['apiSummary']> = {};
  for (const r of resources) {
    for (const [verb, m] of Object.entries(r.resourceMethods ?? {})) {
      (out[r.path] ??= {})[verb] = {
        authorizationType: m.authorizationType ?? 'NONE',
        apiKeyRequired: Boolean(m.apiKeyRequired),
      };
    }
  }
  return out;
}

/**
 * A REST API whose stages serve its draft: one 'prod' stage unless `stages` are given, and for
 * every deployment they (and their canaries) serve that `deployments` does not give, one taken
 * from the draft resources.
 */
export function deployedRestApi(parts: Partial<RestApiSnapshot> & { id: string }): RestApiSnapshot {
  const { deployments: given = [], ...rest } = parts;
  const api = restApi({ stages: [restStage({ stageName: 'prod' })], ...rest });
  const byId = new Map(given.map((d) => [d.id, d]));
  const derived = (api.deployments ?? []).map((d) => byId.get(d.id) ?? d);
  const extra = given.filter((d) => !derived.some((x) => x.id === d.id));
  return { ...api, deployments: [...derived, ...extra] };
}

export function restStage(parts: Partial<RestStage> & { stageName: string }): RestStage {
  return { deploymentId: 'dep1', methodSettings: {}, ...parts };
}

export function v2Api(parts: Partial<V2ApiSnapshot> & { ApiId: string }): V2ApiSnapshot {
  return {
    Name: parts.ApiId,
    ProtocolType: 'HTTP',
    ApiEndpoint: `https://${parts.ApiId}.execute-api.${REGION}.amazonaws.com`,
    stages: [],
    routes: [],
    integrations: [],
    authorizers: [],
    exports: [],
    ...parts,
  };
}

/** An HTTP API whose one stage auto-deploys (serves the draft) unless `stages` are given. */
export function deployedV2Api(parts: Partial<V2ApiSnapshot> & { ApiId: string }): V2ApiSnapshot {
  return v2Api({ stages: [{ StageName: '$default', AutoDeploy: true }], ...parts });
}

export function collectionError(
  parts: Partial<CollectionError> & Pick<CollectionError, 'slice'>,
): CollectionError {
  return {
    service: 'apigateway',
    operation: 'GetStages',
    accountId: ACCOUNT,
    region: REGION,
    errorCode: 'AccessDeniedException',
    message: 'User is not authorized to perform apigateway:GET',
    ...parts,
  };
}
