import { describe } from 'vitest';
import check from '../../checks/access-log-format.js';
import { checkTable } from '../helpers/check-table.js';
import {
  collectionError,
  region,
  restApi,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';

const LOGS = 'arn:aws:logs:eu-west-1:111122223333:log-group:access';
const REST_JSON =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp",' +
  '"method":"$context.httpMethod","path":"$context.resourcePath","status":$context.status}';
const HTTP_JSON =
  '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", ' +
  '"routeKey":"$context.routeKey", "status":"$context.status" }';
const CLF =
  '$context.identity.sourceIp $context.identity.caller [$context.requestTime] ' +
  '"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.requestId';

const rest = (format: string | undefined, stageName = 'prod') =>
  restStage({ stageName, accessLogSettings: { destinationArn: LOGS, format } });

describe('access-log-format', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'JSON with every field (bare and quoted variables): PASS',
      snapshot: snapshot([
        region({
          restApis: [restApi({ id: 'a1', name: 'orders', stages: [rest(REST_JSON)] })],
          v2Apis: [
            v2Api({
              ApiId: 'web',
              stages: [
                {
                  StageName: '$default',
                  AccessLogSettings: { DestinationArn: LOGS, Format: HTTP_JSON },
                },
              ],
            }),
            v2Api({
              ApiId: 'chat',
              ProtocolType: 'WEBSOCKET',
              stages: [
                {
                  StageName: 'prod',
                  AccessLogSettings: { DestinationArn: LOGS, Format: HTTP_JSON },
                },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'PASS',
          evidence: { isJson: true, missingFields: [], 'accessLogSettings.format': REST_JSON },
        },
        { resource: 'web/$default', status: 'PASS' },
        { resource: 'chat/prod', status: 'PASS' },
      ],
    },
    {
      name: 'CLF format: FAIL (not JSON) although every field is there',
      snapshot: snapshot([
        region({ restApis: [restApi({ id: 'a1', name: 'orders', stages: [rest(CLF)] })] }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          severity: 'low',
          evidence: { isJson: false, missingFields: [] },
        },
      ],
    },
    {
      name: 'JSON lacking source IP and method: FAIL listing them',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              stages: [
                rest(
                  '{"id":"$context.requestId","status":"$context.status","ext":"$context.extendedRequestId"}',
                ),
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          evidence: {
            isJson: true,
            missingFields: ['$context.identity.sourceIp', '$context.httpMethod'],
          },
        },
      ],
    },
    {
      name: 'a look-alike variable does not count ($context.integration.status is not $context.status)',
      snapshot: snapshot([
        region({
          v2Apis: [
            v2Api({
              ApiId: 'web',
              stages: [
                {
                  StageName: 'prod',
                  AccessLogSettings: {
                    DestinationArn: LOGS,
                    Format:
                      '{"r":"$context.requestId","ip":"$context.identity.sourceIp","m":"$context.httpMethod","s":"$context.integration.status"}',
                  },
                },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        { resource: 'web/prod', status: 'FAIL', evidence: { missingFields: ['$context.status'] } },
      ],
    },
    {
      name: 'WebSocket needs the route key: $context.httpMethod alone fails',
      snapshot: snapshot([
        region({
          v2Apis: [
            v2Api({
              ApiId: 'chat',
              ProtocolType: 'WEBSOCKET',
              stages: [
                {
                  StageName: 'prod',
                  AccessLogSettings: {
                    DestinationArn: LOGS,
                    Format:
                      '{"r":"$context.requestId","ip":"$context.identity.sourceIp","m":"$context.httpMethod","s":"$context.status"}',
                  },
                },
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'chat/prod',
          status: 'FAIL',
          evidence: { missingFields: ['$context.routeKey'] },
        },
      ],
    },
    {
      name: 'a destination with no format: FAIL',
      snapshot: snapshot([
        region({ restApis: [restApi({ id: 'a1', name: 'orders', stages: [rest(undefined)] })] }),
      ]),
      expect: [
        {
          resource: 'orders/prod',
          status: 'FAIL',
          evidence: { 'accessLogSettings.format': null, isJson: false },
        },
      ],
    },
    {
      name: 'stages without access logs are not applicable',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              stages: [
                restStage({ stageName: 'prod' }),
                restStage({ stageName: 'dev', accessLogSettings: { format: CLF } }),
              ],
            }),
          ],
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
            restApi({ id: 'a1', name: 'orders', stages: [rest(REST_JSON), rest(CLF, 'dev')] }),
          ],
        }),
        region(
          { restApis: [restApi({ id: 'b1', name: 'billing', stages: [rest(REST_JSON)] })] },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'orders/prod', status: 'PASS' },
        { resource: 'orders/dev', status: 'FAIL' },
        { resource: 'billing/prod', status: 'PASS' },
      ],
    },
    {
      name: 'listings that failed: ERROR',
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
});
