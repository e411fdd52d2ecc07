import { describe } from 'vitest';
import check from '../../checks/http-route-authorization.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, deployedV2Api, region, snapshot } from '../helpers/snapshot.js';

describe('http-route-authorization', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'PASS and FAIL routes; WebSocket APIs not applicable',
      snapshot: snapshot([
        region({
          v2Apis: [
            deployedV2Api({
              ApiId: 'h1',
              Name: 'shop',
              routes: [
                {
                  RouteId: '1',
                  RouteKey: 'GET /items',
                  AuthorizationType: 'JWT',
                  AuthorizerId: 'j',
                },
                { RouteId: '2', RouteKey: 'POST /items', AuthorizationType: 'NONE' },
                { RouteId: '3', RouteKey: '$default' },
                { RouteId: '4', RouteKey: 'OPTIONS /items', AuthorizationType: 'NONE' },
              ],
            }),
            deployedV2Api({
              ApiId: 'w1',
              Name: 'ws',
              ProtocolType: 'WEBSOCKET',
              routes: [{ RouteId: '1', RouteKey: 'send' }],
            }),
          ],
        }),
      ]),
      expect: [
        { resource: 'shop GET /items', status: 'PASS', evidence: { AuthorizationType: 'JWT' } },
        {
          resource: 'shop POST /items',
          status: 'FAIL',
          severity: 'high',
          evidence: { AuthorizationType: 'NONE' },
        },
        { resource: 'shop $default', status: 'FAIL', evidence: { AuthorizationType: 'NONE' } },
        { resource: 'shop OPTIONS /items', status: 'FAIL' },
      ],
    },
    {
      name: 'OPTIONS routes are exempt when the API has CORS',
      snapshot: snapshot([
        region({
          v2Apis: [
            deployedV2Api({
              ApiId: 'h1',
              Name: 'shop',
              CorsConfiguration: { AllowOrigins: ['https://shop.example.com'] },
              routes: [
                { RouteId: '4', RouteKey: 'OPTIONS /items', AuthorizationType: 'NONE' },
                { RouteId: '5', RouteKey: 'GET /items', AuthorizationType: 'AWS_IAM' },
              ],
            }),
          ],
        }),
        region(
          {
            v2Apis: [
              deployedV2Api({
                ApiId: 'h2',
                Name: 'other',
                routes: [{ RouteId: '1', RouteKey: 'ANY /{proxy+}', AuthorizationType: 'CUSTOM' }],
              }),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'shop GET /items', status: 'PASS' },
        { resource: 'other ANY /{proxy+}', status: 'PASS' },
      ],
    },
    {
      name: 'a stage that does not auto-deploy is judged on its export',
      snapshot: snapshot([
        region({
          v2Apis: [
            deployedV2Api({
              ApiId: 'h1',
              Name: 'shop',
              routes: [{ RouteId: 'r1', RouteKey: 'GET /cart', AuthorizationType: 'JWT' }],
              stages: [{ StageName: 'prod', AutoDeploy: false }],
              exports: [
                {
                  StageName: 'prod',
                  definition: {
                    openapi: '3.0.1',
                    paths: {
                      '/cart': { get: {} },
                      '/admin': { 'x-amazon-apigateway-any-method': { security: [{ sigv4: [] }] } },
                    },
                    components: {
                      securitySchemes: {
                        sigv4: { type: 'apiKey', 'x-amazon-apigateway-authtype': 'awsSigv4' },
                      },
                    },
                  },
                },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'shop GET /cart',
          status: 'FAIL',
          message: 'the draft requires JWT, but that is not deployed',
          evidence: {
            AuthorizationType: 'NONE',
            draft: { AuthorizationType: 'JWT' },
            servedBy: { prod: { source: 'export', AuthorizationType: 'NONE' } },
          },
        },
        {
          resource: 'shop ANY /admin',
          status: 'PASS',
          evidence: { AuthorizationType: 'AWS_IAM', draft: null },
        },
      ],
    },
    {
      name: "a stage's export that failed: ERROR for the API",
      snapshot: snapshot(
        [
          region({
            v2Apis: [
              deployedV2Api({
                ApiId: 'h1',
                Name: 'shop',
                routes: [{ RouteId: 'r1', RouteKey: 'GET /cart' }],
                stages: [{ StageName: 'prod' }],
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
      expect: [{ resource: 'shop', status: 'ERROR', message: 'ExportApi' }],
    },
    {
      name: 'routes not collected: ERROR; listing failed: ERROR for the region',
      snapshot: snapshot(
        [
          region({ v2Apis: [deployedV2Api({ ApiId: 'h1', Name: 'shop', routes: undefined })] }),
          region({ v2Apis: undefined }, 'us-east-1'),
        ],
        [
          collectionError({
            slice: 'v2Api.routes',
            service: 'apigatewayv2',
            operation: 'GetRoutes',
            resourceId: 'h1',
          }),
          collectionError({
            slice: 'v2Apis',
            service: 'apigatewayv2',
            operation: 'GetApis',
            region: 'us-east-1',
          }),
        ],
      ),
      expect: [
        { resource: 'shop', status: 'ERROR', message: 'GetRoutes' },
        {
          resource: 'HTTP and WebSocket APIs in us-east-1',
          status: 'ERROR',
          evidence: { missing: 'v2Apis' },
        },
      ],
    },
  ]);
});
