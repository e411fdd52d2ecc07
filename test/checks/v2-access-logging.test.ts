import { describe } from 'vitest';
import check from '../../checks/v2-access-logging.js';
import { checkTable } from '../helpers/check-table.js';
import {
  collectionError,
  region,
  restApi,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';

const LOGS = 'arn:aws:logs:eu-west-1:111122223333:log-group:access';

describe('v2-access-logging', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'an API with no stage: not applicable',
      snapshot: snapshot([region({ v2Apis: [v2Api({ ApiId: 'web' })] })]),
      expect: [],
    },
    {
      name: 'HTTP and WebSocket stages with a destination: PASS',
      snapshot: snapshot([
        region({
          v2Apis: [
            v2Api({
              ApiId: 'web',
              stages: [{ StageName: '$default', AccessLogSettings: { DestinationArn: LOGS } }],
            }),
            v2Api({
              ApiId: 'chat',
              ProtocolType: 'WEBSOCKET',
              stages: [{ StageName: 'prod', AccessLogSettings: { DestinationArn: LOGS } }],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'web/$default',
          status: 'PASS',
          evidence: { 'AccessLogSettings.DestinationArn': LOGS, ProtocolType: 'HTTP' },
        },
        { resource: 'chat/prod', status: 'PASS', evidence: { ProtocolType: 'WEBSOCKET' } },
      ],
    },
    {
      name: 'no destination: FAIL',
      snapshot: snapshot([
        region({
          v2Apis: [
            v2Api({ ApiId: 'web', stages: [{ StageName: '$default' }] }),
            v2Api({
              ApiId: 'chat',
              ProtocolType: 'WEBSOCKET',
              stages: [{ StageName: 'prod', AccessLogSettings: { Format: '$context.requestId' } }],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'web/$default',
          status: 'FAIL',
          severity: 'medium',
          evidence: { 'AccessLogSettings.DestinationArn': null },
        },
        { resource: 'chat/prod', status: 'FAIL' },
      ],
    },
    {
      name: 'many APIs across regions',
      snapshot: snapshot([
        region({
          v2Apis: [
            v2Api({
              ApiId: 'web',
              stages: [
                { StageName: 'prod', AccessLogSettings: { DestinationArn: LOGS } },
                { StageName: 'dev' },
              ],
            }),
          ],
        }),
        region({ v2Apis: [v2Api({ ApiId: 'api2', stages: [{ StageName: 'v1' }] })] }, 'us-east-1'),
      ]),
      expect: [
        { resource: 'web/prod', status: 'PASS' },
        { resource: 'web/dev', status: 'FAIL' },
        { resource: 'api2/v1', status: 'FAIL' },
      ],
    },
    {
      name: 'REST stages are not applicable',
      snapshot: snapshot([
        region({ restApis: [restApi({ id: 'a1', stages: [restStage({ stageName: 'prod' })] })] }),
      ]),
      expect: [],
    },
    {
      name: 'stages that failed to collect: ERROR for that API',
      snapshot: snapshot(
        [region({ v2Apis: [v2Api({ ApiId: 'web', stages: undefined })] })],
        [collectionError({ slice: 'v2Api.stages', service: 'apigatewayv2', resourceId: 'web' })],
      ),
      expect: [{ resource: 'web', status: 'ERROR', evidence: { missing: 'v2Api.stages' } }],
    },
  ]);
});
