/**
 * The evaluate/render benchmark: a synthetic snapshot sized to yield about N findings with the
 * whole catalog (ALL_CHECKS): evaluated with the findings spooled and written in every format in
 * this process (each step timed), then `apigw-audit evaluate --format all` and `render --format
 * all` by the built CLI, each in its own process, for the wall time and peak RSS a user sees.
 * No AWS, no moto.
 *
 * The snapshot is built from "units" (one REST API with stages, resources and methods, one HTTP
 * API with routes and a stage); a small calibration run measures findings per unit, so the
 * target stays about right as checks are added to the catalog.
 */
import { ALL_CHECKS } from '../checks/index.js';
import { auditConfig } from '../src/config/load.js';
import { evaluateSnapshot } from '../src/engine/evaluate.js';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RENDERERS } from '../src/render/index.js';
import { jsonChunks } from '../src/render/json-chunks.js';
import { evaluateSpooled } from '../src/report-io/spooled-report.js';
import { writeChunks } from '../src/report-io/write-chunks.js';
import { runCliMeasured } from './cli-process.js';
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
    megabytes: number;
  };
  checks: number;
  buildSeconds: number;
  /** In this process: evaluation with the findings spooled, then each format written. */
  evaluateSeconds: number;
  inventoryRows: number;
  render: Record<string, { seconds: number; megabytes: number }>;
  inProcessPeakRssMb: number;
  /** The built CLI as a user runs it, each its own process: `evaluate` and `render`. */
  cli: Record<
    'evaluate' | 'render',
    {
      command: string;
      wallSeconds: number;
      cpuSeconds: number | null;
      peakRssMb: number;
      rssSource: string;
    }
  >;
  targets: { peakRssMb: number; wallSeconds: number };
  meetsTargets: { peakRssMb: boolean; wallSeconds: boolean };
}

/** The bound for evaluating and rendering 200,000 findings in every format. */
export const EVALUATE_TARGETS = { peakRssMb: 600, wallSeconds: 30 };

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const secs = (ms: number) => Math.round(ms) / 1000;

function sizeOf(path: string): number {
  if (!statSync(path).isDirectory()) return statSync(path).size;
  return readdirSync(path).reduce((n, e) => n + sizeOf(join(path, e)), 0);
}

export async function runEvaluateBench(target: number): Promise<EvaluateBenchResult> {
  let peak = process.memoryUsage().rss;
  // A synchronous run never yields to a timer: sample at each step.
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const dir = mkdtempSync(join(tmpdir(), 'apigw-audit-bench-evaluate-'));
  try {
    const calibration = evaluateSnapshot(syntheticSnapshot(40), ALL_CHECKS, auditConfig());
    const perUnit = Math.max(1, calibration.findings.length / 40);
    const units = Math.max(1, Math.round(target / perUnit));

    let t = performance.now();
    const snap = syntheticSnapshot(units);
    const buildSeconds = secs(performance.now() - t);
    const snapPath = join(dir, 'snapshot.json');
    writeChunks(snapPath, jsonChunks(snap, 6));
    sample();

    t = performance.now();
    const spooled = evaluateSpooled(snap, ALL_CHECKS, auditConfig());
    const evaluateSeconds = secs(performance.now() - t);
    sample();
    const render: EvaluateBenchResult['render'] = {};
    const inProcess = join(dir, 'in-process');
    let inventoryRows = 0;
    try {
      for (const i of spooled.report.inventory) if (i) inventoryRows++;
      for (const r of RENDERERS) {
        t = performance.now();
        let bytes = 0;
        for (const o of r.outputs(spooled.report, {})) {
          const path = join(inProcess, o.path);
          mkdirSync(dirname(path), { recursive: true });
          bytes += writeChunks(path, o.chunks);
          sample();
        }
        render[r.format] = { seconds: secs(performance.now() - t), megabytes: mb(bytes) };
      }
    } finally {
      spooled.dispose();
    }
    const findings = spooled.report.summary.total;
    rmSync(inProcess, { recursive: true, force: true });

    const evaluate = await runCliMeasured([
      'evaluate',
      snapPath,
      '--format',
      'all',
      '--out',
      join(dir, 'out'),
      '--fail-on',
      'none',
    ]);
    if (evaluate.code !== 0 && evaluate.code !== 3)
      throw new Error(`evaluate exited ${evaluate.code}: ${evaluate.stderr}`);
    const rendered = await runCliMeasured([
      'render',
      join(dir, 'out', 'report.json'),
      '--format',
      'all',
      '--out',
      join(dir, 'rendered'),
    ]);
    if (rendered.code !== 0) throw new Error(`render exited ${rendered.code}: ${rendered.stderr}`);

    const regions = snap.accounts[0]!.regions;
    const restApis = regions.flatMap((r) => r.restApis ?? []);
    const v2Apis = regions.flatMap((r) => r.v2Apis ?? []);
    const cli = {
      evaluate: {
        command: 'apigw-audit evaluate snapshot.json --format all',
        wallSeconds: evaluate.wallSeconds,
        cpuSeconds: evaluate.cpuSeconds,
        peakRssMb: evaluate.peakRssMb,
        rssSource: evaluate.rssSource,
      },
      render: {
        command: 'apigw-audit render report.json --format all',
        wallSeconds: rendered.wallSeconds,
        cpuSeconds: rendered.cpuSeconds,
        peakRssMb: rendered.peakRssMb,
        rssSource: rendered.rssSource,
      },
    };
    return {
      targetFindings: target,
      findings,
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
        megabytes: mb(sizeOf(snapPath)),
      },
      checks: ALL_CHECKS.length,
      buildSeconds,
      evaluateSeconds,
      inventoryRows,
      render,
      inProcessPeakRssMb: mb(peak),
      cli,
      targets: EVALUATE_TARGETS,
      meetsTargets: {
        peakRssMb: Math.max(evaluate.peakRssMb, rendered.peakRssMb) < EVALUATE_TARGETS.peakRssMb,
        wallSeconds:
          Math.max(evaluate.wallSeconds, rendered.wallSeconds) < EVALUATE_TARGETS.wallSeconds,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
