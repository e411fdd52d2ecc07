import type { SuppressionRule } from '../config/types.js';
import type { Finding, Suppression } from './types.js';

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

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
    if (rule.resource && !globToRegExp(rule.resource).test(finding.resource.arn)) continue;
    if (rule.expires && new Date(rule.expires).getTime() < now.getTime()) continue;
    return { reason: rule.reason, rule: index, ...(rule.expires ? { expires: rule.expires } : {}) };
  }
  return undefined;
}

export function expiredRules(rules: SuppressionRule[], now: Date): SuppressionRule[] {
  return rules.filter((r) => r.expires && new Date(r.expires).getTime() < now.getTime());
}
