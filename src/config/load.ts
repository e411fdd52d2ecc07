/** The --config file: JSON, validated against schemas/config.schema.json, merged over defaults. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { InputFileError } from '../errors.js';
import { schemasDir } from '../paths.js';
import { readJsonFile } from '../util/json-file.js';
import type { Severity } from './severity.js';
import { DEFAULT_CHECK_CONFIG, type AuditConfig, type SuppressionRule } from './types.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface ConfigFile {
  regions?: string[] | 'all';
  roleArns?: string[];
  externalId?: string;
  formats?: string[];
  failOn?: Severity | 'none';
  expectPrivate?: { tags?: Record<string, string>; namePatterns?: string[] };
  requiredTags?: string[];
  thresholds?: { certificateExpiryDays?: number };
  suppressions?: SuppressionRule[];
}

export function readConfigFile(path: string): ConfigFile {
  const data = readJsonFile(path);
  const ajv = new Ajv({ allErrors: false, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(
    JSON.parse(readFileSync(join(schemasDir, 'config.schema.json'), 'utf8')),
  );
  if (!validate(data)) {
    const e = validate.errors![0]!;
    const extra =
      e.keyword === 'additionalProperties'
        ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'`
        : '';
    throw new InputFileError(
      `${path}: invalid configuration: ${e.instancePath || '(top level)'} ${e.message}${extra}`,
    );
  }
  return data as ConfigFile;
}

export function auditConfig(file: ConfigFile = {}): AuditConfig {
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
    suppressions: file.suppressions ?? [],
    ...(file.failOn ? { failOn: file.failOn } : {}),
  };
}
