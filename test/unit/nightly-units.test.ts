/**
 * The nightly job's small parts: the logger's two formats and --quiet, the suppression entry
 * checks, the YAML reader's one-line errors, and the order of findings and inventory not
 * depending on the order the collectors met resources in.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { createLogger, info, logFormatInArgv, warn } from '../../src/cli/log.js';
import { readUserFile } from '../../src/config/file-format.js';
import { auditConfig } from '../../src/config/load.js';
import { checkSuppressions, readSuppressionsFile } from '../../src/config/suppressions.js';
import { evaluateSnapshot } from '../../src/engine/evaluate.js';
import { reviewSuppressions } from '../../src/engine/suppress.js';
import { InputFileError } from '../../src/errors.js';
import { region, restApi, restStage, snapshot } from '../helpers/snapshot.js';

const tmpFile = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'apigw-audit-units-')), name);
  writeFileSync(path, text);
  return path;
};
const known = new Set(ALL_CHECKS.map((c) => c.meta.id));

describe('logger', () => {
  const capture = (opts: Parameters<typeof createLogger>[0]) => {
    const lines: string[] = [];
    const logger = createLogger({
      ...opts,
      write: (l) => lines.push(l),
      now: () => new Date('2026-12-01T02:00:00.000Z'),
    });
    return { logger, lines };
  };

  it('text: the apigw-audit prefix, warning and error labels, no escape sequences', () => {
    const { logger, lines } = capture({ format: 'text' });
    logger.log('wrote out/report.json');
    logger.log(warn('suppression.unused', 'rule 2 matched no finding'));
    logger.log({ level: 'error', event: 'error', message: 'bad \u001b[31mname' });
    expect(lines).toEqual([
      'apigw-audit: wrote out/report.json\n',
      'apigw-audit: warning: rule 2 matched no finding\n',
      'apigw-audit: error: bad ?[31mname\n',
    ]);
  });

  it('json: one object per line with level, time, event, message and the fields', () => {
    const { logger, lines } = capture({ format: 'json' });
    logger.log(
      info('region.done', 'scanned', { account: '1', region: 'eu-west-1', counts: { calls: 3 } }),
    );
    logger.log('plain note');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      {
        level: 'info',
        time: '2026-12-01T02:00:00.000Z',
        event: 'region.done',
        message: 'scanned',
        account: '1',
        region: 'eu-west-1',
        counts: { calls: 3 },
      },
      { level: 'info', time: '2026-12-01T02:00:00.000Z', event: 'note', message: 'plain note' },
    ]);
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
  });

  it('--quiet drops info lines and keeps warnings and errors', () => {
    const { logger, lines } = capture({ format: 'text', quiet: true });
    logger.log('wrote x');
    logger.log(warn('w', 'careful'));
    logger.log({ level: 'error', event: 'e', message: 'broken' });
    expect(lines).toEqual(['apigw-audit: warning: careful\n', 'apigw-audit: error: broken\n']);
  });

  it('finds --log-format json on the command line before parsing', () => {
    expect(logFormatInArgv(['node', 'x', 'scan', '--log-format', 'json'])).toBe('json');
    expect(logFormatInArgv(['node', 'x', 'scan', '--log-format=json'])).toBe('json');
    expect(logFormatInArgv(['node', 'x', 'scan', '--log-format', 'text'])).toBe('text');
    expect(logFormatInArgv(['node', 'x', 'scan'])).toBe('text');
  });
});

describe('suppression entries', () => {
  const check = (entries: unknown) => () => checkSuppressions(entries, 'rules.yaml', known);

  it('keeps the fields, tags each rule with its file and place', () => {
    expect(
      checkSuppressions(
        [
          {
            checkId: 'rest-waf-attached',
            resource: 'arn:aws:apigateway:*::/restapis/abc/*',
            accountId: '111122223333',
            reason: '  Behind the corporate proxy  ',
            expires: '2027-02-28',
            owner: 'team-a',
            ticket: 'SEC-1',
          },
          { checkId: '*', reason: 'Sandbox account, nothing real' },
        ],
        'rules.yaml',
        known,
      ),
    ).toEqual([
      {
        checkId: 'rest-waf-attached',
        resource: 'arn:aws:apigateway:*::/restapis/abc/*',
        accountId: '111122223333',
        reason: 'Behind the corporate proxy',
        expires: '2027-02-28',
        owner: 'team-a',
        ticket: 'SEC-1',
        source: 'rules.yaml',
        index: 0,
      },
      { checkId: '*', reason: 'Sandbox account, nothing real', source: 'rules.yaml', index: 1 },
    ]);
  });

  it.each([
    [
      { checkId: 'rest-waf-attached', reason: 'long enough!', expiry: '2027-01-01' },
      'suppressions[0] field "expiry": unknown field',
    ],
    [
      { checkId: 'rest-waf-attached', reason: 'long enough!', expires: '27-01-01' },
      'suppressions[0] field "expires": must be a date as YYYY-MM-DD',
    ],
    [
      { checkId: 'rest-waf-attached', reason: 'long enough!', expires: 20270101 },
      'suppressions[0] field "expires": must be a string',
    ],
    [
      { checkId: 'rest-waf-attached', reason: 'long enough!', accountId: '12' },
      'suppressions[0] field "accountId": must be a 12-digit account ID',
    ],
    [{ reason: 'long enough!' }, 'suppressions[0] field "checkId": is required'],
    ['rest-waf-attached', 'suppressions[0]: must be an object'],
  ])('%j is refused: %s', (entry, message) => {
    expect(check([entry])).toThrow(InputFileError);
    expect(check([entry])).toThrow(`rules.yaml: ${message}`);
  });

  it('a file holds a list or an object with only "suppressions"; an empty file is no rules', () => {
    expect(
      readSuppressionsFile(
        tmpFile('a.yaml', '- checkId: "*"\n  reason: Sandbox account only\n'),
        known,
      ),
    ).toHaveLength(1);
    expect(readSuppressionsFile(tmpFile('b.yaml', ''), known)).toEqual([]);
    const other = tmpFile('c.yaml', 'suppressions: []\nrules: []\n');
    expect(() => readSuppressionsFile(other, known)).toThrow(`${other}: unknown key "rules"`);
    expect(() => readSuppressionsFile(tmpFile('d.json', '{"suppressions": 3}'), known)).toThrow(
      'suppressions must be a list of entries',
    );
  });

  it('review: expired and unused rules, with their file and place', () => {
    const snap = snapshot([
      region({ restApis: [restApi({ id: 'abc', stages: [restStage({ stageName: 'prod' })] })] }),
    ]);
    const rules = checkSuppressions(
      [
        {
          checkId: 'rest-execution-logging',
          reason: 'Accepted until the move',
          expires: '2026-01-01',
        },
        {
          checkId: 'rest-execution-logging',
          reason: 'Accepted for the prod stage',
          resource: '*/stages/prod',
        },
        {
          checkId: 'rest-execution-logging',
          reason: 'A stage that does not exist',
          resource: '*/stages/qa',
        },
      ],
      'audit.yaml',
      known,
    );
    const now = new Date('2026-12-01');
    const report = evaluateSnapshot(snap, ALL_CHECKS, auditConfig({}, rules), { now });
    const f = report.findings.find((x) => x.checkId === 'rest-execution-logging')!;
    expect(f.suppression).toEqual({
      reason: 'Accepted for the prod stage',
      rule: 1,
      source: 'audit.yaml',
    });
    expect(report.suppressions!.expired.map((r) => r.rule)).toEqual([0]);
    expect(report.suppressions!.unused.map((r) => r.rule)).toEqual([2]);
    expect(reviewSuppressions([], [], now)).toEqual({ expired: [], unused: [] });
  });
});

describe('YAML and JSON files', () => {
  it('reads YAML 1.2 (dates stay strings) and JSON by the file name', () => {
    expect(readUserFile(tmpFile('a.yml', 'expires: 2027-01-01\nlist: [a, b]\n'))).toEqual({
      expires: '2027-01-01',
      list: ['a', 'b'],
    });
    expect(readUserFile(tmpFile('a.json', '{"a": 1}'))).toEqual({ a: 1 });
  });

  it.each([
    ['bad.yaml', 'a: [1,\n', 'not valid YAML ('],
    ['dup.yaml', 'a: 1\na: 2\n', 'Map keys must be unique at line 2, column 1'],
    ['docs.yaml', 'a: 1\n---\nb: 2\n', 'multiple documents'],
    ['alias.yaml', 'a: *nowhere\n', 'not valid YAML ('],
    ['bad.json', '{"a": }', 'expected valid JSON ('],
  ])('%s: one line naming the file', (name, text, message) => {
    const path = tmpFile(name, text);
    let error: Error | undefined;
    try {
      readUserFile(path);
    } catch (err) {
      error = err as Error;
    }
    expect(error).toBeInstanceOf(InputFileError);
    expect(error!.message.startsWith(`${path}: `)).toBe(true);
    expect(error!.message).toContain(message);
    expect(error!.message).not.toContain('\n');
  });
});

describe('stable order', () => {
  it('findings and inventory do not depend on the order APIs and regions were collected in', () => {
    const api = (id: string) =>
      restApi({
        id,
        resources: [
          {
            id: `${id}r`,
            path: '/',
            resourceMethods: { GET: { httpMethod: 'GET', authorizationType: 'NONE' } },
          },
          {
            id: `${id}i`,
            path: '/items',
            resourceMethods: { POST: { httpMethod: 'POST', authorizationType: 'NONE' } },
          },
        ],
        stages: [restStage({ stageName: 'prod' }), restStage({ stageName: 'dev' })],
      });
    const regions = (order: string[]) =>
      order.map((r) =>
        region({ restApis: ['b', 'a', 'c'].map((id) => api(`${r.slice(0, 2)}${id}`)) }, r),
      );
    const one = evaluateSnapshot(
      snapshot(regions(['eu-west-1', 'us-east-1'])),
      ALL_CHECKS,
      auditConfig(),
      {
        now: new Date('2026-12-01'),
      },
    );
    const reversed = snapshot(regions(['us-east-1', 'eu-west-1']));
    for (const r of reversed.accounts[0]!.regions) r.restApis?.reverse();
    const two = evaluateSnapshot(reversed, ALL_CHECKS, auditConfig(), {
      now: new Date('2026-12-01'),
    });
    expect(two.findings.map((f) => f.id)).toEqual(one.findings.map((f) => f.id));
    expect(two.inventory).toEqual(one.inventory);
    expect(one.inventory.map((r) => `${r.region} ${r.apiId} ${r.path}`)).toEqual([
      'eu-west-1 eua /',
      'eu-west-1 eua /items',
      'eu-west-1 eub /',
      'eu-west-1 eub /items',
      'eu-west-1 euc /',
      'eu-west-1 euc /items',
      'us-east-1 usa /',
      'us-east-1 usa /items',
      'us-east-1 usb /',
      'us-east-1 usb /items',
      'us-east-1 usc /',
      'us-east-1 usc /items',
    ]);
  });
});
