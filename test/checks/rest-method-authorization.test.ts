import { describe } from 'vitest';
import check from '../../checks/rest-method-authorization.js';
import type { RestMethod, RestResource } from '../../src/snapshot/types.js';
import { checkTable } from '../helpers/check-table.js';
import {
  collectionError,
  deployedRestApi,
  region,
  restApi,
  restStage,
  snapshot,
  summaryOf,
} from '../helpers/snapshot.js';

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
            deployedRestApi({
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
            deployedRestApi({
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
            deployedRestApi({
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
            deployedRestApi({
              id: 'p1',
              name: 'internal',
              endpointConfiguration: { types: ['PRIVATE'] },
              policy: vpcePolicy,
              resources: [res('/x', { GET: { methodIntegration: lambda } })],
            }),
            deployedRestApi({
              id: 'p2',
              name: 'leaky',
              endpointConfiguration: { types: ['PRIVATE'] },
              policy: openPolicy,
              resources: [res('/x', { GET: { methodIntegration: lambda } })],
            }),
            deployedRestApi({
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
                stages: [restStage({ stageName: 'prod' })],
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
            deployedRestApi({
              id: 'a1',
              name: 'a',
              resources: [res('/', { GET: { methodIntegration: lambda } })],
            }),
          ],
        }),
        region(
          {
            restApis: [
              deployedRestApi({
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
      name: 'a fix in the draft that was never deployed: FAIL on the stage that still serves NONE',
      snapshot: snapshot([
        region({
          restApis: [
            deployedRestApi({
              id: 'a1',
              name: 'orders',
              resources: [
                res('/orders', {
                  GET: { authorizationType: 'AWS_IAM', methodIntegration: lambda },
                }),
              ],
              stages: [
                restStage({ stageName: 'prod', deploymentId: 'old' }),
                restStage({ stageName: 'beta', deploymentId: 'new' }),
              ],
              deployments: [
                { id: 'old', apiSummary: { '/orders': { GET: { authorizationType: 'NONE' } } } },
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
          message: 'on prod (the draft requires AWS_IAM, but that is not deployed)',
          evidence: {
            authorizationType: 'NONE',
            draft: { authorizationType: 'AWS_IAM', apiKeyRequired: false },
            servedBy: {
              prod: {
                deploymentId: 'old',
                percentTraffic: 100,
                authorizationType: 'NONE',
                apiKeyRequired: false,
              },
              beta: {
                deploymentId: 'new',
                percentTraffic: 100,
                authorizationType: 'AWS_IAM',
                apiKeyRequired: false,
              },
            },
            fieldSources: {
              authorizationType: 'deployment',
              apiKeyRequired: 'deployment',
              authorizerId: 'draft',
              'methodIntegration.type': 'draft',
            },
          },
        },
      ],
    },
    {
      name: 'a method only in the draft is not served: no result; one deleted but deployed: FAIL high',
      snapshot: snapshot([
        region({
          restApis: [
            deployedRestApi({
              id: 'a1',
              name: 'orders',
              resources: [res('/new', { GET: { methodIntegration: lambda } })],
              deployments: [
                { id: 'dep1', apiSummary: { '/old': { DELETE: { authorizationType: 'NONE' } } } },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders DELETE /old',
          status: 'FAIL',
          severity: 'high',
          message: 'deleted from the draft, still deployed',
          evidence: { draft: null, 'methodIntegration.type': null },
        },
      ],
    },
    {
      name: 'a canary serving an open method: FAIL naming the canary and its share',
      snapshot: snapshot([
        region({
          restApis: [
            deployedRestApi({
              id: 'a1',
              name: 'orders',
              resources: [
                res('/orders', { GET: { authorizationType: 'CUSTOM', methodIntegration: lambda } }),
              ],
              stages: [
                restStage({
                  stageName: 'prod',
                  deploymentId: 'dep1',
                  canarySettings: { deploymentId: 'can', percentTraffic: 10 },
                }),
              ],
              deployments: [
                { id: 'can', apiSummary: { '/orders': { GET: { authorizationType: 'NONE' } } } },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders GET /orders',
          status: 'FAIL',
          message: 'on prod (canary)',
          evidence: {
            servedBy: {
              prod: {
                deploymentId: 'dep1',
                percentTraffic: 90,
                authorizationType: 'CUSTOM',
                apiKeyRequired: false,
              },
              'prod (canary)': {
                deploymentId: 'can',
                percentTraffic: 10,
                authorizationType: 'NONE',
                apiKeyRequired: false,
              },
            },
          },
        },
      ],
    },
    {
      name: 'an API with no stage serves nothing: no result',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({ id: 'a1', resources: [res('/x', { GET: { methodIntegration: lambda } })] }),
          ],
        }),
      ]),
      expect: [],
    },
    {
      name: "a stage's deployment that failed to collect: ERROR for the API, no verdict from the other stages (the unread one may serve anything)",
      snapshot: snapshot(
        [
          region({
            restApis: [
              {
                ...deployedRestApi({
                  id: 'a1',
                  name: 'orders',
                  resources: [res('/x', { GET: { methodIntegration: lambda } })],
                  stages: [
                    restStage({ stageName: 'prod', deploymentId: 'gone' }),
                    restStage({ stageName: 'beta', deploymentId: 'dep1' }),
                  ],
                }),
                deployments: [
                  {
                    id: 'dep1',
                    apiSummary: summaryOf([res('/x', { GET: { methodIntegration: lambda } })]),
                  },
                ],
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
      expect: [{ resource: 'orders', status: 'ERROR', message: 'GetDeployment' }],
    },
    {
      name: 'deployments not collected: ERROR for that API',
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
      name: 'resources that failed to collect: ERROR for that API',
      snapshot: snapshot(
        [
          region({
            restApis: [deployedRestApi({ id: 'a1', name: 'orders', resources: undefined })],
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
      expect: [{ resource: 'orders', status: 'ERROR', evidence: { missing: 'restApi.resources' } }],
    },
  ]);
});
