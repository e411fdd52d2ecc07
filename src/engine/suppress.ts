import type { SuppressionRule } from '../config/types.js';
import { matchesStarPattern } from '../util/glob.js';
import type { Finding, Suppression } from './types.js';

/** The first rule that matches the finding and has not expired, as the finding's suppression. */
export function matchSuppression(
  finding: Pick<Finding, 'checkId' | 'resource'>,
  rules: SuppressionRule[],
  now: Date,
): Suppression | undefined {
  for (const [index, rule] of rules.entries()) {
    if (rule.checkId !== finding.checkId && rule.checkId !== '*') continue;
    if (rule.accountId && rule.accountId !== finding.resource.accountId) continue;
    if (rule.region && rule.region !== finding.resource.region) continue;
    if (rule.resource && !matchesStarPattern(rule.resource, finding.resource.arn)) continue;
    if (rule.expires && new Date(rule.expires).getTime() < now.getTime()) continue;
    return { reason: rule.reason, rule: index, ...(rule.expires ? { expires: rule.expires } : {}) };
  }
  return undefined;
}

export function expiredRules(rules: SuppressionRule[], now: Date): SuppressionRule[] {
  return rules.filter((r) => r.expires && new Date(r.expires).getTime() < now.getTime());
}
