/** JUnit XML as Jenkins (xunit plugin's junit-10.xsd) and junitparser read it. */
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/render/junit.js';
import { consumerReports, handReport } from '../helpers/reports.js';
import { fixture, runValidator } from '../helpers/validators.js';

const XSD = fixture('junit-10.xsd');

describe('JUnit XML consumers', () => {
  it.each(consumerReports())(
    '%s: valid against junit-10.xsd and parsed by junitparser',
    (_n, report) => {
      const r = runValidator('validate_junit.py', renderJunit(report), XSD);
      expect(r.summary.problems).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.summary['cases']).toBe(report.findings.length);
      const outcomes = r.summary['outcomes'] as Record<string, number>;
      const live = report.findings.filter((f) => !f.suppressed);
      expect(outcomes['failure']).toBe(live.filter((f) => f.status === 'FAIL').length);
      expect(outcomes['error']).toBe(live.filter((f) => f.status === 'ERROR').length);
    },
  );

  it('the validator refuses what the schema forbids and a case without time', () => {
    const xml = renderJunit(handReport());
    const bad = xml.replace('<testsuites ', '<testsuites skipped="1" ');
    expect(runValidator('validate_junit.py', bad, XSD).ok).toBe(false);
    const noTime = xml.replace(/ time="0"(?=[^>]*>\s*<failure)/, '');
    expect(noTime).not.toBe(xml);
    const r = runValidator('validate_junit.py', noTime, XSD);
    expect(r.ok).toBe(false);
    expect(r.summary.problems.join('\n')).toContain('testcase without time');
  });
});
