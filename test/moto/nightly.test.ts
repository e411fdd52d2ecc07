/**
 * The nightly job as cron runs it, through the built CLI against a real moto server: a scan, a
 * change to the account, a second scan with the first report as baseline, `diff`, suppressions
 * files, config files in both syntaxes, JSON logs, and two scans that must be identical.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteRestApiCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { UpdateApiCommand } from '@aws-sdk/client-apigatewayv2';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/types.js';
import { schemaValidator } from '../../src/util/json-file.js';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, useMoto } from '../helpers/moto.js';
import {
  seedHttpApi,
  seedMethod,
  seedRestApi,
  seedStage,
  setLogLevel,
  type SeededRestApi,
} from '../helpers/seed.js';

const moto = useMoto();
const REGION = 'eu-west-1';
const env = () => ({
  AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
  AWS_REGION: REGION,
});
const tmp = () => mkdtempSync(join(tmpdir(), 'apigw-audit-nightly-'));
const scanArgs = (out: string, ...more: string[]) => [
  'scan',
  '--endpoint-url',
  moto.endpoint,
  '--regions',
  REGION,
  '--format',
  'json',
  '--out',
  out,
  ...more,
];
const readReport = (dir: string): Report =>
  JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

/** An account with something to fix, to delete, to change and to leave alone. */
async function seedAccount(): Promise<{ orders: SeededRestApi; legacy: SeededRestApi; shop: string }> {
  const c = moto.clients(REGION);
  const orders = await seedRestApi(c, 'orders');
  await seedMethod(c, orders, orders.rootId, null, 'GET');
  await seedStage(c, orders, 'prod', [setLogLevel('INFO')]);
  await seedStage(c, orders, 'dev');
  const legacy = await seedRestApi(c, 'legacy');
  await seedMethod(c, legacy, legacy.rootId, null, 'GET');
  await seedStage(c, legacy, 'v1');
  // Plain-http origin: a medium CORS finding, made high below by allowing any origin.
  const shop = await seedHttpApi(c, 'shop', {
    cors: { AllowOrigins: ['http://shop.example.com'], AllowMethods: ['GET'] },
  });
  return { orders, legacy, shop };
}

const c = () => moto.clients(REGION);

/** The changes of a day: one fix, one deletion, one severity change, one new API. */
async function changeAccount(seeded: Awaited<ReturnType<typeof seedAccount>>): Promise<void> {
  await c().apigateway.send(
    new UpdateStageCommand({
      restApiId: seeded.orders.id,
      stageName: 'dev',
      patchOperations: [setLogLevel('INFO')],
    }),
  );
  await c().apigateway.send(new DeleteRestApiCommand({ restApiId: seeded.legacy.id }));
  await c().apigatewayv2.send(
    new UpdateApiCommand({
      ApiId: seeded.shop,
      CorsConfiguration: { AllowOrigins: ['*'], AllowMethods: ['GET'], AllowCredentials: true },
    }),
  );
  const payments = await seedRestApi(c(), 'payments');
  await seedMethod(c(), payments, payments.rootId, null, 'POST');
  await seedStage(c(), payments, 'live');
}

type Row = { checkId: string; resource: { name: string } };
const names = (rows: Row[]) => rows.map((f) => `${f.checkId} ${f.resource.name}`).sort();
const find = (report: Report, checkId: string, name: string) =>
  report.findings.find((f) => f.checkId === checkId && f.resource.name === name)!;

describe('the nightly job against a baseline', () => {
  it('marks new, changed and unchanged findings, lists the resolved ones with why, and diff agrees', async () => {
    const seeded = await seedAccount();
    const day1 = tmp();
    const first = await runCli(scanArgs(day1, '--fail-on', 'none'), env());
    expect(first.code).toBe(3); // moto lacks GetClientCertificates: coverage is short
    await changeAccount(seeded);

    const rules = join(tmp(), 'suppressions.yaml');
    writeFileSync(
      rules,
      [
        'suppressions:',
        '  - checkId: rest-waf-attached',
        "    resource: 'arn:aws:apigateway:eu-west-1::/restapis/*/stages/prod'",
        '    reason: WAF on the orders API is planned for Q3 (SEC-101)',
        '    expires: 2999-12-31',
        '    owner: team-orders',
        '    ticket: SEC-101',
      ].join('\n'),
    );
    const day2 = tmp();
    const baselineArgs = ['--baseline', join(day1, 'report.json'), '--suppressions', rules];
    const second = await runCli(scanArgs(day2, ...baselineArgs), env());
    noStack(second.stderr);
    // cors-policy on shop is now high: a FAIL at the default --fail-on, though not a new one.
    expect(second.code).toBe(1);
    const report = readReport(day2);
    expect(schemaValidator('report')(report)).toBe(true);
    expect(report.baseline).toMatchObject({ file: join(day1, 'report.json') });
    expect(report.baseline!.generatedAt).toBe(readReport(day1).scan.evaluatedAt);

    const cors = find(report, 'cors-policy', 'shop');
    expect(cors).toMatchObject({ status: 'FAIL', severity: 'high', baseline: 'changed' });
    expect(find(report, 'rest-access-logging', 'payments/live').baseline).toBe('new');
    expect(find(report, 'rest-access-logging', 'orders/prod').baseline).toBe('unchanged');
    // PASS results and suppressed findings are not tracked, so carry no mark.
    expect(find(report, 'rest-execution-logging', 'orders/dev')).toMatchObject({ status: 'PASS' });
    expect(find(report, 'rest-execution-logging', 'orders/dev').baseline).toBeUndefined();
    expect(find(report, 'rest-waf-attached', 'orders/prod')).toMatchObject({
      suppressed: true,
      suppression: { owner: 'team-orders', ticket: 'SEC-101', source: rules, rule: 0 },
    });

    const why = Object.fromEntries(
      report.resolved!.map((r) => [`${r.checkId} ${r.resource.name}`, r.why]),
    );
    expect(why['rest-execution-logging orders/dev']).toBe('fixed');
    expect(why['rest-waf-attached orders/prod']).toBe('suppressed');
    expect(why['rest-execution-logging legacy/v1']).toBe('resource deleted');
    expect(why['rest-method-authorization legacy GET /']).toBe('resource deleted');
    expect(Object.keys(why).filter((k) => k.includes('legacy')).length).toBe(
      readReport(day1).findings.filter(
        (f) => f.resource.arn.includes(seeded.legacy.id) && f.status === 'FAIL',
      ).length,
    );
    const counts = report.baseline!.counts;
    expect(counts.resolved).toBe(report.resolved!.length);
    expect(counts.new).toBe(report.findings.filter((f) => f.baseline === 'new').length);
    expect(counts.changed).toBe(1);
    expect(counts.unchanged).toBeGreaterThan(0);
    expect(second.stderr).toContain(
      `apigw-audit: against ${join(day1, 'report.json')}: ${counts.new} new, ${counts.resolved} resolved, 1 changed, ${counts.unchanged} unchanged`,
    );

    // --fail-on-new: the high cors finding was in the baseline, the new ones are medium and low.
    const onlyNew = await runCli(scanArgs(tmp(), ...baselineArgs, '--fail-on-new'), env());
    expect(onlyNew.code).toBe(3);
    const newMedium = await runCli(
      scanArgs(tmp(), ...baselineArgs, '--fail-on-new', '--fail-on', 'medium'),
      env(),
    );
    expect(newMedium.code).toBe(1);

    // diff OLD NEW: the same comparison, as JSON, text and a pull-request comment.
    const diffJson = await runCli(['diff', join(day1, 'report.json'), join(day2, 'report.json'), '--json']);
    expect(diffJson.code).toBe(0);
    const d = JSON.parse(diffJson.stdout);
    expect(Object.keys(d)).toEqual(['new', 'resolved', 'changed', 'unchanged']);
    expect(names(d.new)).toEqual(names(report.findings.filter((f) => f.baseline === 'new')));
    expect(names(d.unchanged)).toEqual(
      names(report.findings.filter((f) => f.baseline === 'unchanged')),
    );
    expect(d.resolved).toEqual(report.resolved);
    expect(d.changed).toEqual([
      expect.objectContaining({
        checkId: 'cors-policy',
        before: { status: 'FAIL', severity: 'medium' },
        after: { status: 'FAIL', severity: 'high' },
        changes: ['severity'],
      }),
    ]);
    const text = await runCli(['diff', join(day1, 'report.json'), join(day2, 'report.json')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      `${d.new.length} new, ${d.resolved.length} resolved, 1 changed, ${d.unchanged.length} unchanged`,
    );
    expect(text.stdout).toMatch(/cors-policy .*shop: FAIL medium -> FAIL high/);
    expect(text.stdout).toMatch(/rest-execution-logging .*legacy\/v1 +\(resource deleted\)/);
    const md = await runCli(['diff', join(day1, 'report.json'), join(day2, 'report.json'), '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^### apigw-audit: \d+ new, \d+ resolved, 1 changed\n/);
    expect(md.stdout).toContain('| medium | FAIL | rest-access-logging | payments/live |');
    expect(md.stdout).toContain('resource deleted |');

    const bad = await runCli(['diff', join(day1, 'report.json'), join(day1, 'snapshot.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^apigw-audit: error: .*snapshot\.json: not an apigw-audit report/);
    const noBaseline = await runCli(scanArgs(tmp(), '--fail-on-new'), env());
    expect(noBaseline.code).toBe(2);
    expect(noBaseline.stderr).toBe(
      "apigw-audit: error: --fail-on-new needs --baseline (the previous run's report.json)\n",
    );
  }, 180_000);
});
