import { describe } from 'vitest';
import check from '../../checks/cache-invalidation-authorization.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, restStage, snapshot } from '../helpers/snapshot.js';
import type { MethodSetting } from '../../src/snapshot/types.js';

const api = (
  id: string,
  methodSettings: Record<string, MethodSetting>,
  cacheClusterEnabled = true,
) =>
  restApi({
    id,
    name: id,
    stages: [restStage({ stageName: 'prod', cacheClusterEnabled, methodSettings })],
  });
const SAFE: MethodSetting = {
  cachingEnabled: true,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403',
};
// The AWS defaults: authorization required, but unauthorized requests still succeed.
const DEFAULTS: MethodSetting = {
  cachingEnabled: true,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
};

// Authorization for cache control not required: anyone may flush.
const OPEN: MethodSetting = { ...DEFAULTS, requireAuthorizationForCacheControl: false };

describe('cache-invalidation-authorization', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'authorization required and 403: PASS',
      snapshot: snapshot([region({ restApis: [api('orders', { '*/*': SAFE })] })]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'PASS',
          evidence: { cachingEnabledOn: ['*/*'], openInvalidation: [] },
        },
      ],
    },
    {
      name: 'no authorization required: FAIL',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', {
              '*/*': { ...SAFE, requireAuthorizationForCacheControl: false },
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          severity: 'medium',
          evidence: {
            openInvalidation: [
              {
                entry: '*/*',
                requireAuthorizationForCacheControl: false,
                unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403',
              },
            ],
          },
        },
      ],
    },
    {
      name: 'authorization required, SUCCEED_* strategies (the AWS default among them): PASS with the strategy',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', {
              '*/*': SAFE,
              '~1orders/GET': DEFAULTS,
              '~1orders/HEAD': {
                ...DEFAULTS,
                unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITHOUT_RESPONSE_HEADER',
              },
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'PASS',
          evidence: {
            openInvalidation: [],
            cacheControl: [
              {
                entry: '*/*',
                requireAuthorizationForCacheControl: true,
                unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403',
              },
              {
                entry: 'GET /orders',
                requireAuthorizationForCacheControl: true,
                unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
              },
              {
                entry: 'HEAD /orders',
                requireAuthorizationForCacheControl: true,
                unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITHOUT_RESPONSE_HEADER',
              },
            ],
          },
        },
      ],
    },
    {
      name: 'a cached override that does not require authorization, whatever its strategy: FAIL',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', {
              '*/*': SAFE,
              '~1orders/GET': { ...DEFAULTS, requireAuthorizationForCacheControl: false },
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          evidence: {
            openInvalidation: [
              {
                entry: 'GET /orders',
                requireAuthorizationForCacheControl: false,
                unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
              },
            ],
          },
        },
      ],
    },
    {
      name: 'stages without caching are not applicable, however they are set',
      snapshot: snapshot([
        region({
          restApis: [
            api('nocluster', { '*/*': DEFAULTS }, false),
            api('nomethod', { '*/*': { ...DEFAULTS, cachingEnabled: false } }),
          ],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many stages across regions',
      snapshot: snapshot([
        region({ restApis: [api('orders', { '*/*': SAFE }), api('users', { '*/*': OPEN })] }),
        region({ restApis: [api('billing', { '*/*': OPEN })] }, 'us-east-1'),
      ]),
      expect: [
        { resource: 'orders/prod', status: 'PASS' },
        { resource: 'users/prod', status: 'FAIL' },
        { resource: 'billing/prod', status: 'FAIL' },
      ],
    },
    {
      name: 'the REST API listing failed: ERROR',
      snapshot: snapshot(
        [region({ restApis: undefined })],
        [collectionError({ slice: 'restApis', operation: 'GetRestApis' })],
      ),
      expect: [{ resource: 'REST APIs in eu-west-1', status: 'ERROR' }],
    },
  ]);
});
