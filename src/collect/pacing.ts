/**
 * Client-side pacing: token buckets per (account, region, lane), so a scan stays under the
 * management-API quotas instead of leaning on throttling and retries.
 *
 * AWS quotas (per account and region; fixed, they cannot be raised):
 * - API Gateway management API (v1 and v2 together): 10 requests/s, burst 40;
 *   GetResources additionally 5 requests every 2 s.
 * - WAFv2: GetWebACLForResource and ListResourcesForWebACL 1/s; other Get/List 5/s.
 * The defaults below stay just under them. A call takes one token from every lane it belongs to
 * (GetResources: its own lane, then the shared API Gateway lane).
 *
 * Each bucket is a GCRA / virtual-scheduling token bucket: a call books its slot synchronously
 * (so waiters are served first come, first served) and then sleeps until it.
 * The clock is injectable so tests are deterministic.
 */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface LaneRate {
  /** Sustained requests per second. */
  rate: number;
  /** Requests allowed at once from a full bucket. */
  burst: number;
}

export type PacingConfig = Record<string, LaneRate>;

/** The lanes and rates used by `scan` unless told otherwise. */
export const DEFAULT_PACING: PacingConfig = {
  /** apigateway + apigatewayv2 share the 10 rps / burst 40 account quota. */
  apigateway: { rate: 9, burst: 40 },
  /** 5 per 2 s; burst 1 keeps any 2-second window at 5 calls or fewer. */
  'apigateway:GetResources': { rate: 2.5, burst: 1 },
  wafv2: { rate: 4.5, burst: 5 },
  'wafv2:GetWebACLForResource': { rate: 0.9, burst: 1 },
  'wafv2:ListResourcesForWebACL': { rate: 0.9, burst: 1 },
  cloudtrail: { rate: 5, burst: 5 },
  lambda: { rate: 10, burst: 10 },
  acm: { rate: 10, burst: 10 },
  account: { rate: 5, burst: 5 },
  ec2: { rate: 10, burst: 10 },
  /** One ListAccountAliases per account. */
  iam: { rate: 5, burst: 5 },
};

/** The lanes a call goes through, narrowest first. */
export function lanesOf(service: string, operation: string): string[] {
  const family = service === 'apigatewayv2' ? 'apigateway' : service;
  const own = `${family}:${operation}`;
  return [own, family];
}

export class TokenBucket {
  private readonly interval: number;
  private readonly tolerance: number;
  /** Theoretical arrival time of the next request, in clock ms. */
  private tat = -Infinity;

  constructor(
    readonly lane: LaneRate,
    private readonly clock: Clock,
  ) {
    if (!(lane.rate > 0) || !(lane.burst >= 1)) {
      throw new RangeError(`invalid lane rate ${JSON.stringify(lane)}`);
    }
    this.interval = 1000 / lane.rate;
    this.tolerance = (Math.floor(lane.burst) - 1) * this.interval;
  }

  /** The earliest time (clock ms, >= now) at which a call would conform. */
  earliest(now: number): number {
    return Math.max(now, this.tat - this.tolerance);
  }

  /** Books a call at time `at` (which must be >= earliest(now)). */
  commit(at: number): void {
    this.tat = Math.max(this.tat, at) + this.interval;
  }

  /** Reserves the next slot and returns how long to wait for it (ms, 0 = now). */
  reserve(): number {
    const now = this.clock.now();
    const at = this.earliest(now);
    this.commit(at);
    return at - now;
  }

  async take(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await this.clock.sleep(wait);
  }
}

/** All the buckets of one scan. Unknown lanes are not paced. */
export class Pacer {
  private readonly buckets = new Map<string, TokenBucket>();
  /** Total ms callers spent waiting for a token, by lane (for the stats). */
  readonly waitedMs: Record<string, number> = {};

  constructor(
    readonly config: PacingConfig = DEFAULT_PACING,
    readonly clock: Clock = systemClock,
  ) {}

  /**
   * Waits for a token in every lane of this call. The slot is booked in all lanes at once, at
   * the first time every lane allows: booking lane by lane would let a call that waited for its
   * narrow lane (GetResources) queue again behind the shared lane, and a backlog there would
   * then release many GetResources calls together, breaking the narrow quota.
   */
  async acquire(
    accountId: string,
    region: string,
    service: string,
    operation: string,
  ): Promise<void> {
    const lanes: Array<[string, TokenBucket]> = [];
    for (const lane of lanesOf(service, operation)) {
      const rate = this.config[lane];
      if (!rate) continue;
      const key = `${accountId}|${region}|${lane}`;
      let bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(rate, this.clock)));
      lanes.push([lane, bucket]);
    }
    if (!lanes.length) return;
    const now = this.clock.now();
    const at = Math.max(...lanes.map(([, b]) => b.earliest(now)));
    for (const [, b] of lanes) b.commit(at);
    const wait = at - now;
    if (wait > 0) {
      const lane = lanes[0]![0];
      this.waitedMs[lane] = (this.waitedMs[lane] ?? 0) + wait;
      await this.clock.sleep(wait);
    }
  }
}

/** A pacer that never waits (tests against moto, or --no-pacing style debugging). */
export const unpaced = (): Pacer => new Pacer({});

/** Multiplies every rate (and keeps bursts), e.g. for a benchmark against a local emulator. */
export function scaledPacing(factor: number, base: PacingConfig = DEFAULT_PACING): PacingConfig {
  return Object.fromEntries(
    Object.entries(base).map(([lane, r]) => [lane, { rate: r.rate * factor, burst: r.burst }]),
  );
}
