import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { syntheticSnapshot } from '../../bench/evaluate.js';
import { auditConfig } from '../../src/config/load.js';
import { evaluateFindings, evaluateSnapshot } from '../../src/engine/evaluate.js';
import { RENDERERS, rendererFor } from '../../src/render/index.js';
import { evaluateSpooled } from '../../src/report-io/spooled-report.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import type { ReportView } from '../../src/engine/types.js';

const demo = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../examples/demo-snapshot.json'), 'utf8'),
) as Snapshot;
const config = auditConfig(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/demo-config.json'), 'utf8')),
);
const now = new Date('2026-11-30T12:00:00.000Z');

function joined(report: ReportView, format: string) {
  return [...rendererFor(format)!.outputs(report, { ocsfIncludePass: true })]
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((o) => ({ path: o.path, content: [...o.chunks].join('') }));
}

describe('evaluation with the findings spooled to a file', () => {
  it.each([
    ['demo account', demo],
    ['synthetic, 30 units', syntheticSnapshot(30)],
  ])('%s: every format is what the in-memory report renders', (_n, snapshot) => {
    const whole = evaluateSnapshot(snapshot, ALL_CHECKS, config, { now, options: { a: 1 } });
    const spooled = evaluateSpooled(snapshot, ALL_CHECKS, config, { now, options: { a: 1 } });
    try {
      expect(Object.keys(spooled.report)).toEqual(Object.keys(whole));
      expect([...spooled.report.findings]).toEqual(whole.findings);
      for (const { format } of RENDERERS) {
        expect(joined(spooled.report, format), format).toEqual(
          rendererFor(format)!.files(whole, { ocsfIncludePass: true }),
        );
      }
    } finally {
      spooled.dispose();
    }
  });

  it('emits findings one by one, check by check, and removes its file when done', () => {
    const it = evaluateFindings(demo, ALL_CHECKS, config, now);
    const first = it.next().value!;
    expect(first.checkId).toBe(ALL_CHECKS.find((c) => c.run(demo, config, now).length)!.meta.id);
    const spooled = evaluateSpooled(demo, ALL_CHECKS, config, { now });
    expect([...spooled.report.findings].length).toBe(spooled.report.summary.total);
    spooled.dispose();
    expect(() => [...spooled.report.findings]).toThrow(/ENOENT/);
  });
});
