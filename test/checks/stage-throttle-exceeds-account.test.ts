import { describe } from 'vitest';
import check from '../../checks/stage-throttle-exceeds-account.js';
import { checkTable } from '../helpers/check-table.js';
import {
  collectionError,
  region,
  restApi,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';
import type { MethodSetting } from '../../src/snapshot/types.js';

const api = (id: string, methodSettings: Record<string, MethodSetting> = {}) =>
  restApi({ id, name: id, stages: [restStage({ stageName: 'prod', methodSettings })] });

describe('stage-throttle-exceeds-account', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'limits below or equal to the account limit: PASS',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', {
              '*/*': { throttlingRateLimit: 10000, throttlingBurstLimit: 5000 },
              '~1orders/GET': { throttlingRateLimit: 100, throttlingBurstLimit: 50 },
            }),
          ],
        }),
      ]),
      expect: [{ resource: 'orders/prod', status: 'PASS', evidence: { limitsAboveAccount: [] } }],
    },
    {
      name: 'a stage-wide rate and a method burst above the account limit: FAIL',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', {
              '*/*': { throttlingRateLimit: 20000, throttlingBurstLimit: 5000 },
              '~1orders/POST': { throttlingRateLimit: 10, throttlingBurstLimit: 9000 },
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          severity: 'info',
          evidence: {
            'account.throttleSettings': { rateLimit: 10000, burstLimit: 5000 },
            limitsAboveAccount: [
              { where: '*/*', rateLimit: 20000, burstLimit: 5000 },
              { where: 'POST /orders', rateLimit: 10, burstLimit: 9000 },
            ],
          },
        },
      ],
    },
    {
      name: 'stages without throttling values, APIs without stages, v2 stages: not applicable',
      snapshot: snapshot([
        region({
          restApis: [api('orders', { '*/*': { loggingLevel: 'INFO' } }), restApi({ id: 'a2' })],
          v2Apis: [
            v2Api({
              ApiId: 'web',
              stages: [
                { StageName: '$default', DefaultRouteSettings: { ThrottlingRateLimit: 99999 } },
              ],
            }),
          ],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many stages across regions, with a raised account limit',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', { '*/*': { throttlingRateLimit: 12000 } }),
            api('users', { '*/*': { throttlingRateLimit: 100 } }),
          ],
        }),
        region(
          {
            account: { throttleSettings: { rateLimit: 20000, burstLimit: 10000 } },
            restApis: [api('billing', { '*/*': { throttlingRateLimit: 12000 } })],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'orders/prod', status: 'FAIL' },
        { resource: 'users/prod', status: 'PASS' },
        { resource: 'billing/prod', status: 'PASS' },
      ],
    },
    {
      name: 'GetAccount failed: ERROR for stages with limits',
      snapshot: snapshot(
        [
          region({
            account: undefined,
            restApis: [api('orders', { '*/*': { throttlingRateLimit: 1 } }), api('users')],
          }),
        ],
        [collectionError({ slice: 'account', operation: 'GetAccount' })],
      ),
      expect: [{ resource: 'orders/prod', status: 'ERROR', evidence: { missing: 'account' } }],
    },
  ]);
});
