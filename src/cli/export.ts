/**
 * `export security-hub REPORT.json`: the only command that writes to AWS, and only when asked
 * for by name. Its permissions are documented apart from the scan's read-only policy
 * (docs/permissions.md, "Exporting to Security Hub").
 */
import type { Credentials } from '../collect/clients.js';
import type { Report } from '../engine/types.js';
import { EXIT, UsageError } from '../errors.js';
import type { SecurityHubFactory } from '../export/security-hub-client.js';
import type { ExportOptions } from '../export/security-hub.js';
import { readValidated } from '../util/json-file.js';
import { sanitizeForTerminal } from '../util/terminal.js';
import type { ParsedOptions } from './options.js';
import type { RunResult } from './run.js';

export const EXPORT_TARGETS = ['security-hub'] as const;

export interface ExportDeps {
  securityHub?: SecurityHubFactory;
  exportOptions?: Partial<ExportOptions>;
}

/** Failed findings printed one per line before the rest are counted. */
const MAX_LISTED = 50;

export async function runExport(
  target: string,
  path: string,
  opts: ParsedOptions,
  deps: ExportDeps = {},
): Promise<RunResult> {
  if (!(EXPORT_TARGETS as readonly string[]).includes(target)) {
    throw new UsageError(
      `unknown export target "${sanitizeForTerminal(target)}" (known: ${EXPORT_TARGETS.join(', ')})`,
    );
  }
  const roleArns = opts.roleArn ?? [];
  const roles = new Map<string, string>();
  for (const r of roleArns) {
    const m = /^arn:[a-z-]+:iam::(\d{12}):role\/.+/.exec(r);
    if (!m) throw new UsageError(`--role-arn "${sanitizeForTerminal(r)}" is not an IAM role ARN`);
    roles.set(m[1]!, r);
  }
  if (opts.endpointUrl !== undefined && !/^https?:\/\/\S+$/.test(opts.endpointUrl)) {
    throw new UsageError(`--endpoint-url must be an http(s) URL (got "${opts.endpointUrl}")`);
  }
  const report = readValidated<Report>(path, 'report');

  // The SDK is loaded only now: every other command starts without the Security Hub client.
  const [{ credentialsFor }, { createSecurityHubFactory }, { exportToSecurityHub }, providers] =
    await Promise.all([
      import('../collect/clients.js'),
      import('../export/security-hub-client.js'),
      import('../export/security-hub.js'),
      import('@aws-sdk/credential-providers'),
    ]);
  const base = credentialsFor(opts.profile);
  const securityHub =
    deps.securityHub ??
    createSecurityHubFactory({ endpointUrl: opts.endpointUrl, credentials: base });
  const assumed = new Map<string, Credentials>();
  const credentialsForAccount = (accountId: string): Credentials | undefined => {
    const roleArn = roles.get(accountId);
    if (!roleArn) return undefined;
    let c = assumed.get(accountId);
    if (!c) {
      c = providers.fromTemporaryCredentials({
        masterCredentials: base,
        params: {
          RoleArn: roleArn,
          RoleSessionName: 'apigw-audit-export',
          ...(opts.externalId ? { ExternalId: opts.externalId } : {}),
        },
        clientConfig: opts.endpointUrl ? { endpoint: opts.endpointUrl } : {},
      });
      assumed.set(accountId, c);
    }
    return c;
  };

  const result = await exportToSecurityHub(report, {
    securityHub,
    credentialsFor: credentialsForAccount,
    ...deps.exportOptions,
  });

  const notes = result.targets.map(
    (t) =>
      `security-hub ${t.accountId}/${t.region}: ${t.imported} imported, ${t.archived} archived` +
      (t.failed.length ? `, ${t.failed.length} failed` : ''),
  );
  for (const f of result.failed.slice(0, MAX_LISTED)) {
    notes.push(
      sanitizeForTerminal(
        `failed ${f.accountId}/${f.region} ${f.id}: ${f.errorCode}: ${f.message}`,
      ),
    );
  }
  if (result.failed.length > MAX_LISTED) {
    notes.push(`... and ${result.failed.length - MAX_LISTED} more failed findings (see --json)`);
  }
  return {
    // Every finding of the report reached its hub, or not: the same "incomplete" code as a scan
    // that could not read everything.
    exitCode: result.failed.length ? EXIT.INCOMPLETE : EXIT.OK,
    ...(opts.json ? { stdout: JSON.stringify(result, null, 2) + '\n' } : {}),
    notes,
    written: [],
  };
}
