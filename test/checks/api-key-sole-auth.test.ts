import { describe } from 'vitest';
import check from '../../checks/api-key-sole-auth.js';
import { checkTable } from '../helpers/check-table.js';
import {
  collectionError,
  deployedRestApi,
  region,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';

describe('api-key-sole-auth', () => {
  checkTable(check, [
    {
      name: 'judged on what the stage serves: a key-only method still deployed FAILs',
      snapshot: snapshot([
        region({
          restApis: [
            deployedRestApi({
              id: 'a1',
              name: 'partners',
              resources: [
                {
                  id: 'r',
                  path: '/orders',
                  resourceMethods: { POST: { authorizationType: 'AWS_IAM', apiKeyRequired: true } },
                },
              ],
              stages: [restStage({ stageName: 'v1', deploymentId: 'old' })],
              deployments: [
                {
                  id: 'old',
                  apiSummary: {
                    '/orders': { POST: { authorizationType: 'NONE', apiKeyRequired: true } },
                  },
                },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'partners POST /orders',
          status: 'FAIL',
          message: 'on v1',
          evidence: {
            authorizationType: 'NONE',
            draft: { authorizationType: 'AWS_IAM', apiKeyRequired: true },
          },
        },
      ],
    },
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'REST: key only FAIL, key + auth PASS, no key no result',
      snapshot: snapshot([
        region({
          restApis: [
            deployedRestApi({
              id: 'a1',
              name: 'orders',
              resources: [
                {
                  id: 'r',
                  path: '/o',
                  resourceMethods: {
                    GET: { authorizationType: 'NONE', apiKeyRequired: true },
                    POST: { authorizationType: 'AWS_IAM', apiKeyRequired: true },
                    PUT: { authorizationType: 'NONE' },
                  },
                },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders GET /o',
          status: 'FAIL',
          severity: 'medium',
          evidence: { apiKeyRequired: true, authorizationType: 'NONE' },
        },
        { resource: 'orders POST /o', status: 'PASS', evidence: { authorizationType: 'AWS_IAM' } },
      ],
    },
    {
      name: 'v2 routes, WebSocket routes judged by $connect',
      snapshot: snapshot([
        region({
          v2Apis: [
            v2Api({
              ApiId: 'ws1',
              Name: 'chat',
              ProtocolType: 'WEBSOCKET',
              routes: [
                {
                  RouteId: '1',
                  RouteKey: '$connect',
                  AuthorizationType: 'CUSTOM',
                  AuthorizerId: 'x',
                  ApiKeyRequired: true,
                },
                {
                  RouteId: '2',
                  RouteKey: 'sendMessage',
                  AuthorizationType: 'NONE',
                  ApiKeyRequired: true,
                },
              ],
            }),
            v2Api({
              ApiId: 'ws2',
              Name: 'open',
              ProtocolType: 'WEBSOCKET',
              routes: [
                { RouteId: '1', RouteKey: '$connect', ApiKeyRequired: true },
                { RouteId: '2', RouteKey: '$default', ApiKeyRequired: true },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        { resource: 'chat $connect', status: 'PASS' },
        {
          resource: 'chat sendMessage',
          status: 'PASS',
          evidence: { '$connect.AuthorizationType': 'CUSTOM' },
        },
        { resource: 'open $connect', status: 'FAIL', evidence: { AuthorizationType: 'NONE' } },
        {
          resource: 'open $default',
          status: 'FAIL',
          evidence: { '$connect.AuthorizationType': 'NONE' },
        },
      ],
    },
    {
      name: 'routes that failed to collect: ERROR',
      snapshot: snapshot(
        [region({ v2Apis: [v2Api({ ApiId: 'h1', Name: 'http', routes: undefined })] })],
        [
          collectionError({
            slice: 'v2Api.routes',
            service: 'apigatewayv2',
            operation: 'GetRoutes',
            resourceId: 'h1',
          }),
        ],
      ),
      expect: [{ resource: 'http', status: 'ERROR' }],
    },
  ]);
});
