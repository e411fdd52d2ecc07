/**
 * --evidence and `verify`: opening a bundle's store (a directory, or an S3 prefix with the
 * same credentials and endpoint as the scan) and turning verification into a result.
 */
import { ALL_CHECKS } from '../../checks/index.js';
import { complianceByCheck, loadFrameworks } from '../engine/compliance.js';
import { checkInfo } from '../engine/evaluate.js';
import type { CheckInfo } from '../engine/types.js';
import { EXIT, UsageError } from '../errors.js';
import { mappingFiles } from '../evidence/catalog.js';
import { directoryStore, isS3Url, type BundleStore } from '../evidence/store.js';
import { verifyBundle } from '../evidence/verify.js';
import { sanitizeForTerminal } from '../util/terminal.js';
import { TOOL } from '../version.js';
import { warn } from './log.js';
import type { ParsedOptions } from './options.js';
import type { RunResult } from './run.js';

export interface StoreOptions {
  profile?: string;
  endpointUrl?: string;
}

export async function openStore(location: string, opts: StoreOptions): Promise<BundleStore> {
  if (!location) throw new UsageError('the evidence location is empty');
  if (!isS3Url(location)) return directoryStore(location);
  // The AWS SDK is loaded only when an s3:// location needs it.
  const [{ s3Store }, { configuredRegion, credentialsFor }] = await Promise.all([
    import('../export/s3.js'),
    import('../collect/clients.js'),
  ]);
  const region = await configuredRegion(opts.profile);
  return s3Store(location, {
    ...(region ? { region } : {}),
    ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
    credentials: credentialsFor(opts.profile),
  });
}

function installedCatalog(): Record<string, CheckInfo> {
  const compliance = complianceByCheck(loadFrameworks());
  return Object.fromEntries(
    ALL_CHECKS.map((c) => [c.meta.id, checkInfo(c, compliance.get(c.meta.id) ?? {})]),
  );
}

export async function runVerify(
  location: string,
  opts: ParsedOptions,
  endpointUrl?: string,
): Promise<RunResult> {
  const store = await openStore(location, {
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(endpointUrl ? { endpointUrl } : {}),
  });
  const result = await verifyBundle(store, {
    version: TOOL.version,
    checks: installedCatalog(),
    mappings: mappingFiles(),
  });
  const warnings = result.warnings.map((w) => warn('evidence.warning', w));
  if (result.problems.length) {
    return {
      exitCode: EXIT.FINDINGS,
      // File names come from the directory or the bucket: no escape sequences to the terminal.
      notes: [
        ...result.problems.map(sanitizeForTerminal),
        ...warnings,
        `${store.location}: does NOT verify`,
      ],
      written: [],
    };
  }
  return {
    exitCode: EXIT.OK,
    notes: [...warnings, `${store.location}: verified (${result.files} files and manifest.json)`],
    written: [],
  };
}
