/**
 * The AWS-quota simulator: an HTTP proxy in front of moto_server that answers as AWS would under
 * its control-plane quotas and, on request, under faults. Listens on 127.0.0.1 only.
 *
 * For each request: identify it (account, region, service, operation: identify.ts); answer
 * permanent faults (AccessDenied, unsupported operation) for the operations and regions chosen;
 * take a token from each of its lanes' buckets for its (account, region), or answer the
 * service's throttling error; inject random faults at the rates chosen (500/503, a dropped
 * connection, an answer slower than the client's timeout); then wait the simulated latency and
 * forward the request to moto, unchanged, and its answer back.
 */
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TokenBucket, takeAll, type Clock } from './bucket.js';
import {
  accessDeniedAnswer,
  serverErrorAnswer,
  throttleAnswer,
  unsupportedAnswer,
  type Answer,
} from './errors.js';
import { DeploymentGaps, type Upstream } from './deployments.js';
import { identify, type RequestInfo } from './identify.js';
import { AWS_QUOTAS, lanesOf, type LaneId, type QuotaConfig } from './quotas.js';

/** Which calls a permanent fault applies to; every field given must match. */
export interface FaultTarget {
  service?: string;
  operation?: string;
  region?: string;
  accountId?: string;
  /** For sts:AssumeRole: the role asked for (a role that cannot be assumed). */
  roleArn?: string;
}

export interface FaultOptions {
  /** Fraction of calls answered 500 or 503 (half each). */
  errorRate?: number;
  /** Fraction of calls whose connection is destroyed without an answer. */
  dropRate?: number;
  /** Fraction of calls answered only after `slowMs` (past the client's timeout). */
  slowRate?: number;
  slowMs?: number;
  /**
   * Random faults hit only the first N attempts of a call (the SDK's `amz-sdk-request:
   * attempt=N` header), so that a client retrying more than N times always gets through.
   * Unlimited when undefined.
   */
  maxFaultedAttempts?: number;
  /** Limit random faults to these calls (default: all). */
  only?: FaultTarget[];
  /** Calls answered AccessDeniedException. */
  accessDenied?: FaultTarget[];
  /** Calls answered like an operation moto lacks (HTML 404). */
  unsupported?: FaultTarget[];
}

export interface SimulatorOptions {
  /** The moto endpoint, e.g. http://127.0.0.1:5055. */
  target: string;
  /** Lane quotas; `false` turns throttling off. Partial configs override AWS_QUOTAS per lane. */
  quotas?: Partial<QuotaConfig> | false;
  /** Simulated latency per answer, ms (default 50), spread uniformly by ±jitter (default 50%). */
  latencyMs?: number;
  jitter?: number;
  faults?: FaultOptions;
  /** Send Retry-After on REST-JSON 429s (default true). */
  retryAfter?: boolean;
  /** Access key id -> account, besides what AssumeRole answers teach the simulator. */
  accessKeyAccounts?: Record<string, string>;
  /** Seed of the pseudo-random faults and jitter (default 1). */
  seed?: number;
  clock?: Clock;
  /**
   * Answer the list operations moto lacks (apigatewayv2 GetAuthorizers, apigateway
   * GetClientCertificates and GetDomainNameAccessAssociations, GetDomainNames of other accounts)
   * with an empty list, as AWS answers for an API or account that has
   * none, instead of passing moto's HTML error through; and what moto leaves out of deployments
   * (the API summary, canaries, HTTP API exports: see deployments.ts). The benchmark turns this
   * on so that call counts are not inflated by retries of answers AWS would never give.
   */
  fillMotoGaps?: boolean;
}

/** AWS's answer for an empty collection, for the list operations moto lacks. */
const MOTO_GAP_ANSWERS: Record<string, string> = {
  'apigatewayv2:GetAuthorizers': '{"items":[]}',
  'apigateway:GetClientCertificates': '{"item":[]}',
  'apigateway:GetDomainNameAccessAssociations': '{"item":[]}',
};

/**
 * moto ignores GetDomainNames' resourceOwner and lists the account's own domains: AWS lists only
 * the ones other accounts shared, and a moto account has none.
 */
function motoGapAnswer(opKey: string, url: string): string | undefined {
  if (opKey === 'apigateway:GetDomainNames' && /resourceOwner=OTHER_ACCOUNTS/.test(url))
    return '{"item":[]}';
  return MOTO_GAP_ANSWERS[opKey];
}

export interface OperationStats {
  /** Requests received (attempts, including retries). */
  calls: number;
  /** Forwarded to moto and answered. */
  accepted: number;
  throttled: number;
  faults: number;
}

export interface SimulatorStats {
  requests: number;
  accepted: number;
  throttled: number;
  /**
   * Faults injected, by kind: error500, error503, drop, slow, accessDenied, unsupported; and for
   * slow answers whether the client gave up first (slowAbandoned) or waited (slowAwaited).
   */
  faults: Record<string, number>;
  /** By "service:Operation". */
  byOperation: Record<string, OperationStats>;
  /** By "account|region". */
  byRegion: Record<string, OperationStats>;
  /** Accepted calls by "account|region|lane". */
  acceptedByLane: Record<string, number>;
  /** Accepted calls by what they were about: one REST API, one v2 API, or the region. */
  acceptedByScope: Record<'restApi' | 'v2Api' | 'region', number>;
}

export interface Simulator {
  endpoint: string;
  stats: SimulatorStats;
  resetStats(): void;
  stop(): Promise<void>;
}

function emptyStats(): SimulatorStats {
  return {
    requests: 0,
    accepted: 0,
    throttled: 0,
    faults: {},
    byOperation: {},
    byRegion: {},
    acceptedByLane: {},
    acceptedByScope: { restApi: 0, v2Api: 0, region: 0 },
  };
}

/** mulberry32: a small seeded PRNG, so a run's faults can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function matches(info: RequestInfo, targets: FaultTarget[] | undefined): boolean {
  return (targets ?? []).some(
    (t) =>
      (t.service === undefined || t.service === info.service) &&
      (t.operation === undefined || t.operation === info.operation) &&
      (t.region === undefined || t.region === info.region) &&
      (t.accountId === undefined || t.accountId === info.accountId) &&
      (t.roleArn === undefined || t.roleArn === info.roleArn),
  );
}

/** The attempt number the SDK puts in `amz-sdk-request: attempt=2; max=6`. */
export function attemptOf(headerValue: string | string[] | undefined): number {
  const v = Array.isArray(headerValue) ? headerValue[0] : headerValue;
  const m = /attempt=(\d+)/.exec(v ?? '');
  return m ? Number(m[1]) : 1;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'proxy-connection',
  'upgrade',
]);

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const clock = opts.clock ?? (() => performance.now());
  const quotas: QuotaConfig | undefined =
    opts.quotas === false ? undefined : { ...AWS_QUOTAS, ...opts.quotas };
  const latency = opts.latencyMs ?? 50;
  const jitter = opts.jitter ?? 0.5;
  const faults = opts.faults ?? {};
  const random = prng(opts.seed ?? 1);
  const target = new URL(opts.target);
  const upstreamAgent = new Agent({ keepAlive: true, maxSockets: 32 });
  const keyAccounts = new Map(Object.entries(opts.accessKeyAccounts ?? {}));
  const buckets = new Map<string, TokenBucket>();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let stats = emptyStats();
  let stopping = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || stopping) return resolve();
      const t = setTimeout(() => (timers.delete(t), resolve()), ms);
      timers.add(t);
    });
  const delay = () => latency * (1 + jitter * (2 * random() - 1));

  const bucket = (info: RequestInfo, lane: LaneId) => {
    const key = `${info.accountId}|${info.region}|${lane}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = new TokenBucket(quotas![lane], clock)));
    return b;
  };

  const opStats = (table: Record<string, OperationStats>, key: string) =>
    (table[key] ??= { calls: 0, accepted: 0, throttled: 0, faults: 0 });

  const countFault = (info: RequestInfo, kind: string) => {
    stats.faults[kind] = (stats.faults[kind] ?? 0) + 1;
    opStats(stats.byOperation, `${info.service}:${info.operation}`).faults++;
    opStats(stats.byRegion, `${info.accountId}|${info.region}`).faults++;
  };

  const send = (res: ServerResponse, a: Answer) => {
    if (res.destroyed || res.headersSent) return;
    res.writeHead(a.status, { ...a.headers, 'content-length': Buffer.byteLength(a.body) });
    res.end(a.body);
  };

  const gaps = new DeploymentGaps();
  const upstreamOf = (req: IncomingMessage): Upstream => ({
    get: async (path) => {
      const a = await forward(req, Buffer.alloc(0), 'GET', path);
      return { status: a.status, body: a.raw.toString('utf8') };
    },
  });

  const forward = (
    req: IncomingMessage,
    body: Buffer,
    method = req.method,
    path = req.url,
  ): Promise<Answer & { raw: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
      }
      headers['content-length'] = String(body.length);
      const up = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method,
          path,
          headers,
          agent: upstreamAgent,
        },
        (upRes) => {
          const chunks: Buffer[] = [];
          upRes.on('data', (c: Buffer) => chunks.push(c));
          upRes.on('error', reject);
          upRes.on('end', () => {
            const raw = Buffer.concat(chunks);
            const out: Record<string, string> = {};
            for (const [k, v] of Object.entries(upRes.headers)) {
              if (v !== undefined && !HOP_BY_HOP.has(k))
                out[k] = Array.isArray(v) ? v.join(', ') : v;
            }
            resolve({ status: upRes.statusCode ?? 502, headers: out, body: '', raw });
          });
        },
      );
      up.on('error', reject);
      up.end(body);
    });

  /** STS AssumeRole answers teach which account an access key belongs to. */
  const learnAssumeRole = (info: RequestInfo, reqBody: string, resBody: string) => {
    if (info.service !== 'sts' || info.operation !== 'AssumeRole') return;
    const role = new URLSearchParams(reqBody).get('RoleArn') ?? '';
    const account = role.split(':')[4];
    const key = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(resBody)?.[1];
    if (account && key) keyAccounts.set(key, account);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const bodyText = body.toString('utf8');
    const info = identify(
      { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: bodyText },
      (k) => keyAccounts.get(k),
    );
    const opKey = `${info.service}:${info.operation}`;
    const regionKey = `${info.accountId}|${info.region}`;
    stats.requests++;
    opStats(stats.byOperation, opKey).calls++;
    opStats(stats.byRegion, regionKey).calls++;

    if (matches(info, faults.accessDenied)) {
      countFault(info, 'accessDenied');
      await sleep(delay());
      const resource = `arn:aws:${info.service}:${info.region}::${(req.url ?? '').split('?')[0]}`;
      return send(res, accessDeniedAnswer(info.service, info.operation, info.accountId, resource));
    }
    if (matches(info, faults.unsupported)) {
      countFault(info, 'unsupported');
      await sleep(delay());
      return send(res, unsupportedAnswer());
    }

    const lanes = quotas ? lanesOf(info.service, info.operation) : [];
    if (lanes.length) {
      const taken = takeAll(lanes.map((l) => bucket(info, l)));
      if (!taken.ok) {
        stats.throttled++;
        opStats(stats.byOperation, opKey).throttled++;
        opStats(stats.byRegion, regionKey).throttled++;
        await sleep(delay());
        return send(
          res,
          throttleAnswer(info.service, opts.retryAfter === false ? undefined : taken.waitMs),
        );
      }
    }

    const attempt = attemptOf(req.headers['amz-sdk-request']);
    const faultable =
      (faults.maxFaultedAttempts === undefined || attempt <= faults.maxFaultedAttempts) &&
      (faults.only === undefined || matches(info, faults.only));
    if (faultable) {
      const r = random();
      const drop = faults.dropRate ?? 0;
      const err = faults.errorRate ?? 0;
      const slow = faults.slowRate ?? 0;
      if (r < drop) {
        countFault(info, 'drop');
        await sleep(delay());
        req.socket.destroy();
        return;
      }
      if (r < drop + err) {
        const status = random() < 0.5 ? 500 : 503;
        countFault(info, `error${status}`);
        await sleep(delay());
        return send(res, serverErrorAnswer(info.service, status));
      }
      if (r < drop + err + slow) {
        countFault(info, 'slow');
        let gone = false;
        res.once('close', () => (gone = true));
        await sleep(faults.slowMs ?? 5_000);
        // Did the client wait for the slow answer, or give up (time out) first?
        const kind = gone || res.destroyed ? 'slowAbandoned' : 'slowAwaited';
        stats.faults[kind] = (stats.faults[kind] ?? 0) + 1;
        if (gone || res.destroyed) return;
      }
    }

    await sleep(delay());
    if (res.destroyed) return;
    const gap = opts.fillMotoGaps ? motoGapAnswer(opKey, req.url ?? '') : undefined;
    const deployments = opts.fillMotoGaps && gaps.handles(info);
    const url = req.url ?? '/';
    let up: Answer & { raw: Buffer };
    if (gap) {
      up = {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: gap,
        raw: Buffer.from(gap),
      };
    } else if (deployments && info.operation === 'ExportApi') {
      const e = await gaps.exportApi(url, upstreamOf(req));
      up = {
        status: e.status,
        headers: { 'content-type': 'application/json' },
        body: e.body,
        raw: Buffer.from(e.body),
      };
    } else {
      const sent =
        deployments && info.operation === 'UpdateStage'
          ? Buffer.from(gaps.updateStageBody(info, url, bodyText))
          : body;
      up = await forward(req, sent);
      if (deployments && up.status < 300) {
        up.raw = Buffer.from(
          await gaps.answer(info, url, up.raw.toString('utf8'), upstreamOf(req)),
        );
      }
    }
    stats.accepted++;
    opStats(stats.byOperation, opKey).accepted++;
    opStats(stats.byRegion, regionKey).accepted++;
    stats.acceptedByScope[info.scope]++;
    for (const lane of lanes) {
      const k = `${regionKey}|${lane}`;
      stats.acceptedByLane[k] = (stats.acceptedByLane[k] ?? 0) + 1;
    }
    learnAssumeRole(info, bodyText, up.raw.toString('utf8'));
    if (res.destroyed) return;
    res.writeHead(up.status, { ...up.headers, 'content-length': up.raw.length });
    res.end(up.raw);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      send(res, {
        status: 502,
        headers: { 'content-type': 'text/plain' },
        body: `simulator: ${err instanceof Error ? err.message : String(err)}`,
      });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    get stats() {
      return stats;
    },
    resetStats() {
      stats = emptyStats();
    },
    async stop() {
      stopping = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      upstreamAgent.destroy();
    },
  };
}
