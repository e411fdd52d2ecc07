import { GetResourcesCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { CollectionLog, RegionContext } from '../../src/collect/context.js';
import {
  DEFAULT_PACING,
  lanesOf,
  Pacer,
  scaledPacing,
  TokenBucket,
  type Clock,
} from '../../src/collect/pacing.js';
import { collectRestApis } from '../../src/collect/rest.js';
import { useMockAws } from '../helpers/mock-aws.js';

/** A clock that only moves when someone sleeps: each sleeper wakes at its own deadline. */
class FakeClock implements Clock {
  t = 0;
  private sleepers: Array<{ at: number; wake: () => void }> = [];
  now(): number {
    return this.t;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.sleepers.push({ at: this.t + ms, wake }));
  }
  /** Lets every pending promise settle, then advances to the next deadline; until idle. */
  async run(): Promise<void> {
    for (;;) {
      for (let i = 0; i < 20; i++) await Promise.resolve();
      await new Promise((r) => setImmediate(r));
      if (!this.sleepers.length) return;
      this.sleepers.sort((a, b) => a.at - b.at);
      const next = this.sleepers.shift()!;
      this.t = Math.max(this.t, next.at);
      next.wake();
    }
  }
}

/** The most requests started in any window of `ms` (half-open), given start times. */
function maxInWindow(times: number[], ms: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('token bucket', () => {
  it('lets a burst through, then spaces calls at the rate', () => {
    const clock = new FakeClock();
    const b = new TokenBucket({ rate: 10, burst: 3 }, clock);
    expect([b.reserve(), b.reserve(), b.reserve()]).toEqual([0, 0, 0]);
    expect(b.reserve()).toBeCloseTo(100);
    expect(b.reserve()).toBeCloseTo(200);
    clock.t = 1000; // idle for long enough: the bucket is full again, never fuller
    expect([b.reserve(), b.reserve(), b.reserve(), b.reserve()].map(Math.round)).toEqual([
      0, 0, 0, 100,
    ]);
  });

  it('refuses nonsense rates', () => {
    expect(() => new TokenBucket({ rate: 0, burst: 1 }, new FakeClock())).toThrow(RangeError);
  });

  it('routes GetResources through its own lane and the shared API Gateway lane', () => {
    expect(lanesOf('apigateway', 'GetResources')).toEqual([
      'apigateway:GetResources',
      'apigateway',
    ]);
    expect(lanesOf('apigatewayv2', 'GetRoutes')).toEqual(['apigateway:GetRoutes', 'apigateway']);
    expect(lanesOf('wafv2', 'GetWebACL')).toEqual(['wafv2:GetWebACL', 'wafv2']);
    // The defaults stay under the AWS quotas (10 rps burst 40; GetResources 5 per 2 s; WAF 5 rps).
    expect(DEFAULT_PACING.apigateway!.rate).toBeLessThan(10);
    expect(DEFAULT_PACING.apigateway!.burst).toBeLessThanOrEqual(40);
    const gr = DEFAULT_PACING['apigateway:GetResources']!;
    expect(gr.burst + gr.rate * 2).toBeLessThanOrEqual(6);
    expect(DEFAULT_PACING.wafv2!.rate).toBeLessThanOrEqual(5);
    expect(scaledPacing(10).apigateway).toEqual({ rate: 90, burst: 40 });
  });
});

describe('pacing inside RegionContext (injected clock)', () => {
  const aws = useMockAws();

  it('keeps a burst of 100 API Gateway calls per account and region under the configured rate', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ apigateway: { rate: 10, burst: 5 } }, clock);
    const starts: Record<string, number[]> = { 'eu-west-1': [], 'us-east-1': [] };
    aws.m.apigateway.on(GetRestApisCommand).callsFake(async (_i, getClient) => {
      const region = await (
        getClient() as unknown as { config: { region(): Promise<string> } }
      ).config.region();
      starts[region]!.push(clock.now());
      return { items: [] };
    });
    const log = new CollectionLog();
    const ctx = (region: string) =>
      new RegionContext(aws.clients(region), '111122223333', region, 'aws', log, {
        pacer,
        maxInFlight: 50,
      });
    const eu = ctx('eu-west-1');
    const us = ctx('us-east-1');
    const spec = { slice: 'restApis', service: 'apigateway', operation: 'GetRestApis' } as const;
    const all = Promise.all(
      Array.from({ length: 50 }, () => [
        eu.send(spec, eu.clients.apigateway, new GetRestApisCommand({})),
        us.send(spec, us.clients.apigateway, new GetRestApisCommand({})),
      ]).flat(),
    );
    await clock.run();
    await all;
    for (const region of ['eu-west-1', 'us-east-1']) {
      const t = starts[region]!;
      expect(t).toHaveLength(50);
      // burst 5 at t=0, then one every 100 ms: the 50th starts at 4.5 s.
      expect(t.filter((x) => x === 0)).toHaveLength(5);
      expect(Math.max(...t)).toBeCloseTo(4500);
      expect(maxInWindow(t, 1000)).toBeLessThanOrEqual(5 + 10);
    }
    expect(log.stats.calls['apigateway:GetRestApis']).toBe(100);
    expect(Math.round(pacer.waitedMs.apigateway!)).toBeGreaterThan(0);
  });

  it('GetResources never exceeds 5 calls in any 2 seconds under the default lanes', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(DEFAULT_PACING, clock);
    const apis = Array.from({ length: 30 }, (_, i) => ({ id: `a${i}` }));
    aws.m.apigateway.on(GetRestApisCommand).resolves({ items: apis });
    const resourceStarts: number[] = [];
    const allStarts: number[] = [];
    aws.m.apigateway.onAnyCommand().callsFake(() => {
      allStarts.push(clock.now());
      return {};
    });
    aws.m.apigateway.on(GetRestApisCommand).callsFake(() => {
      allStarts.push(clock.now());
      return { items: apis };
    });
    aws.m.apigateway.on(GetResourcesCommand).callsFake(() => {
      allStarts.push(clock.now());
      resourceStarts.push(clock.now());
      return { items: [] };
    });
    const ctx = new RegionContext(
      aws.clients('eu-west-1'),
      '111122223333',
      'eu-west-1',
      'aws',
      new CollectionLog(),
      { pacer, maxInFlight: 200 },
    );
    const done = collectRestApis(ctx);
    await clock.run();
    const out = await done;
    expect(out).toHaveLength(30);
    expect(resourceStarts).toHaveLength(30);
    expect(maxInWindow(resourceStarts, 2000)).toBeLessThanOrEqual(5);
    // 1 + 5 calls per API share the 9 rps / burst 40 lane.
    expect(allStarts).toHaveLength(1 + 30 * 5);
    expect(maxInWindow(allStarts, 1000)).toBeLessThanOrEqual(40 + 9);
    expect(
      maxInWindow(
        allStarts.filter((t) => t >= 10_000),
        1000,
      ),
    ).toBeLessThanOrEqual(10);
  });
});
