import { describe } from 'vitest';
import check from '../../checks/rest-waf-attached.js';
import { checkTable } from '../helpers/check-table.js';
import {
  collectionError,
  region,
  restApi,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';

const ACL = 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api-acl/0a1b';

describe('rest-waf-attached', () => {
  checkTable(check, [
    { name: 'no REST APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'a stage with a web ACL: PASS',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              stages: [restStage({ stageName: 'prod', webAclArn: ACL })],
            }),
          ],
        }),
      ]),
      expect: [{ resource: 'orders/prod', status: 'PASS', evidence: { webAclArn: ACL } }],
    },
    {
      name: 'no web ACL: FAIL medium (REGIONAL), low (PRIVATE)',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({ id: 'a1', name: 'orders', stages: [restStage({ stageName: 'prod' })] }),
            restApi({
              id: 'a2',
              name: 'internal',
              endpointConfiguration: { types: ['PRIVATE'] },
              stages: [restStage({ stageName: 'prod' })],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          severity: 'medium',
          evidence: { webAclArn: null },
        },
        {
          resource: 'internal/prod',
          status: 'FAIL',
          severity: 'low',
          evidence: { 'endpointConfiguration.types': ['PRIVATE'] },
        },
      ],
    },
    {
      name: 'HTTP and WebSocket APIs are not applicable',
      snapshot: snapshot([
        region({
          v2Apis: [
            v2Api({ ApiId: 'h1', stages: [{ StageName: '$default' }] }),
            v2Api({ ApiId: 'w1', ProtocolType: 'WEBSOCKET', stages: [{ StageName: 'prod' }] }),
          ],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many stages across regions',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              stages: [
                restStage({ stageName: 'prod', webAclArn: ACL }),
                restStage({ stageName: 'dev' }),
              ],
            }),
          ],
        }),
        region(
          {
            restApis: [
              restApi({ id: 'b1', name: 'billing', stages: [restStage({ stageName: 'v1' })] }),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'orders/prod', status: 'PASS' },
        { resource: 'orders/dev', status: 'FAIL' },
        { resource: 'billing/v1', status: 'FAIL' },
      ],
    },
    {
      name: 'stages that failed to collect: ERROR',
      snapshot: snapshot(
        [region({ restApis: [restApi({ id: 'a1', name: 'orders', stages: undefined })] })],
        [collectionError({ slice: 'restApi.stages', resourceId: 'a1' })],
      ),
      expect: [{ resource: 'orders', status: 'ERROR', evidence: { missing: 'restApi.stages' } }],
    },
  ]);
});
