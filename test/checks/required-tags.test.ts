import { describe } from 'vitest';
import check from '../../checks/required-tags.js';
import { checkTable } from '../helpers/check-table.js';
import {
  collectionError,
  region,
  restApi,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';

const config = { requiredTags: ['owner', 'env'] };
const TAGGED = { owner: 'payments', env: 'prod' };

describe('required-tags', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), config, expect: [] },
    {
      name: 'every API and stage tagged: PASS',
      config,
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              tags: TAGGED,
              stages: [restStage({ stageName: 'prod', tags: { ...TAGGED, extra: 'x' } })],
            }),
          ],
          v2Apis: [
            v2Api({
              ApiId: 'web',
              Tags: TAGGED,
              stages: [{ StageName: '$default', Tags: TAGGED }],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders',
          status: 'PASS',
          evidence: { tags: ['env', 'owner'], missingTags: [] },
        },
        { resource: 'orders/prod', status: 'PASS', evidence: { tags: ['env', 'extra', 'owner'] } },
        { resource: 'web', status: 'PASS', evidence: { Tags: ['env', 'owner'] } },
        { resource: 'web/$default', status: 'PASS' },
      ],
    },
    {
      name: 'missing keys (case matters): FAIL listing them',
      config,
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              tags: { Owner: 'payments', env: 'prod' },
              stages: [restStage({ stageName: 'prod' })],
            }),
          ],
          v2Apis: [
            v2Api({
              ApiId: 'chat',
              ProtocolType: 'WEBSOCKET',
              Tags: TAGGED,
              stages: [{ StageName: 'prod', Tags: { env: 'prod' } }],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders',
          status: 'FAIL',
          severity: 'low',
          evidence: { missingTags: ['owner'] },
        },
        {
          resource: 'orders/prod',
          status: 'FAIL',
          evidence: { missingTags: ['owner', 'env'], tags: [] },
        },
        { resource: 'chat', status: 'PASS' },
        { resource: 'chat/prod', status: 'FAIL', evidence: { missingTags: ['owner'] } },
      ],
    },
    {
      name: 'no requiredTags configured: the check is off',
      snapshot: snapshot([
        region({
          restApis: [restApi({ id: 'a1', stages: [restStage({ stageName: 'prod' })] })],
          v2Apis: [v2Api({ ApiId: 'web' })],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many resources across regions',
      config: { requiredTags: ['owner'] },
      snapshot: snapshot([
        region({ restApis: [restApi({ id: 'a1', name: 'orders', tags: { owner: 'x' } })] }),
        region({ v2Apis: [v2Api({ ApiId: 'web' })] }, 'us-east-1'),
      ]),
      expect: [
        { resource: 'orders', status: 'PASS' },
        { resource: 'web', status: 'FAIL' },
      ],
    },
    {
      name: 'failed collections: ERROR, one result per API',
      config,
      snapshot: snapshot(
        [
          region({
            restApis: [
              restApi({ id: 'a1', name: 'orders', tags: TAGGED, stages: undefined }),
              restApi({ id: 'a2', name: 'users', stages: undefined }),
            ],
            v2Apis: undefined,
          }),
        ],
        [
          collectionError({ slice: 'restApi.stages', resourceId: 'a1' }),
          collectionError({ slice: 'restApi.stages', resourceId: 'a2' }),
          collectionError({ slice: 'v2Apis', service: 'apigatewayv2', operation: 'GetApis' }),
        ],
      ),
      expect: [
        { resource: 'orders', status: 'ERROR', evidence: { missing: 'restApi.stages' } },
        {
          resource: 'users',
          status: 'FAIL',
          evidence: { missingTags: ['owner', 'env'], stagesNotCollected: 'restApi.stages' },
        },
        // The FAIL is on the API's own tags; its stages are undecided.
        { resource: 'stages of users', status: 'ERROR', evidence: { missing: 'restApi.stages' } },
        { resource: 'HTTP and WebSocket APIs in eu-west-1', status: 'ERROR' },
      ],
    },
  ]);
});
