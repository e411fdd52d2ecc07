/** snapshot.json as written by scan, merge and evidence bundles: one API (or other region item) at a time. */
import { jsonChunks } from '../render/json-chunks.js';
import type { Snapshot } from '../snapshot/types.js';

const SNAPSHOT_JSON_DEPTH = 6;

/** JSON.stringify(snapshot, null, 2) + "\n", in pieces. */
export function snapshotJsonChunks(snapshot: Snapshot): Iterable<string> {
  return jsonChunks(snapshot, SNAPSHOT_JSON_DEPTH);
}
