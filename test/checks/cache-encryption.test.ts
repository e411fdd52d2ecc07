import { describe } from 'vitest';
import check from '../../checks/cache-encryption.js';
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

describe('cache-encryption', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'every cached entry encrypted: PASS',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', {
              '*/*': { cachingEnabled: true, cacheDataEncrypted: true },
              '~1orders/POST': { cachingEnabled: true, cacheDataEncrypted: true },
              '~1health/GET': { cachingEnabled: false, cacheDataEncrypted: false },
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'PASS',
          evidence: { cachingEnabledOn: ['*/*', 'POST /orders'], unencryptedCaching: [] },
        },
      ],
    },
    {
      name: 'a cached method without encryption: FAIL',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', {
              '*/*': { cachingEnabled: true, cacheDataEncrypted: true },
              '~1orders~1{id}/GET': { cachingEnabled: true, cacheDataEncrypted: false },
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          severity: 'medium',
          evidence: { unencryptedCaching: ['GET /orders/{id}'] },
        },
      ],
    },
    {
      name: 'stage-wide caching with encryption unset: FAIL',
      snapshot: snapshot([
        region({ restApis: [api('orders', { '*/*': { cachingEnabled: true } })] }),
      ]),
      expect: [
        { resource: 'orders/prod', status: 'FAIL', evidence: { unencryptedCaching: ['*/*'] } },
      ],
    },
    {
      name: 'not applicable: no cache cluster, or a cluster but no method caches, or TTL 0',
      snapshot: snapshot([
        region({
          restApis: [
            api('nocluster', { '*/*': { cachingEnabled: true, cacheDataEncrypted: false } }, false),
            api('nomethod', { '*/*': { cachingEnabled: false, cacheDataEncrypted: false } }),
            api('ttl0', {
              '*/*': { cachingEnabled: true, cacheTtlInSeconds: 0, cacheDataEncrypted: false },
            }),
            restApi({ id: 'plain', stages: [restStage({ stageName: 'prod' })] }),
          ],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many stages across regions',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', { '*/*': { cachingEnabled: true, cacheDataEncrypted: true } }),
            api('users', { '*/*': { cachingEnabled: true, cacheDataEncrypted: false } }),
          ],
        }),
        region(
          {
            restApis: [
              api('billing', { '*/*': { cachingEnabled: true, cacheDataEncrypted: false } }),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'orders/prod', status: 'PASS' },
        { resource: 'users/prod', status: 'FAIL' },
        { resource: 'billing/prod', status: 'FAIL' },
      ],
    },
    {
      name: 'stages that failed to collect: ERROR',
      snapshot: snapshot(
        [region({ restApis: [restApi({ id: 'a1', name: 'orders', stages: undefined })] })],
        [collectionError({ slice: 'restApi.stages', resourceId: 'a1' })],
      ),
      expect: [{ resource: 'orders', status: 'ERROR' }],
    },
  ]);
});
