import { describe } from 'vitest';
import check from '../../checks/detailed-metrics.js';
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

const api = (id: string, methodSettings: Record<string, MethodSetting>) =>
  restApi({ id, name: id, stages: [restStage({ stageName: 'prod', methodSettings })] });

describe('detailed-metrics', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'metrics on stage-wide (REST) and by default (HTTP, WebSocket): PASS',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', {
              '*/*': { metricsEnabled: true },
              '~1orders/GET': { metricsEnabled: true },
            }),
          ],
          v2Apis: [
            v2Api({
              ApiId: 'web',
              stages: [
                { StageName: '$default', DefaultRouteSettings: { DetailedMetricsEnabled: true } },
              ],
            }),
            v2Api({
              ApiId: 'chat',
              ProtocolType: 'WEBSOCKET',
              stages: [
                { StageName: 'prod', DefaultRouteSettings: { DetailedMetricsEnabled: true } },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'PASS',
          evidence: { 'methodSettings["*/*"].metricsEnabled': true, methodsWithMetricsOff: [] },
        },
        {
          resource: 'web/$default',
          status: 'PASS',
          evidence: { 'DefaultRouteSettings.DetailedMetricsEnabled': true },
        },
        { resource: 'chat/prod', status: 'PASS' },
      ],
    },
    {
      name: 'metrics off or unset: FAIL',
      snapshot: snapshot([
        region({
          restApis: [api('orders', { '*/*': { metricsEnabled: false } }), api('users', {})],
          v2Apis: [v2Api({ ApiId: 'web', stages: [{ StageName: '$default' }] })],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          severity: 'low',
          evidence: { 'methodSettings["*/*"].metricsEnabled': false },
        },
        {
          resource: 'users/prod',
          status: 'FAIL',
          evidence: { 'methodSettings["*/*"].metricsEnabled': null },
        },
        {
          resource: 'web/$default',
          status: 'FAIL',
          evidence: { 'DefaultRouteSettings.DetailedMetricsEnabled': null },
        },
      ],
    },
    {
      name: 'a method or route override turning metrics off: FAIL naming it',
      snapshot: snapshot([
        region({
          restApis: [
            api('orders', {
              '*/*': { metricsEnabled: true },
              '~1orders/POST': { metricsEnabled: false },
            }),
          ],
          v2Apis: [
            v2Api({
              ApiId: 'web',
              stages: [
                {
                  StageName: '$default',
                  DefaultRouteSettings: { DetailedMetricsEnabled: true },
                  RouteSettings: { 'GET /pets': { DetailedMetricsEnabled: false } },
                },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          evidence: { methodsWithMetricsOff: ['POST /orders'] },
        },
        {
          resource: 'web/$default',
          status: 'FAIL',
          evidence: { routesWithMetricsOff: ['GET /pets'] },
        },
      ],
    },
    {
      name: 'APIs without stages are not applicable',
      snapshot: snapshot([
        region({ restApis: [restApi({ id: 'a1' })], v2Apis: [v2Api({ ApiId: 'web' })] }),
      ]),
      expect: [],
    },
    {
      name: 'many APIs across regions',
      snapshot: snapshot([
        region({
          restApis: [api('orders', { '*/*': { metricsEnabled: true } }), api('users', {})],
        }),
        region({ restApis: [api('billing', { '*/*': { metricsEnabled: true } })] }, 'us-east-1'),
      ]),
      expect: [
        { resource: 'orders/prod', status: 'PASS' },
        { resource: 'users/prod', status: 'FAIL' },
        { resource: 'billing/prod', status: 'PASS' },
      ],
    },
    {
      name: 'failed collections: ERROR',
      snapshot: snapshot(
        [region({ restApis: undefined, v2Apis: [v2Api({ ApiId: 'web', stages: undefined })] })],
        [
          collectionError({ slice: 'restApis', operation: 'GetRestApis' }),
          collectionError({ slice: 'v2Api.stages', service: 'apigatewayv2', resourceId: 'web' }),
        ],
      ),
      expect: [
        { resource: 'REST APIs in eu-west-1', status: 'ERROR' },
        { resource: 'web', status: 'ERROR' },
      ],
    },
  ]);
});
