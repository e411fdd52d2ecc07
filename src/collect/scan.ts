/**
 * collect: identity -> accounts (listed roles, or an Organization's accounts) -> regions ->
 * per-region collectors. Accounts and regions run side by side: every (account, region) pair
 * waits for one slot of a single bound, and each pair is paced by its own token buckets, since
 * AWS quotas are per account and region. Produces the Snapshot; never throws for an AWS failure
 * after the identity check (those become collection errors), only for unusable credentials or
 * an organization that cannot be listed.
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
import { accountSelected, type AccountFilter } from './account-filter.js';
import { discoverOrgAccounts } from './org.js';
import { inShard, type Shard } from './shard.js';
import { collectRegion } from './region.js';
import { enabledRegions } from './regions.js';

export interface ScanOptions {
  clients: ClientFactory;
  /** 'all' = every region enabled for each account. */
  regions: string[] | 'all';
  /** Roles to assume, one per account; empty (and no org) = the caller's own account. */
  roleArns?: string[];
  /** Scan the accounts of the caller's AWS Organization, assuming this role name in each. */
  org?: { roleName: string };
  /** Account IDs (or, with org, OU IDs) to keep or to leave out. */
  accountFilter?: AccountFilter;
  /** Only the accounts of this shard (by account ID). */
  shard?: Shard;
  externalId?: string;
  /** (account, region) pairs collected at once. */
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
  /**
   * Called as each account's collection ends, with its failed calls; what it returns takes
   * the account's place in the snapshot (a scan of many accounts keeps a stand-in, not them all).
   */
  onAccount?: (take: () => AccountSnapshot, errors: CollectionError[]) => AccountSnapshot;
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

/** An account to scan, before its role is assumed. */
interface Target {
  accountId: string;
  partition: Partition;
  /** Absent: the caller's own credentials. */
  roleArn?: string;
  accountName?: string;
  ouPath?: string;
}

async function findTargets(
  opts: ScanOptions,
  identity: { Account?: string; Arn?: string },
  homeClients: ReturnType<ClientFactory>,
  callerPartition: Partition,
): Promise<Target[]> {
  const filter = opts.accountFilter ?? {};
  let targets: Array<Target & { ouIds?: string[] }>;
  if (opts.org) {
    const roleName = opts.org.roleName;
    const listed = await discoverOrgAccounts(homeClients.organizations);
    targets = listed.map((a) => ({
      accountId: a.accountId,
      partition: callerPartition,
      // The caller's own account is read with its own credentials, and only when named.
      ...(a.accountId === identity.Account
        ? {}
        : { roleArn: `arn:${callerPartition}:iam::${a.accountId}:role/${roleName}` }),
      ...(a.name ? { accountName: a.name } : {}),
      ...(a.ouPath ? { ouPath: a.ouPath } : {}),
      ouIds: a.ouIds,
    }));
    targets = targets.filter(
      (t) => t.accountId !== identity.Account || filter.include?.includes(t.accountId),
    );
  } else if (opts.roleArns?.length) {
    targets = opts.roleArns.map((roleArn) => ({
      accountId: roleArn.split(':')[4] ?? '',
      partition: partitionOfArn(roleArn, callerPartition),
      roleArn,
    }));
  } else {
    targets = [{ accountId: identity.Account!, partition: callerPartition }];
  }
  return targets
    .filter((t) => accountSelected(t, filter) && inShard(t.accountId, opts.shard))
    .map(({ ouIds: _ouIds, ...t }) => t);
}

type Assumed =
  { ok: true; credentials?: Credentials } | { ok: false; code: string; message: string };

async function assume(
  t: Target,
  homeClients: ReturnType<ClientFactory>,
  externalId: string | undefined,
): Promise<Assumed> {
  if (!t.roleArn) return { ok: true };
  try {
    const out = await homeClients.sts.send(
      new AssumeRoleCommand({
        RoleArn: t.roleArn,
        RoleSessionName: 'apigw-audit',
        DurationSeconds: 3600,
        ...(externalId ? { ExternalId: externalId } : {}),
      }),
    );
    const c = out.Credentials!;
    return {
      ok: true,
      credentials: {
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      },
    };
  } catch (err) {
    return { ok: false, code: errorCode(err), message: errorMessage(err) };
  }
}

/** Sorted so that a run's errors read the same whatever order the pairs finished in. */
function sortErrors(errors: CollectionError[], accountOrder: Map<string, number>): void {
  const key = (e: CollectionError) =>
    [
      e.region === 'global' ? '' : e.region,
      e.slice,
      e.service,
      e.operation,
      e.resourceId ?? '',
      e.errorCode,
      e.message,
    ].join('\u0000');
  errors.sort(
    (a, b) =>
      (accountOrder.get(a.accountId) ?? 0) - (accountOrder.get(b.accountId) ?? 0) ||
      (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0),
  );
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
  const targets = await findTargets(opts, identity, homeClients, callerPartition);

  const concurrency = opts.concurrency ?? DEFAULT_REGION_CONCURRENCY;
  // One bound for every (account, region) pair. Accounts are let in no faster than the pairs
  // drain, so a role is assumed shortly before its credentials are used, not an hour earlier.
  const pairs = pLimit(concurrency);
  const admit = pLimit(concurrency);
  let accountsDone = 0;
  let collectedAt: Date | undefined;
  log.onProgress({ kind: 'accounts', accountId: '', region: '', count: targets.length });

  const scanAccount = async (t: Target): Promise<AccountSnapshot> => {
    const account: AccountSnapshot = {
      accountId: t.accountId,
      partition: t.partition,
      ...(t.roleArn ? { roleArn: t.roleArn } : {}),
      ...(t.accountName ? { accountName: t.accountName } : {}),
      ...(t.ouPath ? { ouPath: t.ouPath } : {}),
      regions: [],
    };
    const assumed = await assume(t, homeClients, opts.externalId);
    const credentials = assumed.ok ? assumed.credentials : undefined;
    const acctHome = opts.regions === 'all' ? defaultRegionOfPartition(t.partition) : home;
    // Shared by the account's regions: clients for other regions (Lambda functions, trail home
    // regions, edge certificates) and the calls made once per account.
    const scope: AccountScope = {
      clientsIn: (region) => opts.clients(region, credentials),
      memo: new Map(),
    };
    const ctxOpts = { pacer, account: scope, maxInFlight: opts.maxInFlightPerRegion };
    const acctCtx = new RegionContext(
      opts.clients(acctHome, credentials),
      t.accountId,
      'global',
      t.partition,
      log,
      ctxOpts,
    );
    if (!assumed.ok) {
      acctCtx.recordError(
        { slice: 'identity', service: 'sts', operation: 'AssumeRole', resourceId: t.roleArn },
        assumed.code,
        assumed.message,
      );
      return account;
    }
    const alias = await collectAccountAlias(acctCtx);
    if (alias) account.accountAlias = alias;
    const regions = opts.regions === 'all' ? await enabledRegions(acctCtx) : opts.regions;
    if (!regions) return account;
    const done = await Promise.all(
      regions.map((region) =>
        pairs(async () => {
          const ctx = new RegionContext(
            opts.clients(region, credentials),
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
    return account;
  };

  const accounts = await Promise.all(
    targets.map((t) =>
      admit(async () => {
        let account: AccountSnapshot | undefined = await scanAccount(t);
        // The collection's end is its last answer, not the end of what onAccount does with it.
        collectedAt = new Date();
        // onAccount takes the account from here, so that it can let it go.
        const kept = opts.onAccount
          ? opts.onAccount(
              () => {
                const a = account!;
                account = undefined;
                return a;
              },
              accountErrors(log.errors, t.accountId),
            )
          : account;
        log.onProgress({
          kind: 'account-done',
          accountId: t.accountId,
          region: '',
          count: ++accountsDone,
        });
        return kept;
      }),
    ),
  );
  sortErrors(log.errors, new Map(accounts.map((a, i) => [a.accountId, i])));

  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { ...TOOL },
    scan: {
      startedAt: startedAt.toISOString(),
      finishedAt: (collectedAt ?? new Date()).toISOString(),
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

/** One account's failed calls, in the order the snapshot's list will give them. */
function accountErrors(errors: CollectionError[], accountId: string): CollectionError[] {
  const own = errors.filter((e) => e.accountId === accountId);
  sortErrors(own, new Map([[accountId, 0]]));
  return inStableOrder(own);
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
