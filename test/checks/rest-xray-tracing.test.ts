import { describe } from 'vitest';
import check from '../../checks/rest-xray-tracing.js';
import { checkTable } from '../helpers/check-table.js';
import {
  collectionError,
  region,
  restApi,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';

const api = (id: string, tracingEnabled?: boolean) =>
  restApi({
    id,
    name: id,
    stages: [
      restStage({ stageName: 'prod', ...(tracingEnabled !== undefined ? { tracingEnabled } : {}) }),
    ],
  });

describe('rest-xray-tracing', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'tracing on: PASS',
      snapshot: snapshot([region({ restApis: [api('orders', true)] })]),
      expect: [{ resource: 'orders/prod', status: 'PASS', evidence: { tracingEnabled: true } }],
    },
    {
      name: 'tracing off: FAIL',
      snapshot: snapshot([region({ restApis: [api('orders', false)] })]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          severity: 'low',
          evidence: { tracingEnabled: false },
        },
      ],
    },
    {
      name: 'tracing never set: FAIL',
      snapshot: snapshot([region({ restApis: [api('orders')] })]),
      expect: [{ resource: 'orders/prod', status: 'FAIL', evidence: { tracingEnabled: null } }],
    },
    {
      name: 'HTTP and WebSocket APIs and REST APIs without stages are not applicable',
      snapshot: snapshot([
        region({
          restApis: [restApi({ id: 'a1' })],
          v2Apis: [v2Api({ ApiId: 'web', stages: [{ StageName: '$default' }] })],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many APIs across regions',
      snapshot: snapshot([
        region({ restApis: [api('orders', true), api('users', false)] }),
        region({ restApis: [api('billing', true)] }, 'us-east-1'),
      ]),
      expect: [
        { resource: 'orders/prod', status: 'PASS' },
        { resource: 'users/prod', status: 'FAIL' },
        { resource: 'billing/prod', status: 'PASS' },
      ],
    },
    {
      name: 'the listing failed: ERROR',
      snapshot: snapshot(
        [region({ restApis: undefined })],
        [collectionError({ slice: 'restApis', operation: 'GetRestApis' })],
      ),
      expect: [
        { resource: 'REST APIs in eu-west-1', status: 'ERROR', evidence: { missing: 'restApis' } },
      ],
    },
  ]);
});
