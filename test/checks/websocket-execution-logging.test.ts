import { describe } from 'vitest';
import check from '../../checks/websocket-execution-logging.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, snapshot, v2Api } from '../helpers/snapshot.js';
import type { V2Stage } from '../../src/snapshot/types.js';

const ws = (ApiId: string, stages: V2Stage[] | undefined) =>
  v2Api({ ApiId, Name: ApiId, ProtocolType: 'WEBSOCKET', stages });

describe('websocket-execution-logging', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'INFO by default: PASS',
      snapshot: snapshot([
        region({
          v2Apis: [
            ws('chat', [{ StageName: 'prod', DefaultRouteSettings: { LoggingLevel: 'INFO' } }]),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'chat/prod',
          status: 'PASS',
          evidence: { 'DefaultRouteSettings.LoggingLevel': 'INFO', routesWithLoggingOff: [] },
        },
      ],
    },
    {
      name: 'ERROR by default and a route raising it to INFO: PASS',
      snapshot: snapshot([
        region({
          v2Apis: [
            ws('chat', [
              {
                StageName: 'prod',
                DefaultRouteSettings: { LoggingLevel: 'ERROR' },
                RouteSettings: { $connect: { LoggingLevel: 'INFO' } },
              },
            ]),
          ],
        }),
      ]),
      expect: [{ resource: 'chat/prod', status: 'PASS' }],
    },
    {
      name: 'no default route settings: FAIL',
      snapshot: snapshot([region({ v2Apis: [ws('chat', [{ StageName: 'prod' }])] })]),
      expect: [
        {
          resource: 'chat/prod',
          status: 'FAIL',
          severity: 'medium',
          evidence: { 'DefaultRouteSettings.LoggingLevel': null },
        },
      ],
    },
    {
      name: 'OFF by default: FAIL',
      snapshot: snapshot([
        region({
          v2Apis: [
            ws('chat', [{ StageName: 'prod', DefaultRouteSettings: { LoggingLevel: 'OFF' } }]),
          ],
        }),
      ]),
      expect: [{ resource: 'chat/prod', status: 'FAIL', message: 'OFF' }],
    },
    {
      name: 'a route override to OFF: FAIL naming the route',
      snapshot: snapshot([
        region({
          v2Apis: [
            ws('chat', [
              {
                StageName: 'prod',
                DefaultRouteSettings: { LoggingLevel: 'INFO' },
                RouteSettings: { sendMessage: { LoggingLevel: 'OFF' }, $connect: {} },
              },
            ]),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'chat/prod',
          status: 'FAIL',
          evidence: { routesWithLoggingOff: ['sendMessage'] },
        },
      ],
    },
    {
      name: 'HTTP APIs are not applicable, even without logging',
      snapshot: snapshot([
        region({ v2Apis: [v2Api({ ApiId: 'web', stages: [{ StageName: '$default' }] })] }),
      ]),
      expect: [],
    },
    {
      name: 'many APIs across regions: one result per WebSocket stage',
      snapshot: snapshot([
        region({
          v2Apis: [
            ws('chat', [
              { StageName: 'prod', DefaultRouteSettings: { LoggingLevel: 'ERROR' } },
              { StageName: 'dev' },
            ]),
            v2Api({ ApiId: 'web', stages: [{ StageName: '$default' }] }),
          ],
        }),
        region(
          {
            v2Apis: [
              ws('game', [{ StageName: 'live', DefaultRouteSettings: { LoggingLevel: 'INFO' } }]),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'chat/prod', status: 'PASS' },
        { resource: 'chat/dev', status: 'FAIL' },
        { resource: 'game/live', status: 'PASS' },
      ],
    },
    {
      name: 'stages that failed to collect: ERROR for that API',
      snapshot: snapshot(
        [region({ v2Apis: [ws('chat', undefined)] })],
        [collectionError({ slice: 'v2Api.stages', service: 'apigatewayv2', resourceId: 'chat' })],
      ),
      expect: [{ resource: 'chat', status: 'ERROR', evidence: { missing: 'v2Api.stages' } }],
    },
    {
      name: 'the v2 API listing failed: ERROR for the region',
      snapshot: snapshot(
        [region({ v2Apis: undefined })],
        [collectionError({ slice: 'v2Apis', service: 'apigatewayv2', operation: 'GetApis' })],
      ),
      expect: [{ resource: 'HTTP and WebSocket APIs in eu-west-1', status: 'ERROR' }],
    },
  ]);
});
