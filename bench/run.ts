/**
 * The benchmark. Two modes:
 *
 *   npm run bench -- --fixture small|large [--latency MS] [--seed-concurrency N] [--no-write]
 *     starts moto, seeds the fixture (directly), starts the quota simulator in front of moto,
 *     runs collectSnapshot through it in a separate Node process (scan-worker), and writes
 *     bench/results/<fixture>.json: completeness, wall time against the quota-bound minimum,
 *     calls per API, throttling, retries, peak RSS.
 *
 *   npm run bench -- --fixture large --seed-only [--seed-concurrency N]
 *     only seeds (to measure seeding speed), writes nothing.
 *
 *   npm run bench -- --multi-account 20 [--apis-per-region 5] [--concurrency 8] [--latency MS]
 *     20 moto accounts reached by AssumeRole, scanned side by side by one collectSnapshot:
 *     bench/results/multi-account-<N>x<APIs>-c<C>.json (see bench/multi-account.ts).
 *
 *   npm run bench -- --evaluate 50000 [--no-write]
 *     evaluates and renders a synthetic snapshot of about that many findings:
 *     bench/results/evaluate-<N>.json.
 *
 * Figures are explained in docs/benchmark.md.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClientFactory } from '../src/collect/clients.js';
import { packageRoot } from '../src/paths.js';
import type { Snapshot } from '../src/snapshot/types.js';
import { runCliMeasured } from './cli-process.js';
import { runEvaluateBench } from './evaluate.js';
import {
  completeness,
  FIXTURES,
  MOTO_UNIMPLEMENTED,
  seedFixture,
  snapshotCounts,
  type FixtureName,
} from './fixtures/generate.js';
import { startMoto, TEST_CREDENTIALS } from './moto.js';
import type { WorkerResult } from './scan-worker.js';
import { machine, runWorker } from './worker-process.js';
import { runMultiAccountBench } from './multi-account.js';
import { AWS_QUOTAS, quotaBoundSeconds } from './simulator/quotas.js';
import { startSimulator } from './simulator/server.js';

/** The issues' targets: collection (issue 6) on every fixture, memory per fixture (issue 9). */
export const TARGETS = {
  completeness: 1,
  callsPerRestApi: 6,
  callsPerV2Api: 5,
  wallToQuotaRatio: 1.15,
  peakRssMb: 300,
};
const PEAK_RSS_TARGET_MB: Record<FixtureName, number> = { small: 300, large: 300, xlarge: 500 };

/** `scan --format all` by the built CLI, through the simulator, as a user runs it. */
async function cliScan(endpoint: string, regions: string[], concurrency?: number) {
  const out = mkdtempSync(join(tmpdir(), 'apigw-audit-bench-scan-'));
  try {
    const run = await runCliMeasured(
      [
        'scan',
        '--format',
        'all',
        '--regions',
        regions.join(','),
        '--endpoint-url',
        endpoint,
        '--out',
        out,
        '--fail-on',
        'none',
        ...(concurrency ? ['--concurrency', String(concurrency)] : []),
      ],
      {
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        AWS_REGION: regions[0]!,
      },
    );
    // 3: coverage short of complete (moto's gaps); anything else is a failed run.
    if (run.code !== 0 && run.code !== 3)
      throw new Error(`scan exited ${run.code}: ${run.stderr.trim().split('\n').pop()}`);
    const snap = JSON.parse(readFileSync(join(out, 'snapshot.json'), 'utf8')) as Snapshot;
    // For profiling evaluate and render on the same snapshot without collecting it again.
    const keep = process.env['BENCH_KEEP_SNAPSHOT'];
    if (keep) copyFileSync(join(out, 'snapshot.json'), keep);
    const outputBytes = du(out);
    return {
      run,
      snap,
      outputMb: round(outputBytes / 1024 / 1024, 1),
      collectSeconds: round(
        (Date.parse(snap.scan.finishedAt) - Date.parse(snap.scan.startedAt)) / 1000,
      ),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function du(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? du(p) : statSync(p).size;
  }
  return n;
}

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

export async function runFixtureBench(
  name: FixtureName,
  opts: {
    latencyMs?: number;
    seedConcurrency?: number;
    scanConcurrency?: number;
    /** Also run collectSnapshot alone in a worker, on a fresh simulator (the collector's RSS). */
    collectorOnly?: boolean;
  } = {},
) {
  const spec = FIXTURES[name];
  const moto = await startMoto();
  let sim;
  try {
    const seedClients = createClientFactory({
      endpointUrl: moto.endpoint,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 3,
    });
    console.error(`bench: seeding ${name} into moto...`);
    const seeded = await seedFixture(spec, seedClients, opts.seedConcurrency);
    console.error(
      `bench: seeded ${seeded.calls} calls in ${round(seeded.seconds, 1)} s: ${JSON.stringify(seeded.counts)}`,
    );
    sim = await startSimulator({
      target: moto.endpoint,
      latencyMs: opts.latencyMs ?? 50,
      fillMotoGaps: true,
    });
    console.error(
      `bench: apigw-audit scan --format all through the simulator (${sim.endpoint})...`,
    );
    const machineBefore = machine();
    const cli = await cliScan(sim.endpoint, spec.regions, opts.scanConcurrency);
    const scan = {
      wallSeconds: cli.collectSeconds,
      counts: snapshotCounts(cli.snap),
      stats: cli.snap.stats ?? { calls: {}, throttled: {}, retries: {} },
      collectionErrors: cli.snap.collectionErrors,
    };
    const st = sim.stats;
    const machineAfter = machine();
    let collector: WorkerResult | undefined;
    if (opts.collectorOnly) {
      await sim.stop();
      sim = await startSimulator({
        target: moto.endpoint,
        latencyMs: opts.latencyMs ?? 50,
        fillMotoGaps: true,
      });
      console.error('bench: collectSnapshot alone in a worker, on a fresh simulator...');
      collector = await runWorker({
        endpoint: sim.endpoint,
        regions: spec.regions,
        ...(opts.scanConcurrency ? { concurrency: opts.scanConcurrency } : {}),
      });
    }
    const bound = quotaBoundSeconds(st.acceptedByLane, AWS_QUOTAS);
    const comp = completeness(seeded.counts, scan.counts);
    const accepted = Object.fromEntries(
      Object.entries(st.byOperation)
        .map(([k, v]) => [k, v.accepted] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    const throttled = Object.fromEntries(
      Object.entries(st.byOperation)
        .filter(([, v]) => v.throttled > 0)
        .map(([k, v]) => [k, v.throttled]),
    );
    const errorsByOp: Record<string, number> = {};
    for (const e of scan.collectionErrors) {
      const k = `${e.service}:${e.operation}:${e.errorCode}`;
      errorsByOp[k] = (errorsByOp[k] ?? 0) + 1;
    }
    const callsPerRestApi = seeded.counts.restApis
      ? round(st.acceptedByScope.restApi / seeded.counts.restApis, 2)
      : null;
    const callsPerV2Api = seeded.counts.v2Apis
      ? round(st.acceptedByScope.v2Api / seeded.counts.v2Apis, 2)
      : null;
    const ratio = bound.seconds > 0 ? round(scan.wallSeconds / bound.seconds, 2) : null;
    const result = {
      fixture: name,
      date: new Date().toISOString(),
      node: process.version,
      machine: { before: machineBefore, after: machineAfter },
      seeded: {
        counts: seeded.counts,
        calls: seeded.calls,
        seconds: round(seeded.seconds, 1),
        concurrency: opts.seedConcurrency ?? 6,
        regions: seeded.regions,
      },
      simulator: { latencyMs: opts.latencyMs ?? 50, jitter: 0.5, quotas: AWS_QUOTAS },
      completeness: comp,
      found: scan.counts,
      wallSeconds: scan.wallSeconds,
      quotaBoundSeconds: round(bound.seconds, 2),
      quotaBoundByRegion: Object.fromEntries(
        Object.entries(bound.byRegion).map(([k, v]) => [
          k,
          { seconds: round(v.seconds, 2), lane: v.lane },
        ]),
      ),
      wallToQuotaRatio: ratio,
      callsPerRestApi,
      callsPerV2Api,
      callsPerRegion: round(st.acceptedByScope.region / spec.regions.length, 2),
      calls: { total: st.accepted, byOperation: accepted },
      requests: st.requests,
      throttled: { total: st.throttled, byOperation: throttled },
      retries: { total: sum(scan.stats.retries), byOperation: scan.stats.retries },
      collectionErrors: {
        total: scan.collectionErrors.length,
        motoGaps: scan.collectionErrors.filter((e) =>
          MOTO_UNIMPLEMENTED.has(`${e.service}:${e.operation}`),
        ).length,
        byOperation: errorsByOp,
      },
      cli: {
        command: 'apigw-audit scan --format all',
        wallSeconds: cli.run.wallSeconds,
        cpuSeconds: cli.run.cpuSeconds,
        peakRssMb: cli.run.peakRssMb,
        rssSource: cli.run.rssSource,
        outputMb: cli.outputMb,
        findings: findingsOf(cli.run.stderr),
      },
      ...(collector
        ? {
            collectorOnly: {
              wallSeconds: collector.wallSeconds,
              peakRssMb: collector.peakRssMb,
              maxRssMb: collector.maxRssMb,
            },
          }
        : {}),
      targets: { ...TARGETS, peakRssMb: PEAK_RSS_TARGET_MB[name] },
      meetsTargets: {
        completeness: comp.overall >= TARGETS.completeness,
        // Few calls per API mean nothing when the APIs' details were not collected.
        callsPerRestApi:
          callsPerRestApi !== null &&
          comp.byKind.restApis === 1 &&
          callsPerRestApi <= TARGETS.callsPerRestApi,
        callsPerV2Api:
          callsPerV2Api !== null &&
          comp.byKind.v2Apis === 1 &&
          callsPerV2Api <= TARGETS.callsPerV2Api,
        wallToQuotaRatio: ratio !== null && ratio <= TARGETS.wallToQuotaRatio,
        peakRssMb: cli.run.peakRssMb < PEAK_RSS_TARGET_MB[name],
      },
    };
    return result;
  } finally {
    await sim?.stop();
    await moto.stop();
  }
}

/** The CLI's summary line: "N FAIL, N PASS, N MANUAL, N ERROR". */
function findingsOf(stderr: string): number | null {
  const m = /(\d+) FAIL, (\d+) PASS, (\d+) MANUAL, (\d+) ERROR(?:, (\d+) suppressed)?/.exec(stderr);
  return m ? [1, 2, 3, 4, 5].reduce((n, i) => n + Number(m[i] ?? 0), 0) : null;
}

function write(file: string, data: unknown): string {
  const dir = join(packageRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(data, null, 2) + '\n');
  return path;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      fixture: { type: 'string' },
      evaluate: { type: 'string' },
      latency: { type: 'string' },
      'seed-concurrency': { type: 'string' },
      concurrency: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      'seed-only': { type: 'boolean', default: false },
      'multi-account': { type: 'string' },
      'apis-per-region': { type: 'string' },
      'collector-only': { type: 'boolean', default: false },
    },
  });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  if (values['multi-account']) {
    const r = await runMultiAccountBench({
      accounts: num(values['multi-account']),
      apisPerRegion: num(values['apis-per-region']),
      concurrency: num(values.concurrency),
      latencyMs: num(values.latency),
    });
    console.log(JSON.stringify(r, null, 2));
    const file = `multi-account-${r.accounts}x${r.restApisPerAccountRegion}-c${r.concurrency}.json`;
    if (!values['no-write']) console.error(`bench: wrote ${write(file, r)}`);
    return;
  }
  if (values.evaluate) {
    const target = Number(values.evaluate);
    if (!Number.isInteger(target) || target < 1) throw new Error('--evaluate needs a number');
    const r = {
      date: new Date().toISOString(),
      node: process.version,
      machine: machine(),
      ...(await runEvaluateBench(target)),
    };
    console.log(JSON.stringify(r, null, 2));
    if (!values['no-write']) console.error(`bench: wrote ${write(`evaluate-${target}.json`, r)}`);
    return;
  }
  const name = (values.fixture ?? 'small') as FixtureName;
  if (!FIXTURES[name])
    throw new Error(`--fixture must be one of ${Object.keys(FIXTURES).join(', ')}`);
  if (values['seed-only']) {
    // Seeding alone, to measure how many parallel calls moto usefully takes. Writes nothing.
    const moto = await startMoto();
    try {
      const concurrency = num(values['seed-concurrency']) ?? 6;
      const clients = createClientFactory({
        endpointUrl: moto.endpoint,
        credentials: TEST_CREDENTIALS,
        maxAttempts: 3,
      });
      const s = await seedFixture(FIXTURES[name], clients, concurrency);
      console.log(JSON.stringify({ ...s, seconds: round(s.seconds, 2), concurrency }));
    } finally {
      await moto.stop();
    }
    return;
  }
  const r = await runFixtureBench(name, {
    latencyMs: num(values.latency),
    seedConcurrency: num(values['seed-concurrency']),
    scanConcurrency: num(values.concurrency),
    collectorOnly: values['collector-only'],
  });
  console.log(JSON.stringify(r, null, 2));
  if (!values['no-write']) console.error(`bench: wrote ${write(`${name}.json`, r)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exit(1);
  });
}
