import { describe } from 'vitest';
import check from '../../checks/unused-authorizer.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, snapshot, v2Api } from '../helpers/snapshot.js';

describe('unused-authorizer', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'used and unused, REST and v2, across regions',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              authorizers: [
                { id: 'au1', name: 'used', type: 'TOKEN' },
                { id: 'au2', name: 'idle', type: 'TOKEN' },
              ],
              resources: [
                {
                  id: 'r',
                  path: '/o',
                  resourceMethods: { GET: { authorizationType: 'CUSTOM', authorizerId: 'au1' } },
                },
              ],
            }),
          ],
        }),
        region(
          {
            v2Apis: [
              v2Api({
                ApiId: 'h1',
                Name: 'shop',
                authorizers: [
                  { AuthorizerId: 'j1', Name: 'jwt', AuthorizerType: 'JWT' },
                  { AuthorizerId: 'j2', Name: 'spare', AuthorizerType: 'JWT' },
                ],
                routes: [
                  { RouteId: '1', RouteKey: 'GET /', AuthorizationType: 'JWT', AuthorizerId: 'j1' },
                ],
              }),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'orders/used', status: 'PASS', evidence: { usedBy: true } },
        { resource: 'orders/idle', status: 'FAIL', severity: 'info', evidence: { usedBy: false } },
        { resource: 'shop/jwt', status: 'PASS' },
        { resource: 'shop/spare', status: 'FAIL', severity: 'info' },
      ],
    },
    {
      name: 'an API with no authorizer: not applicable',
      snapshot: snapshot([region({ restApis: [restApi({ id: 'a', name: 'a' })] })]),
      expect: [],
    },
    {
      name: 'methods or routes not collected: ERROR for each authorizer',
      snapshot: snapshot(
        [
          region({
            restApis: [
              restApi({
                id: 'a1',
                name: 'orders',
                resources: undefined,
                authorizers: [{ id: 'au1', name: 'x' }],
              }),
            ],
            v2Apis: [
              v2Api({
                ApiId: 'h1',
                Name: 'shop',
                routes: undefined,
                authorizers: [{ AuthorizerId: 'j', Name: 'j' }],
              }),
            ],
          }),
        ],
        [
          collectionError({
            slice: 'restApi.resources',
            operation: 'GetResources',
            resourceId: 'a1',
          }),
          collectionError({
            slice: 'v2Api.routes',
            service: 'apigatewayv2',
            operation: 'GetRoutes',
            resourceId: 'h1',
          }),
        ],
      ),
      expect: [
        { resource: 'orders/x', status: 'ERROR', evidence: { missing: 'restApi.resources' } },
        { resource: 'shop/j', status: 'ERROR', evidence: { missing: 'v2Api.routes' } },
      ],
    },
  ]);
});
