/**
 * No leaked secret: secret-looking values are seeded into moto everywhere a user can put one
 * (stage variables and canary overrides, API, stage, key and plan descriptions, route operation
 * names, tags, authorizer identity sources), the built CLI scans with every format and an
 * evidence bundle, and no output file, the snapshot, stdout or stderr may hold any of them, or
 * a telling piece of one.
 *
 * Log formats: the text log is what the CLI writes today; a JSON log format would be searched
 * the same way once the CLI has one.
 */
import {
  CreateApiKeyCommand,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateStageCommand,
  CreateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway';
import {
  CreateApiCommand,
  CreateAuthorizerCommand as CreateV2AuthorizerCommand,
  CreateRouteCommand,
  CreateStageCommand as CreateV2StageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, useMoto } from '../helpers/moto.js';
import { seedMethod, seedRestApi } from '../helpers/seed.js';

const moto = useMoto();
const REGION = 'eu-west-1';

/** Each is found by src/snapshot/secrets.ts's value rules; `core` is a piece that must not show. */
const SECRETS = {
  accessKeyId: { value: 'AKIAZ7Q4SECRETLEAK01', core: 'SECRETLEAK' },
  jwt: {
    value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZWFrLWNhbmFyeSJ9.c2lnbmF0dXJlLWxlYWstY2FuYXJ5',
    core: 'c2lnbmF0dXJlLWxlYWst',
  },
  urlCredentials: { value: 'https://svc:Pa55w0rdLeak@db.internal.example', core: 'Pa55w0rdLeak' },
  pem: {
    value: '-----BEGIN RSA PRIVATE KEY-----MIIEpemLeakBody0123-----END RSA PRIVATE KEY-----',
    core: 'MIIEpemLeakBody',
  },
  token: { value: 'q8Zr2LmX9vT4kPw7Ns3Jb6Hy', core: 'q8Zr2LmX9vT4' },
  password: { value: 'correct-horse-battery-staple', core: 'horse-battery' },
  canaryPassword: { value: 'canary-horse-battery-staple', core: 'canary-horse' },
} as const;

const S = Object.fromEntries(Object.entries(SECRETS).map(([k, v]) => [k, v.value])) as {
  [K in keyof typeof SECRETS]: string;
};

async function seedSecretsEverywhere(): Promise<void> {
  const c = moto.clients(REGION);
  const api = await seedRestApi(c, 'orders', {
    description: `Orders API; deploy key ${S.accessKeyId}`,
    tags: { owner: 'platform', ciToken: S.jwt },
  });
  await seedMethod(c, api, api.rootId, null, 'GET');
  const deployment = await c.apigateway.send(
    new CreateDeploymentCommand({ restApiId: api.id, description: `built with ${S.token}` }),
  );
  await c.apigateway.send(
    new CreateStageCommand({
      restApiId: api.id,
      stageName: 'prod',
      deploymentId: deployment.id!,
      description: `prod; upstream ${S.urlCredentials}`,
      variables: { dbPassword: S.password, upstream: S.urlCredentials, region: 'eu-west-1' },
      canarySettings: {
        percentTraffic: 10,
        deploymentId: deployment.id!,
        stageVariableOverrides: { dbPassword: S.canaryPassword, signingKey: S.pem },
      },
      tags: { owner: 'platform', rotation: S.token },
    }),
  );
  await c.apigateway.send(
    new CreateAuthorizerCommand({
      restApiId: api.id,
      name: 'request-authorizer',
      type: 'REQUEST',
      authorizerUri:
        'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations',
      identitySource: `method.request.header.Authorization,method.request.querystring.${S.token}`,
    }),
  );
  await c.apigateway.send(
    new CreateApiKeyCommand({
      name: 'partner',
      description: `partner key, old value ${S.accessKeyId}`,
      enabled: true,
      tags: { note: S.jwt },
    }),
  );
  await c.apigateway.send(
    new CreateUsagePlanCommand({
      name: 'partners',
      description: `see ${S.urlCredentials}`,
      apiStages: [{ apiId: api.id, stage: 'prod' }],
      tags: { token: S.token },
    }),
  );

  const http = await c.apigatewayv2.send(
    new CreateApiCommand({
      Name: 'payments',
      ProtocolType: 'HTTP',
      Description: `Payments; signing key ${S.pem}`,
      Tags: { owner: 'payments', dsn: S.urlCredentials },
    }),
  );
  await c.apigatewayv2.send(
    new CreateRouteCommand({
      ApiId: http.ApiId!,
      RouteKey: 'GET /pay',
      OperationName: `pay-${S.accessKeyId}`,
    }),
  );
  await c.apigatewayv2.send(
    new CreateV2AuthorizerCommand({
      ApiId: http.ApiId!,
      Name: 'lambda-authorizer',
      AuthorizerType: 'REQUEST',
      AuthorizerUri:
        'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations',
      AuthorizerPayloadFormatVersion: '2.0',
      IdentitySource: ['$request.header.Authorization', `$request.querystring.${S.token}`],
    }),
  );
  await c.apigatewayv2.send(
    new CreateV2StageCommand({
      ApiId: http.ApiId!,
      StageName: 'live',
      Description: `live; ${S.jwt}`,
      StageVariables: { apiToken: S.jwt, backendPassword: S.password },
      Tags: { owner: 'payments', key: S.accessKeyId },
    }),
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** Every secret (or its core) found in `text`, as "name (value|core)". */
function leaks(text: string): string[] {
  return Object.entries(SECRETS).flatMap(([name, s]) => [
    ...(text.includes(s.value) ? [`${name} (value)`] : []),
    ...(text.includes(s.core) ? [`${name} (core)`] : []),
  ]);
}

describe('secret-looking values seeded everywhere a user can put one', () => {
  it('reach no output file, snapshot, evidence bundle, stdout or stderr', async () => {
    await seedSecretsEverywhere();
    const out = mkdtempSync(join(tmpdir(), 'apigw-audit-secrets-'));
    const r = await runCli(
      [
        'scan',
        '--endpoint-url',
        moto.endpoint,
        '--regions',
        REGION,
        '--format',
        'all',
        '--out',
        join(out, 'report'),
        '--evidence',
        join(out, 'evidence'),
        '--fail-on',
        'none',
      ],
      {
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        AWS_REGION: REGION,
      },
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect([0, 3]).toContain(r.code);
    const files = filesUnder(out);
    // Every format was written, the snapshot and the bundle too.
    expect(files.length).toBeGreaterThan(12);
    expect(files.some((f) => f.endsWith('report/snapshot.json'))).toBe(true);
    expect(files.some((f) => f.endsWith('evidence/snapshot.json'))).toBe(true);

    const found: Record<string, string[]> = {};
    for (const f of files) {
      const l = leaks(readFileSync(f, 'utf8'));
      if (l.length) found[f.slice(out.length + 1)] = l;
    }
    for (const [stream, text] of [
      ['stdout', r.stdout],
      ['stderr', r.stderr],
    ] as const) {
      const l = leaks(text);
      if (l.length) found[stream] = l;
    }
    expect(found).toEqual({});

    // The seeded data was collected (so the search above had something to miss): the stage,
    // its canary, the variables by name, the API key and the HTTP API stage are in the snapshot.
    const snapshot = JSON.parse(readFileSync(join(out, 'report', 'snapshot.json'), 'utf8'));
    const region = snapshot.accounts[0].regions[0];
    const stage = region.restApis[0].stages.find(
      (s: { stageName: string }) => s.stageName === 'prod',
    );
    expect(Object.keys(stage.variables).sort()).toEqual(['dbPassword', 'region', 'upstream']);
    expect(stage.variables.region).toBe('eu-west-1');
    // moto 5.2.1 keeps no canarySettings (CreateStage and UpdateStage drop them), so the canary
    // overrides are seeded for when it does; test/unit/redact-text.test.ts covers their redaction.
    expect(stage.canarySettings).toBeUndefined();
    expect(stage.tags.owner).toBe('platform');
    expect(stage.description).toMatch(
      /^prod; upstream https:\/\/\[redacted\]@db\.internal\.example$/,
    );
    expect(region.apiKeys[0].name).toBe('partner');
    expect(region.v2Apis[0].stages[0].StageName).toBe('live');
    // The stage-variable-secrets check still reports them, from the redacted snapshot.
    const report = JSON.parse(readFileSync(join(out, 'report', 'report.json'), 'utf8'));
    const secretsCheck = report.findings.filter(
      (f: { checkId: string; status: string }) =>
        f.checkId === 'stage-variable-secrets' && f.status === 'FAIL',
    );
    expect(secretsCheck.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
