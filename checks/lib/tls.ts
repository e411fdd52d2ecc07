/**
 * TLS facts shared by the TLS and certificate checks: how strong a security policy is, and how
 * close a certificate is to expiry.
 */

/** The legacy policies: TLS_1_0 lets clients negotiate TLS 1.0 and 1.1 with SHA1-CBC suites. */
export const LEGACY_POLICIES = ['TLS_1_0', 'TLS_1_2'] as const;

/** The enhanced policies of the v1 SDK enum (2025). Every `SecurityPolicy_*` value is enhanced. */
export const ENHANCED_POLICIES = [
  'SecurityPolicy_TLS13_1_3_2025_09',
  'SecurityPolicy_TLS13_1_3_FIPS_2025_09',
  'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_Ext2_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_Ext2_FIPS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_2021_06',
  'SecurityPolicy_TLS13_2025_EDGE',
  'SecurityPolicy_TLS12_PFS_2025_EDGE',
  'SecurityPolicy_TLS12_2018_EDGE',
] as const;

export type PolicyClass = 'TLS_1_0' | 'TLS_1_2' | 'enhanced' | 'unknown';

/**
 * TLS_1_0 and TLS_1_2 are the legacy policies; anything named `SecurityPolicy_*` is enhanced
 * (including names newer than this list); any other value is unknown.
 */
export function classifyPolicy(policy: string): PolicyClass {
  if (policy === 'TLS_1_0' || policy === 'TLS_1_2') return policy;
  if (policy.startsWith('SecurityPolicy_')) return 'enhanced';
  return 'unknown';
}

const DAY_MS = 24 * 60 * 60 * 1000;

export type ExpiryState =
  | { state: 'expired'; daysLeft: number }
  | { state: 'expiring'; daysLeft: number }
  | { state: 'valid'; daysLeft: number }
  | { state: 'unknown' };

/**
 * Where a certificate stands at `now`: expired (its end date has passed), expiring (it ends
 * within `thresholdDays`), valid, or unknown (no parseable date). `daysLeft` is rounded down and
 * negative once expired.
 */
export function expiryState(
  notAfter: string | undefined,
  now: Date,
  thresholdDays: number,
): ExpiryState {
  const end = notAfter ? Date.parse(notAfter) : NaN;
  if (Number.isNaN(end)) return { state: 'unknown' };
  const ms = end - now.getTime();
  const daysLeft = Math.floor(ms / DAY_MS);
  if (ms <= 0) return { state: 'expired', daysLeft };
  if (ms <= thresholdDays * DAY_MS) return { state: 'expiring', daysLeft };
  return { state: 'valid', daysLeft };
}
