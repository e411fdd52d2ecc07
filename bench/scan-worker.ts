/**
 * One scan, alone in its own Node process so that its memory is the scanner's only:
 * collectSnapshot through the simulator, timed, with the resident set size sampled every 50 ms.
 * Prints one JSON line (WorkerResult) on stdout. Usage: node scan-worker.js '<WorkerInput JSON>'.
 */
import { resourceUsage } from 'node:process';
import { createClientFactory } from '../src/collect/clients.js';
import { collectSnapshot } from '../src/collect/scan.js';
import type { CollectionError, CollectionStats } from '../src/snapshot/types.js';
import { snapshotCounts, type Counts } from './fixtures/generate.js';
import { TEST_CREDENTIALS } from './moto.js';

export interface WorkerInput {
  endpoint: string;
  regions: string[];
  /** Accounts to scan by AssumeRole (the multi-account benchmark); none = the caller's. */
  roleArns?: string[];
  concurrency?: number;
  maxAttempts?: number;
  requestTimeoutMs?: number;
}

export interface WorkerResult {
  wallSeconds: number;
  peakRssMb: number;
  maxRssMb: number;
  counts: Counts;
  stats: CollectionStats;
  collectionErrors: CollectionError[];
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as WorkerInput;
  const clients = createClientFactory({
    endpointUrl: input.endpoint,
    credentials: TEST_CREDENTIALS,
    ...(input.maxAttempts ? { maxAttempts: input.maxAttempts } : {}),
    ...(input.requestTimeoutMs ? { requestTimeoutMs: input.requestTimeoutMs } : {}),
  });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  const snap = await collectSnapshot({
    clients,
    regions: input.regions,
    ...(input.roleArns ? { roleArns: input.roleArns } : {}),
    endpointUrl: input.endpoint,
    ...(input.concurrency ? { concurrency: input.concurrency } : {}),
  });
  const wallSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const result: WorkerResult = {
    wallSeconds: Math.round(wallSeconds * 1000) / 1000,
    peakRssMb: mb(peak),
    // ru_maxrss is in kilobytes on Linux.
    maxRssMb: mb(resourceUsage().maxRSS * 1024),
    counts: snapshotCounts(snap),
    stats: snap.stats ?? { calls: {}, throttled: {}, retries: {} },
    collectionErrors: snap.collectionErrors,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
