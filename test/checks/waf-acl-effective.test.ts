import { describe } from 'vitest';
import check from '../../checks/waf-acl-effective.js';
import type { WafRule, WebAclSnapshot } from '../../src/snapshot/types.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, restStage, snapshot } from '../helpers/snapshot.js';

const aclArn = (name: string, r = 'eu-west-1') =>
  `arn:aws:wafv2:${r}:111122223333:regional/webacl/${name}/id-${name}`;
const CLASSIC = 'arn:aws:waf-regional:eu-west-1:111122223333:webacl/classic-id';

const COMMON: WafRule = {
  Name: 'common',
  Priority: 0,
  OverrideAction: { None: {} },
  Statement: {
    ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' },
  },
};
const RATE: WafRule = {
  Name: 'per-ip',
  Priority: 1,
  Action: { Block: {} },
  Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP' } },
};
const GEO: WafRule = {
  Name: 'geo',
  Priority: 2,
  Action: { Block: {} },
  Statement: { GeoMatchStatement: { CountryCodes: ['KP'] } },
};

const acl = (
  name: string,
  rules: WafRule[],
  defaultAction: 'Allow' | 'Block' = 'Allow',
): WebAclSnapshot => ({
  arn: aclArn(name),
  kind: 'wafv2',
  webAcl: { Name: name, ARN: aclArn(name), DefaultAction: { [defaultAction]: {} }, Rules: rules },
  loggingConfiguration: null,
});

const stagesWith = (...arns: string[]) => [
  restApi({
    id: 'a1',
    name: 'orders',
    stages: arns.map((webAclArn, i) => restStage({ stageName: `s${i}`, webAclArn })),
  }),
];

describe('waf-acl-effective', () => {
  checkTable(check, [
    { name: 'no REST APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'baseline group and rate-based rule: PASS (one result for an ACL on two stages)',
      snapshot: snapshot([
        region({
          restApis: stagesWith(aclArn('good'), aclArn('good')),
          webAcls: [acl('good', [COMMON, RATE])],
        }),
      ]),
      expect: [
        {
          resource: 'good',
          status: 'PASS',
          evidence: {
            baselineRuleGroups: ['AWSManagedRulesCommonRuleSet'],
            rateBasedRules: ['per-ip'],
            failedConditions: [],
            stages: ['orders/s0', 'orders/s1'],
          },
        },
      ],
    },
    {
      name: 'AWSManagedRulesKnownBadInputsRuleSet alone counts as the baseline',
      snapshot: snapshot([
        region({
          restApis: stagesWith(aclArn('nested')),
          webAcls: [
            acl('nested', [
              RATE,
              {
                Name: 'kbi',
                Statement: {
                  ManagedRuleGroupStatement: {
                    VendorName: 'AWS',
                    Name: 'AWSManagedRulesKnownBadInputsRuleSet',
                  },
                },
              },
            ]),
          ],
        }),
      ]),
      expect: [{ resource: 'nested', status: 'PASS' }],
    },
    {
      name: 'default Allow with no rules: FAIL medium listing all three conditions',
      snapshot: snapshot([
        region({ restApis: stagesWith(aclArn('empty')), webAcls: [acl('empty', [])] }),
      ]),
      expect: [
        {
          resource: 'empty',
          status: 'FAIL',
          severity: 'medium',
          evidence: {
            DefaultAction: 'Allow',
            'Rules.length': 0,
            failedConditions: [
              'default action Allow with no rules',
              'no AWS managed baseline rule group',
              'no rate-based rule',
            ],
          },
        },
      ],
    },
    {
      name: 'rules but no baseline and no rate limit: FAIL low',
      snapshot: snapshot([
        region({ restApis: stagesWith(aclArn('geo')), webAcls: [acl('geo', [GEO])] }),
      ]),
      expect: [
        {
          resource: 'geo',
          status: 'FAIL',
          severity: 'low',
          evidence: {
            failedConditions: ['no AWS managed baseline rule group', 'no rate-based rule'],
          },
        },
      ],
    },
    {
      name: 'baseline only (no rate limit): FAIL low; a third-party group is not a baseline',
      snapshot: snapshot([
        region({
          restApis: stagesWith(aclArn('base'), aclArn('vendor')),
          webAcls: [
            acl('base', [COMMON]),
            acl('vendor', [
              RATE,
              {
                Name: 'v',
                Statement: {
                  ManagedRuleGroupStatement: {
                    VendorName: 'SomeVendor',
                    Name: 'AWSManagedRulesCommonRuleSet',
                  },
                },
              },
            ]),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'base',
          status: 'FAIL',
          severity: 'low',
          evidence: { failedConditions: ['no rate-based rule'] },
        },
        {
          resource: 'vendor',
          status: 'FAIL',
          severity: 'low',
          evidence: { failedConditions: ['no AWS managed baseline rule group'] },
        },
      ],
    },
    {
      name: 'default Block with no rules is not "Allow with no rules"',
      snapshot: snapshot([
        region({ restApis: stagesWith(aclArn('deny')), webAcls: [acl('deny', [], 'Block')] }),
      ]),
      expect: [
        {
          resource: 'deny',
          status: 'FAIL',
          severity: 'low',
          evidence: {
            DefaultAction: 'Block',
            failedConditions: ['no AWS managed baseline rule group', 'no rate-based rule'],
          },
        },
      ],
    },
    {
      name: 'WAF Classic ACL: FAIL medium, even when region.webAcls was not collected',
      snapshot: snapshot([region({ restApis: stagesWith(CLASSIC), webAcls: undefined })]),
      expect: [
        {
          resource: 'classic-id',
          status: 'FAIL',
          severity: 'medium',
          evidence: { kind: 'waf-classic', failedConditions: ['WAF Classic ACL'] },
        },
      ],
    },
    {
      name: 'not applicable: stages without a web ACL, ACLs no stage uses',
      snapshot: snapshot([
        region({
          restApis: [restApi({ id: 'a1', stages: [restStage({ stageName: 'prod' })] })],
          webAcls: [acl('unused', [])],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many ACLs across regions',
      snapshot: snapshot([
        region({
          restApis: stagesWith(aclArn('good'), aclArn('empty')),
          webAcls: [acl('good', [COMMON, RATE]), acl('empty', [])],
        }),
        region(
          {
            restApis: stagesWith(aclArn('good', 'us-east-1')),
            webAcls: [{ ...acl('good', [GEO]), arn: aclArn('good', 'us-east-1') }],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'good', status: 'PASS' },
        { resource: 'empty', status: 'FAIL', severity: 'medium' },
        { resource: 'good', status: 'FAIL', severity: 'low' },
      ],
    },
    {
      name: 'ACL data missing: ERROR (listing failed, ACL absent, GetWebACL failed)',
      snapshot: snapshot(
        [
          region({
            restApis: stagesWith(aclArn('absent'), aclArn('nodetail')),
            webAcls: [{ arn: aclArn('nodetail'), kind: 'wafv2', loggingConfiguration: null }],
          }),
          region(
            { restApis: stagesWith(aclArn('x', 'us-east-1')), webAcls: undefined },
            'us-east-1',
          ),
        ],
        [
          collectionError({
            slice: 'webAcls',
            service: 'wafv2',
            operation: 'GetWebACL',
            resourceId: aclArn('nodetail'),
          }),
        ],
      ),
      expect: [
        { resource: 'absent', status: 'ERROR', evidence: { missing: 'webAcls' } },
        {
          resource: 'nodetail',
          status: 'ERROR',
          message: 'wafv2:GetWebACL failed',
          evidence: { resourceId: aclArn('nodetail') },
        },
        { resource: 'x', status: 'ERROR', evidence: { missing: 'webAcls' } },
      ],
    },
    {
      name: 'stages that failed to collect: ERROR for the API',
      snapshot: snapshot(
        [region({ restApis: [restApi({ id: 'a1', name: 'orders', stages: undefined })] })],
        [collectionError({ slice: 'restApi.stages', resourceId: 'a1' })],
      ),
      expect: [{ resource: 'orders', status: 'ERROR' }],
    },
  ]);
});
