/**
 * RuleTester-style tables for checks: each case is a snapshot and the results expected, by
 * resource name and status (and, where it matters, severity and evidence).
 */
import { expect, it } from 'vitest';
import type { Check, CheckResult } from '../../src/engine/check.js';
import { DEFAULT_CHECK_CONFIG, type CheckConfig } from '../../src/config/types.js';
import type { Severity, Status } from '../../src/engine/types.js';
import type { Snapshot } from '../../src/snapshot/types.js';

export interface Expected {
  /** ResourceRef.name of the result. */
  resource: string;
  status: Status;
  severity?: Severity;
  /** Each key must be present in the result's evidence with this value. */
  evidence?: Record<string, unknown>;
  /** A substring of the message. */
  message?: string;
}

export interface Case {
  name: string;
  snapshot: Snapshot;
  config?: Partial<CheckConfig>;
  now?: Date;
  expect: Expected[];
}

export const NOW = new Date('2026-11-25T12:00:00Z');

export function runCheck(
  check: Check,
  c: Pick<Case, 'snapshot' | 'config' | 'now'>,
): CheckResult[] {
  return check.run(c.snapshot, { ...DEFAULT_CHECK_CONFIG, ...c.config }, c.now ?? NOW);
}

export function checkTable(check: Check, cases: Case[]): void {
  for (const c of cases) {
    it(c.name, () => {
      const results = runCheck(check, c);
      expect(
        results.map((r) => `${r.resource.name}: ${r.status}`).sort(),
        'results by resource',
      ).toEqual(c.expect.map((e) => `${e.resource}: ${e.status}`).sort());
      for (const e of c.expect) {
        const r = results.find((x) => x.resource.name === e.resource && x.status === e.status)!;
        if (e.severity) expect(r.severity, `${e.resource} severity`).toBe(e.severity);
        if (e.message) expect(r.message).toContain(e.message);
        for (const [k, v] of Object.entries(e.evidence ?? {})) {
          expect(r.evidence[k], `${e.resource} evidence ${k}`).toEqual(v);
        }
      }
    });
  }
}
