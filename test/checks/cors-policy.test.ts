import { describe } from 'vitest';
import check from '../../checks/cors-policy.js';
import type { CorsConfiguration, RestMethod, V2Route } from '../../src/snapshot/types.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, snapshot, v2Api } from '../helpers/snapshot.js';

const route = (RouteKey: string, AuthorizationType = 'NONE'): V2Route => ({
  RouteId: RouteKey,
  RouteKey,
  AuthorizationType,
});
const http = (name: string, cors: CorsConfiguration | undefined, routes: V2Route[] | undefined) =>
  v2Api({ ApiId: name, Name: name, CorsConfiguration: cors, routes });

const options = (origin: string, credentials?: string): RestMethod => ({
  httpMethod: 'OPTIONS',
  authorizationType: 'NONE',
  methodIntegration: {
    type: 'MOCK',
    integrationResponses: {
      '200': {
        statusCode: '200',
        responseParameters: {
          'method.response.header.Access-Control-Allow-Origin': origin,
          ...(credentials
            ? { 'method.response.header.Access-Control-Allow-Credentials': credentials }
            : {}),
        },
      },
    },
  },
});
const get = (authorizationType = 'NONE'): RestMethod => ({
  httpMethod: 'GET',
  authorizationType,
  methodIntegration: { type: 'AWS_PROXY' },
});
const rest = (name: string, methods: Record<string, RestMethod>, extra = {}) =>
  restApi({
    id: name,
    name,
    resources: [{ id: 'r', path: '/items', resourceMethods: methods }],
    ...extra,
  });

describe('cors-policy', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'HTTP API: specific https origins with credentials: PASS',
      snapshot: snapshot([
        region({
          v2Apis: [
            http('app', { AllowOrigins: ['https://app.example.com'], AllowCredentials: true }, [
              route('GET /me', 'JWT'),
            ]),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'app',
          status: 'PASS',
          evidence: { 'CorsConfiguration.AllowOrigins': ['https://app.example.com'] },
        },
      ],
    },
    {
      name: 'Not: public unauthenticated API with * and no credentials (HTTP and REST): PASS',
      snapshot: snapshot([
        region({
          v2Apis: [http('catalog', { AllowOrigins: ['*'] }, [route('GET /items')])],
          restApis: [rest('feed', { GET: get(), OPTIONS: options("'*'") })],
        }),
      ]),
      expect: [
        { resource: 'catalog', status: 'PASS', evidence: { authorizedRoutes: [] } },
        { resource: 'feed', status: 'PASS', evidence: { authorizedMethods: [] } },
      ],
    },
    {
      name: 'HTTP API: * with credentials: FAIL high (and authorized routes listed)',
      snapshot: snapshot([
        region({
          v2Apis: [
            http('app', { AllowOrigins: ['*'], AllowCredentials: true }, [
              route('GET /me', 'JWT'),
              route('OPTIONS /me'),
            ]),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'app',
          status: 'FAIL',
          severity: 'high',
          evidence: {
            authorizedRoutes: ['GET /me'],
            failedConditions: [
              'any origin (*) allowed with credentials',
              'any origin (*) allowed on an API with 1 authorized route(s)',
            ],
          },
        },
      ],
    },
    {
      name: 'HTTP API: * on an API with an authorized route: FAIL medium',
      snapshot: snapshot([
        region({
          v2Apis: [http('app', { AllowOrigins: ['*'] }, [route('POST /orders', 'AWS_IAM')])],
        }),
      ]),
      expect: [{ resource: 'app', status: 'FAIL', severity: 'medium' }],
    },
    {
      name: 'HTTP API: http:// and null origins: FAIL medium, even without authorization',
      snapshot: snapshot([
        region({
          v2Apis: [
            http('app', { AllowOrigins: ['http://localhost:3000', 'null'] }, [route('GET /x')]),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'app',
          status: 'FAIL',
          severity: 'medium',
          evidence: {
            failedConditions: [
              'plain-http origin(s) allowed: http://localhost:3000',
              'the null origin is allowed',
            ],
          },
        },
      ],
    },
    {
      name: 'REST: OPTIONS reflecting the Origin with credentials: FAIL high',
      snapshot: snapshot([
        region({
          restApis: [
            rest('portal', {
              GET: get('COGNITO_USER_POOLS'),
              OPTIONS: options('method.request.header.Origin', "'true'"),
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'portal',
          status: 'FAIL',
          severity: 'high',
          evidence: {
            'Access-Control-Allow-Credentials': true,
            authorizedMethods: ['GET /items'],
            'Access-Control-Allow-Origin': [
              {
                source: 'OPTIONS /items integration response 200',
                value: 'method.request.header.Origin',
              },
            ],
          },
        },
      ],
    },
    {
      name: "REST: '*' from a gateway response on an authorized API: FAIL medium",
      snapshot: snapshot([
        region({
          restApis: [
            rest(
              'orders',
              { GET: get('CUSTOM') },
              {
                gatewayResponses: [
                  {
                    responseType: 'DEFAULT_4XX',
                    responseParameters: {
                      'gatewayresponse.header.Access-Control-Allow-Origin': "'*'",
                    },
                  },
                ],
              },
            ),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders',
          status: 'FAIL',
          severity: 'medium',
          evidence: {
            'Access-Control-Allow-Origin': [
              { source: 'gateway response DEFAULT_4XX', value: "'*'" },
            ],
          },
        },
      ],
    },
    {
      name: 'REST: a specific https origin: PASS; an origin from the backend: MANUAL',
      snapshot: snapshot([
        region({
          restApis: [
            rest('a', {
              GET: get('AWS_IAM'),
              OPTIONS: options("'https://app.example.com'", "'true'"),
            }),
            rest('b', {
              GET: get('AWS_IAM'),
              OPTIONS: options('integration.response.header.Access-Control-Allow-Origin'),
            }),
          ],
        }),
      ]),
      expect: [
        { resource: 'a', status: 'PASS' },
        { resource: 'b', status: 'MANUAL' },
      ],
    },
    {
      name: 'not applicable: no CorsConfiguration, REST without CORS headers, WebSocket',
      snapshot: snapshot([
        region({
          v2Apis: [
            http('plain', undefined, [route('GET /x', 'JWT')]),
            v2Api({ ApiId: 'w', ProtocolType: 'WEBSOCKET' }),
          ],
          restApis: [rest('nocors', { GET: get('AWS_IAM') })],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many APIs across regions',
      snapshot: snapshot([
        region({
          v2Apis: [http('h1', { AllowOrigins: ['*'] }, [route('GET /a', 'JWT')])],
          restApis: [rest('r1', { OPTIONS: options("'*'") })],
        }),
        region({ v2Apis: [http('h2', { AllowOrigins: ['https://x.example'] }, [])] }, 'us-east-1'),
      ]),
      expect: [
        { resource: 'h1', status: 'FAIL' },
        { resource: 'r1', status: 'PASS' },
        { resource: 'h2', status: 'PASS' },
      ],
    },
    {
      name: 'data missing: routes (for *), REST resources or gateway responses: ERROR',
      snapshot: snapshot(
        [
          region({
            v2Apis: [http('h1', { AllowOrigins: ['*'] }, undefined)],
            restApis: [
              rest('r1', { OPTIONS: options("'*'") }, { gatewayResponses: undefined }),
              restApi({ id: 'r2', name: 'r2', resources: undefined }),
            ],
          }),
        ],
        [
          collectionError({
            slice: 'restApi.gatewayResponses',
            operation: 'GetGatewayResponses',
            resourceId: 'r1',
          }),
        ],
      ),
      expect: [
        { resource: 'h1', status: 'ERROR', evidence: { missing: 'v2Api.routes' } },
        {
          resource: 'r1',
          status: 'ERROR',
          evidence: { missing: 'restApi.gatewayResponses' },
          message: 'GetGatewayResponses failed',
        },
        { resource: 'r2', status: 'ERROR', evidence: { missing: 'restApi.resources' } },
      ],
    },
  ]);
});
