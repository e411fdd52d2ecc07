import { describe } from 'vitest';
import check from '../../checks/waf-logging.js';
import type { WebAclSnapshot } from '../../src/snapshot/types.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, restStage, snapshot } from '../helpers/snapshot.js';

const aclArn = (name: string) =>
  `arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/${name}/id-${name}`;
const CLASSIC = 'arn:aws:waf-regional:eu-west-1:111122223333:webacl/classic-id';
const DEST = 'arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-api';

const acl = (
  name: string,
  loggingConfiguration: WebAclSnapshot['loggingConfiguration'],
): WebAclSnapshot => ({
  arn: aclArn(name),
  kind: 'wafv2',
  webAcl: { Name: name, DefaultAction: { Allow: {} }, Rules: [] },
  loggingConfiguration,
});

const stagesWith = (...arns: string[]) => [
  restApi({
    id: 'a1',
    name: 'orders',
    stages: arns.map((webAclArn, i) => restStage({ stageName: `s${i}`, webAclArn })),
  }),
];

describe('waf-logging', () => {
  checkTable(check, [
    { name: 'no REST APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'logging configured: PASS',
      snapshot: snapshot([
        region({
          restApis: stagesWith(aclArn('logged')),
          webAcls: [
            acl('logged', { ResourceArn: aclArn('logged'), LogDestinationConfigs: [DEST] }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'logged',
          status: 'PASS',
          evidence: { 'LoggingConfiguration.LogDestinationConfigs': [DEST] },
        },
      ],
    },
    {
      name: 'no logging configuration: FAIL low',
      snapshot: snapshot([
        region({ restApis: stagesWith(aclArn('silent')), webAcls: [acl('silent', null)] }),
      ]),
      expect: [
        {
          resource: 'silent',
          status: 'FAIL',
          severity: 'low',
          evidence: { 'LoggingConfiguration.LogDestinationConfigs': null, stages: ['orders/s0'] },
        },
      ],
    },
    {
      name: 'WAF Classic: MANUAL',
      snapshot: snapshot([region({ restApis: stagesWith(CLASSIC), webAcls: [] })]),
      expect: [{ resource: 'classic-id', status: 'MANUAL', evidence: { kind: 'waf-classic' } }],
    },
    {
      name: 'not applicable: ACLs no REST stage uses',
      snapshot: snapshot([
        region({
          restApis: [restApi({ id: 'a1', stages: [restStage({ stageName: 'prod' })] })],
          webAcls: [acl('unused', null)],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many ACLs across regions',
      snapshot: snapshot([
        region({
          restApis: stagesWith(aclArn('a'), aclArn('b')),
          webAcls: [acl('a', null), acl('b', { LogDestinationConfigs: [DEST] })],
        }),
        region({ restApis: stagesWith(aclArn('c')), webAcls: [acl('c', null)] }, 'us-east-1'),
      ]),
      expect: [
        { resource: 'a', status: 'FAIL' },
        { resource: 'b', status: 'PASS' },
        { resource: 'c', status: 'FAIL' },
      ],
    },
    {
      name: 'logging configuration or ACL list not collected: ERROR',
      snapshot: snapshot(
        [
          region({
            restApis: stagesWith(aclArn('unknown'), aclArn('missing')),
            webAcls: [acl('unknown', undefined)],
          }),
          region({ restApis: stagesWith(aclArn('x')), webAcls: undefined }, 'us-east-1'),
        ],
        [
          collectionError({
            slice: 'webAcl.loggingConfiguration',
            service: 'wafv2',
            operation: 'GetLoggingConfiguration',
            resourceId: aclArn('unknown'),
          }),
        ],
      ),
      expect: [
        {
          resource: 'unknown',
          status: 'ERROR',
          evidence: { missing: 'webAcl.loggingConfiguration' },
          message: 'wafv2:GetLoggingConfiguration failed',
        },
        { resource: 'missing', status: 'ERROR', evidence: { missing: 'webAcls' } },
        { resource: 'x', status: 'ERROR', evidence: { missing: 'webAcls' } },
      ],
    },
  ]);
});
