import { describe, expect, it } from 'vitest';
import check from '../../checks/stage-variable-secrets.js';
import { checkTable, runCheck } from '../helpers/check-table.js';
import {
  collectionError,
  region,
  restApi,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';

// Test values only; none is a real credential.
const SECRETS = {
  dbPassword: 'hunter2hunter2',
  backendAccessKey: 'AKIAIOSFODNN7EXAMPLE',
  serviceJwt:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  signing:
    '-----BEGIN RSA PRIVATE KEY-----MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu',
  backendUrl: 'https://svc:s3cr3tPass@backend.example.com/v1',
  opaque: 'Zq8Xv2LmN4pR7tY1wB5kC9dF3gH6jS0a',
};
const SAFE = {
  lambdaAlias: 'prod',
  functionName: 'orders-stack-OrdersFunction-1QZ7XK9WJ3ABC',
  backendHost: 'backend.internal.example.com',
  backendUrl: 'https://backend.example.com/v1?page=2',
  tableArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
  secretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf',
  dbPasswordParameterName: '/prod/db/password',
  apiToken: '{{resolve:secretsmanager:prod/token}}',
  tokenTtl: '3600',
  authType: 'COGNITO',
  requestId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  buildSha: 'd41d8cd98f00b204e9800998ecf8427e0a1b2c3d',
  tableName: 'OrdersReportingTableProduction2024',
};

const stage = (variables: Record<string, string> | undefined, stageName = 'prod') =>
  restStage({ stageName, ...(variables ? { variables } : {}) });

describe('stage-variable-secrets', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'references, names and ordinary values: PASS',
      snapshot: snapshot([
        region({ restApis: [restApi({ id: 'a1', name: 'orders', stages: [stage(SAFE)] })] }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'PASS',
          evidence: { variables: Object.keys(SAFE).sort(), suspectVariables: [] },
        },
      ],
    },
    {
      name: "a canary's stage variable overrides are judged on their own",
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              stages: [
                restStage({
                  stageName: 'prod',
                  variables: { alias: 'live' },
                  canarySettings: {
                    deploymentId: 'can',
                    percentTraffic: 5,
                    stageVariableOverrides: {
                      DB_PASSWORD: '[apigw-audit redacted: name; 22 chars]',
                    },
                  },
                }),
              ],
            }),
          ],
        }),
      ]),
      expect: [
        { resource: 'orders/prod', status: 'PASS' },
        {
          resource: 'orders/prod (canary)',
          status: 'FAIL',
          evidence: { 'canarySettings.stageVariableOverrides': ['DB_PASSWORD'] },
        },
      ],
    },
    {
      name: 'each kind of secret: FAIL, with names and redactions only',
      snapshot: snapshot([
        region({ restApis: [restApi({ id: 'a1', name: 'orders', stages: [stage(SECRETS)] })] }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          severity: 'high',
          evidence: {
            suspectVariables: [
              {
                name: 'backendAccessKey',
                value: '[redacted: 20 chars]',
                reasons: ['the name suggests a secret', 'the value is an AWS access key ID'],
              },
              {
                name: 'backendUrl',
                value: '[redacted: 45 chars]',
                reasons: ['the value is a URL carrying credentials'],
              },
              {
                name: 'dbPassword',
                value: '[redacted: 14 chars]',
                reasons: ['the name suggests a secret'],
              },
              {
                name: 'opaque',
                value: '[redacted: 32 chars]',
                reasons: ['the value is a long random-looking string'],
              },
              {
                name: 'serviceJwt',
                value: '[redacted: 108 chars]',
                reasons: ['the value is a JSON Web Token'],
              },
              {
                name: 'signing',
                value: '[redacted: 95 chars]',
                reasons: ['the value holds a PEM block'],
              },
            ],
          },
        },
      ],
    },
    {
      name: 'v2 StageVariables (HTTP and WebSocket): FAIL and PASS',
      snapshot: snapshot([
        region({
          v2Apis: [
            v2Api({
              ApiId: 'web',
              stages: [{ StageName: '$default', StageVariables: { API_KEY: 'k-29f8a7c6b5' } }],
            }),
            v2Api({
              ApiId: 'chat',
              ProtocolType: 'WEBSOCKET',
              stages: [{ StageName: 'prod', StageVariables: { alias: 'live' } }],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'web/$default',
          status: 'FAIL',
          evidence: {
            StageVariables: ['API_KEY'],
            suspectVariables: [
              {
                name: 'API_KEY',
                value: '[redacted: 12 chars]',
                reasons: ['the name suggests a secret'],
              },
            ],
          },
        },
        { resource: 'chat/prod', status: 'PASS', evidence: { StageVariables: ['alias'] } },
      ],
    },
    {
      name: 'stages without variables are not applicable',
      snapshot: snapshot([
        region({
          restApis: [restApi({ id: 'a1', stages: [stage(undefined), stage({}, 'dev')] })],
          v2Apis: [v2Api({ ApiId: 'web', stages: [{ StageName: '$default' }] })],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many stages across regions',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              stages: [stage({ alias: 'prod' }), stage({ clientSecret: 'abc123' }, 'dev')],
            }),
          ],
        }),
        region(
          { restApis: [restApi({ id: 'b1', name: 'billing', stages: [stage({ token: 'xyz' })] })] },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'orders/prod', status: 'PASS' },
        { resource: 'orders/dev', status: 'FAIL' },
        { resource: 'billing/prod', status: 'FAIL' },
      ],
    },
    {
      name: 'stages that failed to collect: ERROR',
      snapshot: snapshot(
        [
          region({
            restApis: [restApi({ id: 'a1', name: 'orders', stages: undefined })],
            v2Apis: undefined,
          }),
        ],
        [
          collectionError({ slice: 'restApi.stages', resourceId: 'a1' }),
          collectionError({ slice: 'v2Apis', service: 'apigatewayv2', operation: 'GetApis' }),
        ],
      ),
      expect: [
        { resource: 'orders', status: 'ERROR' },
        { resource: 'HTTP and WebSocket APIs in eu-west-1', status: 'ERROR' },
      ],
    },
  ]);

  it('never writes a value, or a piece of one, into any result', () => {
    const results = runCheck(check, {
      snapshot: snapshot([
        region({
          restApis: [restApi({ id: 'a1', name: 'orders', stages: [stage({ ...SECRETS })] })],
          v2Apis: [v2Api({ ApiId: 'web', stages: [{ StageName: 'x', StageVariables: SECRETS }] })],
        }),
      ]),
    });
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL']);
    const out = JSON.stringify(results);
    for (const value of Object.values(SECRETS)) {
      for (let i = 0; i + 8 <= value.length; i += 4) {
        expect(out).not.toContain(value.slice(i, i + 8));
      }
    }
  });
});
