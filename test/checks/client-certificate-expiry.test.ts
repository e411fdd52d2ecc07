import { describe } from 'vitest';
import check from '../../checks/client-certificate-expiry.js';
import type { ClientCertificate } from '../../src/snapshot/types.js';
import { checkTable, NOW } from '../helpers/check-table.js';
import {
  collectionError,
  region,
  restApi,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';

const DAY = 86_400_000;
const inDays = (d: number) => new Date(NOW.getTime() + d * DAY).toISOString();
const cert = (id: string, days: number | undefined): ClientCertificate => ({
  clientCertificateId: id,
  ...(days === undefined ? {} : { expirationDate: inDays(days) }),
});
const restUsing = (name: string, ...ids: Array<string | undefined>) =>
  restApi({
    id: name,
    name,
    stages: ids.map((clientCertificateId, i) =>
      restStage({ stageName: `s${i}`, ...(clientCertificateId ? { clientCertificateId } : {}) }),
    ),
  });

describe('client-certificate-expiry', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'a certificate valid for a year: PASS, one result for two stages',
      snapshot: snapshot([
        region({
          restApis: [restUsing('orders', 'c1', 'c1')],
          clientCertificates: [cert('c1', 365)],
        }),
      ]),
      expect: [
        {
          resource: 'c1',
          status: 'PASS',
          evidence: { daysLeft: 365, stages: ['orders/s0', 'orders/s1'] },
        },
      ],
    },
    {
      name: 'expired: FAIL high; expiring within 30 days: FAIL medium (REST and WebSocket stages)',
      snapshot: snapshot([
        region({
          restApis: [restUsing('orders', 'old')],
          v2Apis: [
            v2Api({
              ApiId: 'w1',
              Name: 'chat',
              ProtocolType: 'WEBSOCKET',
              stages: [{ StageName: 'prod', ClientCertificateId: 'soon' }],
            }),
          ],
          clientCertificates: [cert('old', -2), cert('soon', 10)],
        }),
      ]),
      expect: [
        {
          resource: 'old',
          status: 'FAIL',
          severity: 'high',
          evidence: { expirationDate: inDays(-2), stages: ['orders/s0'] },
        },
        {
          resource: 'soon',
          status: 'FAIL',
          severity: 'medium',
          evidence: { daysLeft: 10, stages: ['chat/prod'] },
        },
      ],
    },
    {
      name: 'the threshold comes from the configuration',
      config: { thresholds: { certificateExpiryDays: 5 } },
      snapshot: snapshot([
        region({ restApis: [restUsing('orders', 'soon')], clientCertificates: [cert('soon', 10)] }),
      ]),
      expect: [{ resource: 'soon', status: 'PASS' }],
    },
    {
      name: 'a certificate missing from the listing, or without a date: MANUAL',
      snapshot: snapshot([
        region({
          restApis: [restUsing('orders', 'gone', 'nodate')],
          clientCertificates: [cert('nodate', undefined)],
        }),
      ]),
      expect: [
        { resource: 'gone', status: 'MANUAL', message: 'did not return' },
        { resource: 'nodate', status: 'MANUAL' },
      ],
    },
    {
      name: 'not applicable: certificates no stage uses, stages without certificates, HTTP APIs',
      snapshot: snapshot([
        region({
          restApis: [restUsing('orders', undefined)],
          v2Apis: [v2Api({ ApiId: 'h1', stages: [{ StageName: 'p', ClientCertificateId: 'x' }] })],
          clientCertificates: [cert('unused', -10), cert('x', -10)],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many certificates across regions (same id in two regions: two results)',
      snapshot: snapshot([
        region({ restApis: [restUsing('a', 'c1')], clientCertificates: [cert('c1', 100)] }),
        region(
          { restApis: [restUsing('b', 'c1')], clientCertificates: [cert('c1', -1)] },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'c1', status: 'PASS' },
        { resource: 'c1', status: 'FAIL' },
      ],
    },
    {
      name: 'client certificates not collected: ERROR for each certificate in use',
      snapshot: snapshot(
        [region({ restApis: [restUsing('orders', 'c1')], clientCertificates: undefined })],
        [
          collectionError({
            slice: 'clientCertificates',
            operation: 'GetClientCertificates',
          }),
        ],
      ),
      expect: [
        {
          resource: 'c1',
          status: 'ERROR',
          evidence: { missing: 'clientCertificates' },
          message: 'GetClientCertificates failed',
        },
      ],
    },
  ]);
});
