import { describe } from 'vitest';
import check from '../../checks/rest-undeployed-changes.js';
import type { RestResource } from '../../src/snapshot/types.js';
import { checkTable } from '../helpers/check-table.js';
import {
  collectionError,
  deployedRestApi,
  deployedV2Api,
  region,
  restStage,
  snapshot,
  summaryOf,
} from '../helpers/snapshot.js';

const draft: RestResource[] = [
  {
    id: 'r1',
    path: '/orders',
    resourceMethods: {
      GET: { authorizationType: 'AWS_IAM' },
      POST: { authorizationType: 'NONE', apiKeyRequired: true },
    },
  },
  { id: 'r2', path: '/orders/export', resourceMethods: { GET: { authorizationType: 'AWS_IAM' } } },
];
// Deployed before GET /orders got IAM, /orders/export was added and DELETE /orders removed.
const lagging = {
  '/orders': {
    GET: { authorizationType: 'NONE', apiKeyRequired: false },
    POST: { authorizationType: 'NONE', apiKeyRequired: true },
    DELETE: { authorizationType: 'NONE', apiKeyRequired: false },
  },
};
const exportOf = (paths: Record<string, Record<string, unknown>>) => ({
  openapi: '3.0.1',
  paths,
  components: {
    securitySchemes: {
      jwt: { type: 'oauth2', 'x-amazon-apigateway-authorizer': { type: 'jwt' } },
    },
  },
});

describe('rest-undeployed-changes', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'a stage serving the draft: PASS',
      snapshot: snapshot([
        region({ restApis: [deployedRestApi({ id: 'a1', name: 'orders', resources: draft })] }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'PASS',
          evidence: { deploymentId: 'dep1', added: [], removed: [], changed: [] },
        },
      ],
    },
    {
      name: 'a stage that lags its draft: FAIL listing added, removed and changed methods',
      snapshot: snapshot([
        region({
          restApis: [
            deployedRestApi({
              id: 'a1',
              name: 'orders',
              resources: draft,
              stages: [
                restStage({ stageName: 'prod', deploymentId: 'old' }),
                restStage({ stageName: 'beta', deploymentId: 'new' }),
              ],
              deployments: [
                { id: 'old', createdDate: '2026-01-01T00:00:00.000Z', apiSummary: lagging },
                { id: 'new', apiSummary: summaryOf(draft) },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          severity: 'low',
          message: 'GET /orders/export',
          evidence: {
            deploymentId: 'old',
            'deployment.createdDate': '2026-01-01T00:00:00.000Z',
            added: ['GET /orders/export'],
            removed: ['DELETE /orders'],
            changed: [
              {
                key: 'GET /orders',
                draft: { authorizationType: 'AWS_IAM', apiKeyRequired: false },
                served: { authorizationType: 'NONE', apiKeyRequired: false },
              },
            ],
          },
        },
        { resource: 'orders/beta', status: 'PASS' },
      ],
    },
    {
      name: 'a canary is not compared with the draft; its stage is',
      snapshot: snapshot([
        region({
          restApis: [
            deployedRestApi({
              id: 'a1',
              name: 'orders',
              resources: draft,
              stages: [
                restStage({
                  stageName: 'prod',
                  canarySettings: { deploymentId: 'old', percentTraffic: 10 },
                }),
              ],
              deployments: [{ id: 'old', apiSummary: lagging }],
            }),
          ],
        }),
      ]),
      expect: [{ resource: 'orders/prod', status: 'PASS' }],
    },
    {
      name: 'an API without stages: no result',
      snapshot: snapshot([
        region({ restApis: [deployedRestApi({ id: 'a1', resources: draft, stages: [] })] }),
      ]),
      expect: [],
    },
    {
      name: 'HTTP API: a stage that does not auto-deploy is compared through its export',
      snapshot: snapshot([
        region({
          v2Apis: [
            deployedV2Api({
              ApiId: 'h1',
              Name: 'shop',
              routes: [
                { RouteId: 'r1', RouteKey: 'GET /cart', AuthorizationType: 'JWT' },
                { RouteId: 'r2', RouteKey: 'POST /cart', AuthorizationType: 'JWT' },
              ],
              stages: [
                { StageName: 'prod', AutoDeploy: false, DeploymentId: 'd1' },
                { StageName: 'beta', AutoDeploy: false },
                { StageName: '$default', AutoDeploy: true },
              ],
              exports: [
                {
                  StageName: 'prod',
                  definition: exportOf({ '/cart': { get: {} } }),
                },
                {
                  StageName: 'beta',
                  definition: exportOf({
                    '/cart': {
                      get: { security: [{ jwt: [] }] },
                      post: { security: [{ jwt: [] }] },
                    },
                  }),
                },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'shop/prod',
          status: 'FAIL',
          evidence: {
            DeploymentId: 'd1',
            added: ['POST /cart'],
            removed: [],
            changed: [
              {
                key: 'GET /cart',
                draft: { AuthorizationType: 'JWT' },
                served: { AuthorizationType: 'NONE' },
              },
            ],
          },
        },
        { resource: 'shop/beta', status: 'PASS' },
      ],
    },
    {
      name: 'WebSocket APIs: not applicable',
      snapshot: snapshot([
        region({
          v2Apis: [
            deployedV2Api({
              ApiId: 'w1',
              ProtocolType: 'WEBSOCKET',
              stages: [{ StageName: 'prod' }],
              routes: [{ RouteId: 'r', RouteKey: '$connect' }],
            }),
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
            deployedRestApi({
              id: 'a1',
              name: 'a',
              resources: draft,
              stages: ['s1', 's2', 's3'].map((stageName) => restStage({ stageName })),
            }),
          ],
        }),
        region(
          {
            restApis: [
              deployedRestApi({
                id: 'b1',
                name: 'b',
                resources: draft,
                deployments: [{ id: 'dep1', apiSummary: lagging }],
              }),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'a/s1', status: 'PASS' },
        { resource: 'a/s2', status: 'PASS' },
        { resource: 'a/s3', status: 'PASS' },
        { resource: 'b/prod', status: 'FAIL' },
      ],
    },
    {
      name: "one stage's deployment could not be read: ERROR for that stage",
      snapshot: snapshot(
        [
          region({
            restApis: [
              {
                ...deployedRestApi({
                  id: 'a1',
                  name: 'orders',
                  resources: draft,
                  stages: [
                    restStage({ stageName: 'prod', deploymentId: 'gone' }),
                    restStage({ stageName: 'beta', deploymentId: 'dep1' }),
                  ],
                }),
                deployments: [{ id: 'dep1', apiSummary: summaryOf(draft) }],
              },
            ],
          }),
        ],
        [
          collectionError({
            slice: 'restApi.deployments',
            operation: 'GetDeployment',
            resourceId: 'a1/gone',
          }),
        ],
      ),
      expect: [
        {
          resource: 'orders/prod',
          status: 'ERROR',
          message: 'GetDeployment',
          evidence: { missing: 'restApi.deployments', resourceId: 'a1/gone' },
        },
        { resource: 'orders/beta', status: 'PASS' },
      ],
    },
    {
      name: 'deployments not collected: ERROR for the API',
      snapshot: snapshot([
        region({
          restApis: [{ ...deployedRestApi({ id: 'a1', name: 'orders' }), deployments: undefined }],
        }),
      ]),
      expect: [
        { resource: 'orders', status: 'ERROR', evidence: { missing: 'restApi.deployments' } },
      ],
    },
    {
      name: "an HTTP stage's export failed: ERROR for that stage",
      snapshot: snapshot(
        [
          region({
            v2Apis: [
              deployedV2Api({
                ApiId: 'h1',
                Name: 'shop',
                stages: [{ StageName: 'prod', AutoDeploy: false }],
                exports: [],
              }),
            ],
          }),
        ],
        [
          collectionError({
            slice: 'v2Api.exports',
            service: 'apigatewayv2',
            operation: 'ExportApi',
            resourceId: 'h1/prod',
          }),
        ],
      ),
      expect: [{ resource: 'shop/prod', status: 'ERROR', message: 'ExportApi' }],
    },
  ]);
});
