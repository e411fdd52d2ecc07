/**
 * Per-(account, region) collection state: the clients, and `send` / `call`, the single path
 * every AWS request goes through. That path paces the request (token buckets per account,
 * region and lane), bounds the requests in flight, counts calls, throttled answers and retries,
 * and turns a failure into a collectionErrors[] entry instead of an exception, so one failed
 * call never hides others.
 */
import type {
  CommandIO,
  DeserializeMiddleware,
  GetOutputType,
  MetadataBearer,
  MiddlewareStack,
} from '@smithy/types';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Clients } from './clients.js';
import { Pacer, unpaced } from './pacing.js';
import type { CollectionError, CollectionStats, Partition, Slice } from '../snapshot/types.js';
import { paceHeap } from '../util/heap-pacer.js';

export interface ProgressEvent {
  kind: 'region-start' | 'region-done' | 'call' | 'found' | 'accounts' | 'account-done';
  accountId: string;
  region: string;
  /**
   * For 'found': what was found and how many; for 'accounts': how many accounts the scan will
   * read; for 'account-done': how many are done.
   */
  resource?: string;
  count?: number;
}

export type ProgressHook = (e: ProgressEvent) => void;

export interface CallCount {
  /** HTTP attempts made for this call (1 = no retry). */
  attempts: number;
  /** Attempts answered with a throttling error. */
  throttled: number;
  /** Time the SDK slept between attempts, ms. */
  retryDelayMs?: number;
}

export class CollectionLog {
  readonly errors: CollectionError[] = [];
  readonly stats: CollectionStats = { calls: {}, throttled: {}, retries: {} };
  constructor(readonly onProgress: ProgressHook = () => {}) {}

  count(key: string, c: CallCount): void {
    const s = this.stats;
    s.calls[key] = (s.calls[key] ?? 0) + 1;
    if (c.attempts > 1) s.retries[key] = (s.retries[key] ?? 0) + c.attempts - 1;
    if (c.throttled > 0) s.throttled[key] = (s.throttled[key] ?? 0) + c.throttled;
    if (c.retryDelayMs) {
      const d = (s.retryDelayMs ??= {});
      d[key] = (d[key] ?? 0) + Math.round(c.retryDelayMs);
    }
  }
}

export interface CallSpec {
  slice: Slice;
  service: string;
  operation: string;
  resourceId?: string;
  /** The region the request goes to, when not the context's own (Lambda, trail home, ACM). */
  region?: string;
}

export const THROTTLE_CODES = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'WAFLimitsExceededException',
]);

/** Errors that mean "this region does not accept these credentials" (opt-in regions). */
export const REGION_REFUSED_CODES = new Set([
  'UnrecognizedClientException',
  'AuthFailure',
  'InvalidClientTokenId',
  'OptInRequired',
]);

export function errorCode(err: unknown): string {
  const e = err as {
    name?: string;
    Code?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number };
  };
  if (e?.name === 'SyntaxError' && e.$metadata?.httpStatusCode) {
    const status = e.$metadata.httpStatusCode;
    // moto answers an operation it lacks with an HTML page (404 or 500), which the SDK fails
    // to parse; a 2xx body that does not parse is a malformed answer.
    return status >= 400
      ? `UnsupportedOperation(HTTP ${status})`
      : `MalformedResponse(HTTP ${status})`;
  }
  return e?.name || e?.Code || e?.code || 'Error';
}

export function errorMessage(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!.slice(0, 500);
}

export function isThrottle(err: unknown): boolean {
  const e = err as { $metadata?: { httpStatusCode?: number } };
  return THROTTLE_CODES.has(errorCode(err)) || e?.$metadata?.httpStatusCode === 429;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** What the regions of one account share during a scan. */
export interface AccountScope {
  /** Clients for another region of the same account and credentials. */
  clientsIn(region: string): Clients;
  /** Outcomes of calls made once per account (trail status, Lambda policies, certificates). */
  memo: Map<string, Promise<Outcome<unknown>>>;
}

export interface RegionContextOptions {
  /** Token buckets shared by the whole scan; default: no pacing. */
  pacer?: Pacer;
  account?: AccountScope;
  /** Requests in flight at once from this context (default 10). */
  maxInFlight?: number;
}

/** An SDK v3 command: its input, output type and its own middleware stack. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- inputs vary by command
export type SdkCommand = CommandIO<any, MetadataBearer> & {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly middlewareStack: Pick<MiddlewareStack<any, MetadataBearer>, 'add'>;
};

/** Anything with the SDK's `send` (a real client, or a test double). */
export interface SdkClient {
  send(command: never): Promise<unknown>;
}

export class RegionContext {
  readonly pacer: Pacer;
  readonly account: AccountScope;
  private readonly inFlight: LimitFunction;
  /** Set once this region refused the credentials: later calls to it are not sent. */
  private refused?: { code: string; message: string };

  constructor(
    readonly clients: Clients,
    readonly accountId: string,
    readonly region: string,
    readonly partition: Partition,
    readonly log: CollectionLog,
    opts: RegionContextOptions = {},
  ) {
    this.pacer = opts.pacer ?? unpaced();
    this.account = opts.account ?? { clientsIn: () => clients, memo: new Map() };
    this.inFlight = pLimit(opts.maxInFlight ?? 10);
  }

  /** Clients for a region of this account (this context's own for its region). */
  clientsIn(region: string): Clients {
    return region === this.region ? this.clients : this.account.clientsIn(region);
  }

  /**
   * Sends one SDK command. Returns its output, or undefined after recording a collection error.
   * The SDK has already retried throttling, 5xx and timeouts by the time an error reaches here;
   * a middleware on the command counts each attempt and each throttled answer.
   */
  async send<C extends SdkCommand>(
    spec: CallSpec,
    client: SdkClient,
    command: C,
  ): Promise<GetOutputType<C> | undefined> {
    const out = await this.attemptSend(spec, client, command);
    if (out.ok) return out.value;
    this.recordError(spec, out.code, out.message);
    return undefined;
  }

  /** Like send, without recording a failure: the caller decides where it is recorded. */
  attemptSend<C extends SdkCommand>(
    spec: CallSpec,
    client: SdkClient,
    command: C,
  ): Promise<Outcome<GetOutputType<C>>> {
    const seen: CallCount = { attempts: 0, throttled: 0 };
    const target = spec.region ?? this.region;
    // Runs once per attempt, inside the SDK's retry loop. The first attempt took its pacing
    // token before the call was sent; each retry takes one here, so retries cannot push the
    // account over its quota either.
    const counter: DeserializeMiddleware<object, MetadataBearer> = (next) => async (args) => {
      seen.attempts++;
      if (seen.attempts > 1) {
        await this.pacer.acquire(this.accountId, target, spec.service, spec.operation);
      }
      try {
        return await next(args);
      } catch (err) {
        if (isThrottle(err)) seen.throttled++;
        throw err;
      }
    };
    command.middlewareStack.add(counter, {
      step: 'deserialize',
      priority: 'high',
      name: 'apigwAuditAttemptCounter',
      override: true,
    });
    return this.attempt(
      spec,
      () => client.send(command as never) as Promise<GetOutputType<C>>,
      seen,
    );
  }

  /** Runs one AWS request given as a function (counted, paced, errors recorded). */
  async call<T>(spec: CallSpec, fn: () => Promise<T>): Promise<T | undefined> {
    const out = await this.attempt(spec, fn);
    if (out.ok) return out.value;
    this.recordError(spec, out.code, out.message);
    return undefined;
  }

  private attempt<T>(spec: CallSpec, fn: () => Promise<T>, seen?: CallCount): Promise<Outcome<T>> {
    const key = `${spec.service}:${spec.operation}`;
    const target = spec.region ?? this.region;
    return this.inFlight(async (): Promise<Outcome<T>> => {
      if (this.refused && target === this.region) {
        return {
          ok: false,
          code: this.refused.code,
          message: `not sent: ${this.region} refused the credentials (${this.refused.message})`,
        };
      }
      await this.pacer.acquire(this.accountId, target, spec.service, spec.operation);
      try {
        const value = await fn();
        // Each answer is parsed and mostly discarded: keep that garbage from setting the peak.
        paceHeap();
        const meta = (value as { $metadata?: { attempts?: number; totalRetryDelay?: number } })
          ?.$metadata;
        this.log.count(key, {
          attempts: seen?.attempts || meta?.attempts || 1,
          throttled: seen?.throttled ?? 0,
          retryDelayMs: meta?.totalRetryDelay,
        });
        this.log.onProgress({ kind: 'call', accountId: this.accountId, region: this.region });
        if (value === undefined || value === null || typeof value !== 'object') {
          // Never read an empty answer as "nothing there".
          return { ok: false, code: 'MalformedResponse', message: 'empty or non-object answer' };
        }
        return { ok: true, value };
      } catch (err) {
        const meta = (err as { $metadata?: { attempts?: number; totalRetryDelay?: number } })
          ?.$metadata;
        const code = errorCode(err);
        this.log.count(key, {
          attempts: seen?.attempts || meta?.attempts || 1,
          throttled: seen?.attempts ? seen.throttled : isThrottle(err) ? 1 : 0,
          retryDelayMs: meta?.totalRetryDelay,
        });
        const message = errorMessage(err);
        if (REGION_REFUSED_CODES.has(code) && target === this.region) {
          this.refused ??= { code, message };
        }
        return { ok: false, code, message };
      }
    });
  }

  /**
   * A call made once per account and key (e.g. a trail's status read by every region that sees
   * the trail). Every region that asks gets the same outcome; a failure is recorded by each
   * asking region, since each region's snapshot lacks the data.
   */
  async shared<T>(
    key: string,
    spec: CallSpec,
    run: () => Promise<Outcome<T>>,
  ): Promise<Outcome<T>> {
    const memo = this.account.memo;
    let p = memo.get(key) as Promise<Outcome<T>> | undefined;
    if (!p) memo.set(key, (p = run()));
    const out = await p;
    if (!out.ok) this.recordError(spec, out.code, out.message);
    return out;
  }

  recordError(spec: CallSpec, errorCode: string, message: string): void {
    this.log.errors.push({
      slice: spec.slice,
      service: spec.service,
      operation: spec.operation,
      accountId: this.accountId,
      region: this.region,
      ...(spec.resourceId ? { resourceId: spec.resourceId } : {}),
      errorCode,
      message,
    });
  }

  /**
   * Runs a collector and turns an unexpected exception (a bug, or an answer of a shape no one
   * expected) into a collection error for its slice, so the rest of the region still arrives.
   */
  async guard<T>(spec: CallSpec, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      this.recordError(spec, 'CollectorError', errorMessage(err));
      return undefined;
    }
  }

  found(resource: string, count: number): void {
    this.log.onProgress({
      kind: 'found',
      accountId: this.accountId,
      region: this.region,
      resource,
      count,
    });
  }
}
