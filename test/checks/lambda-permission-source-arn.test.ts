import { describe } from 'vitest';
import check from '../../checks/lambda-permission-source-arn.js';
import type { LambdaPolicySnapshot } from '../../src/snapshot/types.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, snapshot, v2Api } from '../helpers/snapshot.js';

const fn = (name: string) => `arn:aws:lambda:eu-west-1:111122223333:function:${name}`;
const uri = (arn: string) =>
  `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${arn}/invocations`;
const perm = (sourceArn?: string, extra: object = {}) => ({
  Sid: 'apigw',
  Effect: 'Allow',
  Principal: { Service: 'apigateway.amazonaws.com' },
  Action: 'lambda:InvokeFunction',
  Resource: 'x',
  ...(sourceArn ? { Condition: { ArnLike: { 'AWS:SourceArn': sourceArn } } } : {}),
  ...extra,
});
const policies = (entries: Record<string, object[] | null>): Record<string, LambdaPolicySnapshot> =>
  Object.fromEntries(
    Object.entries(entries).map(([arn, st]) => [
      arn,
      {
        functionArn: arn,
        policy: st === null ? null : JSON.stringify({ Version: '2012-10-17', Statement: st }),
      },
    ]),
  );
const methodsFor = (...arns: string[]) => [
  {
    id: 'r',
    path: '/x',
    resourceMethods: Object.fromEntries(
      arns.map((a, i) => [
        ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'][i]!,
        { methodIntegration: { type: 'AWS_PROXY', uri: uri(a) } },
      ]),
    ),
  },
];

describe('lambda-permission-source-arn', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'non-Lambda and stage-variable integrations: not applicable',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a',
              resources: [
                {
                  id: 'r',
                  path: '/',
                  resourceMethods: {
                    GET: { methodIntegration: { type: 'HTTP', uri: 'https://x.example.com' } },
                    POST: {
                      methodIntegration: {
                        type: 'AWS_PROXY',
                        uri: uri(`${fn('f')}:\${stageVariables.alias}`),
                      },
                    },
                  },
                },
              ],
            }),
          ],
        }),
      ]),
      expect: [],
    },
    {
      name: 'PASS and FAIL across REST methods, authorizers, HTTP integrations and authorizers',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'abc123',
              name: 'orders',
              resources: methodsFor(fn('good'), fn('nocond'), fn('wild'), fn('nopolicy')),
              authorizers: [
                { id: 'au', name: 'auth', type: 'TOKEN', authorizerUri: uri(fn('authfn')) },
              ],
            }),
          ],
          v2Apis: [
            v2Api({
              ApiId: 'h1',
              integrations: [
                { IntegrationId: 'i1', IntegrationType: 'AWS_PROXY', IntegrationUri: fn('httpfn') },
              ],
              authorizers: [
                {
                  AuthorizerId: 'l',
                  AuthorizerType: 'REQUEST',
                  AuthorizerUri: uri(fn('httpauth')),
                },
              ],
            }),
          ],
          lambdaPolicies: policies({
            [fn('good')]: [perm('arn:aws:execute-api:eu-west-1:111122223333:abc123/*/GET/x')],
            [fn('nocond')]: [perm()],
            [fn('wild')]: [perm('arn:aws:execute-api:eu-west-1:111122223333:*/*')],
            [fn('nopolicy')]: null,
            [fn('authfn')]: [perm('arn:aws:execute-api:eu-west-1:111122223333:*')],
            [fn('httpfn')]: [perm('arn:aws:execute-api:eu-west-1:111122223333:h1/*/*/x')],
            [fn('httpauth')]: [
              { ...perm(), Condition: { StringEquals: { 'AWS:SourceAccount': '111122223333' } } },
            ],
          }),
        }),
      ]),
      expect: [
        { resource: 'good', status: 'PASS' },
        {
          resource: 'nocond',
          status: 'FAIL',
          severity: 'medium',
          evidence: { weakStatements: ['apigw'] },
          message: 'no aws:SourceArn',
        },
        { resource: 'wild', status: 'FAIL', message: 'matches every API' },
        { resource: 'nopolicy', status: 'PASS', evidence: { policy: null } },
        { resource: 'authfn', status: 'FAIL' },
        { resource: 'httpfn', status: 'PASS' },
        { resource: 'httpauth', status: 'FAIL', message: 'no aws:SourceArn' },
      ],
    },
    {
      name: 'one result per function however many uses; other principals ignored',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({ id: 'a1', name: 'a', resources: methodsFor(fn('shared'), fn('shared')) }),
            restApi({ id: 'a2', name: 'b', resources: methodsFor(fn('shared')) }),
          ],
          lambdaPolicies: policies({
            [fn('shared')]: [
              perm('arn:aws:execute-api:eu-west-1:111122223333:a1/*'),
              perm('arn:aws:execute-api:eu-west-1:111122223333:a2/*'),
              {
                Sid: 's3',
                Effect: 'Allow',
                Principal: { Service: 's3.amazonaws.com' },
                Action: 'lambda:InvokeFunction',
              },
            ],
          }),
        }),
      ]),
      expect: [{ resource: 'shared', status: 'PASS' }],
    },
    {
      name: 'missing policy entry or failed lambdaPolicies collection: ERROR per function',
      snapshot: snapshot(
        [
          region({
            restApis: [restApi({ id: 'a1', resources: methodsFor(fn('unknown')) })],
            lambdaPolicies: {},
          }),
          region(
            {
              restApis: [restApi({ id: 'b1', resources: methodsFor(fn('elsewhere')) })],
              lambdaPolicies: undefined,
            },
            'us-east-1',
          ),
        ],
        [
          collectionError({
            slice: 'lambdaPolicies',
            service: 'lambda',
            operation: 'GetPolicy',
            region: 'us-east-1',
            resourceId: fn('elsewhere'),
          }),
        ],
      ),
      expect: [
        {
          resource: 'unknown',
          status: 'ERROR',
          evidence: { missing: 'lambdaPolicies', resourceId: fn('unknown') },
        },
        { resource: 'elsewhere', status: 'ERROR', message: 'lambda:GetPolicy failed' },
      ],
    },
  ]);
});
