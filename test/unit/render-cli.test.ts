import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { engineReport, handReport } from '../helpers/reports.js';

// Each run of the built CLI loads the whole AWS SDK first (several seconds on a small machine).
const CLI_TIMEOUT = 60_000;
const tmp = () => mkdtempSync(join(tmpdir(), 'apigw-audit-render-'));

describe(
  'render REPORT.json into the machine-readable formats (built CLI)',
  { timeout: CLI_TIMEOUT },
  () => {
    it('writes all six files with the names DESIGN.md gives them', async () => {
      const d = tmp();
      const report = engineReport();
      writeFileSync(join(d, 'report.json'), JSON.stringify(report));
      const out = join(d, 'out');
      const r = await runCli([
        'render',
        join(d, 'report.json'),
        '--format',
        'sarif,ocsf,asff,csv,junit,md',
        '--out',
        out,
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('');
      expect(readdirSync(out).sort()).toEqual([
        'asff',
        'report.csv',
        'report.junit.xml',
        'report.md',
        'report.ocsf.json',
        'report.ocsf.jsonl',
        'report.sarif',
      ]);
      const read = (f: string) => readFileSync(join(out, f), 'utf8');
      const failures = report.findings.filter((f) => f.status !== 'PASS').length;
      expect(JSON.parse(read('report.sarif')).runs[0].results).toHaveLength(failures);
      expect(JSON.parse(read('report.ocsf.json'))).toHaveLength(failures);
      // Import-ready batches: one file per account, region and 100 findings, named after them.
      const batches = readdirSync(join(out, 'asff')).sort();
      expect(batches).toEqual([
        '111122223333-eu-west-1-001.json',
        '111122223333-us-east-1-001.json',
        '444455556666-eu-west-1-001.json',
      ]);
      const asff = batches.flatMap((b) => JSON.parse(read(join('asff', b))) as unknown[]);
      expect(asff).toHaveLength(report.findings.length);
      expect(read('report.ocsf.jsonl').trimEnd().split('\n')).toHaveLength(failures);
      expect(read('report.csv').split('\r\n')[0]).toMatch(/^id,checkId,status,/);
      expect(read('report.junit.xml')).toMatch(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /,
      );
      expect(read('report.md')).toMatch(/^# API Gateway security audit\n/);
    });

    it('--format all writes every format; help lists them', async () => {
      const d = tmp();
      writeFileSync(join(d, 'report.json'), JSON.stringify(engineReport()));
      const r = await runCli(['render', join(d, 'report.json'), '--format', 'all', '--out', d]);
      expect(r.code, r.stderr).toBe(0);
      expect(
        readdirSync(d)
          .filter((f) => f.startsWith('report.'))
          .sort(),
      ).toEqual([
        'report.csv',
        'report.html',
        'report.json',
        'report.junit.xml',
        'report.md',
        'report.ocsf.json',
        'report.ocsf.jsonl',
        'report.oscal.json',
        'report.sarif',
      ]);
      expect(readdirSync(d)).toContain('compliance.csv');
      expect(readdirSync(join(d, 'asff')).length).toBeGreaterThan(0);
      const help = await runCli(['render', '--help']);
      expect(help.stdout.replace(/\s+/g, ' ')).toContain(
        'json,html,sarif,ocsf,asff,csv,junit,md,compliance-csv,oscal',
      );
      expect(help.stdout).toContain('--csv-flatten-newlines');
      expect(help.stdout).toContain('--ocsf-include-pass');
    });

    it('asff: batches of an earlier, larger render are removed, other files kept', async () => {
      const d = tmp();
      const big = engineReport();
      const small = {
        ...big,
        findings: big.findings.filter((f) => f.resource.region === 'eu-west-1'),
      };
      writeFileSync(join(d, 'big.json'), JSON.stringify(big));
      writeFileSync(join(d, 'small.json'), JSON.stringify(small));
      const out = join(d, 'out');
      expect(
        (await runCli(['render', join(d, 'big.json'), '--format', 'asff', '--out', out])).code,
      ).toBe(0);
      expect(readdirSync(join(out, 'asff'))).toContain('111122223333-us-east-1-001.json');
      writeFileSync(join(out, 'asff', 'notes.txt'), 'mine');
      expect(
        (await runCli(['render', join(d, 'small.json'), '--format', 'asff', '--out', out])).code,
      ).toBe(0);
      expect(readdirSync(join(out, 'asff')).sort()).toEqual([
        '111122223333-eu-west-1-001.json',
        '444455556666-eu-west-1-001.json',
        'notes.txt',
      ]);
    });

    it('--csv-flatten-newlines and --ocsf-include-pass', async () => {
      const d = tmp();
      const report = handReport();
      writeFileSync(join(d, 'report.json'), JSON.stringify(report));
      const args = ['render', join(d, 'report.json'), '--format', 'csv,ocsf'];
      const plain = await runCli([...args, '--out', join(d, 'plain')]);
      const opted = await runCli([
        ...args,
        '--out',
        join(d, 'opted'),
        '--csv-flatten-newlines',
        '--ocsf-include-pass',
      ]);
      expect(plain.code, plain.stderr).toBe(0);
      expect(opted.code, opted.stderr).toBe(0);
      const lines = (dir: string, f: string) =>
        readFileSync(join(d, dir, f), 'utf8')
          .trimEnd()
          .split(/\r?\n/).length;
      expect(lines('plain', 'report.csv')).toBeGreaterThan(report.findings.length + 1);
      expect(lines('opted', 'report.csv')).toBe(report.findings.length + 1);
      const passes = report.findings.filter((f) => f.status === 'PASS').length;
      expect(lines('opted', 'report.ocsf.jsonl')).toBe(
        lines('plain', 'report.ocsf.jsonl') + passes,
      );
    });
  },
);
