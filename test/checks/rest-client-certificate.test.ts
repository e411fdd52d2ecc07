import { describe } from 'vitest';
import check from '../../checks/rest-client-certificate.js';
import type { RestResource } from '../../src/snapshot/types.js';
import { checkTable } from '../helpers/check-table.js';
import {
  collectionError,
  region,
  restApi,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';

const res = (path: string, type: string, uri?: string): RestResource => ({
  id: path,
  path,
  resourceMethods: { GET: { httpMethod: 'GET', methodIntegration: { type, uri } } },
});

describe('rest-client-certificate', () => {
  checkTable(check, [
    { name: 'no REST APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'HTTP integration and a client certificate: PASS',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              resources: [res('/o', 'HTTP_PROXY', 'https://b.example/o')],
              stages: [restStage({ stageName: 'prod', clientCertificateId: 'cert1' })],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'PASS',
          evidence: {
            clientCertificateId: 'cert1',
            httpIntegrations: ['GET /o (HTTP_PROXY https://b.example/o)'],
          },
        },
      ],
    },
    {
      name: 'HTTP integration without a client certificate: FAIL for every stage',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              resources: [res('/o', 'HTTP', 'https://b.example/o'), res('/m', 'MOCK')],
              stages: [
                restStage({ stageName: 'prod' }),
                restStage({ stageName: 'dev', clientCertificateId: 'cert1' }),
              ],
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
            clientCertificateId: null,
            httpIntegrations: ['GET /o (HTTP https://b.example/o)'],
          },
        },
        { resource: 'orders/dev', status: 'PASS' },
      ],
    },
    {
      name: 'Not: stages with only Lambda, AWS service and MOCK integrations; APIs with no stage; v2',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'lambda-only',
              resources: [res('/a', 'AWS_PROXY'), res('/b', 'AWS'), res('/c', 'MOCK')],
              stages: [restStage({ stageName: 'prod' })],
            }),
            restApi({
              id: 'a2',
              name: 'undeployed',
              resources: [res('/o', 'HTTP', 'https://b.example')],
              stages: [],
            }),
          ],
          v2Apis: [v2Api({ ApiId: 'w1', ProtocolType: 'WEBSOCKET', stages: [{ StageName: 'p' }] })],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many APIs across regions',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'a',
              resources: [res('/x', 'HTTP', 'https://x')],
              stages: [restStage({ stageName: 'p' })],
            }),
          ],
        }),
        region(
          {
            restApis: [
              restApi({
                id: 'b1',
                name: 'b',
                resources: [res('/y', 'HTTP_PROXY', 'https://y')],
                stages: [restStage({ stageName: 'p', clientCertificateId: 'c' })],
              }),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'a/p', status: 'FAIL' },
        { resource: 'b/p', status: 'PASS' },
      ],
    },
    {
      name: 'resources or stages not collected: ERROR for the API',
      snapshot: snapshot(
        [
          region({
            restApis: [
              restApi({
                id: 'a1',
                name: 'orders',
                resources: undefined,
                stages: [restStage({ stageName: 'prod' })],
              }),
              restApi({ id: 'a2', name: 'users', stages: undefined }),
            ],
          }),
        ],
        [
          collectionError({
            slice: 'restApi.resources',
            operation: 'GetResources',
            resourceId: 'a1',
          }),
        ],
      ),
      expect: [
        { resource: 'orders', status: 'ERROR', evidence: { missing: 'restApi.resources' } },
        { resource: 'users', status: 'ERROR', evidence: { missing: 'restApi.stages' } },
      ],
    },
  ]);
});
