import { describe } from 'vitest';
import check from '../../checks/rest-method-authorization.js';
import type { RestMethod, RestResource } from '../../src/snapshot/types.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, snapshot } from '../helpers/snapshot.js';

const res = (path: string, methods: Record<string, RestMethod>): RestResource => ({
  id: path,
  path,
  resourceMethods: methods,
});
const lambda = {
  type: 'AWS_PROXY',
  uri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111122223333:function:f/invocations',
};
const vpcePolicy = JSON.stringify({
  Statement: [
    {
      Effect: 'Allow',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*',
      Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
    },
  ],
});
const openPolicy = JSON.stringify({
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
  ],
});

describe('rest-method-authorization', () => {
  checkTable(check, [
    { name: 'no REST APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'authorized methods: PASS',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              resources: [
                res('/orders', {
                  GET: { authorizationType: 'AWS_IAM', methodIntegration: lambda },
                  POST: {
                    authorizationType: 'CUSTOM',
                    authorizerId: 'au1',
                    methodIntegration: lambda,
                  },
                  PUT: { authorizationType: 'COGNITO_USER_POOLS', methodIntegration: lambda },
                }),
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders GET /orders',
          status: 'PASS',
          evidence: { authorizationType: 'AWS_IAM' },
        },
        { resource: 'orders POST /orders', status: 'PASS', evidence: { authorizerId: 'au1' } },
        { resource: 'orders PUT /orders', status: 'PASS' },
      ],
    },
    {
      name: 'NONE on backends: FAIL high; MOCK: FAIL low; API key alone does not count',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              resources: [
                res('/orders', {
                  GET: { authorizationType: 'NONE', methodIntegration: lambda },
                  POST: {
                    authorizationType: 'NONE',
                    apiKeyRequired: true,
                    methodIntegration: { type: 'HTTP_PROXY', uri: 'https://b.example.com' },
                  },
                  DELETE: {
                    methodIntegration: {
                      type: 'AWS',
                      uri: 'arn:aws:apigateway:eu-west-1:sqs:path/q',
                    },
                  },
                }),
                res('/health', {
                  GET: { authorizationType: 'NONE', methodIntegration: { type: 'MOCK' } },
                }),
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders GET /orders',
          status: 'FAIL',
          severity: 'high',
          evidence: { authorizationType: 'NONE', 'methodIntegration.type': 'AWS_PROXY' },
        },
        {
          resource: 'orders POST /orders',
          status: 'FAIL',
          severity: 'high',
          evidence: { apiKeyRequired: true },
          message: 'not authorization',
        },
        {
          resource: 'orders DELETE /orders',
          status: 'FAIL',
          severity: 'high',
          evidence: { authorizationType: 'NONE' },
        },
        {
          resource: 'orders GET /health',
          status: 'FAIL',
          severity: 'low',
          evidence: { 'methodIntegration.type': 'MOCK' },
        },
      ],
    },
    {
      name: 'OPTIONS preflight methods: no result',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              resources: [
                res('/orders', {
                  OPTIONS: { authorizationType: 'NONE', methodIntegration: { type: 'MOCK' } },
                }),
              ],
            }),
          ],
        }),
      ]),
      expect: [],
    },
    {
      name: 'PRIVATE API with a VPCE-limited policy: PASS; PRIVATE without one: FAIL',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'p1',
              name: 'internal',
              endpointConfiguration: { types: ['PRIVATE'] },
              policy: vpcePolicy,
              resources: [res('/x', { GET: { methodIntegration: lambda } })],
            }),
            restApi({
              id: 'p2',
              name: 'leaky',
              endpointConfiguration: { types: ['PRIVATE'] },
              policy: openPolicy,
              resources: [res('/x', { GET: { methodIntegration: lambda } })],
            }),
            restApi({
              id: 'r1',
              name: 'regional',
              policy: vpcePolicy,
              resources: [res('/x', { GET: { methodIntegration: lambda } })],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'internal GET /x',
          status: 'PASS',
          evidence: { resourcePolicyVpceLimited: true },
        },
        {
          resource: 'leaky GET /x',
          status: 'FAIL',
          severity: 'high',
          evidence: { resourcePolicyVpceLimited: false },
        },
        { resource: 'regional GET /x', status: 'FAIL', severity: 'high' },
      ],
    },
    {
      name: 'PRIVATE API exemption needs a condition that narrows: IfExists, wildcard and caller-set keys do not',
      snapshot: snapshot([
        region({
          restApis: [
            ...(
              [
                ['ifexists', { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } }],
                ['wildcard', { StringLike: { 'aws:SourceVpce': 'vpce-*' } }],
                ['useragent', { StringEquals: { 'aws:UserAgent': 'internal' } }],
                ['exact', { StringEquals: { 'aws:SourceVpce': 'vpce-1' } }],
              ] as const
            ).map(([id, Condition]) =>
              restApi({
                id,
                name: id,
                endpointConfiguration: { types: ['PRIVATE'] },
                policy: JSON.stringify({
                  Statement: [
                    {
                      Effect: 'Allow',
                      Principal: '*',
                      Action: 'execute-api:Invoke',
                      Resource: 'execute-api:/*',
                      Condition,
                    },
                  ],
                }),
                resources: [res('/x', { GET: { methodIntegration: lambda } })],
              }),
            ),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'ifexists GET /x',
          status: 'FAIL',
          evidence: { resourcePolicyVpceLimited: false },
        },
        {
          resource: 'wildcard GET /x',
          status: 'FAIL',
          evidence: { resourcePolicyVpceLimited: false },
        },
        {
          resource: 'useragent GET /x',
          status: 'FAIL',
          evidence: { resourcePolicyVpceLimited: false },
        },
        { resource: 'exact GET /x', status: 'PASS', evidence: { resourcePolicyVpceLimited: true } },
      ],
    },
    {
      name: 'many APIs across regions',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'a',
              resources: [res('/', { GET: { methodIntegration: lambda } })],
            }),
          ],
        }),
        region(
          {
            restApis: [
              restApi({
                id: 'b1',
                name: 'b',
                resources: [res('/', { GET: { authorizationType: 'AWS_IAM' } })],
              }),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'a GET /', status: 'FAIL' },
        { resource: 'b GET /', status: 'PASS' },
      ],
    },
    {
      name: 'resources that failed to collect: ERROR for that API',
      snapshot: snapshot(
        [region({ restApis: [restApi({ id: 'a1', name: 'orders', resources: undefined })] })],
        [
          collectionError({
            slice: 'restApi.resources',
            operation: 'GetResources',
            resourceId: 'a1',
          }),
        ],
      ),
      expect: [{ resource: 'orders', status: 'ERROR', evidence: { missing: 'restApi.resources' } }],
    },
  ]);
});
