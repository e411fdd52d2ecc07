import type { Severity } from './severity.js';

/** A rule that marks matching findings as accepted risk. */
export interface SuppressionRule {
  checkId: string;
  /** An ARN, or a pattern with * wildcards, matched against the finding's resource ARN. */
  resource?: string;
  accountId?: string;
  region?: string;
  reason: string;
  /** ISO date; after it the rule no longer applies (and the run warns). */
  expires?: string;
}

/** What checks may be told by the user. Everything has a default. */
export interface CheckConfig {
  /** APIs that must be PRIVATE: by tag key=value or name pattern (* wildcards). */
  expectPrivate: { tags: Record<string, string>; namePatterns: string[] };
  /** Tag keys every REST API, v2 API and stage must carry; empty means the check is off. */
  requiredTags: string[];
  thresholds: { certificateExpiryDays: number };
}

export interface AuditConfig extends CheckConfig {
  suppressions: SuppressionRule[];
  failOn?: Severity | 'none';
}

export const DEFAULT_CHECK_CONFIG: CheckConfig = {
  expectPrivate: { tags: {}, namePatterns: [] },
  requiredTags: [],
  thresholds: { certificateExpiryDays: 30 },
};
