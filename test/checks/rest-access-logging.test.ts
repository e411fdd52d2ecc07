import { describe } from 'vitest';
import check from '../../checks/rest-access-logging.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, restStage, snapshot } from '../helpers/snapshot.js';

const LOGS = 'arn:aws:logs:eu-west-1:111122223333:log-group:access';

describe('rest-access-logging', () => {
  checkTable(check, [
    { name: 'no REST APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'an API with no stage: not applicable',
      snapshot: snapshot([region({ restApis: [restApi({ id: 'a1', name: 'orders' })] })]),
      expect: [],
    },
    {
      name: 'a destination: PASS',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              stages: [
                restStage({ stageName: 'prod', accessLogSettings: { destinationArn: LOGS } }),
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'PASS',
          evidence: { 'accessLogSettings.destinationArn': LOGS },
        },
      ],
    },
    {
      name: 'no access log settings: FAIL',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({ id: 'a1', name: 'orders', stages: [restStage({ stageName: 'prod' })] }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          severity: 'medium',
          evidence: { 'accessLogSettings.destinationArn': null },
        },
      ],
    },
    {
      name: 'a format but an empty destination: FAIL',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              stages: [
                restStage({
                  stageName: 'prod',
                  accessLogSettings: { destinationArn: '', format: '$context.requestId' },
                }),
              ],
            }),
          ],
        }),
      ]),
      expect: [{ resource: 'orders/prod', status: 'FAIL' }],
    },
    {
      name: 'many APIs across regions: one result per stage',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              stages: [
                restStage({ stageName: 'prod', accessLogSettings: { destinationArn: LOGS } }),
                restStage({ stageName: 'dev' }),
              ],
            }),
          ],
        }),
        region(
          {
            restApis: [
              restApi({ id: 'b1', name: 'billing', stages: [restStage({ stageName: 'v1' })] }),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'orders/prod', status: 'PASS' },
        { resource: 'orders/dev', status: 'FAIL' },
        { resource: 'billing/v1', status: 'FAIL' },
      ],
    },
    {
      name: 'stages that failed to collect: ERROR for that API',
      snapshot: snapshot(
        [region({ restApis: [restApi({ id: 'a1', name: 'orders', stages: undefined })] })],
        [collectionError({ slice: 'restApi.stages', resourceId: 'a1' })],
      ),
      expect: [{ resource: 'orders', status: 'ERROR', evidence: { missing: 'restApi.stages' } }],
    },
  ]);
});
