import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportFromHtml } from '../../src/render/html.js';
import { schemaValidator } from '../../src/util/json-file.js';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, useMoto } from '../helpers/moto.js';
import { seedMethod, seedRestApi, seedStage, setLogLevel } from '../helpers/seed.js';

const moto = useMoto();
const env = () => ({
  AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
  AWS_REGION: 'eu-west-1',
});

describe('apigw-audit scan --endpoint-url (moto)', () => {
  it('scans, writes snapshot.json, report.json and report.html, and exits by --fail-on', async () => {
    const c = moto.clients('eu-west-1');
    const api = await seedRestApi(c, 'orders');
    await seedMethod(c, api, api.rootId, null, 'GET');
    await seedStage(c, api, 'prod', [setLogLevel('INFO')]);
    await seedStage(c, api, 'dev');
    const out = mkdtempSync(join(tmpdir(), 'apigw-audit-scan-'));
    const r = await runCli(
      ['scan', '--endpoint-url', moto.endpoint, '--regions', 'eu-west-1', '--out', out],
      env(),
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // No finding at or above high; moto lacks GetClientCertificates and
    // GetDomainNameAccessAssociations, so coverage is short: 3.
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(schemaValidator('report')(report)).toBe(true);
    expect(report.collectionErrors.map((e: { operation: string }) => e.operation).sort()).toEqual([
      'GetClientCertificates',
      'GetDomainNameAccessAssociations',
      'GetDomainNameAccessAssociations',
    ]);
    const results = report.findings
      .filter((f: { checkId: string }) => f.checkId === 'rest-execution-logging')
      .map((f: { resource: { name: string }; status: string }) => `${f.resource.name}:${f.status}`)
      .sort();
    expect(results).toEqual(['orders/dev:FAIL', 'orders/prod:PASS']);
    const snapshot = JSON.parse(readFileSync(join(out, 'snapshot.json'), 'utf8'));
    expect(schemaValidator('snapshot')(snapshot)).toBe(true);
    expect(snapshot.collectionErrors.map((e: { operation: string }) => e.operation).sort()).toEqual(
      [
        'GetClientCertificates',
        'GetDomainNameAccessAssociations',
        'GetDomainNameAccessAssociations',
      ],
    );
    // The page's data is compressed: read it back as the page does.
    expect(
      JSON.stringify(reportFromHtml(readFileSync(join(out, 'report.html'), 'utf8'))),
    ).toContain('orders');

    const strict = await runCli(
      [
        'scan',
        '--endpoint-url',
        moto.endpoint,
        '--regions',
        'eu-west-1',
        '--out',
        out,
        '--fail-on',
        'medium',
        '--format',
        'json',
      ],
      env(),
    );
    expect(strict.code).toBe(1);
  });
});
