/**
 * A token bucket: `burst` tokens at most, refilled continuously at `rate` tokens per second.
 * A request takes one token; with none left it is refused (a refused request takes nothing).
 * Time comes from an injected clock (milliseconds), so the arithmetic is testable.
 */
export type Clock = () => number;

export interface Quota {
  /** Tokens added per second. */
  rate: number;
  /** Bucket size: the most requests that can be answered at once after a quiet period. */
  burst: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly quota: Quota,
    private readonly clock: Clock,
  ) {
    this.tokens = quota.burst;
    this.last = clock();
  }

  private refill(): void {
    const now = this.clock();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.tokens = Math.min(this.quota.burst, this.tokens + elapsed * this.quota.rate);
    this.last = now;
  }

  /** Tokens available now (fractional). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** True when a whole token is available. Takes nothing. */
  canTake(): boolean {
    return this.available() >= 1;
  }

  /** Takes one token if there is one; returns whether it did. */
  tryTake(): boolean {
    if (!this.canTake()) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a whole token will be available (0 when one is). */
  waitMs(): number {
    const t = this.available();
    if (t >= 1) return 0;
    if (this.quota.rate <= 0) return Number.POSITIVE_INFINITY;
    return ((1 - t) / this.quota.rate) * 1000;
  }
}

/**
 * Takes a token from every bucket or from none: a request needs room in all the lanes it uses
 * (for GetResources, the account's total and the GetResources lane). Returns the wait until all
 * would have room when refused.
 */
export function takeAll(buckets: TokenBucket[]): { ok: true } | { ok: false; waitMs: number } {
  if (buckets.every((b) => b.canTake())) {
    for (const b of buckets) b.tryTake();
    return { ok: true };
  }
  return { ok: false, waitMs: Math.max(...buckets.map((b) => b.waitMs())) };
}
