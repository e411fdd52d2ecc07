/**
 * What a real scan sends: the built CLI scans the demo account (three regions, every kind of
 * resource the collectors read) through a proxy that records each request on its way to moto.
 * Every request must be a read; with `--evidence s3://...`, the only writes are the bundle's
 * S3 PutObject calls, under the prefix given.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientFactory } from '../../src/collect/clients.js';
import { SCAN_OPERATIONS } from '../../src/snapshot/slices.js';
import { ACCOUNT, DEMO_ACCOUNT, REGIONS } from '../../scripts/demo-account.js';
import { seedAccount } from '../../seed/index.js';
import { runCli } from '../helpers/cli.js';
import { startMoto, TEST_CREDENTIALS, type MotoServer } from '../helpers/moto.js';
import {
  isReadRequest,
  startRecordingProxy,
  type RecordedRequest,
  type RecordingProxy,
} from '../helpers/recording-proxy.js';

let moto: MotoServer;
let proxy: RecordingProxy;

const env = {
  AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
  AWS_REGION: 'eu-west-1',
};

beforeAll(async () => {
  moto = await startMoto({ accountId: ACCOUNT });
  const clients = createClientFactory({
    endpointUrl: moto.endpoint,
    credentials: TEST_CREDENTIALS,
    maxAttempts: 2,
  });
  await seedAccount(clients, DEMO_ACCOUNT);
  await new S3Client({
    region: 'eu-west-1',
    endpoint: moto.endpoint,
    forcePathStyle: true,
    credentials: TEST_CREDENTIALS,
  }).send(
    new CreateBucketCommand({
      Bucket: 'evidence',
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
    }),
  );
  proxy = await startRecordingProxy(moto.endpoint);
}, 120_000);
afterAll(async () => {
  await proxy?.stop();
  await moto?.stop();
});

/** The requests made while `fn` runs. */
async function recorded(fn: () => Promise<unknown>): Promise<RecordedRequest[]> {
  const from = proxy.requests.length;
  await fn();
  return proxy.requests.slice(from);
}

const named = (r: RecordedRequest) => (r.operation ? `${r.service}:${r.operation}` : undefined);

describe('a scan, as sent on the wire', () => {
  it('of every region of the demo account, in every format, with a local evidence bundle: only reads', async () => {
    const out = mkdtempSync(join(tmpdir(), 'apigw-audit-ro-'));
    const requests = await recorded(async () => {
      const r = await runCli(
        [
          'scan',
          '--endpoint-url',
          proxy.endpoint,
          '--regions',
          REGIONS.join(','),
          '--format',
          'all',
          '--out',
          join(out, 'report'),
          '--evidence',
          join(out, 'evidence'),
          '--fail-on',
          'none',
        ],
        env,
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect([0, 3]).toContain(r.code);
    });
    // The scan really ran: REST, v2, WAF, CloudTrail, Lambda, ACM, IAM and STS were all asked.
    expect(requests.length).toBeGreaterThan(50);
    const services = new Set(requests.map((r) => r.service));
    for (const s of ['apigateway', 'wafv2', 'cloudtrail', 'lambda', 'acm', 'sts', 'iam'])
      expect(services, s).toContain(s);
    expect(requests.filter((r) => !isReadRequest(r))).toEqual([]);
    // Operations the protocol names are in the slice table (REST ones are GETs, checked above).
    const listed = new Set(
      SCAN_OPERATIONS.map((op) => op.replace(/^apigatewayv2:/, 'apigateway:')),
    );
    for (const op of requests.map(named).filter((n) => n !== undefined))
      expect(listed, op).toContain(op);
  }, 180_000);

  it('with --evidence s3://: the only writes are PutObject calls under the prefix given', async () => {
    const out = mkdtempSync(join(tmpdir(), 'apigw-audit-ro-'));
    const requests = await recorded(async () => {
      const r = await runCli(
        [
          'scan',
          '--endpoint-url',
          proxy.endpoint,
          '--regions',
          'eu-west-1',
          '--out',
          out,
          '--evidence',
          's3://evidence/audit/run-1',
          '--fail-on',
          'none',
        ],
        env,
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect([0, 3]).toContain(r.code);
    });
    const writes = requests.filter((r) => !isReadRequest(r));
    expect(writes.length).toBeGreaterThan(2);
    for (const w of writes) {
      expect(w.service).toBe('s3');
      expect(w.method).toBe('PUT');
      expect(w.path).toMatch(/^\/evidence\/audit\/run-1\/[^?]+$/);
    }
    expect(writes.map((w) => w.path)).toContain('/evidence/audit/run-1/manifest.json');
  }, 180_000);
});
