import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { motoPython } from '../../bench/moto.js';
import type { Report } from '../../src/engine/types.js';
import { rendererFor } from '../../src/render/index.js';
import { controlToken, OSCAL_VERSION, renderOscal } from '../../src/render/oscal.js';
import { packageRoot } from '../../src/paths.js';
import { engineReport, handReport, sampleReports } from '../helpers/reports.js';

const VALIDATOR = join(packageRoot, 'test', 'validators', 'validate_oscal.py');
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** compliance-trestle's pydantic model of OSCAL Assessment Results (strict: no extra field). */
function trestle(doc: unknown): { ok: boolean; out: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'apigw-audit-oscal-')), 'report.oscal.json');
  writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  const r = spawnSync(motoPython(), [VALIDATOR, file], { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
const parse = (report: Report): Doc => JSON.parse(renderOscal(report))['assessment-results'];

describe('OSCAL Assessment Results renderer', () => {
  it('is registered as oscal, written to report.oscal.json', () => {
    expect(rendererFor('oscal')?.file).toBe('report.oscal.json');
  });

  it.each(sampleReports())('%s: validates against compliance-trestle', (_n, report) => {
    const text = renderOscal(report);
    const r = trestle(text);
    expect(r.out).toMatch(/^ok /);
    const [, observations, findings] = r.out.trim().split(' ');
    expect(Number(observations)).toBe(report.findings.length);
    expect(Number(findings)).toBeGreaterThan(0);
  });

  it('the validator rejects what OSCAL forbids (so a pass means something)', () => {
    const doc = JSON.parse(renderOscal(handReport()));
    const broken = structuredClone(doc);
    broken['assessment-results'].results[0].findings[0].target.status.state = 'passed';
    expect(trestle(broken)).toMatchObject({ ok: false });
    const extra = structuredClone(doc);
    extra['assessment-results'].results[0].verdict = 'fine';
    expect(trestle(extra).out).toMatch(/extra fields not permitted/);
    const badUuid = structuredClone(doc);
    badUuid['assessment-results'].uuid = 'not-a-uuid';
    expect(trestle(badUuid)).toMatchObject({ ok: false });
  });

  it('one observation per finding: the evidence as relevant-evidence, the resource as subject', () => {
    const report = handReport();
    const ar = parse(report);
    expect(ar.metadata['oscal-version']).toBe(OSCAL_VERSION);
    const [result] = ar.results;
    expect(result.start).toBe(report.scan.startedAt);
    expect(result.end).toBe(report.scan.finishedAt);
    expect(result.observations).toHaveLength(report.findings.length);
    const items = new Map<string, Doc>(
      result['local-definitions']['inventory-items'].map((i: Doc) => [i.uuid, i]),
    );
    report.findings.forEach((f, i) => {
      const o = result.observations[i];
      const props = Object.fromEntries(o.props.map((p: Doc) => [p.name, p.value]));
      expect(props['finding-id']).toBe(f.id);
      expect(props['check-id']).toBe(f.checkId);
      expect(props.result).toBe(f.status);
      expect(o.methods).toEqual(['TEST']);
      const evidence = /```json\n([\s\S]*)\n```/.exec(o['relevant-evidence'][0].description)![1]!;
      expect(JSON.parse(evidence)).toEqual(f.evidence);
      const item = items.get(o.subjects[0]['subject-uuid']);
      expect(o.subjects[0].type).toBe('inventory-item');
      expect(item.props.find((p: Doc) => p.name === 'asset-id').value).toBe(f.resource.arn);
    });
    const suppressed = result.observations[4].props.find((p: Doc) => p.name === 'suppressed');
    expect(suppressed.value).toBe(report.findings[4]!.suppression!.reason);
  });

  it('one finding per assessed control, satisfied only when every resource passed', () => {
    const report = engineReport();
    const [result] = parse(report).results;
    const byTarget = new Map<string, Doc>(
      result.findings.map((f: Doc) => [f.target['target-id'], f]),
    );
    expect(byTarget.size).toBe(result.findings.length);
    const logging = byTarget.get(controlToken('fsbp', 'APIGateway.1'));
    // engineReport has unsuppressed FAILs of rest-execution-logging.
    expect(logging.target.status).toEqual({ state: 'not-satisfied', reason: 'fail' });
    const expected = report.findings
      .filter((f) => f.compliance.fsbp?.includes('APIGateway.1'))
      .map((f) => f.id);
    const obsById = new Map<string, string>(
      result.observations.map((o: Doc) => [
        o.uuid,
        o.props.find((p: Doc) => p.name === 'finding-id').value,
      ]),
    );
    expect(
      logging['related-observations'].map((r: Doc) => obsById.get(r['observation-uuid'])).sort(),
    ).toEqual(expected.sort());
    const included = result['reviewed-controls']['control-selections'].flatMap((s: Doc) =>
      s['include-controls'].map((c: Doc) => c['control-id']),
    );
    expect(included.sort()).toEqual([...byTarget.keys()].sort());

    const passing = handReport();
    passing.findings = passing.findings.filter(
      (f) => f.checkId === 'check-a' && f.status === 'PASS',
    );
    const [ok] = parse(passing).results;
    // check-a maps fsbp APIGateway.1, cis 4.1 and cis 4.2.
    expect(ok.findings.map((f: Doc) => [f.target['target-id'], f.target.status.state])).toEqual([
      ['fsbp_APIGateway.1', 'satisfied'],
      ['cis_4.1', 'satisfied'],
      ['cis_4.2', 'satisfied'],
    ]);
  });

  it('control ids become OSCAL tokens', () => {
    expect(controlToken('nist-800-53-r5', 'AC-4(21)')).toBe('ac-4.21');
    expect(controlToken('nist-800-53-r5', 'AU-2')).toBe('au-2');
    expect(controlToken('pci-dss-v4', '10.2.1')).toBe('pci-dss-v4_10.2.1');
    expect(controlToken('fsbp', 'APIGateway.1')).toBe('fsbp_APIGateway.1');
  });

  it('renders the same report to the same bytes, with name-based v5 UUIDs', () => {
    const report = engineReport();
    const text = renderOscal(report);
    expect(renderOscal(structuredClone(report))).toBe(text);
    const uuids = [...text.matchAll(/"(?:uuid|subject-uuid|observation-uuid)": "([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(uuids.length).toBeGreaterThan(report.findings.length);
    for (const u of uuids) expect(u).toMatch(UUID_V5);
    const other = structuredClone(report);
    other.scan.evaluatedAt = '2026-12-01T00:00:00.000Z';
    const a = parse(report);
    const b = parse(other);
    expect(b.uuid).not.toBe(a.uuid);
    // A finding keeps its observation UUID across runs.
    expect(b.results[0].observations[0].uuid).toBe(a.results[0].observations[0].uuid);
  });
});
