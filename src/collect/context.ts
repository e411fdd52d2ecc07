/**
 * Per-(account, region) collection state: the clients, and `call`, the single path every AWS
 * request goes through. `call` counts calls and throttles, and turns a failure into a
 * collectionErrors[] entry instead of an exception, so one failed call never hides others.
 */
import type { Clients } from './clients.js';
import type { CollectionError, CollectionStats, Partition, Slice } from '../snapshot/types.js';

export interface ProgressEvent {
  kind: 'region-start' | 'region-done' | 'call' | 'found';
  accountId: string;
  region: string;
  /** For 'found': what was found and how many. */
  resource?: string;
  count?: number;
}

export type ProgressHook = (e: ProgressEvent) => void;

export class CollectionLog {
  readonly errors: CollectionError[] = [];
  readonly stats: CollectionStats = { calls: {}, throttled: {}, retries: {} };
  constructor(readonly onProgress: ProgressHook = () => {}) {}

  count(key: string, attempts: number, throttled: boolean): void {
    this.stats.calls[key] = (this.stats.calls[key] ?? 0) + 1;
    if (attempts > 1) this.stats.retries[key] = (this.stats.retries[key] ?? 0) + attempts - 1;
    if (throttled) this.stats.throttled[key] = (this.stats.throttled[key] ?? 0) + 1;
  }
}

export interface CallSpec {
  slice: Slice;
  service: string;
  operation: string;
  resourceId?: string;
}

const THROTTLE_CODES = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'WAFLimitsExceededException',
]);

export function errorCode(err: unknown): string {
  const e = err as {
    name?: string;
    Code?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number };
  };
  // moto answers an operation it lacks with an HTML page, which the SDK fails to parse.
  if (e?.name === 'SyntaxError' && e.$metadata?.httpStatusCode) {
    return `UnsupportedOperation(HTTP ${e.$metadata.httpStatusCode})`;
  }
  return e?.name || e?.Code || e?.code || 'Error';
}

export function errorMessage(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!.slice(0, 500);
}

export class RegionContext {
  constructor(
    readonly clients: Clients,
    readonly accountId: string,
    readonly region: string,
    readonly partition: Partition,
    readonly log: CollectionLog,
  ) {}

  /**
   * Runs one AWS request. Returns its result, or undefined after recording a collection error.
   * The SDK has already retried throttling and 5xx by the time an error reaches here.
   */
  async call<T>(spec: CallSpec, fn: () => Promise<T>): Promise<T | undefined> {
    const key = `${spec.service}:${spec.operation}`;
    try {
      const out = await fn();
      const meta = (out as { $metadata?: { attempts?: number } })?.$metadata;
      this.log.count(key, meta?.attempts ?? 1, false);
      this.log.onProgress({ kind: 'call', accountId: this.accountId, region: this.region });
      return out;
    } catch (err) {
      const meta = (err as { $metadata?: { attempts?: number } })?.$metadata;
      const code = errorCode(err);
      this.log.count(key, meta?.attempts ?? 1, THROTTLE_CODES.has(code));
      this.recordError(spec, code, errorMessage(err));
      return undefined;
    }
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
