import type { Severity } from './severity.js';

/** A rule that marks matching findings as accepted risk. */
export interface SuppressionRule {
  checkId: string;
  /** An ARN, or a pattern with * wildcards, matched against the finding's resource ARN. */
  resource?: string;
  accountId?: string;
  region?: string;
  reason: string;
  /** YYYY-MM-DD; from that day (UTC) the rule no longer applies, and the run warns. */
  expires?: string;
  owner?: string;
  /** An issue or risk-register reference. */
  ticket?: string;
  /** Set by the loader, not the user: the file the rule came from, and its place there. */
  source?: string;
  index?: number;
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
