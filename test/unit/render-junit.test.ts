import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderJunit, xmlAttr, xmlText } from '../../src/render/junit.js';
import type { Report } from '../../src/engine/types.js';
import { HOSTILE, handReport, sampleReports } from '../helpers/reports.js';

interface El {
  tag: string;
  attrs: Record<string, string>;
  text: string;
  children: El[];
}

/*
 * A real, strict XML 1.0 parser: Python's expat (python3 is already needed by the test setup,
 * for moto). It rejects anything not well-formed, including characters XML does not allow.
 */
const PARSE = `
import sys, json, xml.etree.ElementTree as ET
def conv(e):
    return {"tag": e.tag, "attrs": dict(e.attrib), "text": e.text or "", "children": [conv(c) for c in e]}
print(json.dumps(conv(ET.fromstring(sys.stdin.buffer.read()))))
`;

function parseXml(xml: string): El {
  const r = spawnSync('python3', ['-c', PARSE], { input: xml, encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`not well-formed XML: ${r.stderr}`);
  return JSON.parse(r.stdout) as El;
}

const num = (e: El, k: string) => Number(e.attrs[k]);

function expectCounts(report: Report, root: El) {
  const live = report.findings.filter((f) => !f.suppressed);
  const want = {
    tests: report.findings.length,
    failures: live.filter((f) => f.status === 'FAIL').length,
    errors: live.filter((f) => f.status === 'ERROR').length,
    skipped: report.findings.filter((f) => f.suppressed || f.status === 'MANUAL').length,
  };
  expect({
    tests: num(root, 'tests'),
    failures: num(root, 'failures'),
    errors: num(root, 'errors'),
    // junit-10.xsd allows no `skipped` on <testsuites>: the total is the suites' sum.
    skipped: root.children.reduce((n, s) => n + num(s, 'skipped'), 0),
  }).toEqual(want);
  expect(root.attrs.skipped).toBeUndefined();
  // The suites add up to the total, and each suite's counts match its test cases.
  for (const k of ['tests', 'failures', 'errors', 'skipped'] as const) {
    expect(root.children.reduce((n, s) => n + num(s, k), 0)).toBe(want[k]);
  }
  for (const suite of root.children) {
    const cases = suite.children.filter((c) => c.tag === 'testcase');
    const has = (tag: string) => cases.filter((c) => c.children.some((x) => x.tag === tag)).length;
    expect(num(suite, 'tests')).toBe(cases.length);
    expect(num(suite, 'failures')).toBe(has('failure'));
    expect(num(suite, 'errors')).toBe(has('error'));
    expect(num(suite, 'skipped')).toBe(has('skipped'));
  }
}

describe('JUnit XML renderer', () => {
  it('the parser is strict', () => {
    expect(() => parseXml('<a>\u0001</a>')).toThrow(/not well-formed/);
    expect(() => parseXml('<a b="<"/>')).toThrow(/not well-formed/);
  });

  it.each(sampleReports())('%s: well-formed, counts right', (_n, report) => {
    const root = parseXml(renderJunit(report));
    expect(root.tag).toBe('testsuites');
    expect(root.children.map((s) => s.attrs.name)).toEqual(Object.keys(report.checks));
    expectCounts(report, root);
  });

  it('one testcase per resource, with failure, error and skipped as the status says', () => {
    const report = handReport();
    const root = parseXml(renderJunit(report));
    const cases = root.children.flatMap((s) => s.children.filter((c) => c.tag === 'testcase'));
    expect(cases).toHaveLength(report.findings.length);
    const stripped = (s: string) =>
      s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
    for (const [i, f] of report.findings.entries()) {
      const c = cases[i]!;
      expect(c.attrs.classname).toBe(f.checkId);
      expect(c.attrs.name).toBe(stripped(`${f.resource.name} (${f.resource.arn})`));
      const child = c.children[0];
      if (f.status === 'PASS') expect(child).toBeUndefined();
      else if (f.suppressed) {
        expect(child!.tag).toBe('skipped');
        expect(child!.attrs.message).toBe(`suppressed: ${f.suppression!.reason}`);
      } else if (f.status === 'MANUAL') expect(child!.tag).toBe('skipped');
      else if (f.status === 'ERROR') expect(child!.tag).toBe('error');
      else {
        expect(child!.tag).toBe('failure');
        expect(child!.attrs.type).toBe(f.severity);
        expect(child!.attrs.message).toBe(stripped(f.message)); // line breaks kept as &#10;
        expect(child!.text).toContain('Evidence:');
      }
    }
    // Hostile strings survive as text.
    expect(cases[0]!.attrs.name).toContain(HOSTILE.formula);
    expect(cases[1]!.attrs.name).toContain(HOSTILE.script);
    expect(cases[2]!.children[0]!.text).toContain(HOSTILE.cdata);
  });

  it('escapes the five XML specials and drops characters XML 1.0 forbids', () => {
    expect(xmlText(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f');
    expect(xmlText(']]>')).toBe(']]&gt;');
    expect(xmlText('a\u0000b\u0007c\u001bd\uFFFEe\uFFFFf\uD800g')).toBe('abcdefg');
    expect(xmlText('\u{1F600} ok\t\n')).toBe('\u{1F600} ok\t\n');
    expect(xmlAttr('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
  });
});
