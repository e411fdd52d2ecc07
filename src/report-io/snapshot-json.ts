/** snapshot.json as written by scan, merge and evidence bundles: one API (or other region item) at a time. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { jsonChunks } from '../render/json-chunks.js';
import type { Snapshot } from '../snapshot/types.js';
import { settleHeap } from '../util/heap-pacer.js';
import { writeChunks } from './write-chunks.js';

const SNAPSHOT_JSON_DEPTH = 6;

/** JSON.stringify(snapshot, null, 2) + "\n", in pieces. */
export function snapshotJsonChunks(snapshot: Snapshot): Iterable<string> {
  return jsonChunks(snapshot, SNAPSHOT_JSON_DEPTH);
}

/**
 * The collected snapshot as `evaluate` would read it from snapshot.json: written out (in
 * `dir`), let go, and parsed back. What the SDK handed the collector is larger in memory than
 * the same data parsed from JSON, and a scan then evaluates exactly what its snapshot.json
 * holds. `take` hands the snapshot over so that no reference to it outlives the writing.
 */
export function compactSnapshot(take: () => Snapshot, dir: string): Snapshot {
  const spool = mkdtempSync(join(dir, '.apigw-audit-snapshot-'));
  try {
    const path = join(spool, 'snapshot.json');
    writeChunks(path, snapshotJsonChunks(take()));
    settleHeap();
    return JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  } finally {
    rmSync(spool, { recursive: true, force: true });
  }
}
