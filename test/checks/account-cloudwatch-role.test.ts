import { describe } from 'vitest';
import check from '../../checks/account-cloudwatch-role.js';
import { checkTable } from '../helpers/check-table.js';
import {
  ACCOUNT,
  collectionError,
  region,
  restApi,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';

const ROLE = `arn:aws:iam::${ACCOUNT}:role/apigw-logs`;
const LOGS = 'arn:aws:logs:eu-west-1:111122223333:log-group:access';
const FIREHOSE = 'arn:aws:firehose:eu-west-1:111122223333:deliverystream/amazon-apigateway-x';
const NO_ROLE = { throttleSettings: { rateLimit: 10000, burstLimit: 5000 } };

const logging = restApi({
  id: 'a1',
  name: 'orders',
  stages: [restStage({ stageName: 'prod', methodSettings: { '*/*': { loggingLevel: 'ERROR' } } })],
});
const silent = restApi({ id: 'a2', name: 'quiet', stages: [restStage({ stageName: 'prod' })] });

describe('account-cloudwatch-role', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'execution logging with the role set: PASS',
      snapshot: snapshot([region({ restApis: [logging, silent] })]),
      expect: [
        {
          resource: `${ACCOUNT}/eu-west-1`,
          status: 'PASS',
          evidence: { cloudwatchRoleArn: ROLE, stagesThatLog: ['orders/prod'] },
        },
      ],
    },
    {
      name: 'execution logging without the role: FAIL',
      snapshot: snapshot([region({ restApis: [logging], account: NO_ROLE })]),
      expect: [
        {
          resource: `${ACCOUNT}/eu-west-1`,
          status: 'FAIL',
          severity: 'medium',
          evidence: { cloudwatchRoleArn: null, stagesThatLog: ['orders/prod'] },
        },
      ],
    },
    {
      name: 'REST access logging to CloudWatch and WebSocket execution logging, empty role: FAIL',
      snapshot: snapshot([
        region({
          account: { cloudwatchRoleArn: '' },
          restApis: [
            restApi({
              id: 'a3',
              name: 'billing',
              stages: [restStage({ stageName: 'v1', accessLogSettings: { destinationArn: LOGS } })],
            }),
          ],
          v2Apis: [
            v2Api({
              ApiId: 'chat',
              ProtocolType: 'WEBSOCKET',
              stages: [
                { StageName: 'prod', RouteSettings: { $connect: { LoggingLevel: 'INFO' } } },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: `${ACCOUNT}/eu-west-1`,
          status: 'FAIL',
          evidence: { stagesThatLog: ['billing/v1', 'chat/prod'] },
        },
      ],
    },
    {
      name: 'not applicable: HTTP APIs only, Firehose access logs, stages that do not log',
      snapshot: snapshot([
        region({
          account: NO_ROLE,
          restApis: [
            silent,
            restApi({
              id: 'a4',
              name: 'stream',
              stages: [
                restStage({ stageName: 'v1', accessLogSettings: { destinationArn: FIREHOSE } }),
              ],
            }),
          ],
          v2Apis: [
            v2Api({
              ApiId: 'web',
              stages: [
                {
                  StageName: '$default',
                  AccessLogSettings: { DestinationArn: LOGS },
                  DefaultRouteSettings: { LoggingLevel: 'INFO' },
                },
              ],
            }),
          ],
        }),
      ]),
      expect: [],
    },
    {
      name: 'several regions and accounts: one result per region that logs',
      snapshot: snapshot([
        region({ restApis: [logging] }),
        region({ restApis: [logging], account: NO_ROLE }, 'us-east-1'),
        region({ restApis: [silent], account: NO_ROLE }, 'eu-central-1'),
      ]),
      expect: [
        { resource: `${ACCOUNT}/eu-west-1`, status: 'PASS' },
        { resource: `${ACCOUNT}/us-east-1`, status: 'FAIL' },
      ],
    },
    {
      name: 'GetAccount failed in a region with logging stages: ERROR',
      snapshot: snapshot(
        [region({ restApis: [logging], account: undefined })],
        [collectionError({ slice: 'account', operation: 'GetAccount' })],
      ),
      expect: [
        {
          resource: `${ACCOUNT}/eu-west-1`,
          status: 'ERROR',
          evidence: { missing: 'account' },
          message: 'GetAccount failed',
        },
      ],
    },
    {
      name: 'GetAccount failed where nothing logs: not applicable',
      snapshot: snapshot(
        [region({ restApis: [silent], account: undefined })],
        [collectionError({ slice: 'account', operation: 'GetAccount' })],
      ),
      expect: [],
    },
    {
      name: 'stages that failed to collect: ERROR for that API',
      snapshot: snapshot(
        [region({ restApis: [restApi({ id: 'a1', name: 'orders', stages: undefined })] })],
        [collectionError({ slice: 'restApi.stages', resourceId: 'a1' })],
      ),
      expect: [{ resource: 'orders', status: 'ERROR' }],
    },
  ]);
});
