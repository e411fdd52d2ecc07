/**
 * OSCAL Assessment Results (report.oscal.json, NIST OSCAL 1.1.3 JSON): one result for the run,
 * one observation per finding (the check's evidence as relevant-evidence, the resource as an
 * inventory-item subject) and one OSCAL finding per framework control the run assessed.
 *
 * Every UUID is name-based (v5) from a stable id (finding id, resource ARN, control), so equal
 * reports render equal documents. OSCAL has no assessment plan to point at here: import-ap
 * points at a back-matter resource describing the check catalog that stood in for one.
 */
import type { Finding, Report, ReportView } from '../engine/types.js';
import { uuidV5 } from '../util/uuid.js';
import { accountAbout } from './common.js';
import { jsonChunks, streamedArray } from './json-chunks.js';
import { controlRollups, type ControlRollup } from './controls.js';

export const OSCAL_VERSION = '1.1.3';
/** Namespace of apigw-audit's own props (OSCAL requires non-OSCAL prop names to carry one). */
export const OSCAL_PROP_NS = 'https://apigw-audit.invalid/ns/oscal';
const UUID_NS = 'fbaa272c-de25-4690-a649-022dae45e054';

interface Prop {
  name: string;
  value: string;
  ns?: string;
}

/** OSCAL prop values are single-line strings with no leading or trailing space. */
function prop(name: string, value: string, ns: string | undefined = OSCAL_PROP_NS): Prop[] {
  const v = value.replace(/\s+/g, ' ').trim();
  return v ? [{ name, value: v, ...(ns ? { ns } : {}) }] : [];
}

/**
 * A control id as an OSCAL token. NIST SP 800-53 ids take the form of NIST's own OSCAL catalog
 * (AC-4(21) -> ac-4.21); other frameworks have no OSCAL catalog, so their ids are prefixed with
 * the framework (tokens cannot start with a digit, as PCI DSS requirement numbers do).
 */
export function controlToken(framework: string, controlId: string): string {
  if (framework.startsWith('nist-800-53')) {
    return controlId.toLowerCase().replace(/\((\d+)\)/g, '.$1');
  }
  return `${framework}_${controlId}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

function evidenceText(f: Finding): string {
  return [
    `Configuration read by check ${f.checkId}:`,
    '',
    '```json',
    JSON.stringify(f.evidence, null, 2),
    '```',
  ].join('\n');
}

/**
 * A finding's observation is named once by the observation and again by each control of its
 * checks: the UUIDs (a SHA-1 each) are kept for the render, not computed each time.
 */
function memo(make: (key: string) => string): (key: string) => string {
  const known = new Map<string, string>();
  return (key) => {
    let v = known.get(key);
    if (v === undefined) known.set(key, (v = make(key)));
    return v;
  };
}

/** The UUIDs of one render. */
interface Names {
  observation: (findingId: string) => string;
  resource: (arn: string) => string;
}

function names(): Names {
  return {
    observation: memo((id) => uuidV5(`observation:${id}`, UUID_NS)),
    resource: memo((arn) => uuidV5(`resource:${arn}`, UUID_NS)),
  };
}

function observation(f: Finding, collected: string, n: Names) {
  return {
    uuid: n.observation(f.id),
    title: f.title,
    description: f.message || f.title,
    props: [
      ...prop('finding-id', f.id),
      ...prop('check-id', f.checkId),
      ...prop('result', f.status),
      ...prop('severity', f.severity),
      ...(f.suppressed ? prop('suppressed', f.suppression?.reason ?? 'true') : []),
    ],
    methods: ['TEST'],
    subjects: [
      {
        'subject-uuid': n.resource(f.resource.arn),
        type: 'inventory-item',
        ...(f.resource.name ? { title: f.resource.name } : {}),
      },
    ],
    'relevant-evidence': [{ description: evidenceText(f) }],
    collected,
  };
}

/** The resources the findings are about, once each, and how many findings there are. */
function inventoryItems(report: Pick<Report, 'scan'>, findings: Iterable<Finding>, n: Names) {
  const seen = new Map<string, Finding['resource']>();
  let count = 0;
  for (const f of findings) {
    count++;
    if (!seen.has(f.resource.arn)) seen.set(f.resource.arn, f.resource);
  }
  const items = [...seen.values()].map((r) => ({
    uuid: n.resource(r.arn),
    description: `${r.type} ${r.name || r.arn}`,
    props: [
      ...prop('asset-id', r.arn, undefined),
      ...prop('resource-type', r.type),
      ...prop('account-id', r.accountId),
      ...prop('account-name', accountAbout(report, r.accountId).name),
      ...prop('ou-path', accountAbout(report, r.accountId).ouPath),
      ...prop('region', r.region),
    ],
  }));
  return { items, count };
}

function* observations(findings: Iterable<Finding>, collected: string, n: Names) {
  // Each one written as one piece (a value with toJSON is not opened by jsonChunks): the
  // document's depth is for the inventory items, two levels further down than these.
  for (const f of findings) {
    const o = observation(f, collected, n);
    yield { toJSON: () => o };
  }
}

function finding(r: ControlRollup, n: Names) {
  const satisfied = r.status === 'PASS';
  const counts = `${r.resources} resource(s): ${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.suppressed} suppressed, ${r.counts.errored} errored, ${r.counts.manual} manual`;
  return {
    uuid: uuidV5(`finding:${r.framework}:${r.controlId}`, UUID_NS),
    title: `${r.frameworkName} ${r.controlId}${r.title ? `: ${r.title}` : ''}`,
    description: `${r.status}. ${counts}. Checks: ${r.checks.join(', ')}.`,
    props: [
      ...prop('framework', r.framework),
      ...prop('control-id', r.controlId),
      ...prop('control-status', r.status),
    ],
    target: {
      type: 'objective-id',
      'target-id': controlToken(r.framework, r.controlId),
      status: {
        state: satisfied ? 'satisfied' : 'not-satisfied',
        reason: satisfied ? 'pass' : r.status === 'FAIL' ? 'fail' : 'other',
      },
    },
    // Every finding of the control's checks: made as they are written.
    'related-observations': streamedArray(
      (function* () {
        for (const id of r.findingIds) yield { 'observation-uuid': n.observation(id) };
      })(),
    ),
  };
}

function reviewedControls(assessed: ControlRollup[]) {
  const byFramework = new Map<string, ControlRollup[]>();
  for (const r of assessed)
    byFramework.set(r.framework, [...(byFramework.get(r.framework) ?? []), r]);
  const selections = [...byFramework.values()].map((rows) => ({
    description: `${rows[0]!.frameworkName}${rows[0]!.frameworkVersion ? ` ${rows[0]!.frameworkVersion}` : ''}`,
    'include-controls': rows.map((r) => ({ 'control-id': controlToken(r.framework, r.controlId) })),
  }));
  return {
    'control-selections': selections.length
      ? selections
      : [{ description: 'No framework control was assessed: no check applied to any resource.' }],
  };
}

/** The observations, one per finding, are written one at a time. */
export function oscalChunks(report: ReportView): Iterable<string> {
  const { scan, tool } = report;
  const runKey = `${tool.name}:${scan.startedAt}:${scan.evaluatedAt}:${scan.accounts.join(',')}`;
  const catalogUuid = uuidV5(`catalog:${tool.name}:${tool.version}`, UUID_NS);
  const assessed = controlRollups(report).filter((r) => r.resources > 0);
  const n = names();
  const { items, count } = inventoryItems(report, report.findings, n);
  const result = {
    uuid: uuidV5(`result:${runKey}`, UUID_NS),
    title: `API Gateway security checks: ${scan.accounts.join(', ') || 'no account'}`,
    description:
      `${tool.name} ${tool.version} evaluated ${Object.keys(report.checks).length} checks against ` +
      `account(s) ${scan.accounts.join(', ') || '(none)'} in region(s) ${scan.regions.join(', ') || '(none)'}; ` +
      `coverage ${report.coverage.percent}%.`,
    start: scan.startedAt,
    end: scan.finishedAt,
    props: [
      ...(scan.principal ? prop('principal', scan.principal) : []),
      ...prop('coverage-percent', String(report.coverage.percent)),
    ],
    ...(items.length ? { 'local-definitions': { 'inventory-items': items } } : {}),
    'reviewed-controls': reviewedControls(assessed),
    ...(count
      ? { observations: streamedArray(observations(report.findings, scan.finishedAt, n)) }
      : {}),
    ...(assessed.length ? { findings: assessed.map((r) => finding(r, n)) } : {}),
  };
  const doc = {
    'assessment-results': {
      uuid: uuidV5(`assessment-results:${runKey}`, UUID_NS),
      metadata: {
        title: `${tool.name} assessment of Amazon API Gateway`,
        'last-modified': scan.evaluatedAt,
        version: tool.version,
        'oscal-version': OSCAL_VERSION,
      },
      'import-ap': {
        href: `#${catalogUuid}`,
        remarks:
          'No separate assessment plan: the plan is the check catalog described in back-matter.',
      },
      results: [result],
      'back-matter': {
        resources: [
          {
            uuid: catalogUuid,
            title: `${tool.name} ${tool.version} check catalog`,
            description: Object.values(report.checks)
              .map((c) => `- ${c.id} (${c.severity}): ${c.title}`)
              .join('\n'),
          },
        ],
      },
    },
  };
  return jsonChunks(doc, 6);
}

export function renderOscal(report: Report): string {
  return [...oscalChunks(report)].join('');
}
