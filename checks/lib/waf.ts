/**
 * Facts about the web ACLs protecting REST stages: which ACLs the stages name, whether an ACL
 * is WAF Classic, and what its rules contain.
 */
import type { ResourceRef } from '../../src/engine/types.js';
import type { WafRule, WebAclSnapshot } from '../../src/snapshot/types.js';
import type { CheckContext, RegionScope } from './context.js';
import { ref } from './resources.js';

/** The AWS managed rule groups that count as a baseline against common exploits. */
export const BASELINE_RULE_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

/** WAF Classic regional ACLs are named arn:aws:waf-regional:... (end of support 2025-09-30). */
export function isClassicWebAclArn(aclArn: string): boolean {
  return /^arn:[^:]+:waf-regional:/.test(aclArn);
}

/** The result resource for a web ACL; Classic ACLs get their own type and the ACL id as name. */
export function webAclRef(scope: RegionScope, aclArn: string, acl?: WebAclSnapshot): ResourceRef {
  const base = ref.webAcl(scope, aclArn);
  if (isClassicWebAclArn(aclArn)) {
    return {
      ...base,
      type: 'AWS::WAFRegional::WebACL',
      name: aclArn.split('/').pop() || aclArn,
    };
  }
  return acl?.webAcl?.Name ? { ...base, name: acl.webAcl.Name } : base;
}

/** Every object nested in a rule statement (the statement itself included), depth first. */
function* statements(node: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(node)) {
    for (const n of node) yield* statements(n);
  } else if (node && typeof node === 'object') {
    yield node as Record<string, unknown>;
    for (const v of Object.values(node)) yield* statements(v);
  }
}

/**
 * Names of the AWS managed baseline rule groups the ACL's rules use (a ManagedRuleGroupStatement
 * with VendorName AWS). Rule groups referenced by ARN (RuleGroupReferenceStatement) are not
 * opened.
 */
export function baselineRuleGroups(rules: WafRule[]): string[] {
  const found = new Set<string>();
  for (const rule of rules) {
    for (const s of statements(rule.Statement)) {
      const m = s.ManagedRuleGroupStatement as { VendorName?: string; Name?: string } | undefined;
      if (
        m?.Name &&
        (m.VendorName ?? 'AWS') === 'AWS' &&
        (BASELINE_RULE_GROUPS as readonly string[]).includes(m.Name)
      ) {
        found.add(m.Name);
      }
    }
  }
  return [...found].sort();
}

/** Names of the rules that contain a RateBasedStatement. */
export function rateBasedRules(rules: WafRule[]): string[] {
  return rules
    .map((r, i) => ({ r, name: r.Name ?? `rule ${i}` }))
    .filter(({ r }) => [...statements(r.Statement)].some((s) => 'RateBasedStatement' in s))
    .map(({ name }) => name);
}

export interface StageWebAcl {
  scope: RegionScope;
  arn: string;
  /** "api/stage" names of the REST stages that name this ACL in webAclArn. */
  stages: string[];
  /** The collected ACL, when `region.webAcls` has it. */
  acl?: WebAclSnapshot;
}

/**
 * The web ACLs associated with REST stages (their `webAclArn`), one entry per ACL and region,
 * sorted by ARN. Uses the restStages walker, so failed REST collections become ERROR results.
 */
export function restStageWebAcls(ctx: CheckContext): StageWebAcl[] {
  const byKey = new Map<string, StageWebAcl>();
  for (const s of ctx.restStages()) {
    const aclArn = s.stage.webAclArn;
    if (!aclArn) continue;
    const key = `${s.accountId}|${s.regionName}|${aclArn}`;
    let entry = byKey.get(key);
    if (!entry) {
      const scope: RegionScope = {
        account: s.account,
        region: s.region,
        accountId: s.accountId,
        regionName: s.regionName,
        partition: s.partition,
      };
      const acl = s.region.webAcls?.find((w) => w.arn === aclArn);
      entry = { scope, arn: aclArn, stages: [], ...(acl ? { acl } : {}) };
      byKey.set(key, entry);
    }
    entry.stages.push(`${s.api.name ?? s.api.id}/${s.stage.stageName}`);
  }
  return [...byKey.values()].sort(
    (a, b) =>
      a.scope.accountId.localeCompare(b.scope.accountId) ||
      a.scope.regionName.localeCompare(b.scope.regionName) ||
      a.arn.localeCompare(b.arn),
  );
}
