/**
 * The Lambda artifact (scripts/build-lambda.mjs) holds everything the handlers need: unzipped
 * away from the repository (so no module can come from its node_modules) and loaded the way
 * Lambda loads the template's Handler, its functions list moto's Organization and scan an
 * account into S3.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDLERS } from '../../src/deploy/templates.js';
import { packageRoot } from '../../src/paths.js';
import { TEST_CREDENTIALS, useMoto } from '../helpers/moto.js';
import { clientsIn, seedOrg } from '../helpers/org.js';
import { seedMethod, seedRestApi, seedStage } from '../helpers/seed.js';

const moto = useMoto();
const REGION = 'eu-west-1';
let unpacked = '';

beforeAll(async () => {
  const { buildLambda, ARTIFACT } = await import(join(packageRoot, 'scripts', 'build-lambda.mjs'));
  const out = mkdtempSync(join(tmpdir(), 'apigw-audit-artifact-'));
  const zip = buildLambda(out) as string;
  expect(zip).toBe(join(out, ARTIFACT));
  unpacked = mkdtempSync(join(tmpdir(), 'apigw-audit-unzipped-'));
  execFileSync('unzip', ['-q', zip, '-d', unpacked]);
}, 300_000);

/** Invokes one handler of the unpacked artifact in a fresh Node process, as Lambda would. */
function invoke(name: keyof typeof HANDLERS, event: object): unknown {
  const handler = HANDLERS[name];
  const file = join(unpacked, `${handler.slice(0, handler.lastIndexOf('.'))}.js`);
  const exported = handler.slice(handler.lastIndexOf('.') + 1);
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const h = await import(${JSON.stringify(file)});
       process.stdout.write(JSON.stringify(await h[${JSON.stringify(exported)}](${JSON.stringify(event)})));`,
    ],
    {
      cwd: tmpdir(),
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        AWS_REGION: REGION,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        EVIDENCE_BUCKET: 'audit-evidence',
        REGIONS: REGION,
        APIGW_AUDIT_ENDPOINT_URL: moto.endpoint,
      },
    },
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

describe('the Lambda artifact', () => {
  it('is self-contained: its handlers list the organization and scan an account into S3', async () => {
    expect(existsSync(join(unpacked, 'node_modules', '@aws-sdk', 'client-organizations'))).toBe(
      true,
    );
    expect(existsSync(join(unpacked, 'node_modules', 'vitest'))).toBe(false);
    const org = await seedOrg(moto, [['payments', 'Prod']]);
    const id = org.account('payments');
    const c = (await clientsIn(moto, id))(REGION);
    const api = await seedRestApi(c, 'payments-api');
    await seedMethod(c, api, api.rootId, null, 'GET');
    await seedStage(c, api, 'prod');
    const s3 = new S3Client({
      region: REGION,
      endpoint: moto.endpoint,
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
    });
    await s3.send(
      new CreateBucketCommand({
        Bucket: 'audit-evidence',
        CreateBucketConfiguration: { LocationConstraint: REGION },
      }),
    );
    const listed = invoke('listAccounts', { runId: 'artifact' }) as {
      accounts: Array<{ accountId: string }>;
    };
    expect(listed.accounts).toEqual([{ accountId: id, name: 'payments', ouPath: 'Root/Prod' }]);
    expect(invoke('scanAccount', { runId: 'artifact', account: listed.accounts[0] })).toEqual(
      expect.objectContaining({ accountId: id }),
    );
    const keys = (
      await s3.send(new ListObjectsV2Command({ Bucket: 'audit-evidence', Prefix: 'runs/' }))
    ).Contents!.map((o) => o.Key);
    expect(keys.sort()).toEqual([
      'runs/artifact/accounts.json',
      `runs/artifact/accounts/${id}/report.json`,
      `runs/artifact/accounts/${id}/snapshot.json`,
    ]);
  }, 120_000);
});
