/**
 * The scheduled audit's Lambda handlers (src/lambda/handlers.ts), run as the state machine runs
 * them, against moto: listAccounts reads moto's Organization, scanAccount assumes the member role
 * (moto's STS files each session under its account) and writes to S3, merge reads the shards
 * back from S3 and writes the merged report and an evidence bundle that `verify` accepts.
 */
import {
  CreateBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeHandlers, settingsFrom } from '../../src/lambda/handlers.js';
import type { Report } from '../../src/engine/types.js';
import { s3Store } from '../../src/export/s3.js';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, useMoto } from '../helpers/moto.js';
import { clientsIn, seedOrg } from '../helpers/org.js';
import { seedMethod, seedRestApi, seedStage } from '../helpers/seed.js';

const moto = useMoto();
const REGION = 'eu-west-1';
const BUCKET = 'audit-evidence';

beforeAll(() => {
  // The S3 store takes the default credential chain, as in Lambda.
  process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
});

const s3 = () =>
  new S3Client({
    region: REGION,
    endpoint: moto.endpoint,
    forcePathStyle: true,
    credentials: TEST_CREDENTIALS,
  });

async function api(accountId: string, name: string) {
  const c = (await clientsIn(moto, accountId))(REGION);
  const a = await seedRestApi(c, name);
  // An open method in front of a real backend, and a password in a stage variable:
  // stage-variable-secrets FAILs it as high (moto answers GetDeployment without the API summary
  // that rest-method-authorization judges, so that check says ERROR here).
  await seedMethod(c, a, a.rootId, null, 'GET', {
    integration: { type: 'HTTP_PROXY', uri: `https://${name}.example.com/`, httpMethod: 'GET' },
  });
  await seedStage(c, a, 'prod', [
    { op: 'replace', path: '/variables/dbPassword', value: 'Zx9!kQ2#pL7@wM4$' },
  ]);
}

function handlers() {
  return makeHandlers(
    settingsFrom({
      EVIDENCE_BUCKET: BUCKET,
      MEMBER_ROLE_NAME: 'ApigwAuditMemberRole',
      EXTERNAL_ID: 'x-123',
      REGIONS: REGION,
      FORMATS: 'json,html,md',
      AWS_REGION: REGION,
      APIGW_AUDIT_ENDPOINT_URL: moto.endpoint,
    }),
    moto.clients,
  );
}

describe('Lambda handlers of the audit stack (moto)', () => {
  it('list -> scan each account -> merge, with the evidence bundle and new findings', async () => {
    const org = await seedOrg(moto, [
      ['payments', 'Prod'],
      ['web', 'Prod/Web'],
    ]);
    const [payments, web] = [org.account('payments'), org.account('web')];
    await api(payments, 'payments-api');
    await api(web, 'web-api');
    await s3().send(
      new CreateBucketCommand({
        Bucket: BUCKET,
        CreateBucketConfiguration: { LocationConstraint: REGION },
        ObjectLockEnabledForBucket: true,
      }),
    );
    const h = handlers();

    const run = async (runId: string) => {
      const listed = await h.listAccounts({ runId });
      const scans = await Promise.all(
        listed.accounts.map((account) => h.scanAccount({ runId, account })),
      );
      return { listed, scans, merged: await h.merge({ runId }) };
    };

    const first = await run('run-1');
    expect(first.listed.accounts).toEqual(
      [
        { accountId: payments, name: 'payments', ouPath: 'Root/Prod' },
        { accountId: web, name: 'web', ouPath: 'Root/Prod/Web' },
      ].sort((a, b) => a.accountId.localeCompare(b.accountId)),
    );
    expect(first.scans.map((s) => s.accountId).sort()).toEqual([payments, web].sort());
    const keys = async (prefix: string) =>
      (
        (await s3().send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }))).Contents ??
        []
      )
        .map((o) => o.Key!)
        .sort();
    expect(await keys('runs/run-1/accounts/')).toEqual(
      [payments, web]
        .sort()
        .flatMap((id) => [
          `runs/run-1/accounts/${id}/report.json`,
          `runs/run-1/accounts/${id}/snapshot.json`,
        ]),
    );
    expect(await keys('runs/run-1/merged/')).toEqual([
      'runs/run-1/merged/report.html',
      'runs/run-1/merged/report.json',
      'runs/run-1/merged/report.md',
      'runs/run-1/merged/snapshot.json',
    ]);
    expect(first.merged.accounts).toBe(2);
    expect(first.merged.missingAccounts).toEqual([]);

    // The merged report, read back from S3 by the CLI's own verify of the evidence bundle.
    const verify = await runCli(
      ['verify', first.merged.evidence, '--endpoint-url', moto.endpoint],
      {
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        AWS_REGION: REGION,
      },
    );
    expect(verify.stderr).not.toMatch(/\n\s+at /);
    expect(verify.code).toBe(0);

    // First run: every high or critical FAIL is new.
    const merged = await s3Store(`s3://${BUCKET}/runs/run-1/merged`, {
      region: REGION,
      endpointUrl: moto.endpoint,
    }).read('report.json');
    const report = JSON.parse(merged!.toString('utf8')) as Report;
    expect(report.scan.accounts).toEqual([payments, web].sort());
    expect(report.scan.ouPaths).toEqual({ [payments]: 'Root/Prod', [web]: 'Root/Prod/Web' });
    const highs = report.findings.filter(
      (f) => f.status === 'FAIL' && !f.suppressed && ['high', 'critical'].includes(f.severity),
    );
    expect(highs.length).toBeGreaterThan(0);
    expect(first.merged.newHighOrCritical).toBe(highs.length);

    // Same estate again: nothing new. Then a new open API in one account: only its findings.
    expect((await run('run-2')).merged.newHighOrCritical).toBe(0);

    await api(web, 'web-api-2');
    const third = await run('run-3');
    expect(third.merged.newHighOrCritical).toBeGreaterThan(0);
    expect(third.merged.newFindings.every((f) => f.account === web)).toBe(true);
    // The bucket's config.json applies to the scans: a suppression of the new API's findings.
    await s3().send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'config.json',
        Body: JSON.stringify({
          suppressions: [
            {
              checkId: 'stage-variable-secrets',
              resource: '*/restapis/*',
              reason: 'test fixture secret, rotated (RISK-7)',
              expires: '2099-01-01',
            },
          ],
        }),
      }),
    );
    const suppressed = await run('run-4');
    expect(suppressed.merged.newHighOrCritical).toBe(0);
    const fourth = JSON.parse(
      (await s3Store(`s3://${BUCKET}/runs/run-4/merged`, {
        region: REGION,
        endpointUrl: moto.endpoint,
      }).read('report.json'))!.toString('utf8'),
    ) as Report;
    const authz = fourth.findings.filter(
      (f) => f.checkId === 'stage-variable-secrets' && f.status === 'FAIL',
    );
    expect(authz.length).toBeGreaterThan(0);
    expect(authz.every((f) => f.suppressed)).toBe(true);
  }, 180_000);
});
