/**
 * collect: identity -> accounts (assumed roles) -> regions -> per-region collectors, run in
 * parallel across regions. Produces the Snapshot; never throws for an AWS failure after the
 * identity check (those become collection errors), only for unusable credentials.
 */
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import pLimit from 'p-limit';
import { CredentialsError } from '../errors.js';
import { defaultRegionOfPartition, partitionOfRegion } from '../snapshot/regions.js';
import {
  SNAPSHOT_SCHEMA_VERSION,
  type AccountSnapshot,
  type CollectionError,
  type Partition,
  type Snapshot,
} from '../snapshot/types.js';
import { TOOL } from '../version.js';
import type { ClientFactory, Credentials } from './clients.js';
import { DEFAULT_REGION_CONCURRENCY } from './defaults.js';
import {
  CollectionLog,
  errorCode,
  type AccountScope,
  errorMessage,
  RegionContext,
  type ProgressHook,
} from './context.js';
import { DEFAULT_PACING, Pacer } from './pacing.js';
import { collectAccountAlias } from './account-alias.js';
import { collectRegion } from './region.js';
import { enabledRegions } from './regions.js';

export interface ScanOptions {
  clients: ClientFactory;
  /** 'all' = every region enabled for each account. */
  regions: string[] | 'all';
  /** Roles to assume, one per account; empty = the caller's own account. */
  roleArns?: string[];
  externalId?: string;
  /** Regions scanned at once, across all accounts. */
  concurrency?: number;
  onProgress?: ProgressHook;
  endpointUrl?: string;
  /** Region for STS and account-level calls; defaults from the first listed region. */
  homeRegion?: string;
  /**
   * Token buckets per (account, region, lane). Default: the AWS management-API quotas
   * (DEFAULT_PACING). Tests and benchmarks hand in a fake clock or other rates.
   */
  pacer?: Pacer;
  /** AWS requests in flight at once per account and region (default 10). */
  maxInFlightPerRegion?: number;
}

const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'AccessDenied',
  'AccessDeniedException',
]);

function partitionOfArn(arn: string | undefined, fallback: Partition): Partition {
  const p = arn?.split(':')[1];
  return p ? p : fallback;
}

interface Target {
  accountId: string;
  partition: Partition;
  roleArn?: string;
  credentials?: Credentials;
  /** Set when the role could not be assumed. */
  failure?: { code: string; message: string };
}

export async function collectSnapshot(opts: ScanOptions): Promise<Snapshot> {
  const startedAt = new Date();
  const log = new CollectionLog(opts.onProgress);
  const pacer = opts.pacer ?? new Pacer(DEFAULT_PACING);
  const home = opts.homeRegion ?? (opts.regions === 'all' ? 'us-east-1' : opts.regions[0]!);
  const homeClients = opts.clients(home);

  let identity;
  try {
    identity = await homeClients.sts.send(new GetCallerIdentityCommand({}));
  } catch (err) {
    const code = errorCode(err);
    if (CREDENTIAL_ERRORS.has(code) || /credential/i.test(errorMessage(err))) {
      throw new CredentialsError(`AWS credentials are not usable: ${code}: ${errorMessage(err)}`);
    }
    throw new CredentialsError(`Cannot reach AWS STS in ${home}: ${code}: ${errorMessage(err)}`);
  }
  const callerPartition = partitionOfArn(identity.Arn, partitionOfRegion(home));

  const targets: Target[] = [];
  if (!opts.roleArns?.length) {
    targets.push({ accountId: identity.Account!, partition: callerPartition });
  } else {
    for (const roleArn of opts.roleArns) {
      const accountId = roleArn.split(':')[4] ?? '';
      const partition = partitionOfArn(roleArn, callerPartition);
      try {
        const out = await homeClients.sts.send(
          new AssumeRoleCommand({
            RoleArn: roleArn,
            RoleSessionName: 'apigw-audit',
            DurationSeconds: 3600,
            ...(opts.externalId ? { ExternalId: opts.externalId } : {}),
          }),
        );
        const c = out.Credentials!;
        targets.push({
          accountId,
          partition,
          roleArn,
          credentials: {
            accessKeyId: c.AccessKeyId!,
            secretAccessKey: c.SecretAccessKey!,
            sessionToken: c.SessionToken,
            expiration: c.Expiration,
          },
        });
      } catch (err) {
        targets.push({
          accountId,
          partition,
          roleArn,
          failure: { code: errorCode(err), message: errorMessage(err) },
        });
      }
    }
  }

  const limit = pLimit(opts.concurrency ?? DEFAULT_REGION_CONCURRENCY);
  const accounts: AccountSnapshot[] = [];
  for (const t of targets) {
    const account: AccountSnapshot = {
      accountId: t.accountId,
      partition: t.partition,
      ...(t.roleArn ? { roleArn: t.roleArn } : {}),
      regions: [],
    };
    accounts.push(account);
    const acctHome = opts.regions === 'all' ? defaultRegionOfPartition(t.partition) : home;
    // Shared by the account's regions: clients for other regions (Lambda functions, trail home
    // regions, edge certificates) and the calls made once per account.
    const scope: AccountScope = {
      clientsIn: (region) => opts.clients(region, t.credentials),
      memo: new Map(),
    };
    const ctxOpts = { pacer, account: scope, maxInFlight: opts.maxInFlightPerRegion };
    const acctCtx = new RegionContext(
      opts.clients(acctHome, t.credentials),
      t.accountId,
      'global',
      t.partition,
      log,
      ctxOpts,
    );
    if (t.failure) {
      acctCtx.recordError(
        { slice: 'identity', service: 'sts', operation: 'AssumeRole', resourceId: t.roleArn },
        t.failure.code,
        t.failure.message,
      );
      continue;
    }
    const alias = await collectAccountAlias(acctCtx);
    if (alias) account.accountAlias = alias;
    const regions = opts.regions === 'all' ? await enabledRegions(acctCtx) : opts.regions;
    if (!regions) continue;
    const done = await Promise.all(
      regions.map((region) =>
        limit(async () => {
          const ctx = new RegionContext(
            opts.clients(region, t.credentials),
            t.accountId,
            region,
            t.partition,
            log,
            ctxOpts,
          );
          log.onProgress({ kind: 'region-start', accountId: t.accountId, region });
          const snap = await collectRegion(ctx);
          log.onProgress({ kind: 'region-done', accountId: t.accountId, region });
          return snap;
        }),
      ),
    );
    account.regions.push(...done);
  }

  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { ...TOOL },
    scan: {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ...(identity.Arn ? { principal: identity.Arn } : {}),
      requestedRegions: opts.regions,
      ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
    },
    accounts,
    collectionErrors: inStableOrder(log.errors),
    stats: {
      calls: byKey(log.stats.calls),
      throttled: byKey(log.stats.throttled),
      retries: byKey(log.stats.retries),
      ...(log.stats.retryDelayMs ? { retryDelayMs: byKey(log.stats.retryDelayMs) } : {}),
      ...(Object.keys(pacer.waitedMs).length
        ? {
            pacingWaitMs: byKey(
              Object.fromEntries(
                Object.entries(pacer.waitedMs).map(([k, v]) => [k, Math.round(v)]),
              ),
            ),
          }
        : {}),
    },
  };
}

/** Failed calls land in the order they failed (regions run concurrently): sort them. */
function inStableOrder(errors: CollectionError[]): CollectionError[] {
  const key = (e: CollectionError) =>
    [e.accountId, e.region, e.slice, e.service, e.operation, e.resourceId ?? '', e.errorCode].join(
      '\u0000',
    );
  return [...errors].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Counters keyed by operation, in key order rather than the order the calls happened in. */
function byKey(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}
