/**
 * The option declarations (src/cli/options.ts) are the only source: the README's table and each
 * command's --help must show every declared option with its default and allowed values, and
 * nothing else; a value is settled command line > config file > default.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  OPTIONS,
  displayDefault,
  optionsFor,
  settle,
  settled,
} from '../../src/cli/options.js';
import { UsageError } from '../../src/errors.js';
import { optionRows, readOptionTable, OPTION_COLUMNS } from '../../src/docs/option-table.js';
import { packageRoot } from '../../src/paths.js';
import { FORMAT_NAMES } from '../../src/render/index.js';
import { runCli } from '../helpers/cli.js';
import { region, restApi, restStage, snapshot } from '../helpers/snapshot.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'apigw-audit-options-'));
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('README option table', () => {
  it('is the table generated from the declarations (run `npm run gen:docs` after a change)', () => {
    const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
    const [header, rule, ...rows] = readOptionTable(readme);
    expect(header).toEqual(OPTION_COLUMNS);
    expect(rule!.every((c) => /^-+$/.test(c))).toBe(true);
    expect(rows).toEqual(optionRows());
  });

  it('documents every declared option, its default and its choices', () => {
    const rows = optionRows();
    for (const spec of Object.values(OPTIONS)) {
      // Cells escape "|" (such as "all|r1,r2") so it does not end the cell.
      const row = rows.find((r) => r[0] === `\`${spec.flags.replace(/\|/g, '\\|')}\``);
      expect(row, spec.flags).toBeDefined();
      const dflt = displayDefault(spec.defaultValue);
      if (dflt !== undefined) expect(row![4]).toContain(`\`${dflt}\``);
      for (const c of spec.choices ?? []) expect(row![3]).toContain(`\`${c}\``);
    }
    expect(rows).toHaveLength(Object.keys(OPTIONS).length);
  });
});

describe('--help of each command (built CLI)', () => {
  for (const command of COMMANDS) {
    it(`${command} --help shows exactly the declared options, defaults and choices`, async () => {
      // `export` has a subcommand per target; its options are on the target.
      const r = await runCli(
        command === 'export' ? [command, 'security-hub', '--help'] : [command, '--help'],
      );
      expect(r.code).toBe(0);
      const help = flat(r.stdout);
      const declared = optionsFor(command);
      for (const [, spec] of declared) {
        expect(help).toContain(spec.flags);
        const dflt = displayDefault(spec.defaultValue);
        const required = spec.requiredFor?.includes(command);
        const ownDefault = spec.defaultFor && !spec.defaultFor.includes(command);
        if (dflt !== undefined && !required && !ownDefault) {
          expect(help).toContain(`default: ${dflt})`);
        }
        if (ownDefault) expect(help).not.toMatch(new RegExp(`${spec.flags}[^-]*default:`));
        if (required) expect(help).not.toMatch(new RegExp(`${spec.flags}[^-]*default:`));
        for (const c of spec.choices ?? []) expect(help).toMatch(new RegExp(`[ ",:]${c}[ ",)]`));
      }
      const shown = new Set(r.stdout.match(/--[a-z][a-z-]*/g));
      shown.delete('--help');
      // Descriptions may name other options of the same command (--role-arn in --external-id).
      expect([...shown].sort()).toEqual(declared.map(([, s]) => s.flags.split(' ')[0]).sort());
    });
  }
});

describe('settling a value: command line > config file > default', () => {
  it('takes the command line, else the config file, else the declared default', () => {
    expect(settled('failOn', { failOn: 'low' }, { failOn: 'medium' })).toBe('low');
    expect(settled('failOn', {}, { failOn: 'medium' })).toBe('medium');
    expect(settled('failOn', {}, {})).toBe(OPTIONS.failOn.defaultValue);
    expect(settled('format', {}, { formats: ['all'] })).toHaveLength(FORMAT_NAMES.length);
    expect(settled('regions', {}, {})).toBe('all');
    expect(settle('externalId', {}, { externalId: 'XYZ' })).toBe('XYZ');
    expect(settle('endpointUrl', {}, {})).toBeUndefined();
  });

  it('checks config-file values with the option parsers', () => {
    expect(() => settled('format', {}, { formats: ['pdf'] })).toThrow(/unknown format "pdf"/);
    expect(() => settled('regions', {}, { regions: ['mars-north-1'] })).toThrow(UsageError);
  });

  const snap = snapshot([
    region({
      restApis: [restApi({ id: 'a1', name: 'orders', stages: [restStage({ stageName: 'prod' })] })],
    }),
  ]);

  it('evaluate: a config-file failOn and formats apply unless the command line says otherwise', async () => {
    const d = tmp();
    writeFileSync(join(d, 's.json'), JSON.stringify(snap));
    writeFileSync(join(d, 'c.json'), JSON.stringify({ failOn: 'medium', formats: ['md'] }));
    const fromFile = await runCli([
      'evaluate',
      join(d, 's.json'),
      '--config',
      join(d, 'c.json'),
      '--out',
      join(d, 'a'),
    ]);
    expect(fromFile.code, fromFile.stderr).toBe(1); // the snapshot has medium FAILs
    expect(readdirSync(join(d, 'a'))).toEqual(['report.md']);

    const fromCli = await runCli([
      'evaluate',
      join(d, 's.json'),
      '--config',
      join(d, 'c.json'),
      '--fail-on',
      'high',
      '--format',
      'csv',
      '--out',
      join(d, 'b'),
    ]);
    expect(fromCli.code, fromCli.stderr).toBe(0);
    expect(readdirSync(join(d, 'b'))).toEqual(['report.csv']);

    // The default written in options.ts, when neither gives a value.
    const neither = await runCli(['evaluate', join(d, 's.json'), '--out', join(d, 'c')]);
    expect(neither.code, neither.stderr).toBe(0);
    expect(readdirSync(join(d, 'c')).sort()).toEqual([
      'report.html',
      'report.json',
      'snapshot.json',
    ]);
  });

  it('a bad config-file format is a one-line usage error', async () => {
    const d = tmp();
    writeFileSync(join(d, 's.json'), JSON.stringify(snap));
    writeFileSync(join(d, 'c.json'), JSON.stringify({ formats: ['pdf'] }));
    const r = await runCli(['evaluate', join(d, 's.json'), '--config', join(d, 'c.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('unknown format "pdf"')]);
  });
});

describe('bad values name the option and what it accepts (one line, exit 2)', () => {
  const cases: [string[], string][] = [
    [
      ['checks', '--framework', 'hipaa'],
      '--framework must be one of fsbp, nist-800-53-r5, pci-dss-v4',
    ],
    [['scan', '--concurrency', '0'], '--concurrency must be a whole number from 1 to 64'],
    [['scan', '--concurrency', '2.5'], '--concurrency must be a whole number from 1 to 64'],
    [['scan', '--endpoint-url', 'ftp://x'], '--endpoint-url must be an http(s) URL'],
    [['scan', '--role-arn', 'arn:aws:iam::1:user/x'], 'is not an IAM role ARN'],
    [['scan', '--regions', 'all,eu-west-1'], '"all" cannot be combined'],
    [['render', 'r.json'], "required option '--format <list>'"],
  ];
  for (const [args, text] of cases) {
    it(args.join(' '), async () => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^apigw-audit: error: /);
      expect(lines[0]).toContain(text);
    });
  }
});
