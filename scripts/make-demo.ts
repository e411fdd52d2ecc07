/**
 * Builds examples/demo-snapshot.json: the fictional demo account (scripts/demo-account.ts)
 * seeded into a real moto_server and scanned by the real collector.
 *
 *   npm run demo:seed      (needs .venv with moto: bash scripts/setup-test-env.sh)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMoto } from '../bench/moto.js';
import { packageRoot } from '../src/paths.js';
import { ACCOUNT, scanDemoAccount } from './demo-account.js';

/** Fixed so the committed snapshot only changes when the demo does. */
const SCAN_TIME = '2026-11-20T09:00:00.000Z';

const moto = await startMoto({ accountId: ACCOUNT });
try {
  const snapshot = await scanDemoAccount(moto.endpoint);
  snapshot.scan.startedAt = SCAN_TIME;
  snapshot.scan.finishedAt = new Date(Date.parse(SCAN_TIME) + 41_000).toISOString();
  snapshot.scan.principal = `arn:aws:sts::${ACCOUNT}:assumed-role/SecurityAudit/consultant`;
  delete snapshot.scan.endpointUrl;
  const out = join(packageRoot, 'examples', 'demo-snapshot.json');
  writeFileSync(out, JSON.stringify(snapshot, null, 2) + '\n');
  console.log(
    `wrote ${out}: ${snapshot.accounts[0]!.regions.length} regions, ${snapshot.collectionErrors.length} collection errors`,
  );
  for (const e of snapshot.collectionErrors) {
    console.log(`  ${e.service}:${e.operation} ${e.region} ${e.errorCode}`);
  }
} finally {
  await moto.stop();
}
