/**
 * `apigw-audit export security-hub REPORT.json`: imports the report's findings into AWS Security
 * Hub, each into its own account and region, and archives what an earlier import sent that this
 * report no longer has.
 *
 * Per account and region:
 * 1. BatchImportFindings, at most 100 findings a call (the ASFF batches of `--format asff`).
 *    Findings Security Hub refuses come back in FailedFindings and are reported one by one.
 * 2. GetFindings for this tool's active findings under the account's default product ARN
 *    (ProductFields ProviderName = the tool's name, so nothing another integration imported is
 *    touched), then BatchImportFindings again for those whose Id the report no longer has, with
 *    RecordState ARCHIVED: a provider archives its own findings by re-importing them so.
 * Importing before archiving means an interrupted run never leaves a current finding archived.
 * Throttling (and 5xx) is retried with exponential backoff.
 */
import {
  BatchImportFindingsCommand,
  GetFindingsCommand,
  type AwsSecurityFinding,
  type AwsSecurityFindingFilters,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import type { Credentials } from '../collect/clients.js';
import { errorCode, errorMessage, isThrottle } from '../collect/context.js';
import type { Report } from '../engine/types.js';
import { BATCH_IMPORT_MAX, chunkFindings, toAsff, type AsffFinding } from '../render/asff.js';
import type { SecurityHubFactory } from './security-hub-client.js';

export interface ExportOptions {
  securityHub: SecurityHubFactory;
  /** Credentials per account ID (assumed roles); the default chain for the others. */
  credentialsFor?: (accountId: string) => Credentials | undefined;
  /** Attempts per call, counting the first (default 6). */
  maxAttempts?: number;
  /** Backoff before retry `attempt` (1-based), ms. Default: 500 ms doubling, capped at 20 s, jittered. */
  backoffMs?: (attempt: number) => number;
  now?: () => Date;
}

export interface FailedFinding {
  id: string;
  accountId: string;
  region: string;
  errorCode: string;
  message: string;
}

export interface TargetResult {
  accountId: string;
  region: string;
  imported: number;
  archived: number;
  failed: FailedFinding[];
}

export interface ExportResult {
  targets: TargetResult[];
  imported: number;
  archived: number;
  failed: FailedFinding[];
}

const defaultBackoff = (attempt: number) =>
  Math.min(20_000, 500 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);

function retryable(err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return isThrottle(err) || (status !== undefined && status >= 500);
}

async function withRetry<T>(opts: ExportOptions, call: () => Promise<T>): Promise<T> {
  const max = opts.maxAttempts ?? 6;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (attempt >= max || !retryable(err)) throw err;
      await new Promise((r) => setTimeout(r, (opts.backoffMs ?? defaultBackoff)(attempt)));
    }
  }
}

async function importBatch(
  opts: ExportOptions,
  client: SecurityHubClient,
  batch: AwsSecurityFinding[],
  where: { accountId: string; region: string },
): Promise<{ ok: number; failed: FailedFinding[] }> {
  try {
    const out = await withRetry(opts, () =>
      client.send(new BatchImportFindingsCommand({ Findings: batch })),
    );
    const failed = (out.FailedFindings ?? []).map((f) => ({
      id: f.Id ?? '',
      ...where,
      errorCode: f.ErrorCode ?? 'Unknown',
      message: f.ErrorMessage ?? '',
    }));
    return { ok: out.SuccessCount ?? batch.length - failed.length, failed };
  } catch (err) {
    // The whole call failed (no hub in this region, access denied, retries exhausted): every
    // finding of the batch is reported with the reason.
    const code = errorCode(err);
    const message = errorMessage(err);
    return { ok: 0, failed: batch.map((f) => ({ id: f.Id!, ...where, errorCode: code, message })) };
  }
}

/** This tool's active findings under the account's default product in this region. */
async function previousFindings(
  opts: ExportOptions,
  client: SecurityHubClient,
  product: string,
  toolName: string,
): Promise<AwsSecurityFinding[]> {
  const filters: AwsSecurityFindingFilters = {
    ProductArn: [{ Value: product, Comparison: 'EQUALS' }],
    RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
    ProductFields: [{ Key: 'ProviderName', Value: toolName, Comparison: 'EQUALS' }],
  };
  const found: AwsSecurityFinding[] = [];
  let token: string | undefined;
  do {
    const out = await withRetry(opts, () =>
      client.send(new GetFindingsCommand({ Filters: filters, MaxResults: 100, NextToken: token })),
    );
    found.push(...(out.Findings ?? []));
    token = out.NextToken || undefined;
  } while (token);
  // The filters again, on our side: an endpoint that ignores some of them must not make us
  // archive another integration's findings.
  return found.filter(
    (f) =>
      f.ProductArn === product &&
      (f.RecordState ?? 'ACTIVE') === 'ACTIVE' &&
      f.ProductFields?.['ProviderName'] === toolName,
  );
}

export async function exportToSecurityHub(
  report: Report,
  opts: ExportOptions,
): Promise<ExportResult> {
  const now = (opts.now?.() ?? new Date()).toISOString();
  const groups = new Map<string, AsffFinding[]>();
  for (const batch of chunkFindings(toAsff(report), Number.MAX_SAFE_INTEGER)) {
    groups.set(`${batch[0]!.AwsAccountId}|${batch[0]!.Region}`, batch);
  }
  const targets: TargetResult[] = [];
  for (const findings of groups.values()) {
    const { AwsAccountId: accountId, Region: region } = findings[0]!;
    const where = { accountId, region };
    const client = opts.securityHub(region, opts.credentialsFor?.(accountId));
    const result: TargetResult = { ...where, imported: 0, archived: 0, failed: [] };
    targets.push(result);
    for (const batch of chunkFindings(findings, BATCH_IMPORT_MAX)) {
      const r = await importBatch(opts, client, batch as AwsSecurityFinding[], where);
      result.imported += r.ok;
      result.failed.push(...r.failed);
    }
    if (result.imported === 0) continue; // no hub reached: nothing to compare against
    let previous: AwsSecurityFinding[];
    try {
      previous = await previousFindings(opts, client, findings[0]!.ProductArn, report.tool.name);
    } catch (err) {
      result.failed.push({
        id: '(archive)',
        ...where,
        errorCode: errorCode(err),
        message: `GetFindings failed, nothing archived: ${errorMessage(err)}`,
      });
      continue;
    }
    const current = new Set(findings.map((f) => f.Id));
    const stale = previous
      .filter((f) => f.Id && !current.has(f.Id))
      .map((f) => ({ ...f, RecordState: 'ARCHIVED' as const, UpdatedAt: now }));
    for (let i = 0; i < stale.length; i += BATCH_IMPORT_MAX) {
      const r = await importBatch(opts, client, stale.slice(i, i + BATCH_IMPORT_MAX), where);
      result.archived += r.ok;
      result.failed.push(...r.failed);
    }
  }
  return {
    targets,
    imported: targets.reduce((n, t) => n + t.imported, 0),
    archived: targets.reduce((n, t) => n + t.archived, 0),
    failed: targets.flatMap((t) => t.failed),
  };
}
