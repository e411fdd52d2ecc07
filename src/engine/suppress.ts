import type { SuppressionRule } from '../config/types.js';
import { matchesStarPattern } from '../util/glob.js';
import type { Finding, Suppression, SuppressionStatus } from './types.js';

type Matchable = Pick<Finding, 'checkId' | 'resource'>;

/** Whether the rule names this finding, whatever its expiry. */
export function ruleMatches(rule: SuppressionRule, finding: Matchable): boolean {
  if (rule.checkId !== finding.checkId && rule.checkId !== '*') return false;
  if (rule.accountId && rule.accountId !== finding.resource.accountId) return false;
  if (rule.region && rule.region !== finding.resource.region) return false;
  if (rule.resource && !matchesStarPattern(rule.resource, finding.resource.arn)) return false;
  return true;
}

/** A rule's `expires` day is its first day without effect (midnight UTC). */
export function isExpired(rule: SuppressionRule, now: Date): boolean {
  return Boolean(rule.expires && new Date(rule.expires).getTime() < now.getTime());
}

/** The first rule that matches the finding and has not expired, as the finding's suppression. */
export function matchSuppression(
  finding: Matchable,
  rules: SuppressionRule[],
  now: Date,
): Suppression | undefined {
  for (const [index, rule] of rules.entries()) {
    if (!ruleMatches(rule, finding) || isExpired(rule, now)) continue;
    return {
      reason: rule.reason,
      rule: rule.index ?? index,
      ...(rule.expires ? { expires: rule.expires } : {}),
      ...(rule.owner ? { owner: rule.owner } : {}),
      ...(rule.ticket ? { ticket: rule.ticket } : {}),
      ...(rule.source ? { source: rule.source } : {}),
    };
  }
  return undefined;
}

/** A rule as the report and config --print show it: where it is, then what it says. */
export function describeRule(rule: SuppressionRule, index: number): SuppressionStatus {
  const { source, index: own, ...fields } = rule;
  return { source: source ?? 'config', rule: own ?? index, ...fields };
}

/**
 * Rules that need a person: expired ones (they no longer apply) and live ones that matched no
 * finding (the risk they accepted is gone, or the pattern is wrong). A rule counts as used when
 * it matches a finding that could be suppressed (not PASS), even if an earlier rule took it.
 * Findings are shown one at a time (`see`), so a report of any size is reviewed in one pass.
 */
export class SuppressionReview {
  private readonly unmatched: Set<number>;

  constructor(
    private readonly rules: SuppressionRule[],
    private readonly now: Date,
  ) {
    this.unmatched = new Set(rules.flatMap((rule, index) => (isExpired(rule, now) ? [] : [index])));
  }

  see(f: Matchable & Pick<Finding, 'status'>): void {
    if (f.status === 'PASS' || this.unmatched.size === 0) return;
    for (const index of this.unmatched) {
      if (ruleMatches(this.rules[index]!, f)) this.unmatched.delete(index);
    }
  }

  result(): { expired: SuppressionStatus[]; unused: SuppressionStatus[] } {
    const expired: SuppressionStatus[] = [];
    const unused: SuppressionStatus[] = [];
    for (const [index, rule] of this.rules.entries()) {
      if (isExpired(rule, this.now)) expired.push(describeRule(rule, index));
      else if (this.unmatched.has(index)) unused.push(describeRule(rule, index));
    }
    return { expired, unused };
  }
}

export function reviewSuppressions(
  findings: ReadonlyArray<Matchable & Pick<Finding, 'status'>>,
  rules: SuppressionRule[],
  now: Date,
): { expired: SuppressionStatus[]; unused: SuppressionStatus[] } {
  const review = new SuppressionReview(rules, now);
  for (const f of findings) review.see(f);
  return review.result();
}
