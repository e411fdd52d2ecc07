/**
 * The multi-account benchmark: N moto accounts (reached by AssumeRole, as a scan reaches member
 * accounts), each with the same REST APIs in each region, scanned by one collectSnapshot through
 * the quota simulator with `--concurrency C` account-region pairs at once.
 *
 * What it checks: completeness 1 (every seeded resource of every account is in the snapshot),
 * and a wall time within 1.3x of the slowest single pair's quota bound times the rounds the
 * concurrency bound forces (ceil(pairs / C)): the quotas are per account and region, so pairs
 * in flight together do not slow each other; only the bound on pairs in flight serialises them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { runCliMeasured } from './cli-process.js';
import { completeness, FIXTURES, seedFixture, type FixtureSpec } from './fixtures/generate.js';
import { clientsInAccount, startMoto, TEST_CREDENTIALS } from './moto.js';
import { AWS_QUOTAS, quotaBoundSeconds } from './simulator/quotas.js';
import { startSimulator } from './simulator/server.js';
import { machine, runWorker } from './worker-process.js';

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

export const MULTI_TARGETS = { completeness: 1, wallToBoundRatio: 1.3 };

export interface MultiAccountOptions {
  accounts?: number;
  /** REST APIs per account and region. */
  apisPerRegion?: number;
  /** Pairs scanned at once (collectSnapshot's concurrency). */
  concurrency?: number;
  latencyMs?: number;
}

/** One account of the benchmark: REST APIs only, the part of a scan the quotas bind. */
function accountSpec(apisPerRegion: number): FixtureSpec {
  const regions = ['eu-west-1', 'us-east-1'];
  return {
    ...FIXTURES.small,
    name: `multi-account-${apisPerRegion}`,
    regions,
    restApis: apisPerRegion * regions.length,
    httpApis: 0,
    webSocketApis: 0,
    domainsPerRegion: 0,
    v2DomainsPerRegion: 0,
    wafEveryNthApi: 0,
  };
}

const accountId = (i: number) => `3100000${String(i + 1).padStart(5, '0')}`;

export async function runMultiAccountBench(opts: MultiAccountOptions = {}) {
  const n = opts.accounts ?? 20;
  const apisPerRegion = opts.apisPerRegion ?? 5;
  const concurrency = opts.concurrency ?? 8;
  const latencyMs = opts.latencyMs ?? 50;
  const spec = accountSpec(apisPerRegion);
  const ids = Array.from({ length: n }, (_, i) => accountId(i));
  const moto = await startMoto();
  let sim;
  try {
    console.error(`bench: seeding ${n} accounts x ${spec.restApis} REST APIs into moto...`);
    const seedStart = performance.now();
    const limit = pLimit(3);
    const seeded = await Promise.all(
      ids.map((id) =>
        limit(async () => seedFixture(spec, await clientsInAccount(moto.endpoint, id), 4, id)),
      ),
    );
    const seededCounts = seeded
      .map((s) => s.counts)
      .reduce(
        (a, b) =>
          Object.fromEntries(
            Object.entries(a).map(([k, v]) => [k, v + b[k as keyof typeof b]]),
          ) as typeof a,
      );
    console.error(`bench: seeded in ${round((performance.now() - seedStart) / 1000, 1)} s`);
    sim = await startSimulator({ target: moto.endpoint, latencyMs, fillMotoGaps: true });
    console.error(`bench: scanning ${n} accounts through the simulator (${sim.endpoint})...`);
    const machineBefore = machine();
    const scan = await runWorker({
      endpoint: sim.endpoint,
      regions: spec.regions,
      roleArns: ids.map((id) => `arn:aws:iam::${id}:role/Audit`),
      concurrency,
    });
    const st = sim.stats;
    // Then the whole CLI, every format, for the memory a user sees: each account is evaluated
    // as its collection ends and let go, so the peak should follow one account, not twenty.
    // (Its calls come after the worker's and are not counted in the figures above.)
    const before = JSON.parse(
      JSON.stringify({ lanes: st.acceptedByLane, accepted: st.accepted, throttled: st.throttled }),
    ) as Pick<typeof st, 'accepted' | 'throttled'> & { lanes: typeof st.acceptedByLane };
    console.error(`bench: apigw-audit scan --format all over the ${n} accounts...`);
    const out = mkdtempSync(join(tmpdir(), 'apigw-audit-bench-multi-'));
    let cli;
    try {
      const run = await runCliMeasured(
        [
          'scan',
          ...ids.flatMap((id) => ['--role-arn', `arn:aws:iam::${id}:role/Audit`]),
          '--regions',
          spec.regions.join(','),
          '--endpoint-url',
          sim.endpoint,
          '--concurrency',
          String(concurrency),
          '--format',
          'all',
          '--out',
          out,
          '--fail-on',
          'none',
        ],
        {
          AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
          AWS_REGION: spec.regions[0]!,
        },
      );
      if (run.code !== 0 && run.code !== 3)
        throw new Error(`scan exited ${run.code}: ${run.stderr.trim().split('\n').pop()}`);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
        summary: { total: number };
      };
      cli = {
        command: 'apigw-audit scan --role-arn ×' + n + ' --format all',
        wallSeconds: run.wallSeconds,
        cpuSeconds: run.cpuSeconds,
        peakRssMb: run.peakRssMb,
        rssSource: run.rssSource,
        findings: report.summary.total,
      };
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    // AssumeRole and the caller's identity are not per member pair; the bound is the pairs'.
    const bound = quotaBoundSeconds(before.lanes, AWS_QUOTAS);
    const pairBounds = Object.values(bound.byRegion).map((r) => r.seconds);
    const slowestPair = Math.max(0, ...pairBounds);
    const pairs = n * spec.regions.length;
    const rounds = Math.ceil(pairs / concurrency);
    const expected = slowestPair * rounds;
    const comp = completeness(seededCounts, scan.counts);
    const ratio = expected > 0 ? round(scan.wallSeconds / expected, 2) : null;
    return {
      benchmark: 'multi-account',
      date: new Date().toISOString(),
      machine: machineBefore,
      accounts: n,
      regions: spec.regions,
      restApisPerAccountRegion: apisPerRegion,
      concurrency,
      pairs,
      rounds,
      simulator: { latencyMs, jitter: 0.5, quotas: AWS_QUOTAS },
      seeded: seededCounts,
      found: scan.counts,
      completeness: comp,
      wallSeconds: scan.wallSeconds,
      slowestPairQuotaBoundSeconds: round(slowestPair, 2),
      expectedSeconds: round(expected, 2),
      wallToBoundRatio: ratio,
      calls: before.accepted,
      throttled: before.throttled,
      retries: Object.values(scan.stats.retries).reduce((a, b) => a + b, 0),
      collectionErrors: scan.collectionErrors.length,
      peakRssMb: scan.peakRssMb,
      cli,
      targets: MULTI_TARGETS,
      meetsTargets: {
        completeness: comp.overall >= MULTI_TARGETS.completeness,
        wallToBoundRatio: ratio !== null && ratio <= MULTI_TARGETS.wallToBoundRatio,
      },
    };
  } finally {
    await sim?.stop();
    await moto.stop();
  }
}
