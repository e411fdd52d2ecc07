/**
 * The baseline comparison's rules, on findings built by hand: what is tracked (open FAIL and
 * MANUAL), what ERROR and unread regions mean (never "fixed"), and the report's marks.
 */
import { describe, expect, it } from 'vitest';
import { withBaseline } from '../../src/baseline/annotate.js';
import { compareReports } from '../../src/baseline/compare.js';
import { diffMarkdown } from '../../src/baseline/diff-markdown.js';
import { diffText } from '../../src/baseline/diff-text.js';
import { exitCodeFor } from '../../src/cli/exit-code.js';
import { findingId, summarize } from '../../src/engine/evaluate.js';
import type { Finding, Report, Severity, Status } from '../../src/engine/types.js';
import { schemaValidator } from '../../src/util/json-file.js';
import { NOW, reportOf } from '../helpers/report.js';
import { HOSTILE } from '../helpers/reports.js';
import { ACCOUNT, REGION, snapshot } from '../helpers/snapshot.js';

const arn = (api: string) => `arn:aws:apigateway:${REGION}::/restapis/${api}/stages/prod`;

function finding(
  checkId: string,
  api: string,
  status: Status,
  severity: Severity = 'medium',
  more: Partial<Finding> = {},
): Finding {
  return {
    id: findingId(checkId, ACCOUNT, REGION, arn(api)),
    checkId,
    status,
    severity,
    title: `${checkId} title`,
    message: 'm',
    resource: {
      arn: arn(api),
      type: 'AWS::ApiGateway::Stage',
      name: `${api}/prod`,
      accountId: ACCOUNT,
      region: REGION,
    },
    evidence: {},
    remediation: { text: 't', cli: 'c' },
    compliance: {},
    suppressed: false,
    ...more,
  };
}

const base = reportOf(snapshot());
// The summary is the findings' own: exit codes are read from it.
const report = (findings: Finding[], regions = [REGION]): Report => ({
  ...base,
  scan: { ...base.scan, regions, evaluatedAt: NOW.toISOString() },
  summary: summarize(findings, Object.keys(base.checks), [ACCOUNT]),
  findings,
});
const ids = (xs: Array<{ checkId: string; resource: { name: string } }>) =>
  xs.map((x) => `${x.checkId} ${x.resource.name}`);

describe('compareReports', () => {
  it('sorts findings into new, resolved (with why), changed and unchanged', () => {
    const old = report([
      finding('a', 'fixed', 'FAIL'),
      finding('a', 'gone', 'FAIL'),
      finding('a', 'same', 'FAIL'),
      finding('a', 'sev', 'FAIL', 'low'),
      finding('a', 'muted', 'FAIL'),
      finding('a', 'manual', 'MANUAL'),
      finding('a', 'pass', 'PASS'),
    ]);
    const now = report([
      finding('a', 'fixed', 'PASS'),
      finding('a', 'same', 'FAIL'),
      finding('a', 'sev', 'FAIL', 'high'),
      finding('a', 'muted', 'FAIL', 'medium', {
        suppressed: true,
        suppression: { reason: 'accepted by CISO', rule: 0 },
      }),
      finding('a', 'manual', 'FAIL'),
      finding('a', 'pass', 'PASS'),
      finding('a', 'fresh', 'FAIL'),
    ]);
    const c = compareReports(old, now);
    expect(ids(c.new)).toEqual(['a fresh/prod']);
    expect(c.resolved.map((r) => `${r.resource.name} ${r.why}`)).toEqual([
      'fixed/prod fixed',
      'gone/prod resource deleted',
      'muted/prod suppressed',
    ]);
    expect(c.changed.map((x) => [x.resource.name, x.changes])).toEqual([
      ['sev/prod', ['severity']],
      ['manual/prod', ['status']],
    ]);
    expect(ids(c.unchanged)).toEqual(['a same/prod']);
  });

  it('an open finding now ERROR is changed (not re-assessed), never resolved', () => {
    const c = compareReports(
      report([finding('a', 'x', 'FAIL')]),
      report([finding('a', 'x', 'ERROR')]),
    );
    expect(c.resolved).toEqual([]);
    expect(c.changed).toEqual([
      expect.objectContaining({
        before: { status: 'FAIL', severity: 'medium' },
        after: { status: 'ERROR', severity: 'medium' },
        changes: ['status'],
      }),
    ]);
  });

  it('a missing finding is not assessed when its region was not read or its check said ERROR there', () => {
    const old = report([finding('a', 'x', 'FAIL'), finding('b', 'y', 'FAIL')]);
    const otherRegion = compareReports(old, report([], ['us-east-1']));
    expect(otherRegion.resolved).toEqual([]);
    expect(otherRegion.changed.map((x) => [x.checkId, x.after, x.changes])).toEqual([
      ['a', null, ['not assessed']],
      ['b', null, ['not assessed']],
    ]);
    // Check a could not read its data in this region; check b could, and the resource is gone.
    const erred = compareReports(old, report([finding('a', 'other', 'ERROR')]));
    expect(erred.changed.map((x) => x.checkId)).toEqual(['a']);
    expect(erred.resolved.map((r) => [r.checkId, r.why])).toEqual([['b', 'resource deleted']]);
  });

  it('a finding whose suppression expired is new again (so --fail-on-new sees it)', () => {
    const suppressed = { suppressed: true, suppression: { reason: 'accepted by CISO', rule: 0 } };
    const old = report([finding('a', 'x', 'FAIL', 'high', suppressed)]);
    const now = report([finding('a', 'x', 'FAIL', 'high')]);
    expect(ids(compareReports(old, now).new)).toEqual(['a x/prod']);
    const marked = withBaseline(now, old, 'old.json');
    expect(marked.findings[0]!.baseline).toBe('new');
    expect(exitCodeFor(marked, 'high', { onlyNew: true })).toBe(1);
  });
});

describe('withBaseline', () => {
  it('marks open findings, counts them and stays within the report schema', () => {
    const old = report([finding('a', 'same', 'FAIL', 'high'), finding('a', 'gone', 'FAIL')]);
    const now = report([
      finding('a', 'same', 'FAIL', 'high'),
      finding('a', 'fresh', 'FAIL', 'low'),
      finding('a', 'ok', 'PASS'),
    ]);
    const marked = withBaseline(now, old, 'day1/report.json');
    expect(marked.findings.map((f) => [f.resource.name, f.baseline])).toEqual([
      ['same/prod', 'unchanged'],
      ['fresh/prod', 'new'],
      ['ok/prod', undefined],
    ]);
    expect(marked.baseline).toEqual({
      file: 'day1/report.json',
      generatedAt: old.scan.evaluatedAt,
      counts: { new: 1, changed: 0, unchanged: 1, resolved: 1 },
      notAssessed: [],
    });
    expect(schemaValidator('report')(marked)).toBe(true);
    // --fail-on-new: the high finding is old, the new one is low.
    expect(exitCodeFor(marked, 'high')).toBe(1);
    expect(exitCodeFor(marked, 'high', { onlyNew: true })).toBe(0);
    expect(exitCodeFor(marked, 'low', { onlyNew: true })).toBe(1);
  });
});

describe('diff output with hostile resource names', () => {
  const hostile = (name: string, i: number) =>
    finding('a', `api${i}`, 'FAIL', 'medium', {
      resource: { ...finding('a', `api${i}`, 'FAIL').resource, name },
    });
  const names = Object.values(HOSTILE);
  const c = compareReports(report([]), report(names.map(hostile)));

  it('markdown: one table row per finding, no raw HTML, pipes or links from the data', () => {
    const md = diffMarkdown(c);
    const rows = md.split('\n').filter((l) => l.startsWith('| medium |'));
    expect(rows).toHaveLength(names.length);
    // Every row has the table's 5 cells: no "|" from a name opened another.
    for (const r of rows) expect(r.split(/(?<!\\)\|/).length).toBe(7);
    expect(md).not.toContain('<script');
    expect(md).not.toContain('](http://');
  });

  it('text: no escape sequences reach the terminal', () => {
    const text = diffText(c, 'old.json', 'new.json');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).toContain(`${names.length} new, 0 resolved, 0 changed, 0 unchanged`);
    // A heading, a blank line, the "New" title and one line per finding.
    expect(text.trimEnd().split('\n')).toHaveLength(3 + names.length);
  });
});
