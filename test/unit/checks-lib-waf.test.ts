import { describe, expect, it } from 'vitest';
import { CheckContext } from '../../checks/lib/context.js';
import {
  baselineRuleGroups,
  isClassicWebAclArn,
  rateBasedRules,
  restStageWebAcls,
  webAclRef,
} from '../../checks/lib/waf.js';
import { DEFAULT_CHECK_CONFIG } from '../../src/config/types.js';
import { region, restApi, restStage, snapshot } from '../helpers/snapshot.js';

const V2 = 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api-acl/0a1b';
const CLASSIC = 'arn:aws:waf-regional:eu-west-1:111122223333:webacl/c1';

describe('checks/lib/waf', () => {
  it('tells WAF Classic ARNs apart', () => {
    expect(isClassicWebAclArn(CLASSIC)).toBe(true);
    expect(isClassicWebAclArn(CLASSIC.replace(':aws:', ':aws-us-gov:'))).toBe(true);
    expect(isClassicWebAclArn(V2)).toBe(false);
  });

  it('finds AWS managed baseline rule groups and rate-based rules', () => {
    const rules = [
      { Name: 'x', Statement: { ByteMatchStatement: {} } },
      {
        Name: 'crs',
        Statement: {
          ManagedRuleGroupStatement: {
            VendorName: 'AWS',
            Name: 'AWSManagedRulesCommonRuleSet',
            ScopeDownStatement: { NotStatement: { Statement: { IPSetReferenceStatement: {} } } },
          },
        },
      },
      {
        Name: 'sqli',
        Statement: {
          ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesSQLiRuleSet' },
        },
      },
      { Statement: { RateBasedStatement: { Limit: 100 } } },
    ];
    expect(baselineRuleGroups(rules)).toEqual(['AWSManagedRulesCommonRuleSet']);
    expect(rateBasedRules(rules)).toEqual(['rule 3']);
    expect(baselineRuleGroups([])).toEqual([]);
    expect(rateBasedRules([])).toEqual([]);
  });

  it('groups REST stages by the ACL they name, per region', () => {
    const snap = snapshot([
      region({
        restApis: [
          restApi({
            id: 'a1',
            name: 'orders',
            stages: [
              restStage({ stageName: 'prod', webAclArn: V2 }),
              restStage({ stageName: 'dev', webAclArn: V2 }),
              restStage({ stageName: 'test' }),
            ],
          }),
        ],
        webAcls: [
          { arn: V2, kind: 'wafv2', webAcl: { Name: 'api-acl' }, loggingConfiguration: null },
        ],
      }),
    ]);
    const ctx = new CheckContext('x', 'low', snap, DEFAULT_CHECK_CONFIG, new Date());
    const acls = restStageWebAcls(ctx);
    expect(acls.map((a) => [a.arn, a.stages, !!a.acl])).toEqual([
      [V2, ['orders/prod', 'orders/dev'], true],
    ]);
    expect(webAclRef(acls[0]!.scope, V2, acls[0]!.acl)).toMatchObject({
      name: 'api-acl',
      type: 'AWS::WAFv2::WebACL',
      arn: V2,
    });
    expect(webAclRef(acls[0]!.scope, CLASSIC)).toMatchObject({
      name: 'c1',
      type: 'AWS::WAFRegional::WebACL',
    });
  });
});
