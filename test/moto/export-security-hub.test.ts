/**
 * `export security-hub` against moto's Security Hub: imported into each finding's own account
 * and region, read back with GetFindings, and archived by a second import of a report that no
 * longer has them. (moto's GetFindings ignores filters; the exporter filters again itself.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchImportFindingsCommand,
  GetFindingsCommand,
  type AwsSecurityFinding,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import type { Credentials } from '../../src/collect/clients.js';
import type { Finding, Report } from '../../src/engine/types.js';
import { exportToSecurityHub } from '../../src/export/security-hub.js';
import { createSecurityHubFactory } from '../../src/export/security-hub-client.js';
import { toAsff } from '../../src/render/asff.js';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, useMoto } from '../helpers/moto.js';
import { handReport } from '../helpers/reports.js';

const moto = useMoto();
const OWN = '123456789012'; // moto's account for the test credentials
const OTHER = '444455556666'; // reached through an assumed role

/** The hand-built report with hostile names, in moto's account and a second one. */
function report(): Report {
  const r = handReport();
  const findings: Finding[] = r.findings
    .filter((f) => f.resource.arn.startsWith('arn:aws:'))
    .map((f) => {
      const accountId = f.resource.accountId === OTHER ? OTHER : OWN;
      return { ...f, resource: { ...f.resource, accountId } };
    });
  return {
    ...r,
    scan: { ...r.scan, accounts: [OWN, OTHER], accountNames: { [OWN]: 'moto-main' } },
    findings,
  };
}

async function all(client: SecurityHubClient): Promise<AwsSecurityFinding[]> {
  const out: AwsSecurityFinding[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new GetFindingsCommand({ MaxResults: 100, NextToken: token }));
    out.push(...(page.Findings ?? []));
    token = page.NextToken || undefined;
  } while (token);
  return out;
}

async function assumed(accountId: string): Promise<Credentials> {
  const out = await moto.clients('us-east-1').sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/SecurityHubImport`,
      RoleSessionName: 't',
    }),
  );
  const c = out.Credentials!;
  return {
    accessKeyId: c.AccessKeyId!,
    secretAccessKey: c.SecretAccessKey!,
    sessionToken: c.SessionToken,
  };
}

describe('export security-hub (moto)', () => {
  it('imports into each account and region, then archives what a later report dropped', async () => {
    const hub = createSecurityHubFactory({
      endpointUrl: moto.endpoint,
      credentials: TEST_CREDENTIALS,
    });
    const other = await assumed(OTHER);
    const opts = {
      securityHub: hub,
      credentialsFor: (a: string) => (a === OTHER ? other : undefined),
      backoffMs: () => 1,
    };
    // Another integration's finding in the same hub: never archived by us.
    const own = hub('eu-west-1');
    const foreign = {
      ...toAsff(report())[0]!,
      Id: 'someone-else',
      ProductFields: { ProviderName: 'other-tool' },
    };
    await own.send(new BatchImportFindingsCommand({ Findings: [foreign as AwsSecurityFinding] }));

    const first = report();
    const r1 = await exportToSecurityHub(first, opts);
    expect(r1.failed).toEqual([]);
    expect(r1.imported).toBe(first.findings.length);
    expect(r1.archived).toBe(0);
    const where = (a: string, region: string) =>
      first.findings.filter((f) => f.resource.accountId === a && f.resource.region === region);
    expect(r1.targets.map((t) => `${t.accountId}/${t.region}:${t.imported}`).sort()).toEqual(
      [
        `${OWN}/eu-west-1:${where(OWN, 'eu-west-1').length}`,
        `${OWN}/us-east-1:${where(OWN, 'us-east-1').length}`,
        `${OWN}/eu-central-1:${where(OWN, 'eu-central-1').length}`,
        `${OTHER}/eu-west-1:${where(OTHER, 'eu-west-1').length}`,
      ].sort(),
    );
    // Each hub holds exactly its own findings, under its own product ARN.
    const euw1 = await all(own);
    expect(euw1.map((f) => f.Id).sort()).toEqual(
      [...where(OWN, 'eu-west-1').map((f) => f.id), 'someone-else'].sort(),
    );
    for (const f of euw1.filter((x) => x.Id !== 'someone-else')) {
      expect(f.ProductArn).toBe(`arn:aws:securityhub:eu-west-1:${OWN}:product/${OWN}/default`);
      expect(f.AwsAccountName).toBe('moto-main');
      expect(f.RecordState).toBe('ACTIVE');
      expect(f.FindingProviderFields?.Severity?.Label).toBe(f.Severity?.Label);
    }
    const otherHub = await all(hub('eu-west-1', other));
    expect(otherHub.map((f) => f.Id)).toEqual(where(OTHER, 'eu-west-1').map((f) => f.id));
    expect(otherHub[0]!.AwsAccountId).toBe(OTHER);

    // The second report no longer has the first eu-west-1 finding of the main account.
    const dropped = where(OWN, 'eu-west-1')[0]!;
    const second = { ...first, findings: first.findings.filter((f) => f.id !== dropped.id) };
    const r2 = await exportToSecurityHub(second, {
      ...opts,
      now: () => new Date('2026-11-02T00:00:00Z'),
    });
    expect(r2.failed).toEqual([]);
    expect(r2.archived).toBe(1);
    const after = new Map((await all(own)).map((f) => [f.Id, f]));
    expect(after.get(dropped.id)!.RecordState).toBe('ARCHIVED');
    expect(after.get(dropped.id)!.UpdatedAt).toBe('2026-11-02T00:00:00.000Z');
    expect(after.get('someone-else')!.RecordState).toBe('ACTIVE');
    for (const f of where(OWN, 'eu-west-1').slice(1))
      expect(after.get(f.id)!.RecordState).toBe('ACTIVE');
    // A third run has nothing more to archive.
    expect((await exportToSecurityHub(second, opts)).archived).toBe(0);
  });

  it('the CLI: one line per account and region, --json on stdout, roles per account', async () => {
    const d = mkdtempSync(join(tmpdir(), 'apigw-audit-export-'));
    writeFileSync(join(d, 'report.json'), JSON.stringify(report()));
    const r = await runCli(
      [
        'export',
        'security-hub',
        join(d, 'report.json'),
        '--endpoint-url',
        moto.endpoint,
        '--role-arn',
        `arn:aws:iam::${OTHER}:role/SecurityHubImport`,
        '--json',
      ],
      {
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        AWS_REGION: 'eu-west-1',
      },
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`security-hub ${OTHER}/eu-west-1: `);
    const out = JSON.parse(r.stdout) as { imported: number; failed: unknown[] };
    expect(out.failed).toEqual([]);
    expect(out.imported).toBe(report().findings.length);
    const otherHub = await all(
      createSecurityHubFactory({ endpointUrl: moto.endpoint })('eu-west-1', await assumed(OTHER)),
    );
    expect(otherHub.length).toBeGreaterThan(0);
  }, 60_000);

  it('bad input: unknown target and a missing file are one line and exit 2', async () => {
    const a = await runCli(['export', 'splunk', 'x.json']);
    expect(a.code).toBe(2);
    const b = await runCli(['export', 'security-hub', '/nonexistent/report.json']);
    expect(b.code).toBe(2);
    expect(b.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});
