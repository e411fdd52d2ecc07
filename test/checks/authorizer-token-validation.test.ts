import { describe } from 'vitest';
import check from '../../checks/authorizer-token-validation.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, snapshot } from '../helpers/snapshot.js';

describe('authorizer-token-validation', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'TOKEN with and without expression; REQUEST and Cognito not applicable',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              authorizers: [
                { id: 't1', name: 'loose', type: 'TOKEN' },
                {
                  id: 't2',
                  name: 'strict',
                  type: 'TOKEN',
                  identityValidationExpression: '^Bearer [-0-9a-zA-Z._]+$',
                },
                { id: 'r1', name: 'req', type: 'REQUEST' },
                { id: 'c1', name: 'pool', type: 'COGNITO_USER_POOLS' },
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
                  { id: 't', name: 't', type: 'TOKEN', identityValidationExpression: '' },
                ],
              }),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        {
          resource: 'orders/loose',
          status: 'FAIL',
          severity: 'low',
          evidence: { identityValidationExpression: null },
        },
        {
          resource: 'orders/strict',
          status: 'PASS',
          evidence: { identityValidationExpression: '^Bearer [-0-9a-zA-Z._]+$' },
        },
        { resource: 'b/t', status: 'FAIL' },
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
      expect: [{ resource: 'orders', status: 'ERROR' }],
    },
  ]);
});
