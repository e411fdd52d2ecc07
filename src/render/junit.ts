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
import type { CheckInfo, Finding, Report, ReportView } from '../engine/types.js';

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

function add(c: Counts, f: Finding): void {
  c.tests++;
  const o = outcome(f);
  if (o !== 'passed') c[o]++;
}

const zero = (): Counts => ({ tests: 0, failures: 0, errors: 0, skipped: 0 });

function suiteHead(id: string, check: CheckInfo | undefined, c: Counts, at: string): string[] {
  const props = check
    ? [
        `    <properties>`,
        `      <property${attrs({ name: 'title', value: check.title })}/>`,
        `      <property${attrs({ name: 'severity', value: check.severity })}/>`,
        `      <property${attrs({ name: 'resourceType', value: check.resourceType })}/>`,
        `    </properties>`,
      ]
    : [];
  return [`  <testsuite${attrs({ name: id, ...c, time: TIME, timestamp: at })}`, ...props];
}

function* suite(
  id: string,
  check: CheckInfo | undefined,
  c: Counts,
  findings: Iterable<Finding>,
  at: string,
): Generator<string> {
  const [open, ...props] = suiteHead(id, check, c, at);
  if (props.length === 0 && c.tests === 0) {
    yield `${open}/>\n`;
    return;
  }
  yield `${open}>\n`;
  for (const p of props) yield p + '\n';
  for (const f of findings) yield testcase(f) + '\n';
  yield '  </testsuite>\n';
}

/** The findings of one check, taken from a run of them in a pass over the report. */
function* run(
  it: Iterator<Finding>,
  first: Finding | undefined,
  id: string,
  rest: { next?: Finding },
) {
  let f = first;
  while (f && f.checkId === id) {
    yield f;
    const n = it.next();
    f = n.done ? undefined : n.value;
  }
  rest.next = f;
}

/**
 * One suite per check, catalog order first. A first pass counts (the counts open each suite);
 * the second writes the testcases, straight through when each check's findings come together
 * in suite order, as the engine emits them, else after grouping them by check.
 */
export function* junitChunks(report: ReportView): Generator<string> {
  const counts = new Map<string, Counts>(Object.keys(report.checks).map((id) => [id, zero()]));
  const total = zero();
  const runs: string[] = [];
  for (const f of report.findings) {
    let c = counts.get(f.checkId);
    if (!c) counts.set(f.checkId, (c = zero()));
    add(c, f);
    add(total, f);
    if (runs[runs.length - 1] !== f.checkId) runs.push(f.checkId);
  }
  const order = [...counts.keys()];
  const withFindings = order.filter((id) => counts.get(id)!.tests > 0);
  const inOrder =
    runs.length === withFindings.length && runs.every((id, i) => id === withFindings[i]);
  const at = report.scan.evaluatedAt;
  const { skipped: _skipped, ...head } = total;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites${attrs({ name: report.tool.name, ...head, time: TIME })}>\n`;
  if (inOrder) {
    const it = report.findings[Symbol.iterator]();
    const first = it.next();
    const rest: { next?: Finding } = { next: first.done ? undefined : first.value };
    for (const id of order) {
      const findings = counts.get(id)!.tests ? run(it, rest.next, id, rest) : [];
      yield* suite(id, report.checks[id], counts.get(id)!, findings, at);
    }
  } else {
    const byCheck = new Map<string, Finding[]>(order.map((id) => [id, []]));
    for (const f of report.findings) byCheck.get(f.checkId)!.push(f);
    for (const [id, findings] of byCheck)
      yield* suite(id, report.checks[id], counts.get(id)!, findings, at);
  }
  yield '</testsuites>\n';
}

export function renderJunit(report: Report): string {
  return [...junitChunks(report)].join('');
}
