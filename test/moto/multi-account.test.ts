/**
 * Many accounts through the CLI, as a user runs it, against moto: STS AssumeRole into other
 * account IDs gives each account its own resources, and moto's Organizations holds the accounts
 * and OUs. A role that cannot be assumed is made real by the quota simulator in front of moto,
 * answering AccessDenied to AssumeRole for that one role (moto's STS accepts any role).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { startSimulator } from '../../bench/simulator/server.js';
import { auditConfig } from '../../src/config/load.js';
import { evaluateSnapshot } from '../../src/engine/evaluate.js';
import type { Finding, Report } from '../../src/engine/types.js';
import { reportFromHtml } from '../../src/render/html.js';
import { schemaValidator } from '../../src/util/json-file.js';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, useMoto } from '../helpers/moto.js';
import { clientsIn, MANAGEMENT, seedOrg, type SeededOrg } from '../helpers/org.js';
import { seedMethod, seedRestApi, seedStage } from '../helpers/seed.js';

const moto = useMoto();
const env = () => ({
  AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
  AWS_REGION: 'eu-west-1',
});
const REGIONS = ['--regions', 'eu-west-1,us-east-2'];
const tmp = () => mkdtempSync(join(tmpdir(), 'apigw-audit-multi-'));
const readReport = (dir: string): Report =>
  JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
const apiNames = (r: Report, accountId: string) =>
  [
    ...new Set(r.inventory.filter((row) => row.accountId === accountId).map((row) => row.apiName)),
  ].sort();

/** An API named after its account in each of the two regions, so a mix-up shows. */
async function seedAccount(accountId: string, name: string): Promise<void> {
  const clients = await clientsIn(moto, accountId);
  for (const region of ['eu-west-1', 'us-east-2']) {
    const c = clients(region);
    const api = await seedRestApi(c, `${name}-${region}`);
    await seedMethod(c, api, api.rootId, null, 'GET');
    await seedStage(c, api, 'prod');
  }
}

/** payments in Prod, web in Prod/Web, sandbox at the root; an API in each (and the caller's). */
async function org(): Promise<SeededOrg> {
  const o = await seedOrg(moto, [
    ['payments', 'Prod'],
    ['web', 'Prod/Web'],
    ['sandbox', ''],
  ]);
  for (const name of ['payments', 'web', 'sandbox']) await seedAccount(o.account(name), name);
  await seedAccount(MANAGEMENT, 'management');
  return o;
}

const scan = (args: string[]) =>
  runCli(
    ['scan', '--endpoint-url', moto.endpoint, ...REGIONS, '--fail-on', 'none', ...args],
    env(),
  );

/** A report without what differs between two runs of the same scan: times and timings. */
function timeless(r: Report): unknown {
  const { startedAt: _s, finishedAt: _f, evaluatedAt: _e, ...scan } = r.scan;
  const {
    retryDelayMs: _r,
    pacingWaitMs: _p,
    ...stats
  } = r.stats ?? {
    calls: {},
    throttled: {},
    retries: {},
  };
  return { ...r, scan, stats };
}

describe('scan --org (moto Organizations)', () => {
  it('scans every member account in its own role, side by side, with names and OU paths', async () => {
    const o = await org();
    const out = tmp();
    const r = await scan(['--org', '--concurrency', '3', '--out', out, '--format', 'json,ocsf,md']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect([0, 3]).toContain(r.code);
    const report = readReport(out);
    expect(schemaValidator('report')(report)).toBe(true);
    const [payments, web, sandbox] = ['payments', 'web', 'sandbox'].map(o.account);
    // The management account (the caller) is not scanned unless asked for.
    expect(report.scan.accounts).toEqual([payments, web, sandbox].sort());
    expect(apiNames(report, payments!)).toEqual(['payments-eu-west-1', 'payments-us-east-2']);
    expect(apiNames(report, web!)).toEqual(['web-eu-west-1', 'web-us-east-2']);
    expect(report.scan.accountNames).toEqual({
      [payments!]: 'payments',
      [web!]: 'web',
      [sandbox!]: 'sandbox',
    });
    expect(report.scan.ouPaths).toEqual({
      [payments!]: 'Root/Prod',
      [web!]: 'Root/Prod/Web',
      [sandbox!]: 'Root',
    });
    const snapshot = JSON.parse(readFileSync(join(out, 'snapshot.json'), 'utf8'));
    expect(schemaValidator('snapshot')(snapshot)).toBe(true);
    expect(
      snapshot.accounts.map((a: { roleArn: string }) => a.roleArn.split(':').slice(4).join(':')),
    ).toEqual(
      [payments, web, sandbox].sort().map((id) => `${id}:role/OrganizationAccountAccessRole`),
    );
    // Per-account summary: each account's counts, summing to the overall ones.
    const byAccount = report.summary.byAccount!;
    expect(Object.keys(byAccount)).toEqual(report.scan.accounts);
    for (const id of report.scan.accounts) {
      expect(byAccount[id]!.total).toBe(
        report.findings.filter((f: Finding) => f.resource.accountId === id).length,
      );
    }
    expect(Object.values(byAccount).reduce((n, a) => n + a.total, 0)).toBe(report.summary.total);
    // Each account was evaluated on its own as its collection ended and then let go: the
    // report is still the one evaluating the whole snapshot.json at once gives.
    const whole = evaluateSnapshot(snapshot, ALL_CHECKS, auditConfig(), {
      now: new Date(report.scan.evaluatedAt),
    });
    for (const part of [
      'findings',
      'inventory',
      'summary',
      'coverage',
      'collectionErrors',
    ] as const)
      expect(report[part], part).toEqual(whole[part]);
    // Every format names the account.
    const ocsf = readFileSync(join(out, 'report.ocsf.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const webEvent = ocsf.find((e) => e.cloud.account.uid === web);
    expect(webEvent.cloud.account.name).toBe('web');
    expect(webEvent.cloud.org.ou_name).toBe('Root/Prod/Web');
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain(`| ${web} | web | Root/Prod/Web |`);
  }, 120_000);

  it('filters by OU (at any depth) and account, and takes the caller only when named', async () => {
    const o = await org();
    const out = tmp();
    const r = await scan([
      '--org',
      '--accounts',
      `${o.ou('Prod')},${MANAGEMENT}`,
      '--exclude-accounts',
      o.account('payments'),
      '--out',
      out,
    ]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const report = readReport(out);
    expect(report.scan.accounts).toEqual([MANAGEMENT, o.account('web')].sort());
    // The caller's own account is read with its own credentials, not a role.
    const snapshot = JSON.parse(readFileSync(join(out, 'snapshot.json'), 'utf8'));
    const mgmt = snapshot.accounts.find((a: { accountId: string }) => a.accountId === MANAGEMENT);
    expect(mgmt.roleArn).toBeUndefined();
    expect(apiNames(report, MANAGEMENT)).toEqual(['management-eu-west-1', 'management-us-east-2']);
  }, 120_000);

  it('shards by account ID without overlap or gap, and merge gives the single run', async () => {
    await org();
    const whole = tmp();
    expect([0, 3]).toContain((await scan(['--org', '--out', whole])).code);
    const dirs = [tmp(), tmp(), tmp()];
    for (const [i, dir] of dirs.entries()) {
      const r = await scan(['--org', '--shard', `${i + 1}/3`, '--out', dir]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const parts = dirs.map((d) => readReport(d).scan.accounts);
    expect(parts.flat().sort()).toEqual(readReport(whole).scan.accounts);
    expect(new Set(parts.flat()).size).toBe(parts.flat().length);

    const merged = tmp();
    const m = await runCli([
      'merge',
      ...dirs.map((d) => join(d, 'report.json')),
      '--out',
      merged,
      '--format',
      'json,html',
      '--fail-on',
      'none',
    ]);
    expect(m.stderr).not.toMatch(/\n\s+at /);
    expect(m.code).toBe(readReport(whole).coverage.complete ? 0 : 3);
    const single = readReport(whole);
    const combined = readReport(merged);
    expect(schemaValidator('report')(combined)).toBe(true);
    expect(timeless(combined)).toEqual(timeless({ ...single, scan: { ...single.scan } }));
    const snap = (d: string) => {
      const s = JSON.parse(readFileSync(join(d, 'snapshot.json'), 'utf8'));
      const { startedAt: _s, finishedAt: _f, ...scanInfo } = s.scan;
      const { retryDelayMs: _r, pacingWaitMs: _p, ...stats } = s.stats;
      return { ...s, scan: scanInfo, stats };
    };
    expect(snap(merged)).toEqual(snap(whole));
    // The page's data is compressed: read it back as the page does.
    expect(
      JSON.stringify(reportFromHtml(readFileSync(join(merged, 'report.html'), 'utf8'))),
    ).toContain('web-eu-west-1');

    // Refusals: overlapping accounts, another tool version.
    // Account IDs are random, so a shard may be empty: overlap one that holds an account.
    const held = dirs.find((d) => readReport(d).scan.accounts.length > 0)!;
    const again = await runCli([
      'merge',
      join(held, 'report.json'),
      join(whole, 'report.json'),
      '--out',
      tmp(),
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/account \d{12} is in both/);
  }, 240_000);
});

describe('scan with many --role-arn accounts', () => {
  it('an account whose role is denied is a collection error (exit 3); the others complete', async () => {
    const [a, b, denied] = ['210000000001', '210000000002', '210000000003'];
    await seedAccount(a!, 'alpha');
    await seedAccount(b!, 'beta');
    const deniedRole = `arn:aws:iam::${denied}:role/Audit`;
    const sim = await startSimulator({
      target: moto.endpoint,
      quotas: false,
      latencyMs: 0,
      faults: { accessDenied: [{ service: 'sts', operation: 'AssumeRole', roleArn: deniedRole }] },
    });
    try {
      const out = tmp();
      const r = await runCli(
        [
          'scan',
          '--endpoint-url',
          sim.endpoint,
          ...REGIONS,
          '--fail-on',
          'none',
          '--out',
          out,
          ...[a, denied, b].flatMap((id) => ['--role-arn', `arn:aws:iam::${id}:role/Audit`]),
        ],
        env(),
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(3);
      const report = readReport(out);
      expect(report.scan.accounts).toEqual([a, denied, b]);
      expect(apiNames(report, a!)).toEqual(['alpha-eu-west-1', 'alpha-us-east-2']);
      expect(apiNames(report, b!)).toEqual(['beta-eu-west-1', 'beta-us-east-2']);
      const deniedErrors = report.collectionErrors.filter((e) => e.accountId === denied);
      expect(deniedErrors.map((e) => `${e.operation}:${e.errorCode}`)).toEqual([
        'AssumeRole:AccessDenied',
      ]);
      expect(report.coverage.gaps).toContainEqual({
        accountId: denied,
        region: 'global',
        slices: ['identity'],
      });
    } finally {
      await sim.stop();
    }
  }, 120_000);

  it('refuses contradictory account options with one line and exit 2', async () => {
    for (const args of [
      ['--org', '--role-arn', 'arn:aws:iam::210000000001:role/Audit'],
      ['--accounts', 'ou-abcd-12345678'],
      ['--org-role-name', 'Audit'],
      ['--shard', '3/2'],
      ['--shard', '1/2'],
      ['--accounts', '12345'],
      // No organization in moto yet: ListAccounts fails, so there is nothing to scan.
      ['--org'],
    ]) {
      const r = await scan(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      if (args.join(' ') === '--org') expect(r.stderr).toMatch(/AWSOrganizationsNotInUse/);
    }
  }, 60_000);
});
