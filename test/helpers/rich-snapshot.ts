/** The demo account's snapshot (a real scan of a seeded account, three regions): the richest fixture. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import type { CheckConfig } from '../../src/config/types.js';
import type { Snapshot } from '../../src/snapshot/types.js';

const text = readFileSync(join(packageRoot, 'examples', 'demo-snapshot.json'), 'utf8');

/** A fresh copy each call, so a test may blank parts of it. */
export function richSnapshot(): Snapshot {
  return JSON.parse(text) as Snapshot;
}

/** The demo's settings (required tags, expected-private APIs), so config-driven checks give results. */
export const RICH_CONFIG: CheckConfig = {
  expectPrivate: { tags: { exposure: 'internal' }, namePatterns: ['internal-*'] },
  requiredTags: ['owner'],
  thresholds: { certificateExpiryDays: 30 },
};
