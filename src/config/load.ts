/**
 * The --config file: YAML or JSON (by its name), validated against schemas/config.schema.json,
 * merged over defaults. Every message names the file and the key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { InputFileError } from '../errors.js';
import { schemasDir } from '../paths.js';
import { readUserFile } from './file-format.js';
import type { Severity } from './severity.js';
import { checkSuppressions } from './suppressions.js';
import { DEFAULT_CHECK_CONFIG, type AuditConfig, type SuppressionRule } from './types.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface ConfigFile {
  profile?: string;
  regions?: string[] | 'all';
  roleArns?: string[];
  externalId?: string;
  endpointUrl?: string;
  concurrency?: number;
  formats?: string[];
  out?: string;
  failOn?: Severity | 'none';
  failOnNew?: boolean;
  baseline?: string;
  evidence?: string;
  logFormat?: 'text' | 'json';
  quiet?: boolean;
  csvFlattenNewlines?: boolean;
  ocsfIncludePass?: boolean;
  expectPrivate?: { tags?: Record<string, string>; namePatterns?: string[] };
  requiredTags?: string[];
  thresholds?: { certificateExpiryDays?: number };
  suppressions?: SuppressionRule[];
}

/** "/suppressions/0/reason" as a reader writes it: suppressions[0].reason. */
export function keyPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (extra !== undefined) parts.push(extra);
  return parts
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') {
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    return `unknown key "${keyPath(e.instancePath, key)}"`;
  }
  if (e.keyword === 'required') {
    const key = (e.params as { missingProperty: string }).missingProperty;
    return `key "${keyPath(e.instancePath, key)}" is required`;
  }
  const where = keyPath(e.instancePath);
  return where ? `key "${where}" ${e.message}` : `the file ${e.message}`;
}

/**
 * `knownCheckIds` lets suppression entries be checked here (an unknown check ID is a typo that
 * would otherwise suppress nothing, silently).
 */
export function readConfigFile(path: string, knownCheckIds: ReadonlySet<string>): ConfigFile {
  const data = readUserFile(path) ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new InputFileError(`${path}: invalid configuration: must be an object of settings`);
  }
  const raw = data as Record<string, unknown>;
  // Suppressions first: their check names the entry and the field, as a --suppressions file's.
  const suppressions =
    raw.suppressions === undefined
      ? undefined
      : checkSuppressions(raw.suppressions, path, knownCheckIds);
  const ajv = new Ajv({ allErrors: false, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(
    JSON.parse(readFileSync(join(schemasDir, 'config.schema.json'), 'utf8')),
  );
  if (!validate(raw)) {
    throw new InputFileError(`${path}: invalid configuration: ${describe(validate.errors![0]!)}`);
  }
  return { ...(raw as ConfigFile), ...(suppressions ? { suppressions } : {}) };
}

export function auditConfig(
  file: ConfigFile = {},
  extraSuppressions: SuppressionRule[] = [],
): AuditConfig {
  return {
    expectPrivate: {
      tags: file.expectPrivate?.tags ?? { ...DEFAULT_CHECK_CONFIG.expectPrivate.tags },
      namePatterns: file.expectPrivate?.namePatterns ?? [],
    },
    requiredTags: file.requiredTags ?? [],
    thresholds: {
      certificateExpiryDays:
        file.thresholds?.certificateExpiryDays ??
        DEFAULT_CHECK_CONFIG.thresholds.certificateExpiryDays,
    },
    suppressions: [...(file.suppressions ?? []), ...extraSuppressions],
    ...(file.failOn ? { failOn: file.failOn } : {}),
  };
}
