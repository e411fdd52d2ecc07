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
async function seedAccount(): Promise<{
  orders: SeededRestApi;
  legacy: SeededRestApi;
  shop: string;
}> {
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

    expect(report.scan.options).toMatchObject({
      baseline: join(day1, 'report.json'),
      suppressions: rules,
    });
    // evaluate of the saved snapshot against the same baseline: the same comparison, offline.
    const offline = tmp();
    const evaluated = await runCli(
      [
        'evaluate',
        join(day2, 'snapshot.json'),
        '--format',
        'json',
        '--out',
        offline,
        ...baselineArgs,
      ],
      env(),
    );
    expect(evaluated.code).toBe(1);
    expect(readReport(offline).baseline!.counts).toEqual(counts);
    expect(readReport(offline).resolved).toEqual(report.resolved);

    // --fail-on-new: the high cors finding was in the baseline, the new ones are medium and low.
    const onlyNew = await runCli(scanArgs(tmp(), ...baselineArgs, '--fail-on-new'), env());
    expect(onlyNew.code).toBe(3);
    const newMedium = await runCli(
      scanArgs(tmp(), ...baselineArgs, '--fail-on-new', '--fail-on', 'medium'),
      env(),
    );
    expect(newMedium.code).toBe(1);

    // diff OLD NEW: the same comparison, as JSON, text and a pull-request comment.
    const diffJson = await runCli([
      'diff',
      join(day1, 'report.json'),
      join(day2, 'report.json'),
      '--json',
    ]);
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
    const md = await runCli([
      'diff',
      join(day1, 'report.json'),
      join(day2, 'report.json'),
      '--format',
      'md',
    ]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^### apigw-audit: \d+ new, \d+ resolved, 1 changed\n/);
    expect(md.stdout).toContain('| medium | FAIL | rest-access-logging | payments/live |');
    expect(md.stdout).toContain('resource deleted |');

    const bad = await runCli(['diff', join(day1, 'report.json'), join(day1, 'snapshot.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^apigw-audit: error: .*snapshot\.json: \/scan\/evaluatedAt: expected to be present/,
    );
    const noBaseline = await runCli(scanArgs(tmp(), '--fail-on-new'), env());
    expect(noBaseline.code).toBe(2);
    expect(noBaseline.stderr).toBe(
      "apigw-audit: error: --fail-on-new needs --baseline (the previous run's report.json)\n",
    );
  }, 180_000);
});

describe('suppressions (--suppressions and the config file)', () => {
  const orders = async () => {
    const api = await seedRestApi(c(), 'orders');
    await seedMethod(c(), api, api.rootId, null, 'GET');
    await seedStage(c(), api, 'prod');
    return api;
  };

  it('applies live rules, reports expired and unused ones, and counts suppressed toward no --fail-on', async () => {
    await orders();
    const dir = tmp();
    const file = join(dir, 'rules.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          checkId: 'rest-access-logging',
          resource: '*/stages/prod',
          reason: 'Access logs go to the CDN instead (RISK-7)',
          expires: '2999-01-01',
        },
        {
          checkId: 'rest-execution-logging',
          reason: 'Was accepted until the migration ended',
          expires: '2020-01-31',
          owner: 'platform',
        },
        { checkId: 'domain-tls-policy', reason: 'No custom domains in this account yet' },
      ]),
    );
    const out = tmp();
    const r = await runCli(scanArgs(out, '--suppressions', file, '--fail-on', 'medium'), env());
    noStack(r.stderr);
    expect(r.code).toBe(1); // execution logging: its rule expired, so it fails again
    const report = readReport(out);
    expect(schemaValidator('report')(report)).toBe(true);
    expect(find(report, 'rest-access-logging', 'orders/prod')).toMatchObject({
      status: 'FAIL',
      suppressed: true,
      suppression: { reason: 'Access logs go to the CDN instead (RISK-7)', expires: '2999-01-01' },
    });
    expect(find(report, 'rest-execution-logging', 'orders/prod').suppressed).toBe(false);
    expect(report.suppressions).toEqual({
      expired: [
        {
          source: file,
          rule: 1,
          checkId: 'rest-execution-logging',
          reason: 'Was accepted until the migration ended',
          expires: '2020-01-31',
          owner: 'platform',
        },
      ],
      unused: [
        {
          source: file,
          rule: 2,
          checkId: 'domain-tls-policy',
          reason: 'No custom domains in this account yet',
        },
      ],
    });
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('apigw-audit: warning: '));
    expect(warnings).toEqual([
      `apigw-audit: warning: ${file} suppressions[1] (rest-execution-logging) expired on 2020-01-31: it no longer applies`,
      `apigw-audit: warning: ${file} suppressions[2] (domain-tls-policy) matched no finding`,
    ]);

    // Suppressed findings count toward no --fail-on: with execution logging suppressed too, 0 FAIL at medium.
    const config = join(dir, 'audit.yaml');
    writeFileSync(
      config,
      [
        'suppressions:',
        '  - checkId: rest-execution-logging',
        '    reason: Execution logs are too costly on this stage',
        '  - checkId: rest-waf-attached',
        '    reason: Internal API behind the corporate proxy',
        '  - checkId: rest-api-tls-policy',
        '    reason: Moving to the 2025 TLS policies in January',
        '  - checkId: cloudtrail-coverage',
        '    reason: The organization trail lives in the audit account',
      ].join('\n'),
    );
    const quiet = await runCli(
      scanArgs(tmp(), '--config', config, '--suppressions', file, '--fail-on', 'medium', '--quiet'),
      env(),
    );
    expect(quiet.code).toBe(3);
    // --quiet keeps the warnings only.
    expect(quiet.stderr.split('\n').filter(Boolean)).toEqual([
      `apigw-audit: warning: ${file} suppressions[1] (rest-execution-logging) expired on 2020-01-31: it no longer applies`,
      `apigw-audit: warning: ${file} suppressions[2] (domain-tls-policy) matched no finding`,
    ]);
  }, 120_000);

  const malformed: Array<[string, object, string]> = [
    ['no reason', { checkId: 'rest-waf-attached' }, 'suppressions[0] field "reason": is required'],
    [
      'a short reason',
      { checkId: 'rest-waf-attached', reason: 'ok' },
      'suppressions[0] field "reason": must be at least 10 characters (got "ok")',
    ],
    [
      'a bad date',
      { checkId: 'rest-waf-attached', reason: 'Accepted by the CISO', expires: '2026-02-30' },
      'suppressions[0] field "expires": must be a date as YYYY-MM-DD (got "2026-02-30")',
    ],
    [
      'an unknown check ID',
      { checkId: 'rest-waf-atached', reason: 'Accepted by the CISO' },
      'suppressions[0] field "checkId": unknown check ID "rest-waf-atached"',
    ],
  ];
  for (const [what, entry, message] of malformed) {
    it(`an entry with ${what} exits 2 naming the file, the entry and the field (both sources)`, async () => {
      const dir = tmp();
      const rules = join(dir, 'rules.yaml');
      writeFileSync(rules, `suppressions:\n  - ${JSON.stringify(entry)}\n`);
      const a = await runCli(scanArgs(tmp(), '--suppressions', rules), env());
      expect(a.code).toBe(2);
      expect(a.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(a.stderr).toContain(`apigw-audit: error: ${rules}: ${message}`);
      const config = join(dir, 'audit.json');
      writeFileSync(config, JSON.stringify({ suppressions: [entry] }));
      const b = await runCli(scanArgs(tmp(), '--config', config), env());
      expect(b.code).toBe(2);
      expect(b.stderr).toContain(`apigw-audit: error: ${config}: ${message}`);
      noStack(a.stderr + b.stderr);
    }, 60_000);
  }
});

describe('--config in YAML or JSON', () => {
  const settings = {
    regions: [REGION],
    failOn: 'medium',
    concurrency: 2,
    formats: ['json', 'md'],
    requiredTags: ['owner'],
    suppressions: [{ checkId: 'rest-xray-tracing', reason: 'Tracing cost not approved yet' }],
  };
  const yaml = [
    'regions: [eu-west-1]',
    'failOn: medium',
    'concurrency: 2',
    'formats:',
    '  - json',
    '  - md',
    'requiredTags: [owner]',
    'suppressions:',
    '  - checkId: rest-xray-tracing',
    '    reason: Tracing cost not approved yet',
  ].join('\n');

  it('reads both syntaxes to the same effective configuration; the command line wins', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'audit.yaml'), yaml);
    writeFileSync(join(dir, 'audit.json'), JSON.stringify(settings));
    const printed = await Promise.all(
      ['audit.yaml', 'audit.json'].map((f) =>
        runCli(['config', '--print', '--config', join(dir, f), '--fail-on', 'low']),
      ),
    );
    for (const p of printed) expect(p.code).toBe(0);
    const [y, j] = printed.map((p) => JSON.parse(p.stdout));
    expect(y.options).toEqual(j.options);
    expect(y.checks).toEqual(j.checks);
    expect(y.options).toMatchObject({ regions: [REGION], concurrency: 2, format: ['json', 'md'] });
    expect(y.options.failOn).toBe('low');
    expect(y.sources).toMatchObject({
      regions: 'config file',
      failOn: 'command line',
      out: 'default',
    });
    expect(y.checks.requiredTags).toEqual(['owner']);
    expect(y.suppressions).toEqual([
      {
        source: join(dir, 'audit.yaml'),
        rule: 0,
        checkId: 'rest-xray-tracing',
        reason: 'Tracing cost not approved yet',
      },
    ]);

    const nothing = await runCli(['config', '--config', join(dir, 'audit.yaml')]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toBe(
      'apigw-audit: error: config: nothing to do (use --print to show the effective configuration)\n',
    );

    // A scan with the YAML file runs with its settings.
    const api = await seedRestApi(c(), 'orders');
    await seedMethod(c(), api, api.rootId, null, 'GET');
    await seedStage(c(), api, 'prod');
    const out = tmp();
    const r = await runCli(
      ['scan', '--endpoint-url', moto.endpoint, '--config', join(dir, 'audit.yaml'), '--out', out],
      env(),
    );
    noStack(r.stderr);
    expect(r.code).toBe(1); // failOn medium from the file
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('orders');
    const report = readReport(out);
    expect(report.scan.regions).toEqual([REGION]);
    expect(find(report, 'rest-xray-tracing', 'orders/prod').suppressed).toBe(true);
  }, 120_000);

  const bad: Array<[string, string, string]> = [
    ['audit.yaml', 'regoins: [eu-west-1]\n', 'invalid configuration: unknown key "regoins"'],
    ['audit.json', '{"thresholds": {"certDays": 3}}', 'unknown key "thresholds.certDays"'],
    ['audit.yaml', 'concurrency: 500\n', 'key "concurrency" must be <= 64'],
    [
      'audit.yaml',
      'logFormat: xml\n',
      'key "logFormat" must be equal to one of the allowed values',
    ],
    [
      'audit.yaml',
      'regions: [eu-west-1, mars-north-1]\n',
      'key "regions": unknown region "mars-north-1"',
    ],
    ['audit.yaml', 'regions: [eu-west-1\n', 'not valid YAML ('],
    ['audit.yaml', 'failOn: high\nfailOn: low\n', 'not valid YAML (Map keys must be unique'],
  ];
  for (const [name, text, message] of bad) {
    it(`${JSON.stringify(text.trim())} exits 2 with one line naming the file and the key`, async () => {
      const file = join(tmp(), name);
      writeFileSync(file, text);
      for (const args of [
        scanArgs(tmp(), '--config', file),
        ['config', '--print', '--config', file],
      ]) {
        const r = await runCli(args, env());
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
        expect(r.stderr).toContain(`apigw-audit: error: ${file}: `);
        expect(r.stderr).toContain(message);
      }
    }, 60_000);
  }
});

describe('--log-format json', () => {
  it('writes one JSON object per line on stderr: regions, failed calls, the summary, the files', async () => {
    const api = await seedRestApi(c(), 'orders');
    await seedMethod(c(), api, api.rootId, null, 'GET');
    await seedStage(c(), api, 'prod');
    const out = tmp();
    const r = await runCli(scanArgs(out, '--log-format', 'json'), env());
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const e of entries) {
      expect(['info', 'warn', 'error']).toContain(e.level);
      expect(Number.isNaN(Date.parse(e.time as string))).toBe(false);
      expect(typeof e.event).toBe('string');
      expect(typeof e.message).toBe('string');
    }
    const events = entries.map((e) => e.event);
    expect(events.indexOf('region.start')).toBeLessThan(events.indexOf('region.done'));
    expect(entries.find((e) => e.event === 'region.start')).toMatchObject({
      account: '123456789012',
      region: REGION,
    });
    const done = entries.find((e) => e.event === 'region.done')!;
    expect(done).toMatchObject({ account: '123456789012', region: REGION });
    expect((done.counts as { calls: number }).calls).toBeGreaterThan(5);
    expect(entries.find((e) => e.event === 'collection.error')).toMatchObject({
      level: 'warn',
      account: '123456789012',
      region: REGION,
      operation: 'apigateway:GetClientCertificates',
    });
    const summary = entries.find((e) => e.event === 'scan.summary')!;
    const report = readReport(out);
    // moto's gaps (GetClientCertificates, the private-domain access associations) are failed calls.
    expect(report.collectionErrors.length).toBeGreaterThan(0);
    expect(summary.counts).toMatchObject({
      FAIL: report.summary.byStatus.FAIL,
      collectionErrors: report.collectionErrors.length,
    });
    expect(entries.filter((e) => e.event === 'collection.error')).toHaveLength(
      report.collectionErrors.length,
    );
    expect(entries.filter((e) => e.event === 'file.written').map((e) => e.path)).toEqual([
      join(out, 'report.json'),
      join(out, 'snapshot.json'),
    ]);

    const usage = await runCli(
      scanArgs(tmp(), '--log-format', 'json', '--regions', 'mars-1'),
      env(),
    );
    expect(usage.code).toBe(2);
    const [line, ...rest] = usage.stderr.split('\n').filter(Boolean);
    expect(rest).toEqual([]);
    expect(JSON.parse(line!)).toMatchObject({ level: 'error', message: 'unknown region "mars-1"' });
    // logFormat from the config file applies to a failure after the file was read, too.
    const config = join(tmp(), 'audit.yaml');
    writeFileSync(config, 'logFormat: json\n');
    const taken = tmp();
    writeFileSync(join(taken, 'old.txt'), 'x');
    const late = await runCli(scanArgs(tmp(), '--config', config, '--evidence', taken), env());
    expect(late.code).toBe(2);
    expect(JSON.parse(late.stderr)).toMatchObject({ level: 'error', event: 'error' });
    const quiet = await runCli(scanArgs(tmp(), '--log-format', 'json', '--quiet'), env());
    expect(quiet.code).toBe(3);
    // Only the warning-level lines are left (the failed call).
    const left = quiet.stderr
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).event);
    // --quiet keeps the warnings: one per failed call.
    expect(new Set(left)).toEqual(new Set(['collection.error']));
  }, 120_000);
});

describe('reproducible output', () => {
  /** What may differ between two scans of an unchanged account: times and durations. */
  const timeless = (text: string) =>
    JSON.stringify(JSON.parse(text), (key, value) =>
      ['startedAt', 'finishedAt', 'evaluatedAt', 'retryDelayMs', 'pacingWaitMs'].includes(key)
        ? undefined
        : value,
    );

  it('two scans of an unchanged account differ only in timestamps and durations', async () => {
    const c1 = moto.clients(REGION);
    const c2 = moto.clients('us-east-1');
    for (const [cl, name] of [
      [c1, 'orders'],
      [c1, 'billing'],
      [c2, 'search'],
      [c2, 'catalog'],
    ] as const) {
      const api = await seedRestApi(cl, name);
      await seedMethod(cl, api, api.rootId, 'items', 'GET');
      await seedMethod(cl, api, api.rootId, null, 'POST');
      await seedStage(cl, api, 'prod');
      await seedStage(cl, api, 'dev');
    }
    await seedHttpApi(c1, 'bff');
    const outs = [tmp(), tmp()];
    for (const out of outs) {
      const r = await runCli(
        [
          'scan',
          '--endpoint-url',
          moto.endpoint,
          '--regions',
          `us-east-1,${REGION}`,
          '--concurrency',
          '2',
          '--format',
          'json,csv,sarif',
          '--out',
          out,
        ],
        env(),
      );
      expect(r.code).toBe(3);
    }
    for (const file of ['report.json', 'snapshot.json']) {
      const [a, b] = outs.map((o) => readFileSync(join(o, file), 'utf8'));
      expect(timeless(b!)).toEqual(timeless(a!));
    }
    expect(readFileSync(join(outs[1]!, 'report.csv'), 'utf8')).toBe(
      readFileSync(join(outs[0]!, 'report.csv'), 'utf8'),
    );
    const cmd = await runCli([
      'diff',
      join(outs[0]!, 'report.json'),
      join(outs[1]!, 'report.json'),
      '--json',
    ]);
    const d = JSON.parse(cmd.stdout);
    expect([d.new, d.resolved, d.changed]).toEqual([[], [], []]);
    expect(d.unchanged.length).toBeGreaterThan(10);
  }, 180_000);
});
