import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { directoryStore } from '../../src/evidence/store.js';
import { verifyBundle } from '../../src/evidence/verify.js';
import { mappingFiles } from '../../src/evidence/catalog.js';
import { schemaValidator } from '../../src/util/json-file.js';
import { runCli } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'apigw-audit-evidence-'));
const DEMO = 'examples/demo-snapshot.json';

let bundle: string;
let evaluated: { code: number | null; stderr: string };

/** A fresh copy of the bundle to tamper with. */
function copy(): string {
  const dir = join(tmp(), 'bundle');
  cpSync(bundle, dir, { recursive: true });
  return dir;
}

function problemLines(stderr: string): string[] {
  return stderr
    .trim()
    .split('\n')
    .map((l) => l.replace(/^apigw-audit: /, ''))
    .filter((l) => /^(changed|added|removed): /.test(l));
}

beforeAll(async () => {
  const root = tmp();
  bundle = join(root, 'evidence');
  evaluated = await runCli([
    'evaluate',
    DEMO,
    '--config',
    'examples/demo-config.json',
    '--fail-on',
    'none',
    '--format',
    'json,oscal,compliance-csv',
    '--out',
    join(root, 'out'),
    '--evidence',
    bundle,
  ]);
});

describe('evaluate --evidence DIR', () => {
  it('writes report, HTML, snapshot, the formats asked for and a manifest of them', () => {
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(evaluated.stderr).not.toMatch(/\n\s+at /);
    const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
    expect(schemaValidator('manifest')(manifest)).toBe(true);
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([
      'compliance.csv',
      'report.html',
      'report.json',
      'report.oscal.json',
      'snapshot.json',
    ]);
    for (const f of manifest.files) {
      const bytes = readFileSync(join(bundle, f.path));
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(f.size).toBe(statSync(join(bundle, f.path)).size);
    }
    const snapshot = JSON.parse(readFileSync(DEMO, 'utf8'));
    const report = JSON.parse(readFileSync(join(bundle, 'report.json'), 'utf8'));
    expect(manifest.scan.principal).toBe(snapshot.scan.principal);
    expect(manifest.scan.startedAt).toBe(snapshot.scan.startedAt);
    expect(manifest.scan.finishedAt).toBe(snapshot.scan.finishedAt);
    expect(manifest.scan.accounts).toEqual(report.scan.accounts);
    expect(manifest.scan.regions).toEqual(report.scan.regions);
    expect(manifest.scan.options).toEqual(report.scan.options);
    expect(manifest.tool).toEqual(report.tool);
    expect(Object.keys(manifest.catalog.checks).sort()).toEqual(
      ALL_CHECKS.map((c) => c.meta.id).sort(),
    );
    for (const v of Object.values<string>(manifest.catalog.checks)) {
      expect(v).toMatch(
        new RegExp(`^${report.tool.version.replace(/\./g, '\\.')}\\+[0-9a-f]{12}$`),
      );
    }
    expect(manifest.complianceMappings.map((m: { file: string }) => m.file)).toEqual([
      'fsbp.json',
      'nist-800-53-r5.json',
      'pci-dss-v4.json',
    ]);
    const shipped = readFileSync(join('compliance', 'fsbp.json'));
    expect(manifest.complianceMappings[0].sha256).toBe(
      createHash('sha256').update(shipped).digest('hex'),
    );
  });

  it('refuses a directory that already holds files (exit 2, one line)', async () => {
    const r = await runCli(['evaluate', DEMO, '--out', tmp(), '--evidence', bundle]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('already holds');

    const file = join(tmp(), 'a-file');
    writeFileSync(file, '');
    const notDir = await runCli(['evaluate', DEMO, '--out', tmp(), '--evidence', file]);
    expect(notDir.code).toBe(2);
    expect(notDir.stderr).toContain(`${file}: not a directory`);
    expect(notDir.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('apigw-audit verify DIR', () => {
  it('an untouched bundle verifies: exit 0', async () => {
    const r = await runCli(['verify', bundle]);
    expect(r.stderr).toContain('verified');
    expect(r.code).toBe(0);
    expect(problemLines(r.stderr)).toEqual([]);
    expect(r.stderr).not.toContain('warning');
  });

  it('a changed file: exit 1, naming it', async () => {
    const dir = copy();
    appendFileSync(join(dir, 'report.json'), ' ');
    const r = await runCli(['verify', dir]);
    expect(r.code).toBe(1);
    expect(problemLines(r.stderr)).toEqual([
      expect.stringMatching(/^changed: report\.json \(sha256 [0-9a-f]{64}, /),
    ]);
    expect(r.stderr).toContain('does NOT verify');
  });

  it('an added file: exit 1, naming it', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'extra-findings.csv'), 'x\r\n');
    const r = await runCli(['verify', dir]);
    expect(r.code).toBe(1);
    expect(problemLines(r.stderr)).toEqual(['added: extra-findings.csv']);
  });

  it('a removed file: exit 1, naming it', async () => {
    const dir = copy();
    rmSync(join(dir, 'snapshot.json'));
    const r = await runCli(['verify', dir]);
    expect(r.code).toBe(1);
    expect(problemLines(r.stderr)).toEqual(['removed: snapshot.json']);
  });

  it('a manifest edited to tell another story than report.json: exit 1, naming manifest.json', async () => {
    const dir = copy();
    const path = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    manifest.scan.principal = 'arn:aws:iam::999999999999:user/someone-else';
    manifest.catalog.sha256 = '0'.repeat(64);
    writeFileSync(path, JSON.stringify(manifest));
    const r = await runCli(['verify', dir]);
    expect(r.code).toBe(1);
    expect(problemLines(r.stderr)).toEqual([
      'changed: manifest.json (its scan facts do not match report.json)',
      "changed: manifest.json (its catalog hash does not match report.json's checks)",
    ]);
  });

  it('no bundle, no manifest, or a malformed manifest: exit 2, one line naming the file', async () => {
    const missing = await runCli(['verify', join(tmp(), 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope: no such directory\n$/);

    const empty = tmp();
    const none = await runCli(['verify', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`${empty}/manifest.json: no such file`);

    const dir = copy();
    const path = join(dir, 'manifest.json');
    writeFileSync(path, '{"manifestVersion": ');
    const bad = await runCli(['verify', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'manifest.json: line 1, column 21: expected valid JSON (the file ends too early)',
    );

    const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
    manifest.files[0].sha256 = 'abc';
    writeFileSync(path, JSON.stringify(manifest));
    const invalid = await runCli(['verify', dir]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(
      'manifest.json: /files/0/sha256: expected a string matching ^[0-9a-f]{64}$',
    );
    // A manifest cannot send verify outside the bundle.
    manifest.files[0].sha256 = '0'.repeat(64);
    manifest.files[0].path = '../../etc/passwd';
    writeFileSync(path, JSON.stringify(manifest));
    const escape = await runCli(['verify', dir]);
    expect(escape.code).toBe(2);
    expect(escape.stderr).toContain('manifest.json: /files/0/path: expected a string matching');
    for (const r of [missing, none, bad, invalid, escape]) {
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('verify needs its argument (exit 2)', async () => {
    const r = await runCli(['verify']);
    expect(r.code).toBe(2);
  });
});

describe('verifyBundle and the installed tool', () => {
  const installed = () => {
    const report = JSON.parse(readFileSync(join(bundle, 'report.json'), 'utf8'));
    return { version: report.tool.version, checks: report.checks, mappings: mappingFiles() };
  };

  it('a newer catalog or changed mappings are warnings, not failures', async () => {
    const tool = installed();
    const id = Object.keys(tool.checks)[0]!;
    tool.checks[id] = { ...tool.checks[id], title: 'A reworded title' };
    tool.version = '9.9.9';
    tool.mappings = tool.mappings.map((m) =>
      m.file === 'pci-dss-v4.json' ? { ...m, sha256: '1'.repeat(64) } : m,
    );
    const r = await verifyBundle(directoryStore(bundle), tool);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([
      `the installed catalog (9.9.9) differs from the bundle's (${installed().version}): 1 check(s) differ (${id})`,
      'compliance mapping pci-dss-v4.json differs in the installed tool',
    ]);
  });

  it('the tool that wrote the bundle has nothing to warn about', async () => {
    const r = await verifyBundle(directoryStore(bundle), installed());
    expect(r).toEqual({ problems: [], warnings: [], files: 5 });
  });
});
