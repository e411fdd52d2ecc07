import { describe } from 'vitest';
import check from '../../checks/stage-throttling.js';
import { checkTable } from '../helpers/check-table.js';
import {
  collectionError,
  region,
  restApi,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';
import type { MethodSetting, UsagePlan } from '../../src/snapshot/types.js';

const api = (id: string, methodSettings: Record<string, MethodSetting> = {}) =>
  restApi({ id, name: id, stages: [restStage({ stageName: 'prod', methodSettings })] });
const plan = (parts: Partial<UsagePlan>): UsagePlan => ({ id: 'up1', name: 'gold', ...parts });
// What AWS shows for a stage whose logging was set but throttling never chosen.
const UNCHOSEN = { loggingLevel: 'INFO', throttlingRateLimit: 10000, throttlingBurstLimit: 5000 };

describe('stage-throttling', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'REST stage-wide limit below the account limit: PASS',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', { '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 50 } }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'PASS',
          evidence: {
            effectiveLimits: [{ where: '*/*', rateLimit: 100, burstLimit: 50 }],
            'account.throttleSettings': { rateLimit: 10000, burstLimit: 5000 },
          },
        },
      ],
    },
    {
      name: 'REST method-level limit: PASS',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', {
              '*/*': UNCHOSEN,
              '~1orders/POST': { throttlingRateLimit: 20, throttlingBurstLimit: 5000 },
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'PASS',
          evidence: {
            effectiveLimits: [{ where: 'POST /orders', rateLimit: 20, burstLimit: 5000 }],
          },
        },
      ],
    },
    {
      name: 'REST usage plan throttle covering the stage: PASS',
      snapshot: snapshot([
        region({
          restApis: [api('orders')],
          usagePlans: [
            plan({
              apiStages: [{ apiId: 'orders', stage: 'prod' }],
              throttle: { rateLimit: 50, burstLimit: 100 },
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'PASS',
          evidence: {
            effectiveLimits: [{ where: 'usage plan gold', rateLimit: 50, burstLimit: 100 }],
          },
        },
      ],
    },
    {
      name: 'no throttling anywhere: FAIL',
      snapshot: snapshot([region({ restApis: [api('orders')] })]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          severity: 'low',
          evidence: { methodSettingsThrottling: [], usagePlanThrottling: [] },
        },
      ],
    },
    {
      name: 'default values equal to the account limit count as none: FAIL',
      snapshot: snapshot([region({ restApis: [api('orders', { '*/*': UNCHOSEN })] })]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          evidence: {
            methodSettingsThrottling: [{ where: '*/*', rateLimit: 10000, burstLimit: 5000 }],
          },
        },
      ],
    },
    {
      name: 'a limit above the account limit and a plan for another stage: FAIL',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', { '*/*': { throttlingRateLimit: 20000, throttlingBurstLimit: 8000 } }),
          ],
          usagePlans: [
            plan({
              apiStages: [{ apiId: 'orders', stage: 'dev' }],
              throttle: { rateLimit: 5, burstLimit: 5 },
            }),
            plan({ id: 'up2', apiStages: [{ apiId: 'orders', stage: 'prod' }], throttle: {} }),
          ],
        }),
      ]),
      expect: [{ resource: 'orders/prod', status: 'FAIL', evidence: { usagePlanThrottling: [] } }],
    },
    {
      name: 'HTTP default route and WebSocket route throttling: PASS; none or unchosen: FAIL',
      snapshot: snapshot([
        region({
          v2Apis: [
            v2Api({
              ApiId: 'web',
              stages: [
                {
                  StageName: '$default',
                  DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 100 },
                },
                { StageName: 'dev', DefaultRouteSettings: { DetailedMetricsEnabled: false } },
              ],
            }),
            v2Api({
              ApiId: 'chat',
              ProtocolType: 'WEBSOCKET',
              stages: [
                {
                  StageName: 'prod',
                  DefaultRouteSettings: { ThrottlingRateLimit: 10000, ThrottlingBurstLimit: 5000 },
                  RouteSettings: { sendMessage: { ThrottlingRateLimit: 10 } },
                },
                {
                  StageName: 'dev',
                  DefaultRouteSettings: { ThrottlingRateLimit: 10000, ThrottlingBurstLimit: 5000 },
                },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'web/$default',
          status: 'PASS',
          evidence: {
            effectiveLimits: [{ where: 'DefaultRouteSettings', rateLimit: 200, burstLimit: 100 }],
          },
        },
        { resource: 'web/dev', status: 'FAIL', evidence: { routeSettingsThrottling: [] } },
        {
          resource: 'chat/prod',
          status: 'PASS',
          evidence: {
            effectiveLimits: [{ where: 'sendMessage', rateLimit: 10, burstLimit: null }],
          },
        },
        { resource: 'chat/dev', status: 'FAIL' },
      ],
    },
    {
      name: 'a lower account limit: a 1000 rps stage limit no longer counts',
      snapshot: snapshot([
        region({
          account: { throttleSettings: { rateLimit: 500, burstLimit: 200 } },
          restApis: [
            api('orders', { '*/*': { throttlingRateLimit: 1000, throttlingBurstLimit: 2000 } }),
          ],
        }),
      ]),
      expect: [{ resource: 'orders/prod', status: 'FAIL' }],
    },
    {
      name: 'REST APIs without stages are not applicable',
      snapshot: snapshot([region({ restApis: [restApi({ id: 'a1' })] })]),
      expect: [],
    },
    {
      name: 'many stages across regions',
      snapshot: snapshot([
        region({ restApis: [api('orders', { '*/*': { throttlingRateLimit: 10 } }), api('users')] }),
        region({ restApis: [api('billing')] }, 'us-east-1'),
      ]),
      expect: [
        { resource: 'orders/prod', status: 'PASS' },
        { resource: 'users/prod', status: 'FAIL' },
        { resource: 'billing/prod', status: 'FAIL' },
      ],
    },
    {
      name: 'GetAccount failed: ERROR where a limit must be compared, FAIL is still certain without one',
      snapshot: snapshot(
        [
          region({
            account: undefined,
            restApis: [api('orders', { '*/*': { throttlingRateLimit: 100 } }), api('users')],
            v2Apis: [v2Api({ ApiId: 'web', stages: [{ StageName: '$default' }] })],
          }),
        ],
        [collectionError({ slice: 'account', operation: 'GetAccount' })],
      ),
      expect: [
        { resource: 'orders/prod', status: 'ERROR', evidence: { missing: 'account' } },
        { resource: 'users/prod', status: 'FAIL' },
        { resource: 'web/$default', status: 'FAIL' },
      ],
    },
    {
      name: 'usage plans not collected and no stage limit: ERROR',
      snapshot: snapshot(
        [region({ usagePlans: undefined, restApis: [api('orders')] })],
        [collectionError({ slice: 'usagePlans', operation: 'GetUsagePlans' })],
      ),
      expect: [{ resource: 'orders/prod', status: 'ERROR', evidence: { missing: 'usagePlans' } }],
    },
  ]);
});
