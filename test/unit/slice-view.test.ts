/** The engine hands each check only the slices its metadata declares. */
import { describe, expect, it } from 'vitest';
import { defineCheck } from '../../checks/lib/define.js';
import { ref } from '../../checks/lib/resources.js';
import { auditConfig } from '../../src/config/load.js';
import { evaluateSnapshot } from '../../src/engine/evaluate.js';
import { sliceView, sliceViews } from '../../src/engine/slice-view.js';
import { region, restApi, restStage, snapshot } from '../helpers/snapshot.js';
import base from '../../checks/rest-execution-logging.js';

const snap = () =>
  snapshot([
    region({
      restApis: [restApi({ id: 'a1', name: 'orders', stages: [restStage({ stageName: 'prod' })] })],
      trails: [{ Name: 't', status: { IsLogging: true } }],
    }),
  ]);

describe('slice views', () => {
  it('hides undeclared region slices and sub-slices, keeps declared ones, mutates nothing', () => {
    const s = snap();
    const before = JSON.stringify(s);
    const v = sliceView(s, ['restApis', 'restApi.resources', 'trails']);
    const r = v.accounts[0]!.regions[0]!;
    expect(r.region).toBe('eu-west-1');
    expect(r.restApis?.[0]?.resources).toEqual(s.accounts[0]!.regions[0]!.restApis![0]!.resources);
    expect(r.restApis?.[0]?.stages).toBeUndefined();
    expect(r.trails?.[0]?.Name).toBe('t');
    expect(r.trails?.[0]?.status).toBeUndefined();
    expect(r.account).toBeUndefined();
    expect(r.v2Apis).toBeUndefined();
    expect(JSON.stringify(s)).toBe(before);
  });

  it('checks declaring the same slices share one view', () => {
    const views = sliceViews(snap());
    expect(views(['restApis', 'trails'])).toBe(views(['trails', 'restApis']));
    expect(views(['restApis'])).not.toBe(views(['trails']));
  });

  it('an undeclared read gives ERROR through the engine, never a verdict', () => {
    const sneaky = defineCheck({
      meta: { ...base.meta, id: 'sneaky', reads: ['restApis'] },
      evaluate(ctx) {
        // Reads stages without declaring them.
        for (const s of ctx.restStages()) ctx.pass(ref.restStage(s), 'logs');
      },
    });
    const report = evaluateSnapshot(snap(), [sneaky], auditConfig());
    expect(report.findings.map((f) => [f.resource.name, f.status])).toEqual([['orders', 'ERROR']]);
    expect(report.findings[0]!.evidence.missing).toBe('restApi.stages');
    // The same check handed the whole snapshot would have passed the stage.
    expect(sneaky.run(snap(), auditConfig(), new Date()).map((r) => r.status)).toEqual(['PASS']);
  });
});
