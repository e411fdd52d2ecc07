import type { Severity } from '../src/engine/types.js';
import { severityRank } from '../src/engine/types.js';
import { defineCheck } from './lib/define.js';
import {
  BASELINE_RULE_GROUPS,
  baselineRuleGroups,
  rateBasedRules,
  isClassicWebAclArn,
  restStageWebAcls,
  webAclRef,
} from './lib/waf.js';

export default defineCheck({
  meta: {
    id: 'waf-acl-effective',
    title: 'Web ACLs protecting REST stages block common exploits and request floods',
    family: 'exposure',
    severity: 'medium',
    resourceType: 'AWS::WAFv2::WebACL',
    description:
      'For each web ACL associated with a REST API stage, one result that lists every condition ' +
      'that fails, at the severity of the worst: the default action is Allow and the ACL has no ' +
      'rule (medium: it filters nothing); it uses neither AWS managed baseline rule group ' +
      `(${BASELINE_RULE_GROUPS.join(' or ')}) (low); it has no rate-based rule (low); it is a WAF ` +
      'Classic ACL, whose support ended on 2025-09-30 (medium). Rule groups referenced by ARN are ' +
      'not opened.',
    risk:
      'An associated web ACL that filters nothing gives the appearance of protection: injection ' +
      'payloads, known bad inputs and request floods still reach authorizers and backends. WAF ' +
      'Classic no longer receives support.',
    remediation: {
      text:
        'Add the AWS managed rule groups AWSManagedRulesCommonRuleSet and ' +
        'AWSManagedRulesKnownBadInputsRuleSet and a rate-based rule to the web ACL (in Count mode ' +
        'first if false positives are a concern); migrate WAF Classic ACLs to AWS WAF (v2).',
      cli:
        'aws wafv2 update-web-acl --scope REGIONAL --name <web-acl-name> --id <web-acl-id> ' +
        '--lock-token <lock-token> --default-action Allow={} --visibility-config ' +
        'file://<visibility-config>.json --rules file://<rules-with-baseline-and-rate-limit>.json',
    },
    references: [
      {
        title: 'Baseline rule groups (AWS WAF managed rules)',
        url: 'https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html',
      },
      {
        title: 'Using rate-based rule statements in AWS WAF',
        url: 'https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html',
      },
      {
        title: 'Migrating your AWS WAF Classic resources to AWS WAF',
        url: 'https://docs.aws.amazon.com/waf/latest/developerguide/waf-migrating-from-classic.html',
      },
    ],
    reads: ['restApis', 'restApi.stages', 'webAcls'],
    anchors: ['Checkov CKV_AWS_394 (IaC)'],
  },
  evaluate(ctx) {
    for (const entry of restStageWebAcls(ctx)) {
      const resource = webAclRef(entry.scope, entry.arn, entry.acl);
      const stages = entry.stages;
      if (entry.acl?.kind === 'waf-classic' || isClassicWebAclArn(entry.arn)) {
        ctx.fail(
          resource,
          'WAF Classic web ACL (end of support 2025-09-30): migrate it to AWS WAF',
          {
            kind: 'waf-classic',
            webAclArn: entry.arn,
            failedConditions: ['WAF Classic ACL'],
            stages,
          },
          'medium',
        );
        continue;
      }
      if (!entry.scope.region.webAcls) {
        ctx.error(resource, 'webAcls');
        continue;
      }
      const acl = entry.acl?.webAcl;
      if (!acl) {
        ctx.error(resource, 'webAcls', entry.arn);
        continue;
      }
      const rules = acl.Rules ?? [];
      const defaultAction = acl.DefaultAction?.Block !== undefined ? 'Block' : 'Allow';
      const baseline = baselineRuleGroups(rules);
      const rateBased = rateBasedRules(rules);
      const failed: Array<{ condition: string; severity: Severity }> = [];
      if (defaultAction === 'Allow' && rules.length === 0) {
        failed.push({ condition: 'default action Allow with no rules', severity: 'medium' });
      }
      if (baseline.length === 0) {
        failed.push({ condition: 'no AWS managed baseline rule group', severity: 'low' });
      }
      if (rateBased.length === 0) {
        failed.push({ condition: 'no rate-based rule', severity: 'low' });
      }
      const evidence = {
        webAclArn: entry.arn,
        DefaultAction: defaultAction,
        'Rules.length': rules.length,
        baselineRuleGroups: baseline,
        rateBasedRules: rateBased,
        failedConditions: failed.map((f) => f.condition),
        stages,
      };
      if (failed.length === 0) {
        ctx.pass(
          resource,
          'The web ACL uses an AWS managed baseline rule group and a rate-based rule',
          evidence,
        );
      } else {
        const worst = failed.reduce((a, b) =>
          severityRank(b.severity) > severityRank(a.severity) ? b : a,
        );
        ctx.fail(
          resource,
          `The web ACL is weak: ${failed.map((f) => f.condition).join('; ')}`,
          evidence,
          worst.severity,
        );
      }
    }
  },
});
