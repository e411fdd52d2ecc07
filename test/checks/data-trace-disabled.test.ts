import { describe } from 'vitest';
import check from '../../checks/data-trace-disabled.js';
import { checkTable } from '../helpers/check-table.js';
import {
  collectionError,
  region,
  restApi,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';
import type { MethodSetting, V2Stage } from '../../src/snapshot/types.js';

const api = (id: string, methodSettings: Record<string, MethodSetting>, stageName = 'prod') =>
  restApi({ id, name: id, stages: [restStage({ stageName, methodSettings })] });
const ws = (ApiId: string, stages: V2Stage[]) =>
  v2Api({ ApiId, ProtocolType: 'WEBSOCKET', stages });

describe('data-trace-disabled', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'data trace off or never set: PASS',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: false } }),
            api('users', {}),
          ],
          v2Apis: [
            ws('chat', [{ StageName: 'prod', DefaultRouteSettings: { DataTraceEnabled: false } }]),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'PASS',
          evidence: { 'methodSettings["*/*"].dataTraceEnabled': false, dataTraceEnabledOn: [] },
        },
        { resource: 'users/prod', status: 'PASS' },
        { resource: 'chat/prod', status: 'PASS' },
      ],
    },
    {
      name: 'REST stage-wide data trace: FAIL',
      snapshot: snapshot([
        region({ restApis: [api('orders', { '*/*': { dataTraceEnabled: true } })] }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          severity: 'medium',
          evidence: { dataTraceEnabledOn: ['*/*'] },
        },
      ],
    },
    {
      name: 'REST method override turning it on: FAIL naming the method',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', {
              '*/*': { dataTraceEnabled: false },
              '~1orders~1{id}/GET': { dataTraceEnabled: true },
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          evidence: { dataTraceEnabledOn: ['GET /orders/{id}'] },
        },
      ],
    },
    {
      name: 'WebSocket default and route data trace: FAIL',
      snapshot: snapshot([
        region({
          v2Apis: [
            ws('chat', [
              { StageName: 'prod', DefaultRouteSettings: { DataTraceEnabled: true } },
              {
                StageName: 'dev',
                DefaultRouteSettings: { DataTraceEnabled: false },
                RouteSettings: { sendMessage: { DataTraceEnabled: true } },
              },
            ]),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'chat/prod',
          status: 'FAIL',
          evidence: { dataTraceEnabledOn: ['DefaultRouteSettings'] },
        },
        { resource: 'chat/dev', status: 'FAIL', evidence: { dataTraceEnabledOn: ['sendMessage'] } },
      ],
    },
    {
      name: 'HTTP APIs are not applicable',
      snapshot: snapshot([
        region({
          v2Apis: [
            v2Api({
              ApiId: 'web',
              stages: [{ StageName: '$default', DefaultRouteSettings: { DataTraceEnabled: true } }],
            }),
          ],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many APIs across regions',
      snapshot: snapshot([
        region({
          restApis: [api('orders', {}), api('users', { '*/*': { dataTraceEnabled: true } })],
        }),
        region({ restApis: [api('billing', {})] }, 'us-east-1'),
      ]),
      expect: [
        { resource: 'orders/prod', status: 'PASS' },
        { resource: 'users/prod', status: 'FAIL' },
        { resource: 'billing/prod', status: 'PASS' },
      ],
    },
    {
      name: 'failed collections: ERROR',
      snapshot: snapshot(
        [
          region({
            restApis: [restApi({ id: 'a1', name: 'orders', stages: undefined })],
            v2Apis: [v2Api({ ApiId: 'chat', ProtocolType: 'WEBSOCKET', stages: undefined })],
          }),
        ],
        [
          collectionError({ slice: 'restApi.stages', resourceId: 'a1' }),
          collectionError({ slice: 'v2Api.stages', service: 'apigatewayv2', resourceId: 'chat' }),
        ],
      ),
      expect: [
        { resource: 'orders', status: 'ERROR' },
        { resource: 'chat', status: 'ERROR' },
      ],
    },
  ]);
});
