/**
 * The Lambda functions of the scheduled audit (deploy/audit-stack.json), run by its Step
 * Functions state machine:
 *
 * - listAccounts: the Organization's accounts (from the management account or a delegated
 *   administrator), filtered, written to runs/<runId>/accounts.json for merge to compare with;
 * - scanAccount: one account (one Distributed Map item): assume the member role, scan, evaluate,
 *   write runs/<runId>/accounts/<id>/report.json and snapshot.json;
 * - merge: every account report of the run into runs/<runId>/merged/ (report.json,
 *   snapshot.json, the formats asked for) and an evidence bundle in runs/<runId>/evidence/, then
 *   the new high and critical findings against the previous run (latest.json names it).
 *
 * Settings come from the function's environment (read by settingsFrom), so the same code runs
 * in Lambda and in the tests against moto; the checks' configuration (what `--config` gives a
 * scan) from config.json at the bucket's root, when there is one.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_CHECKS } from '../../checks/index.js';
import { accountSelected } from '../collect/account-filter.js';
import { createClientFactory, type ClientFactory } from '../collect/clients.js';
import { callerAccountId, discoverOrgAccounts } from '../collect/org.js';
import { collectSnapshot } from '../collect/scan.js';
import { auditConfig, readConfigFile, type ConfigFile } from '../config/load.js';
import { evaluateSnapshot } from '../engine/evaluate.js';
import { mergeReports, mergeSnapshots } from '../engine/merge.js';
import type { Report } from '../engine/types.js';
import { writeBundle } from '../evidence/bundle.js';
import type { BundleStore } from '../evidence/store.js';
import { s3Store } from '../export/s3.js';
import { rendererFor } from '../render/index.js';
import { partitionOfRegion } from '../snapshot/regions.js';
import type { Snapshot } from '../snapshot/types.js';
import { newHighOrCritical } from './new-findings.js';

export interface Settings {
  bucket: string;
  /** The role each member account has (deploy/member-role.json). */
  roleName: string;
  externalId?: string;
  regions: string[] | 'all';
  /** Account-region pairs of one account scanned at once. */
  concurrency: number;
  formats: string[];
  include?: string[];
  exclude?: string[];
  /** Tests: moto. */
  endpointUrl?: string;
  region: string;
}

const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function settingsFrom(env: Record<string, string | undefined>): Settings {
  const bucket = env.EVIDENCE_BUCKET;
  if (!bucket) throw new Error('EVIDENCE_BUCKET is not set');
  const regions = list(env.REGIONS);
  return {
    bucket,
    roleName: env.MEMBER_ROLE_NAME ?? 'ApigwAuditMemberRole',
    ...(env.EXTERNAL_ID ? { externalId: env.EXTERNAL_ID } : {}),
    regions: !regions?.length || regions.includes('all') ? 'all' : regions,
    concurrency: Number(env.CONCURRENCY ?? '4'),
    formats: list(env.FORMATS) ?? ['json', 'html'],
    ...(env.ACCOUNTS ? { include: list(env.ACCOUNTS) } : {}),
    ...(env.EXCLUDE_ACCOUNTS ? { exclude: list(env.EXCLUDE_ACCOUNTS) } : {}),
    ...(env.APIGW_AUDIT_ENDPOINT_URL ? { endpointUrl: env.APIGW_AUDIT_ENDPOINT_URL } : {}),
    region: env.AWS_REGION ?? 'us-east-1',
  };
}

export interface AccountItem {
  accountId: string;
  name?: string;
  ouPath?: string;
}

export interface ListResult {
  runId: string;
  accounts: AccountItem[];
}

export interface ScanResult {
  accountId: string;
  complete: boolean;
  findings: number;
}

export interface MergeResult {
  runId: string;
  accounts: number;
  /** Listed by listAccounts but with no report (their scan failed past its retries). */
  missingAccounts: string[];
  newHighOrCritical: number;
  /** The first few, for the notification. */
  newFindings: Array<{
    id: string;
    severity: string;
    title: string;
    account: string;
    resource: string;
  }>;
  report: string;
  evidence: string;
}

/** At the bucket's root, beside latest.json. */
export const CONFIG_OBJECT = 'config.json';

const runIdOf = (runId: string | undefined, now: Date) =>
  runId && /^[\w.:-]{1,80}$/.test(runId) ? runId : now.toISOString().replace(/[:.]/g, '-');

export function makeHandlers(settings: Settings, clients?: ClientFactory) {
  const factory = clients ?? createClientFactory({ endpointUrl: settings.endpointUrl });
  const store = (prefix: string): BundleStore =>
    s3Store(`s3://${settings.bucket}/${prefix}`, {
      region: settings.region,
      ...(settings.endpointUrl ? { endpointUrl: settings.endpointUrl } : {}),
    });
  const root = store('');
  const readJson = async <T>(s: BundleStore, name: string): Promise<T | undefined> => {
    const b = await s.read(name);
    return b ? (JSON.parse(b.toString('utf8')) as T) : undefined;
  };
  const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

  async function listAccounts(event: { runId?: string } = {}): Promise<ListResult> {
    const runId = runIdOf(event.runId, new Date());
    const home = factory(settings.region);
    const [caller, listed] = await Promise.all([
      callerAccountId(home.sts),
      discoverOrgAccounts(home.organizations),
    ]);
    const filter = {
      ...(settings.include ? { include: settings.include } : {}),
      ...(settings.exclude ? { exclude: settings.exclude } : {}),
    };
    // The audit account itself has no member role; like `scan --org`, only when named.
    const accounts = listed
      .filter((a) => a.accountId !== caller || settings.include?.includes(a.accountId))
      .filter((a) => accountSelected(a, filter))
      .map((a) => ({
        accountId: a.accountId,
        ...(a.name ? { name: a.name } : {}),
        ...(a.ouPath ? { ouPath: a.ouPath } : {}),
      }));
    await root.write(`runs/${runId}/accounts.json`, json(accounts));
    return { runId, accounts };
  }

  /**
   * The audit's configuration (expectPrivate, requiredTags, thresholds, suppressions): the
   * bucket's config.json when there is one, validated as `--config` validates its file.
   */
  async function runConfig(): Promise<ConfigFile> {
    const body = await root.read(CONFIG_OBJECT);
    if (!body) return {};
    const path = join(mkdtempSync(join(tmpdir(), 'apigw-audit-config-')), CONFIG_OBJECT);
    writeFileSync(path, body);
    return readConfigFile(path, new Set(ALL_CHECKS.map((c) => c.meta.id)));
  }

  async function scanAccount(event: { runId: string; account: AccountItem }): Promise<ScanResult> {
    const { runId, account } = event;
    if (!/^\d{12}$/.test(account?.accountId ?? '')) throw new Error('account.accountId missing');
    const partition = partitionOfRegion(settings.region);
    const snapshot = await collectSnapshot({
      clients: factory,
      regions: settings.regions,
      roleArns: [`arn:${partition}:iam::${account.accountId}:role/${settings.roleName}`],
      ...(settings.externalId ? { externalId: settings.externalId } : {}),
      concurrency: settings.concurrency,
      homeRegion: settings.region,
      ...(settings.endpointUrl ? { endpointUrl: settings.endpointUrl } : {}),
    });
    // Names and OU path as listAccounts found them, so the reports read as a `scan --org` run's.
    for (const a of snapshot.accounts) {
      if (account.name) a.accountName = account.name;
      if (account.ouPath) a.ouPath = account.ouPath;
    }
    const report = evaluateSnapshot(snapshot, ALL_CHECKS, auditConfig(await runConfig()), {
      options: { org: true, orgRoleName: settings.roleName, regions: settings.regions },
    });
    const out = store(`runs/${runId}/accounts/${account.accountId}`);
    await out.write('snapshot.json', json(snapshot));
    await out.write('report.json', json(report));
    return {
      accountId: account.accountId,
      complete: report.coverage.complete,
      findings: report.findings.length,
    };
  }

  async function merge(event: { runId: string }): Promise<MergeResult> {
    const { runId } = event;
    const run = store(`runs/${runId}`);
    const names = await run.list();
    const ids = names
      .map((n) => /^accounts\/(\d{12})\/report\.json$/.exec(n)?.[1])
      .filter((id): id is string => Boolean(id))
      .sort();
    if (!ids.length) throw new Error(`runs/${runId}: no account report to merge`);
    const reports = await Promise.all(
      ids.map(async (id) => ({
        name: `accounts/${id}/report.json`,
        value: (await readJson<Report>(run, `accounts/${id}/report.json`))!,
      })),
    );
    const snapshots = await Promise.all(
      ids.map(async (id) => readJson<Snapshot>(run, `accounts/${id}/snapshot.json`)),
    );
    const report = mergeReports(reports);
    const snapshot = snapshots.every(Boolean) ? mergeSnapshots(snapshots as Snapshot[]) : undefined;
    const merged = store(`runs/${runId}/merged`);
    for (const format of settings.formats) {
      for (const f of rendererFor(format)!.files(report, {})) await merged.write(f.path, f.content);
    }
    if (snapshot) await merged.write('snapshot.json', json(snapshot));
    const evidence = store(`runs/${runId}/evidence`);
    await writeBundle(evidence, report, snapshot, settings.formats, new Date());

    const listed = (await readJson<AccountItem[]>(run, 'accounts.json')) ?? [];
    const latest = await readJson<{ runId: string }>(root, 'latest.json');
    const previous =
      latest && latest.runId !== runId
        ? await readJson<Report>(store(`runs/${latest.runId}/merged`), 'report.json')
        : undefined;
    const fresh = newHighOrCritical(report, previous);
    await root.write('latest.json', json({ runId }));
    return {
      runId,
      accounts: ids.length,
      missingAccounts: listed.map((a) => a.accountId).filter((id) => !ids.includes(id)),
      newHighOrCritical: fresh.length,
      newFindings: fresh.slice(0, 20).map((f) => ({
        id: f.id,
        severity: f.severity,
        title: f.title,
        account: f.resource.accountId,
        resource: f.resource.arn,
      })),
      report: `${merged.location}/report.json`,
      evidence: evidence.location,
    };
  }

  return { listAccounts, scanAccount, merge };
}

let cached: ReturnType<typeof makeHandlers> | undefined;
const handlers = () => (cached ??= makeHandlers(settingsFrom(process.env)));

/** The entry points the template names (lambda/index.listAccounts, ...). */
export const listAccounts = (event: { runId?: string }) => handlers().listAccounts(event);
export const scanAccount = (event: { runId: string; account: AccountItem }) =>
  handlers().scanAccount(event);
export const merge = (event: { runId: string }) => handlers().merge(event);
