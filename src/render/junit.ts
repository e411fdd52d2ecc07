/**
 * JUnit XML (report.junit.xml), for CI test dashboards: <testsuites> with one <testsuite> per
 * check and one <testcase> per resource the check gave a result for.
 * - FAIL -> <failure message=... type=severity> with the evidence and the fix in the body;
 * - ERROR -> <error> (the check could not be evaluated);
 * - MANUAL, and any suppressed finding -> <skipped message=...>;
 * - PASS -> an empty <testcase>.
 * It validates against the Jenkins xunit plugin's junit-10.xsd: every <testcase> has a `time`
 * (0: a check decides from the saved snapshot, it takes no measurable time per resource), and
 * <testsuites> carries only the attributes that schema allows (no skipped, no timestamp: the
 * suites carry those).
 * Every string is XML-escaped, and characters XML 1.0 does not allow (control characters,
 * lone surrogates, U+FFFE/U+FFFF) are dropped, so no resource name can break the document.
 */
import type { CheckInfo, Finding, Report } from '../engine/types.js';

// Everything outside XML 1.0's Char production.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(value: string): string {
  return value
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Attribute values also keep their tabs and line breaks (a parser would normalise them). */
export function xmlAttr(value: string): string {
  return xmlText(value).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function attrs(pairs: Record<string, string | number>): string {
  return Object.entries(pairs)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

const TIME = '0';

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function outcome(f: Finding): keyof Omit<Counts, 'tests'> | 'passed' {
  if (f.status === 'PASS') return 'passed';
  if (f.suppressed || f.status === 'MANUAL') return 'skipped';
  return f.status === 'FAIL' ? 'failures' : 'errors';
}

function details(f: Finding): string {
  return [
    f.message,
    `Resource: ${f.resource.arn} (${f.resource.type}, account ${f.resource.accountId}, ${f.resource.region})`,
    `Evidence: ${JSON.stringify(f.evidence, null, 2)}`,
    ...(f.remediation.cli ? [`Remediation: ${f.remediation.text}\n${f.remediation.cli}`] : []),
  ].join('\n\n');
}

function testcase(f: Finding): string {
  const head = `    <testcase${attrs({ classname: f.checkId, name: `${f.resource.name} (${f.resource.arn})`, time: TIME })}`;
  switch (outcome(f)) {
    case 'passed':
      return `${head}/>`;
    case 'skipped': {
      const why = f.suppressed
        ? `suppressed: ${f.suppression?.reason ?? ''}`
        : `MANUAL: ${f.message}`;
      return `${head}>\n      <skipped${attrs({ message: why })}/>\n    </testcase>`;
    }
    case 'failures':
      return (
        `${head}>\n      <failure${attrs({ message: f.message, type: f.severity })}>` +
        `${xmlText(details(f))}</failure>\n    </testcase>`
      );
    case 'errors':
      return (
        `${head}>\n      <error${attrs({ message: f.message, type: 'ERROR' })}>` +
        `${xmlText(details(f))}</error>\n    </testcase>`
      );
  }
}

function count(findings: Finding[]): Counts {
  const c: Counts = { tests: findings.length, failures: 0, errors: 0, skipped: 0 };
  for (const f of findings) {
    const o = outcome(f);
    if (o !== 'passed') c[o]++;
  }
  return c;
}

function suite(id: string, check: CheckInfo | undefined, findings: Finding[], at: string): string {
  const c = count(findings);
  const props = check
    ? [
        `    <properties>`,
        `      <property${attrs({ name: 'title', value: check.title })}/>`,
        `      <property${attrs({ name: 'severity', value: check.severity })}/>`,
        `      <property${attrs({ name: 'resourceType', value: check.resourceType })}/>`,
        `    </properties>`,
      ]
    : [];
  const body = [...props, ...findings.map(testcase)];
  const open = `  <testsuite${attrs({ name: id, ...c, time: TIME, timestamp: at })}`;
  return body.length ? `${open}>\n${body.join('\n')}\n  </testsuite>` : `${open}/>`;
}

export function renderJunit(report: Report): string {
  const byCheck = new Map<string, Finding[]>(Object.keys(report.checks).map((id) => [id, []]));
  for (const f of report.findings) {
    const list = byCheck.get(f.checkId);
    if (list) list.push(f);
    else byCheck.set(f.checkId, [f]);
  }
  const at = report.scan.evaluatedAt;
  const { skipped: _skipped, ...total } = count(report.findings);
  const suites = [...byCheck].map(([id, findings]) => suite(id, report.checks[id], findings, at));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: report.tool.name, ...total, time: TIME })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
