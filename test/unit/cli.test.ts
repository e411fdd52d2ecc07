import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { FAMILIES } from '../../src/engine/families.js';
import { runCli } from '../helpers/cli.js';
import { region, restApi, restStage, snapshot } from '../helpers/snapshot.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'apigw-audit-cli-'));

function expectOneLineError(
  r: { code: number | null; stderr: string; stdout: string },
  text: string,
) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toContain(text);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('CLI usage errors: one line on stderr, exit 2', () => {
  it('--help and --version exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('scan');
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
  it('unknown option', async () =>
    expectOneLineError(await runCli(['scan', '--bogus']), "unknown option '--bogus'"));
  it('unknown region name', async () =>
    expectOneLineError(
      await runCli(['scan', '--regions', 'eu-west-1,mars-north-1']),
      'unknown region "mars-north-1"',
    ));
  it('unknown format', async () =>
    expectOneLineError(
      await runCli(['scan', '--regions', 'eu-west-1', '--format', 'pdf']),
      'unknown format "pdf"',
    ));
  it('bad --fail-on', async () =>
    expectOneLineError(
      await runCli(['evaluate', 'x.json', '--fail-on', 'severe']),
      '--fail-on must be one of',
    ));
  it('missing snapshot file', async () =>
    expectOneLineError(await runCli(['evaluate', '/nonexistent/snap.json']), 'no such file'));
  it('malformed JSON', async () => {
    const f = join(tmp(), 'bad.json');
    writeFileSync(f, '{"schemaVersion": ');
    expectOneLineError(
      await runCli(['evaluate', f]),
      `${f}: line 1, column 19: expected valid JSON (the file ends too early)`,
    );
  });
  it('JSON that is not a snapshot', async () => {
    const f = join(tmp(), 'other.json');
    writeFileSync(f, JSON.stringify({ hello: 'world' }));
    expectOneLineError(
      await runCli(['evaluate', f]),
      `${f}: /schemaVersion: expected to be present`,
    );
  });
  it('a config file with an unknown key', async () => {
    const d = tmp();
    writeFileSync(join(d, 'c.json'), JSON.stringify({ requiredTagz: ['owner'] }));
    writeFileSync(join(d, 's.json'), JSON.stringify(snapshot()));
    expectOneLineError(
      await runCli(['evaluate', join(d, 's.json'), '--config', join(d, 'c.json')]),
      'requiredTagz',
    );
  });
  it('no credentials at all', async () => {
    const r = await runCli(['scan', '--regions', 'eu-west-1', '--out', tmp()], {
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    });
    expectOneLineError(r, 'credentials');
  });
});

describe('evaluate and render from files', () => {
  const snap = snapshot([
    region({
      restApis: [restApi({ id: 'a1', name: 'orders', stages: [restStage({ stageName: 'prod' })] })],
    }),
  ]);

  it('evaluate writes report.json and report.html; exit code follows --fail-on', async () => {
    const d = tmp();
    writeFileSync(join(d, 'snapshot.json'), JSON.stringify(snap));
    const out = join(d, 'out');
    const r = await runCli([
      'evaluate',
      join(d, 'snapshot.json'),
      '--out',
      out,
      '--format',
      'json,html',
    ]);
    expect(r.code).toBe(0); // medium and low FAILs only; default --fail-on high
    expect(r.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(
      report.findings.filter(
        (f: { checkId: string; status: string }) =>
          f.checkId === 'rest-execution-logging' && f.status === 'FAIL',
      ),
    ).toHaveLength(1);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<!doctype html>');
    const strict = await runCli([
      'evaluate',
      join(d, 'snapshot.json'),
      '--out',
      out,
      '--fail-on',
      'medium',
    ]);
    expect(strict.code).toBe(1);
  });

  it('render turns a saved report into HTML', async () => {
    const d = tmp();
    writeFileSync(join(d, 'snapshot.json'), JSON.stringify(snap));
    await runCli(['evaluate', join(d, 'snapshot.json'), '--out', d, '--format', 'json']);
    const r = await runCli([
      'render',
      join(d, 'report.json'),
      '--format',
      'html',
      '--out',
      join(d, 'r'),
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(d, 'r', 'report.html'), 'utf8')).toContain('report-data');
  });

  it('checks lists the catalog as a table and as JSON', async () => {
    const t = await runCli(['checks']);
    expect(t.stdout).toMatch(/^ID\s+SEVERITY\s+TITLE/);
    expect(t.stdout).toContain('rest-execution-logging');
    const j = JSON.parse((await runCli(['checks', '--json'])).stdout);
    expect(j.find((c: { id: string }) => c.id === 'rest-execution-logging').severity).toBe(
      'medium',
    );
  });

  it('checks groups the table by family, in catalog order, and --json carries the family', async () => {
    const lines = (await runCli(['checks'])).stdout.trimEnd().split('\n');
    const headings = lines.filter((l) => /^[A-Z].* \(\d+\)$/.test(l));
    // Counts come from the catalog, so a new check does not have to edit this test.
    expect(headings).toEqual(
      FAMILIES.map(
        (f) => `${f.title} (${ALL_CHECKS.filter((c) => c.meta.family === f.id).length})`,
      ),
    );
    expect(headings[2]).toMatch(/^TLS and custom domains \(/);
    const under = (id: string) =>
      lines
        .slice(
          0,
          lines.findIndex((l) => l.startsWith(`${id} `)),
        )
        .filter((l) => headings.includes(l))
        .pop();
    expect(under('domain-tls-policy')).toBe(headings[2]);
    expect(under('required-tags')).toBe(headings[5]);
    const j = JSON.parse((await runCli(['checks', '--json'])).stdout);
    const ws = j.find((c: { id: string }) => c.id === 'websocket-connect-authorization');
    expect(ws).toMatchObject({
      family: 'auth',
      anchors: ['FSBP APIGateway.8'],
      compliance: { fsbp: ['APIGateway.8'] },
      docsPath: 'docs/checks/websocket-connect-authorization.md',
    });
  });
});
