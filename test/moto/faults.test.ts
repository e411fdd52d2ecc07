/**
 * Fault tests: the small fixture scanned through the AWS-quota simulator (bench/simulator) under
 * throttling, 5xx answers, dropped connections and slow answers, which the scan must ride out
 * with nothing missing; and under permanent errors, which must show up as collection errors
 * naming the operation (CLI exit code 3) with nothing else missing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeness,
  FIXTURES,
  KINDS,
  MOTO_UNIMPLEMENTED,
  seedFixture,
  snapshotCounts,
  type Seeded,
} from '../../bench/fixtures/generate.js';
import {
  startSimulator,
  type SimulatorOptions,
  type SimulatorStats,
} from '../../bench/simulator/server.js';
import { createClientFactory, type ClientOptions } from '../../src/collect/clients.js';
import { collectSnapshot } from '../../src/collect/scan.js';
import type { CollectionError, Snapshot } from '../../src/snapshot/types.js';
import { runCli } from '../helpers/cli.js';
import { startMoto, TEST_CREDENTIALS, type MotoServer } from '../helpers/moto.js';

const spec = FIXTURES.small;
let moto: MotoServer;
let seeded: Seeded;

beforeAll(async () => {
  moto = await startMoto();
  seeded = await seedFixture(
    spec,
    createClientFactory({
      endpointUrl: moto.endpoint,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 3,
    }),
  );
}, 60_000);

afterAll(async () => {
  await moto?.stop();
});

async function scanThrough(
  sim: Partial<SimulatorOptions>,
  client: Partial<ClientOptions> = {},
): Promise<{ snap: Snapshot; stats: SimulatorStats; seconds: number }> {
  const s = await startSimulator({ target: moto.endpoint, latencyMs: 5, ...sim });
  try {
    const clients = createClientFactory({
      endpointUrl: s.endpoint,
      credentials: TEST_CREDENTIALS,
      ...client,
    });
    const started = performance.now();
    const snap = await collectSnapshot({
      clients,
      regions: spec.regions,
      endpointUrl: s.endpoint,
    });
    return { snap, stats: s.stats, seconds: (performance.now() - started) / 1000 };
  } finally {
    await s.stop();
  }
}

/** Collection errors other than moto's own gaps (operations it does not implement). */
const realErrors = (errors: CollectionError[]) =>
  errors.filter((e) => !MOTO_UNIMPLEMENTED.has(`${e.service}:${e.operation}`));

function expectComplete(snap: Snapshot): void {
  expect(realErrors(snap.collectionErrors)).toEqual([]);
  // Every kind seeded is in the snapshot, in full.
  const allFound = Object.fromEntries(KINDS.filter((k) => seeded.counts[k] > 0).map((k) => [k, 1]));
  expect(completeness(seeded.counts, snapshotCounts(snap)).byKind).toEqual(allFound);
}

const total = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

describe('scan through the AWS-quota simulator (small fixture)', () => {
  it('completes under throttling bursts, below the documented quotas', async () => {
    const { snap, stats } = await scanThrough({
      quotas: {
        apigateway: { rate: 8, burst: 4 },
        'apigateway:GetResources': { rate: 2, burst: 1 },
        wafv2: { rate: 3, burst: 1 },
        'wafv2:GetWebACLForResource': { rate: 1, burst: 1 },
      },
    });
    expect(stats.throttled).toBeGreaterThan(0);
    expectComplete(snap);
  });

  it('completes despite 500/503 answers and dropped connections', async () => {
    const { snap, stats } = await scanThrough({
      quotas: false,
      faults: { errorRate: 0.2, dropRate: 0.1, maxFaultedAttempts: 2 },
    });
    expect((stats.faults.error500 ?? 0) + (stats.faults.error503 ?? 0)).toBeGreaterThan(0);
    expect(stats.faults.drop).toBeGreaterThan(0);
    expect(total(snap.stats!.retries)).toBeGreaterThan(0);
    expectComplete(snap);
  });

  it('gives up on answers slower than its timeout and retries, instead of waiting', async () => {
    const { snap, stats } = await scanThrough(
      { quotas: false, faults: { slowRate: 0.06, slowMs: 4_000, maxFaultedAttempts: 1 } },
      { requestTimeoutMs: 1_000 },
    );
    expect(stats.faults.slow).toBeGreaterThan(0);
    // The client timed out on every slow answer rather than waiting for it.
    expect(stats.faults.slowAwaited ?? 0).toBe(0);
    expectComplete(snap);
  });

  it('reports permanent errors as collection errors naming the operation; nothing else is missing; exit code 3', async () => {
    const sim = await startSimulator({
      target: moto.endpoint,
      latencyMs: 5,
      faults: {
        accessDenied: [{ service: 'apigateway', operation: 'GetStages', region: 'us-east-1' }],
        unsupported: [{ service: 'apigateway', operation: 'GetResources', region: 'eu-west-1' }],
      },
    });
    const out = mkdtempSync(join(tmpdir(), 'apigw-audit-faults-'));
    try {
      const r = await runCli(
        [
          'scan',
          '--endpoint-url',
          sim.endpoint,
          '--regions',
          spec.regions.join(','),
          '--out',
          out,
          '--format',
          'json',
          '--fail-on',
          'none',
        ],
        {
          AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
          AWS_REGION: 'eu-west-1',
        },
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(3);
    } finally {
      await sim.stop();
    }
    const snap = JSON.parse(readFileSync(join(out, 'snapshot.json'), 'utf8')) as Snapshot;
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.coverage.complete).toBe(false);

    const regionOf = (name: string) => snap.accounts[0]!.regions.find((x) => x.region === name)!;
    const eu = regionOf('eu-west-1').restApis!;
    const us = regionOf('us-east-1').restApis!;
    const errors = realErrors(snap.collectionErrors)
      .map((e) => `${e.region} ${e.service}:${e.operation} ${e.errorCode} ${e.resourceId}`)
      .sort();
    expect(errors).toEqual(
      [
        ...eu.map(
          (a) => `eu-west-1 apigateway:GetResources UnsupportedOperation(HTTP 404) ${a.id}`,
        ),
        ...us.map((a) => `us-east-1 apigateway:GetStages AccessDeniedException ${a.id}`),
      ].sort(),
    );
    // What failed is absent (undefined, not empty); everything else is there in full.
    expect(eu.every((a) => a.resources === undefined && (a.stages?.length ?? 0) > 0)).toBe(true);
    expect(us.every((a) => a.stages === undefined && (a.resources?.length ?? 0) > 1)).toBe(true);
    const found = snapshotCounts(snap);
    const byKind = completeness(seeded.counts, found).byKind;
    // Web ACLs are found through the stages that name them: where GetStages was denied, the
    // region's ACLs cannot be discovered (and the stages' ERROR results say so).
    const untouched = KINDS.filter(
      (k) =>
        seeded.counts[k] > 0 &&
        !['resources', 'methods', 'restStages', 'wafAssociations', 'webAcls'].includes(k),
    );
    expect(Object.fromEntries(untouched.map((k) => [k, byKind[k]]))).toEqual(
      Object.fromEntries(untouched.map((k) => [k, 1])),
    );
    expect(found.restStages).toBe(eu.length * spec.stagesPerRestApi);
    expect(found.resources).toBe(us.length * (spec.resourcesPerApi + 1));
  });
});
