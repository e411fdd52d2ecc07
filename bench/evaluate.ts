/**
 * The evaluate/render benchmark: a synthetic snapshot sized to yield about N findings with the
 * whole catalog (ALL_CHECKS), then evaluateSnapshot and every renderer in RENDERERS, timed, with
 * the resident set size sampled every 50 ms. No AWS, no moto.
 *
 * The snapshot is built from "units" (one REST API with stages, resources and methods, one HTTP
 * API with routes and a stage); a small calibration run measures findings per unit, so the
 * target stays about right as checks are added to the catalog.
 */
import { ALL_CHECKS } from '../checks/index.js';
import { auditConfig } from '../src/config/load.js';
import { evaluateSnapshot } from '../src/engine/evaluate.js';
import { RENDERERS } from '../src/render/index.js';
import { emptyRegion } from '../src/snapshot/empty.js';
import {
  SNAPSHOT_SCHEMA_VERSION,
  type RegionSnapshot,
  type RestApiSnapshot,
  type RestDeployment,
  type RestResource,
  type Snapshot,
  type V2ApiSnapshot,
} from '../src/snapshot/types.js';

const ACCOUNT = '111122223333';
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'eu-central-1'];
const STAGES_PER_API = 5;
const RESOURCES_PER_API = 3;

function restApi(u: number, region: string): RestApiSnapshot {
  const id = `r${u.toString(36).padStart(8, '0')}`;
  const resources: RestResource[] = [
    { id: `${id}-root`, path: '/' },
    ...Array.from({ length: RESOURCES_PER_API }, (_, k) => ({
      id: `${id}-res${k}`,
      parentId: `${id}-root`,
      path: `/items${k}`,
      pathPart: `items${k}`,
      resourceMethods: Object.fromEntries(
        ['GET', 'POST'].map((m, j) => [
          m,
          {
            httpMethod: m,
            authorizationType: (k + j) % 3 === 0 ? 'NONE' : 'AWS_IAM',
            apiKeyRequired: j === 1,
            methodIntegration: {
              type: k % 2 ? 'AWS_PROXY' : 'HTTP_PROXY',
              httpMethod: 'POST',
              uri:
                k % 2
                  ? `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:${ACCOUNT}:function:fn-${u}/invocations`
                  : `https://backend-${u}.example.com/items`,
            },
          },
        ]),
      ),
    })),
  ];
  return {
    id,
    name: `api-${u}`,
    createdDate: '2026-01-01T00:00:00.000Z',
    endpointConfiguration: { types: [u % 3 === 0 ? 'EDGE' : 'REGIONAL'] },
    apiKeySource: 'HEADER',
    disableExecuteApiEndpoint: u % 7 === 0,
    tags: { team: `team-${u % 13}` },
    ...(u % 4 === 0
      ? {
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: '*',
                Action: 'execute-api:Invoke',
                Resource: `arn:aws:execute-api:${region}:${ACCOUNT}:${id}/*`,
              },
            ],
          }),
        }
      : {}),
    resources,
    // Every stage serves the draft, as a pipeline that deploys each change leaves it.
    deployments: [{ id: `${id}-dep`, apiSummary: summaryOf(resources) }],
    stages: Array.from({ length: STAGES_PER_API }, (_, s) => ({
      stageName: `stage${s}`,
      deploymentId: `${id}-dep`,
      methodSettings: {
        '*/*': {
          loggingLevel: ['OFF', 'ERROR', 'INFO'][(u + s) % 3]!,
          metricsEnabled: s % 2 === 0,
          dataTraceEnabled: s === 4,
          throttlingBurstLimit: 5000,
          throttlingRateLimit: 10000,
          cachingEnabled: false,
          cacheDataEncrypted: false,
        },
      },
      tracingEnabled: s % 2 === 1,
      ...(s === 0
        ? {
            accessLogSettings: {
              destinationArn: `arn:aws:logs:${region}:${ACCOUNT}:log-group:gw`,
              format: '$context.requestId',
            },
          }
        : {}),
      ...(u % 5 === 0
        ? { webAclArn: `arn:aws:wafv2:${region}:${ACCOUNT}:regional/webacl/acl/1` }
        : {}),
    })),
    authorizers: [],
    requestValidators: [],
    gatewayResponses: [],
  };
}

/** The API summary a deployment of these resources carries. */
function summaryOf(resources: RestResource[]): RestDeployment['apiSummary'] {
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

function httpApi(u: number, region: string): V2ApiSnapshot {
  const id = `h${u.toString(36).padStart(8, '0')}`;
  return {
    ApiId: id,
    Name: `http-${u}`,
    ProtocolType: 'HTTP',
    ApiEndpoint: `https://${id}.execute-api.${region}.amazonaws.com`,
    CreatedDate: '2026-01-01T00:00:00.000Z',
    ...(u % 3 === 0 ? { CorsConfiguration: { AllowOrigins: ['*'], AllowMethods: ['*'] } } : {}),
    stages: [
      {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 100 },
      },
    ],
    routes: Array.from({ length: 3 }, (_, k) => ({
      RouteId: `${id}-rt${k}`,
      RouteKey: `GET /things${k}`,
      AuthorizationType: k === 0 ? 'NONE' : 'AWS_IAM',
      Target: `integrations/${id}-int`,
    })),
    integrations: [
      {
        IntegrationId: `${id}-int`,
        IntegrationType: 'HTTP_PROXY',
        IntegrationMethod: 'ANY',
        IntegrationUri: `https://backend-${u}.example.com/`,
        PayloadFormatVersion: '1.0',
      },
    ],
    authorizers: [],
  };
}

export function syntheticSnapshot(units: number): Snapshot {
  const regions: RegionSnapshot[] = REGIONS.map((region) => emptyRegion(region, ACCOUNT));
  for (let u = 0; u < units; u++) {
    const r = regions[u % regions.length]!;
    r.restApis!.push(restApi(u, r.region));
    r.v2Apis!.push(httpApi(u, r.region));
  }
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'apigw-audit', version: 'bench' },
    scan: {
      startedAt: '2026-11-01T00:00:00.000Z',
      finishedAt: '2026-11-01T00:10:00.000Z',
      requestedRegions: REGIONS,
    },
    accounts: [{ accountId: ACCOUNT, partition: 'aws', regions }],
    collectionErrors: [],
  };
}

export interface EvaluateBenchResult {
  targetFindings: number;
  findings: number;
  units: number;
  snapshot: {
    restApis: number;
    restStages: number;
    methods: number;
    v2Apis: number;
    routes: number;
  };
  checks: number;
  buildSeconds: number;
  evaluateSeconds: number;
  inventoryRows: number;
  render: Record<string, { seconds: number; megabytes: number }>;
  peakRssMb: number;
  maxRssMb: number;
  heapUsedAfterEvaluateMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const secs = (ms: number) => Math.round(ms) / 1000;

export function runEvaluateBench(target: number): EvaluateBenchResult {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  // A synchronous run never yields to the sampler's timer: sample at each step as well.
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  try {
    const calibration = evaluateSnapshot(syntheticSnapshot(40), ALL_CHECKS, auditConfig());
    const perUnit = Math.max(1, calibration.findings.length / 40);
    const units = Math.max(1, Math.round(target / perUnit));

    let t = performance.now();
    const snap = syntheticSnapshot(units);
    const buildSeconds = secs(performance.now() - t);
    sample();

    t = performance.now();
    const report = evaluateSnapshot(snap, ALL_CHECKS, auditConfig());
    const evaluateSeconds = secs(performance.now() - t);
    sample();
    const heapUsedAfterEvaluateMb = mb(process.memoryUsage().heapUsed);

    const render: EvaluateBenchResult['render'] = {};
    for (const r of RENDERERS) {
      t = performance.now();
      const files = r.files(report, {});
      render[r.format] = {
        seconds: secs(performance.now() - t),
        megabytes: mb(files.reduce((n, f) => n + Buffer.byteLength(f.content), 0)),
      };
      sample();
    }
    const regions = snap.accounts[0]!.regions;
    const restApis = regions.flatMap((r) => r.restApis ?? []);
    const v2Apis = regions.flatMap((r) => r.v2Apis ?? []);
    return {
      targetFindings: target,
      findings: report.findings.length,
      units,
      snapshot: {
        restApis: restApis.length,
        restStages: restApis.reduce((n, a) => n + (a.stages?.length ?? 0), 0),
        methods: restApis.reduce(
          (n, a) =>
            n +
            (a.resources ?? []).reduce(
              (m, r) => m + Object.keys(r.resourceMethods ?? {}).length,
              0,
            ),
          0,
        ),
        v2Apis: v2Apis.length,
        routes: v2Apis.reduce((n, a) => n + (a.routes?.length ?? 0), 0),
      },
      checks: ALL_CHECKS.length,
      buildSeconds,
      evaluateSeconds,
      inventoryRows: report.inventory.length,
      render,
      peakRssMb: mb(peak),
      maxRssMb: mb(process.resourceUsage().maxRSS * 1024),
      heapUsedAfterEvaluateMb,
    };
  } finally {
    clearInterval(sampler);
  }
}
