/**
 * Every check reads only the slices its `meta.reads` declares: the ERROR walkers and the
 * slice-failure meta-test both trust that list, so a read it leaves out is a verdict that a
 * failed collection could not turn into ERROR.
 */
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { defineCheck } from '../../checks/lib/define.js';
import type { Slice } from '../../src/snapshot/types.js';
import { NOW } from '../helpers/check-table.js';
import { RICH_CONFIG, richSnapshot } from '../helpers/rich-snapshot.js';
import { watchSlices } from '../helpers/slice-guard.js';
import base from '../../checks/rest-execution-logging.js';

function slicesRead(check: (typeof ALL_CHECKS)[number]): Set<Slice> {
  const read = new Set<Slice>();
  const results = check.run(
    watchSlices(richSnapshot(), (s) => read.add(s)),
    RICH_CONFIG,
    NOW,
  );
  // A crash would hide reads the check never got to.
  expect(results.filter((r) => r.evidence.exception !== undefined)).toEqual([]);
  return read;
}

describe('checks read only the slices they declare', () => {
  for (const check of ALL_CHECKS) {
    it(check.meta.id, () => {
      const undeclared = [...slicesRead(check)].filter((s) => !check.meta.reads.includes(s));
      expect(undeclared, 'slices read but not in meta.reads').toEqual([]);
    });
  }

  it('the guard sees a region slice and a sub-slice read behind a walker', () => {
    const sneaky = defineCheck({
      meta: { ...base.meta, id: 'sneaky', reads: ['restApis'] },
      evaluate(ctx) {
        for (const a of ctx.restApis()) void a.api.stages;
        for (const r of ctx.regions()) void r.region.trails;
      },
    });
    expect([...slicesRead(sneaky)].sort()).toEqual(['restApi.stages', 'restApis', 'trails']);
  });
});
