import { describe } from 'vitest';
import check from '../../checks/rest-request-validation.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, snapshot } from '../helpers/snapshot.js';

describe('rest-request-validation', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'POST/PUT/PATCH with and without validators; GET not applicable',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              requestValidators: [
                {
                  id: 'v1',
                  name: 'all',
                  validateRequestBody: true,
                  validateRequestParameters: true,
                },
                {
                  id: 'v0',
                  name: 'nothing',
                  validateRequestBody: false,
                  validateRequestParameters: false,
                },
              ],
              resources: [
                {
                  id: 'r',
                  path: '/o',
                  resourceMethods: {
                    GET: {},
                    POST: { requestValidatorId: 'v1' },
                    PUT: {},
                    PATCH: { requestValidatorId: 'v0' },
                  },
                },
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
                requestValidators: undefined,
                resources: [
                  { id: 'r', path: '/', resourceMethods: { POST: { requestValidatorId: 'vx' } } },
                ],
              }),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        {
          resource: 'orders POST /o',
          status: 'PASS',
          evidence: { requestValidatorId: 'v1', 'requestValidator.validateRequestBody': true },
        },
        {
          resource: 'orders PUT /o',
          status: 'FAIL',
          severity: 'low',
          evidence: { requestValidatorId: null },
        },
        {
          resource: 'orders PATCH /o',
          status: 'FAIL',
          evidence: { 'requestValidator.validateRequestBody': false },
        },
        // Whether validator vx checks anything is in the listing that was not read.
        {
          resource: 'b POST /',
          status: 'ERROR',
          evidence: { missing: 'restApi.requestValidators', resourceId: 'b' },
        },
      ],
    },
    {
      name: 'resources not collected: ERROR',
      snapshot: snapshot(
        [region({ restApis: [restApi({ id: 'a1', name: 'orders', resources: undefined })] })],
        [
          collectionError({
            slice: 'restApi.resources',
            operation: 'GetResources',
            resourceId: 'a1',
          }),
        ],
      ),
      expect: [{ resource: 'orders', status: 'ERROR' }],
    },
  ]);
});
