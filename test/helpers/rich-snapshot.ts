/** The demo account's snapshot (a real scan of a seeded account, three regions): the richest fixture. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import type { Snapshot } from '../../src/snapshot/types.js';

const text = readFileSync(join(packageRoot, 'examples', 'demo-snapshot.json'), 'utf8');

/** A fresh copy each call, so a test may blank parts of it. */
export function richSnapshot(): Snapshot {
  return JSON.parse(text) as Snapshot;
}
