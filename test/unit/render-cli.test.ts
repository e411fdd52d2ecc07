import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { engineReport } from '../helpers/reports.js';

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
        'report.asff.json',
        'report.csv',
        'report.junit.xml',
        'report.md',
        'report.ocsf.json',
        'report.sarif',
      ]);
      const read = (f: string) => readFileSync(join(out, f), 'utf8');
      const failures = report.findings.filter((f) => f.status !== 'PASS').length;
      expect(JSON.parse(read('report.sarif')).runs[0].results).toHaveLength(failures);
      expect(JSON.parse(read('report.ocsf.json'))).toHaveLength(failures);
      expect(JSON.parse(read('report.asff.json'))).toHaveLength(report.findings.length);
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
        'report.asff.json',
        'report.csv',
        'report.html',
        'report.json',
        'report.junit.xml',
        'report.md',
        'report.ocsf.json',
        'report.oscal.json',
        'report.sarif',
      ]);
      expect(readdirSync(d)).toContain('compliance.csv');
      const help = await runCli(['render', '--help']);
      expect(help.stdout.replace(/\s+/g, ' ')).toContain(
        'json,html,sarif,ocsf,asff,csv,junit,md,compliance-csv,oscal',
      );
    });
  },
);
