import { describe } from 'vitest';
import check from '../../checks/http-api-no-waf.js';
import { checkTable } from '../helpers/check-table.js';
import {
  collectionError,
  region,
  restApi,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';

describe('http-api-no-waf', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'an HTTP API with a stage: MANUAL info',
      snapshot: snapshot([
        region({
          v2Apis: [
            v2Api({
              ApiId: 'h1',
              Name: 'mobile',
              stages: [{ StageName: 'prod' }, { StageName: '$default' }],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'mobile',
          status: 'MANUAL',
          severity: 'info',
          evidence: { stages: ['$default', 'prod'], DisableExecuteApiEndpoint: false },
        },
      ],
    },
    {
      name: 'not applicable: an HTTP API with no stage, WebSocket and REST APIs',
      snapshot: snapshot([
        region({
          v2Apis: [
            v2Api({ ApiId: 'h1', Name: 'draft', stages: [] }),
            v2Api({ ApiId: 'w1', ProtocolType: 'WEBSOCKET', stages: [{ StageName: 'prod' }] }),
          ],
          restApis: [restApi({ id: 'r1', stages: [restStage({ stageName: 'prod' })] })],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many HTTP APIs across regions',
      snapshot: snapshot([
        region({ v2Apis: [v2Api({ ApiId: 'h1', Name: 'a', stages: [{ StageName: 'p' }] })] }),
        region(
          { v2Apis: [v2Api({ ApiId: 'h2', Name: 'b', stages: [{ StageName: 'p' }] })] },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'a', status: 'MANUAL' },
        { resource: 'b', status: 'MANUAL' },
      ],
    },
    {
      name: 'v2 listing or stages failed: ERROR',
      snapshot: snapshot(
        [
          region({ v2Apis: [v2Api({ ApiId: 'h1', Name: 'mobile', stages: undefined })] }),
          region({ v2Apis: undefined }, 'us-east-1'),
        ],
        [
          collectionError({
            slice: 'v2Api.stages',
            service: 'apigatewayv2',
            resourceId: 'h1',
          }),
          collectionError({
            slice: 'v2Apis',
            service: 'apigatewayv2',
            operation: 'GetApis',
            region: 'us-east-1',
          }),
        ],
      ),
      expect: [
        { resource: 'mobile', status: 'ERROR', evidence: { missing: 'v2Api.stages' } },
        { resource: 'HTTP and WebSocket APIs in us-east-1', status: 'ERROR' },
      ],
    },
  ]);
});
