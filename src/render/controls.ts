/**
 * Findings rolled up per framework control, for the compliance views (compliance.csv, OSCAL).
 * Which checks stand behind a control comes from the report (report.checks[].compliance, what
 * was actually evaluated); the framework files add the control list, titles and order.
 */
import { loadFrameworks, type Framework } from '../engine/compliance.js';
import type { Finding, ReportView } from '../engine/types.js';

export const CONTROL_STATUSES = [
  'FAIL',
  'ERROR',
  'SUPPRESSED',
  'MANUAL',
  'PASS',
  'NOT_APPLICABLE',
  'NOT_ASSESSED',
] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

/** A resource's outcome for a control: its worst result across the control's checks. */
type Outcome = 'failed' | 'errored' | 'suppressed' | 'manual' | 'passed';
const OUTCOME_ORDER: Outcome[] = ['failed', 'errored', 'suppressed', 'manual', 'passed'];

export interface ControlRollup {
  framework: string;
  frameworkName: string;
  frameworkVersion: string;
  controlId: string;
  title: string;
  status: ControlStatus;
  checks: string[];
  /** Distinct resources by their worst outcome, so the counts add up to `resources`. */
  counts: Record<Outcome, number>;
  resources: number;
  /** The ids of the findings behind the control, check by check (checks in id order). */
  findingIds: string[];
}

function outcomeOf(f: Finding): Outcome {
  if (f.status === 'FAIL') return f.suppressed ? 'suppressed' : 'failed';
  if (f.status === 'ERROR') return 'errored';
  if (f.status === 'MANUAL') return 'manual';
  return 'passed';
}

/** Keeps the worse of a resource's outcomes. */
function worst(map: Map<string, Outcome>, arn: string, o: Outcome): void {
  const prev = map.get(arn);
  if (!prev || OUTCOME_ORDER.indexOf(o) < OUTCOME_ORDER.indexOf(prev)) map.set(arn, o);
}

function statusOf(r: Pick<ControlRollup, 'checks' | 'counts' | 'resources'>): ControlStatus {
  if (r.checks.length === 0) return 'NOT_ASSESSED';
  if (r.resources === 0) return 'NOT_APPLICABLE';
  if (r.counts.failed) return 'FAIL';
  if (r.counts.errored) return 'ERROR';
  if (r.counts.suppressed) return 'SUPPRESSED';
  if (r.counts.manual) return 'MANUAL';
  return 'PASS';
}

export function controlRollups(
  report: ReportView,
  frameworks: Framework[] = loadFrameworks(),
): ControlRollup[] {
  // Per check, only what a control needs: finding ids, and each resource's worst outcome.
  const byCheck = new Map<string, { ids: string[]; worst: Map<string, Outcome> }>();
  for (const f of report.findings) {
    let c = byCheck.get(f.checkId);
    if (!c) byCheck.set(f.checkId, (c = { ids: [], worst: new Map() }));
    c.ids.push(f.id);
    worst(c.worst, f.resource.arn, outcomeOf(f));
  }
  // framework -> control -> checks, from what the report evaluated.
  const evaluated = new Map<string, Map<string, string[]>>();
  for (const check of Object.values(report.checks)) {
    for (const [fw, controls] of Object.entries(check.compliance)) {
      const byControl = evaluated.get(fw) ?? new Map<string, string[]>();
      for (const c of controls) byControl.set(c, [...(byControl.get(c) ?? []), check.id]);
      evaluated.set(fw, byControl);
    }
  }
  const rows: ControlRollup[] = [];
  const known = new Set(frameworks.map((f) => f.framework));
  const listed = [
    ...frameworks.map((f) => ({
      framework: f.framework,
      name: f.name,
      version: f.version,
      controls: f.controls.map((c) => ({ id: c.id, title: c.title })),
    })),
    // A saved report may map controls this installation no longer ships: keep them.
    ...[...evaluated.keys()]
      .filter((fw) => !known.has(fw))
      .sort()
      .map((fw) => ({ framework: fw, name: fw, version: '', controls: [] })),
  ];
  for (const fw of listed) {
    const byControl = evaluated.get(fw.framework) ?? new Map<string, string[]>();
    const controls = [...fw.controls];
    for (const id of byControl.keys()) {
      if (!controls.some((c) => c.id === id)) controls.push({ id, title: '' });
    }
    for (const control of controls) {
      const checks = [...(byControl.get(control.id) ?? [])].sort();
      const perCheck = checks.flatMap((id) => byCheck.get(id) ?? []);
      const resources = new Map<string, Outcome>();
      for (const c of perCheck) for (const [arn, o] of c.worst) worst(resources, arn, o);
      const counts = { failed: 0, errored: 0, suppressed: 0, manual: 0, passed: 0 };
      for (const o of resources.values()) counts[o]++;
      const partial = { checks, counts, resources: resources.size };
      rows.push({
        framework: fw.framework,
        frameworkName: fw.name,
        frameworkVersion: fw.version,
        controlId: control.id,
        title: control.title,
        status: statusOf(partial),
        ...partial,
        findingIds: perCheck.flatMap((c) => c.ids),
      });
    }
  }
  return rows;
}
