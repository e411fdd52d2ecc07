import { describe } from 'vitest';
import check from '../../checks/authorizer-caching.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, snapshot, v2Api } from '../helpers/snapshot.js';

describe('authorizer-caching', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'REST: default TTL 300 caches (MANUAL), REQUEST with no identity source FAILs, TTL 0 and Cognito no result',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              authorizers: [
                {
                  id: 't1',
                  name: 'tok',
                  type: 'TOKEN',
                  identitySource: 'method.request.header.Authorization',
                },
                {
                  id: 'r1',
                  name: 'req',
                  type: 'REQUEST',
                  authorizerResultTtlInSeconds: 60,
                  identitySource: '',
                },
                {
                  id: 'r2',
                  name: 'req-ok',
                  type: 'REQUEST',
                  authorizerResultTtlInSeconds: 60,
                  identitySource: 'method.request.header.Authorization, context.httpMethod',
                },
                { id: 'r3', name: 'uncached', type: 'REQUEST', authorizerResultTtlInSeconds: 0 },
                {
                  id: 'c1',
                  name: 'cognito',
                  type: 'COGNITO_USER_POOLS',
                  providerARNs: ['arn:aws:cognito-idp:eu-west-1:111122223333:userpool/x'],
                },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/tok',
          status: 'MANUAL',
          evidence: { effectiveTtlInSeconds: 300, authorizerResultTtlInSeconds: null },
        },
        {
          resource: 'orders/req',
          status: 'FAIL',
          severity: 'medium',
          evidence: { identitySource: '', effectiveTtlInSeconds: 60 },
        },
        { resource: 'orders/req-ok', status: 'MANUAL' },
      ],
    },
    {
      name: 'HTTP API REQUEST authorizers; JWT and uncached not applicable',
      snapshot: snapshot([
        region({
          v2Apis: [
            v2Api({
              ApiId: 'h1',
              Name: 'shop',
              authorizers: [
                {
                  AuthorizerId: 'l1',
                  Name: 'lam',
                  AuthorizerType: 'REQUEST',
                  AuthorizerResultTtlInSeconds: 300,
                  IdentitySource: ['$request.header.Authorization'],
                },
                {
                  AuthorizerId: 'l2',
                  Name: 'lam-empty',
                  AuthorizerType: 'REQUEST',
                  AuthorizerResultTtlInSeconds: 300,
                  IdentitySource: [],
                },
                {
                  AuthorizerId: 'l3',
                  Name: 'lam-off',
                  AuthorizerType: 'REQUEST',
                  AuthorizerResultTtlInSeconds: 0,
                },
                { AuthorizerId: 'j1', Name: 'jwt', AuthorizerType: 'JWT' },
              ],
            }),
          ],
        }),
        region(
          {
            restApis: [
              restApi({
                id: 'b',
                name: 'b',
                authorizers: [
                  {
                    id: 'x',
                    name: 'x',
                    type: 'TOKEN',
                    authorizerResultTtlInSeconds: 10,
                    identitySource: 'method.request.header.X',
                  },
                ],
              }),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'shop/lam', status: 'MANUAL', evidence: { AuthorizerResultTtlInSeconds: 300 } },
        { resource: 'shop/lam-empty', status: 'FAIL', evidence: { IdentitySource: [] } },
        { resource: 'b/x', status: 'MANUAL' },
      ],
    },
    {
      name: 'authorizers not collected: ERROR',
      snapshot: snapshot(
        [region({ restApis: [restApi({ id: 'a1', name: 'orders', authorizers: undefined })] })],
        [
          collectionError({
            slice: 'restApi.authorizers',
            operation: 'GetAuthorizers',
            resourceId: 'a1',
          }),
        ],
      ),
      expect: [
        { resource: 'orders', status: 'ERROR', evidence: { missing: 'restApi.authorizers' } },
      ],
    },
  ]);
});
