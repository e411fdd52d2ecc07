/** The --config file: JSON, validated against schemas/config.schema.json, merged over defaults. */
import { readValidated } from '../util/json-file.js';
import type { Severity } from './severity.js';
import { DEFAULT_CHECK_CONFIG, type AuditConfig, type SuppressionRule } from './types.js';

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
  return readValidated<ConfigFile>(path, 'config');
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
