import { describe } from 'vitest';
import check from '../../checks/websocket-connect-authorization.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, snapshot, v2Api } from '../helpers/snapshot.js';

const ws = (
  ApiId: string,
  routes: { RouteKey: string; AuthorizationType?: string }[] | undefined,
) =>
  v2Api({
    ApiId,
    Name: ApiId,
    ProtocolType: 'WEBSOCKET',
    routes: routes?.map((r, i) => ({ RouteId: String(i), ...r })),
  });

describe('websocket-connect-authorization', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'one result per WebSocket API from $connect; other routes and HTTP APIs ignored',
      snapshot: snapshot([
        region({
          v2Apis: [
            ws('secure', [
              { RouteKey: '$connect', AuthorizationType: 'AWS_IAM' },
              { RouteKey: 'send', AuthorizationType: 'NONE' },
            ]),
            ws('open', [
              { RouteKey: '$connect', AuthorizationType: 'NONE' },
              { RouteKey: '$default' },
            ]),
            ws('noconnect', [{ RouteKey: '$default' }]),
            v2Api({ ApiId: 'h1', Name: 'http', routes: [{ RouteId: '1', RouteKey: '$default' }] }),
          ],
        }),
        region(
          { v2Apis: [ws('custom', [{ RouteKey: '$connect', AuthorizationType: 'CUSTOM' }])] },
          'us-east-1',
        ),
      ]),
      expect: [
        {
          resource: 'secure',
          status: 'PASS',
          evidence: { '$connect.AuthorizationType': 'AWS_IAM' },
        },
        {
          resource: 'open',
          status: 'FAIL',
          severity: 'high',
          evidence: { '$connect.AuthorizationType': 'NONE' },
        },
        { resource: 'noconnect', status: 'FAIL', severity: 'high', evidence: { $connect: null } },
        { resource: 'custom', status: 'PASS' },
      ],
    },
    {
      name: 'routes not collected: ERROR',
      snapshot: snapshot(
        [region({ v2Apis: [ws('chat', undefined)] })],
        [
          collectionError({
            slice: 'v2Api.routes',
            service: 'apigatewayv2',
            operation: 'GetRoutes',
            resourceId: 'chat',
          }),
        ],
      ),
      expect: [{ resource: 'chat', status: 'ERROR', evidence: { missing: 'v2Api.routes' } }],
    },
  ]);
});
