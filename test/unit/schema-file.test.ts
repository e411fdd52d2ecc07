/**
 * The one-line messages for files that fail their schema or do not parse: the file, the JSON
 * pointer (or line and column) inside it, and what was expected there, never the value found.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/errors.js';
import {
  parseJsonText,
  readJsonValidated,
  validateAgainstSchema,
} from '../../src/util/schema-file.js';
import { runCli } from '../helpers/cli.js';

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputFileError);
    return (err as Error).message;
  }
  throw new Error('expected an InputFileError');
}

const config = (doc: unknown) => message(() => validateAgainstSchema('c.json', doc, 'config'));

describe('schema violations', () => {
  it('name the JSON pointer and the expectation, per keyword', () => {
    expect(config([])).toBe('c.json: /: expected an object');
    expect(config({ failOn: 'severe' })).toBe(
      'c.json: /failOn: expected one of "critical", "high", "medium", "low", "info", "none"',
    );
    expect(config({ regions: 3 })).toBe('c.json: /regions: expected "all" or an array');
    expect(config({ regions: [] })).toBe('c.json: /regions: expected "all" or a non-empty array');
    expect(config({ regions: ['eu-west-1', 7] })).toBe('c.json: /regions/1: expected a string');
    expect(config({ suppressions: [{ checkId: 'x' }] })).toBe(
      'c.json: /suppressions/0/reason: expected to be present',
    );
    expect(
      config({ suppressions: [{ checkId: 'x', reason: 'long enough reason', expires: 'soon' }] }),
    ).toBe('c.json: /suppressions/0/expires: expected a date (YYYY-MM-DD)');
    expect(config({ thresholds: { certificateExpiryDays: 9999 } })).toBe(
      'c.json: /thresholds/certificateExpiryDays: expected a number <= 3650',
    );
    expect(config({ roleArns: ['x'] })).toMatch(
      /^c\.json: \/roleArns\/0: expected a string matching \^arn:/,
    );
    expect(config({ requiredTags: [''] })).toBe(
      'c.json: /requiredTags/0: expected a non-empty string',
    );
    expect(config({ regoins: 'all' })).toMatch(
      /^c\.json: \/regoins: expected no such property \(known: "\$schema", "profile", "regions", /,
    );
  });

  it('never quote the value found, and keep hostile property names and file names inert', () => {
    const m = config({ externalId: 12345, 'k\u001b]0;x\u0007\u2028': 1 });
    expect(m).not.toContain('12345');
    // eslint-disable-next-line no-control-regex
    expect(m).not.toMatch(/[\u0000-\u001f\u2028]/);
    const secret = 'AKIAZ7Q4SECRETLEAK01';
    expect(config({ failOn: secret })).not.toContain(secret);
    expect(message(() => validateAgainstSchema('a\nb\u001b.json', [], 'config'))).toBe(
      'a?b?.json: /: expected an object',
    );
  });

  it('accept schema objects (for loaders of other formats)', () => {
    const schema = { type: 'object', required: ['name'] };
    expect(validateAgainstSchema('x.yaml', { name: 'n' }, schema)).toEqual({ name: 'n' });
    expect(message(() => validateAgainstSchema('x.yaml', {}, schema))).toBe(
      'x.yaml: /name: expected to be present',
    );
  });
});

describe('JSON syntax errors', () => {
  it('give the line and column, and what was there, not the surrounding text', () => {
    expect(message(() => parseJsonText('f.json', '{\n  "a": 1,\n  "b": x\n}'))).toBe(
      'f.json: line 3, column 8: expected valid JSON (unexpected "x")',
    );
    expect(message(() => parseJsonText('f.json', '[1,]'))).toBe(
      'f.json: line 1, column 4: expected valid JSON (unexpected "]")',
    );
    expect(message(() => parseJsonText('f.json', '{"a": "AKIAZ7Q4SECRETLEAK01'))).toBe(
      'f.json: line 1, column 28: expected valid JSON (the file ends too early)',
    );
    expect(message(() => parseJsonText('f.json', '  \n'))).toBe(
      'f.json: line 2, column 1: expected valid JSON (the file is empty)',
    );
    expect(parseJsonText('f.json', '\ufeff{"a":1}')).toEqual({ a: 1 });
  });

  it('name a missing file or a directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-audit-schema-'));
    expect(message(() => readJsonValidated(join(dir, 'none.json'), 'config'))).toBe(
      `${dir}/none.json: no such file`,
    );
    expect(message(() => readJsonValidated(dir, 'config'))).toBe(
      `${dir}: is a directory, not a file`,
    );
  });
});

describe('every file the CLI reads', () => {
  it('--config, snapshot and report: exit 2, one line, "apigw-audit: error: FILE: /path: expected ..."', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-audit-schema-'));
    const cfg = join(dir, 'config.json');
    writeFileSync(
      cfg,
      JSON.stringify({ suppressions: [{ checkId: 'rest-xray-tracing', reason: '' }] }),
    );
    const snap = join(dir, 'snapshot.json');
    writeFileSync(
      snap,
      JSON.stringify({
        schemaVersion: '1.0.0',
        tool: { name: 'apigw-audit', version: 'x' },
        scan: { startedAt: 'a', finishedAt: 'b', requestedRegions: 'all' },
        accounts: [
          {
            accountId: '1',
            partition: 'aws',
            regions: [{ region: 'eu-west-1', restApis: [{ id: 'a', resources: [{ id: 'r' }] }] }],
          },
        ],
        collectionErrors: [],
      }),
    );
    const rep = join(dir, 'report.json');
    writeFileSync(rep, JSON.stringify({ schemaVersion: '1.0.0' }));
    for (const [args, line] of [
      [
        ['evaluate', snap, '--config', cfg],
        // The config loader checks suppression entries itself, naming the entry and the field.
        `${cfg}: suppressions[0] field "reason": is required: say why the risk is accepted`,
      ],
      [
        ['evaluate', snap],
        `${snap}: /accounts/0/regions/0/restApis/0/resources/0/path: expected to be present`,
      ],
      [['render', rep, '--format', 'md'], `${rep}: /tool: expected to be present`],
    ] as const) {
      const r = await runCli([...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(`apigw-audit: error: ${line}\n`);
    }
  });
});
