/**
 * runRegionSlices, the table-driven region runner, with collectors handed in by the test: when
 * each slice starts, what a dependent receives, and what a collector that throws leaves behind.
 */
import { describe, expect, it } from 'vitest';
import type { Clients } from '../../src/collect/clients.js';
import { CollectionLog, RegionContext } from '../../src/collect/context.js';
import { REGION_COLLECTORS } from '../../src/collect/region.js';
import { runRegionSlices, type RegionCollectors } from '../../src/collect/run-slices.js';
import { REGION_SLICES, sliceRow, type RegionSlice } from '../../src/snapshot/slices.js';

function context() {
  const log = new CollectionLog();
  // The collectors below never touch a client: the runner only hands the context on.
  const ctx = new RegionContext({} as Clients, '111122223333', 'eu-west-1', 'aws', log);
  return { log, ctx };
}

/** Collectors that wait until the test settles them, recording when they start and what they got. */
function controlled() {
  const started: RegionSlice[] = [];
  const got = new Map<RegionSlice, object>();
  const settle = new Map<RegionSlice, (v: unknown) => void>();
  const fail = new Map<RegionSlice, (e: Error) => void>();
  const collectors = Object.fromEntries(
    REGION_SLICES.map((s) => [
      s,
      (_ctx: RegionContext, deps: object) => {
        started.push(s);
        got.set(s, deps);
        return new Promise((resolve, reject) => {
          settle.set(s, resolve);
          fail.set(s, reject);
        });
      },
    ]),
  ) as unknown as RegionCollectors;
  return { collectors, started, got, settle, fail };
}

const tick = () => new Promise((r) => setImmediate(r));
const independent = REGION_SLICES.filter((s) => !sliceRow(s).dependsOn?.length);

describe('runRegionSlices', () => {
  it('starts every independent slice at once, and each dependent when its own inputs arrived', async () => {
    const { ctx, log } = context();
    const c = controlled();
    const done = runRegionSlices(ctx, c.collectors);
    await tick();
    expect(c.started).toEqual(independent);

    c.settle.get('restApis')!(['rest']);
    await tick();
    expect(c.started.slice(independent.length)).toEqual(['webAcls']);
    expect(c.got.get('webAcls')).toEqual({ restApis: ['rest'] });

    c.settle.get('v2Apis')!(['v2']);
    await tick();
    expect(c.started).toContain('lambdaPolicies');
    expect(c.got.get('lambdaPolicies')).toEqual({ restApis: ['rest'], v2Apis: ['v2'] });
    expect(c.started).not.toContain('certificates');

    c.settle.get('domainNames')!(['d1']);
    await tick();
    expect(c.started).not.toContain('certificates');
    c.settle.get('v2DomainNames')!(['d2']);
    await tick();
    expect(c.got.get('certificates')).toEqual({ domainNames: ['d1'], v2DomainNames: ['d2'] });

    for (const s of REGION_SLICES) c.settle.get(s)!(`value of ${s}`);
    const region = await done;
    expect(Object.keys(region)).toEqual(['region', ...REGION_SLICES]);
    expect(region.region).toBe('eu-west-1');
    expect(region.trails).toBe('value of trails');
    expect(region.restApis).toEqual(['rest']);
    expect(log.errors).toEqual([]);
  });

  it('leaves a slice whose collector threw undefined, with a CollectorError; its dependents still run', async () => {
    const { ctx, log } = context();
    const c = controlled();
    const done = runRegionSlices(ctx, c.collectors);
    await tick();
    c.fail.get('restApis')!(new Error('unexpected answer shape'));
    await tick();
    expect(c.got.get('webAcls')).toEqual({ restApis: undefined });
    c.fail.get('webAcls')!(new Error('second'));
    for (const s of independent) if (s !== 'restApis') c.settle.get(s)!([]);
    await tick();
    c.settle.get('lambdaPolicies')!({});
    c.settle.get('certificates')!({});
    const region = await done;
    expect('restApis' in region && region.restApis === undefined).toBe(true);
    expect(region.webAcls).toBeUndefined();
    expect(region.v2Apis).toEqual([]);
    expect(log.errors).toEqual([
      {
        slice: 'restApis',
        service: 'apigateway',
        operation: 'collect',
        accountId: '111122223333',
        region: 'eu-west-1',
        errorCode: 'CollectorError',
        message: 'unexpected answer shape',
      },
      expect.objectContaining({ slice: 'webAcls', service: 'wafv2', errorCode: 'CollectorError' }),
    ]);
  });

  it('turns a collector that throws before returning a promise into a CollectorError too', async () => {
    const { ctx, log } = context();
    const collectors = Object.fromEntries(
      REGION_SLICES.map((s) => [
        s,
        s === 'trails'
          ? () => {
              throw new TypeError('trailList.map is not a function');
            }
          : async () => [],
      ]),
    ) as unknown as RegionCollectors;
    const region = await runRegionSlices(ctx, collectors);
    expect(region.trails).toBeUndefined();
    expect(region.usagePlans).toEqual([]);
    expect(log.errors).toMatchObject([
      { slice: 'trails', service: 'cloudtrail', operation: 'collect', errorCode: 'CollectorError' },
    ]);
  });

  it('has a collector for every region row of the table, and none for anything else', () => {
    expect(Object.keys(REGION_COLLECTORS).sort()).toEqual([...REGION_SLICES].sort());
  });
});
