import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, useMoto } from '../helpers/moto.js';
import { seedMethod, seedRestApi, seedStage } from '../helpers/seed.js';

const moto = useMoto();
const REGION = 'eu-west-1';
const env = () => ({
  AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
  AWS_REGION: REGION,
});
const s3 = () =>
  new S3Client({
    region: REGION,
    endpoint: moto.endpoint,
    forcePathStyle: true,
    credentials: TEST_CREDENTIALS,
  });

const problems = (stderr: string) =>
  stderr
    .split('\n')
    .map((l) => l.replace(/^apigw-audit: /, ''))
    .filter((l) => /^(changed|added|removed): /.test(l));

describe('scan --evidence s3://bucket/prefix (moto S3)', () => {
  it('writes the bundle to S3, verifies it there, and names every tampered object', async () => {
    const c = moto.clients(REGION);
    const api = await seedRestApi(c, 'orders');
    await seedMethod(c, api, api.rootId, null, 'GET');
    await seedStage(c, api, 'prod');
    const client = s3();
    await client.send(
      new CreateBucketCommand({
        Bucket: 'audit-evidence',
        CreateBucketConfiguration: { LocationConstraint: REGION },
      }),
    );
    const url = 's3://audit-evidence/apigw/2026-12-01';
    const scan = await runCli(
      [
        'scan',
        '--endpoint-url',
        moto.endpoint,
        '--regions',
        REGION,
        '--out',
        mkdtempSync(join(tmpdir(), 'apigw-audit-ev-')),
        '--evidence',
        url,
      ],
      env(),
    );
    expect(scan.stderr).not.toMatch(/\n\s+at /);
    // moto lacks GetClientCertificates: coverage is short, exit 3, and the bundle is still written.
    expect(scan.code).toBe(3);
    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: 'audit-evidence', Prefix: 'apigw/' }),
    );
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual([
      'apigw/2026-12-01/manifest.json',
      'apigw/2026-12-01/report.html',
      'apigw/2026-12-01/report.json',
      'apigw/2026-12-01/snapshot.json',
    ]);
    const got = await client.send(
      new GetObjectCommand({ Bucket: 'audit-evidence', Key: 'apigw/2026-12-01/manifest.json' }),
    );
    const manifest = JSON.parse(await got.Body!.transformToString());
    // The principal comes from sts:GetCallerIdentity of the scan.
    expect(manifest.scan.principal).toMatch(/^arn:aws:(iam|sts)::\d{12}:/);
    expect(manifest.scan.regions).toEqual([REGION]);

    const verify = () => runCli(['verify', url, '--endpoint-url', moto.endpoint], env());
    const ok = await verify();
    expect(ok.stderr).toContain(`${url}: verified (3 files and manifest.json)`);
    expect(ok.code).toBe(0);

    // A second bundle never lands on top of the first.
    const again = await runCli(
      ['scan', '--endpoint-url', moto.endpoint, '--regions', REGION, '--evidence', url],
      env(),
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds 4 file(s)');

    const put = (key: string, body: string) =>
      client.send(
        new PutObjectCommand({
          Bucket: 'audit-evidence',
          Key: `apigw/2026-12-01/${key}`,
          Body: body,
        }),
      );
    await put('report.html', '<p>all green</p>');
    await put('waiver.txt', 'approved');
    await client.send(
      new DeleteObjectCommand({ Bucket: 'audit-evidence', Key: 'apigw/2026-12-01/snapshot.json' }),
    );
    const bad = await verify();
    expect(bad.code).toBe(1);
    expect(problems(bad.stderr)).toEqual([
      expect.stringMatching(/^changed: report\.html \(sha256 [0-9a-f]{64}, 16 bytes; /),
      'removed: snapshot.json',
      'added: waiver.txt',
    ]);
  });

  it('scan --evidence into a bucket that does not exist fails before the scan: exit 2', async () => {
    const r = await runCli(
      [
        'scan',
        '--endpoint-url',
        moto.endpoint,
        '--regions',
        REGION,
        '--out',
        mkdtempSync(join(tmpdir(), 'apigw-audit-ev-')),
        '--evidence',
        's3://no-such-bucket/run',
      ],
      env(),
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('s3://no-such-bucket/run: cannot list: NoSuchBucket');
  });

  it('a bucket that does not exist: exit 2, one line', async () => {
    const r = await runCli(
      ['verify', 's3://no-such-bucket/x', '--endpoint-url', moto.endpoint],
      env(),
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('s3://no-such-bucket/x: cannot list: NoSuchBucket');
  });
});
