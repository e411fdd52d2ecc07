/**
 * The spool's line format (src/report-io/finding-lines.ts): findings read back are the same
 * JSON text as the findings written, packed or not, and a finding of any other shape is kept
 * whole.
 */
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { BaselineMarker } from '../../src/baseline/annotate.js';
import { auditConfig } from '../../src/config/load.js';
import { evaluateFindings, evaluateSnapshot } from '../../src/engine/evaluate.js';
import type { Finding } from '../../src/engine/types.js';
import { FindingLines } from '../../src/report-io/finding-lines.js';
import { NOW } from '../helpers/report.js';
import { sampleReports } from '../helpers/reports.js';
import { region, restApi, restStage, snapshot } from '../helpers/snapshot.js';

describe('FindingLines', () => {
  it('gives back every finding as the same JSON text, sharing what a check’s findings share', () => {
    for (const [, report] of sampleReports()) {
      const lines = new FindingLines();
      const written = report.findings.map((f) => lines.write(f));
      const read = written.map((l) => lines.read(l));
      expect(read.map((f) => JSON.stringify(f))).toEqual(
        report.findings.map((f) => JSON.stringify(f)),
      );
    }
  });

  it('packs the evaluator’s findings, suppressed and baseline-marked ones too', () => {
    const snap = snapshot([
      region({
        restApis: [
          restApi({ id: 'a1', stages: [restStage({ stageName: 'prod' })] }),
          restApi({ id: 'a2', stages: [restStage({ stageName: 'dev' })] }),
        ],
      }),
    ]);
    const earlier = evaluateSnapshot(snap, ALL_CHECKS, auditConfig(), { now: NOW });
    const marker = new BaselineMarker(earlier.findings.slice(0, -3), {
      file: 'b.json',
      generatedAt: '',
    });
    const config = auditConfig({}, [{ checkId: 'rest-xray-tracing', reason: 'accepted' }]);
    const lines = new FindingLines();
    const kinds = new Set<string>();
    let n = 0;
    for (const f of evaluateFindings(snap, ALL_CHECKS, config, NOW)) {
      const marked = marker.mark(f);
      const line = lines.write(marked);
      expect(line.startsWith('~')).toBe(true);
      expect(JSON.stringify(lines.read(line))).toBe(JSON.stringify(marked));
      if (marked.suppression) kinds.add('suppressed');
      if (marked.baseline) kinds.add(marked.baseline);
      n++;
    }
    expect(n).toBeGreaterThan(20);
    expect([...kinds].sort()).toEqual(['new', 'suppressed', 'unchanged']);
  });

  it('writes a finding whole when its shared members differ or it has another shape', () => {
    const [, report] = sampleReports()[0]!;
    const [a, b] = report.findings as [Finding, Finding];
    const lines = new FindingLines();
    lines.write(a);
    const other: Finding = { ...a, id: 'x', remediation: { ...a.remediation, cli: 'other' } };
    const extra = { ...a, id: 'y', note: 'kept' } as Finding;
    for (const f of [other, extra]) {
      const line = lines.write(f);
      expect(line.startsWith('{')).toBe(true);
      expect(lines.read(line)).toEqual(f);
    }
    expect(lines.read(lines.write(b))).toEqual(b);
  });
});
