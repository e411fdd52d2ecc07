import { describe, expect, it } from 'vitest';
import {
  analyzeAccessLogFormat,
  isCloudWatchLogsArn,
  isLoggingLevelOn,
  recordsManagementEvents,
  restExecutionLoggingEntries,
  trailVerdict,
  v2ExecutionLoggingEntries,
} from '../../checks/lib/logging.js';

describe('logging helpers', () => {
  it('reads log levels', () => {
    expect([undefined, 'OFF', 'off', 'ERROR', 'info'].map(isLoggingLevelOn)).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(
      restExecutionLoggingEntries({
        stageName: 's',
        methodSettings: { '*/*': { loggingLevel: 'OFF' }, '~1a/GET': { loggingLevel: 'ERROR' } },
      }),
    ).toEqual(['GET /a']);
    expect(
      v2ExecutionLoggingEntries({
        StageName: 's',
        DefaultRouteSettings: { LoggingLevel: 'INFO' },
        RouteSettings: { $connect: { LoggingLevel: 'OFF' } },
      }),
    ).toEqual(['DefaultRouteSettings']);
  });

  it('tells CloudWatch Logs destinations from Firehose', () => {
    expect(isCloudWatchLogsArn('arn:aws:logs:eu-west-1:1:log-group:x')).toBe(true);
    expect(isCloudWatchLogsArn('arn:aws-cn:logs:cn-north-1:1:log-group:x')).toBe(true);
    expect(isCloudWatchLogsArn('arn:aws:firehose:eu-west-1:1:deliverystream/x')).toBe(false);
    expect(isCloudWatchLogsArn(undefined)).toBe(false);
  });

  it('analyzes access log formats', () => {
    expect(
      analyzeAccessLogFormat(
        '{"r":"$context.requestId","ip":"$context.identity.sourceIp","m":"$context.httpMethod","s":$context.status,"l":$context.responseLatency}',
        'REST',
      ),
    ).toEqual({ isJson: true, missing: [] });
    expect(analyzeAccessLogFormat('$context.requestId $context.status', 'HTTP')).toEqual({
      isJson: false,
      missing: ['$context.identity.sourceIp', '$context.routeKey or $context.httpMethod'],
    });
    expect(analyzeAccessLogFormat('["$context.requestId"]', 'REST').isJson).toBe(false);
    expect(analyzeAccessLogFormat(undefined, 'WEBSOCKET')).toEqual({
      isJson: false,
      missing: [
        '$context.requestId',
        '$context.identity.sourceIp',
        '$context.routeKey',
        '$context.status',
      ],
    });
    // $context.requestIdX is a different variable
    expect(analyzeAccessLogFormat('{"r":"$context.requestIdX"}', 'REST').missing).toContain(
      '$context.requestId',
    );
  });

  it('decides trail coverage', () => {
    const base = {
      Name: 't',
      HomeRegion: 'us-east-1',
      IsMultiRegionTrail: true,
      status: { IsLogging: true },
      eventSelectors: { EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'All' }] },
    };
    expect(trailVerdict(base, 'eu-west-1').covers).toBe(true);
    expect(trailVerdict({ ...base, IsMultiRegionTrail: false }, 'eu-west-1').covers).toBe(false);
    expect(trailVerdict({ ...base, IsMultiRegionTrail: false }, 'us-east-1').covers).toBe(true);
    expect(trailVerdict({ ...base, status: undefined }, 'eu-west-1')).toMatchObject({
      covers: 'unknown',
      missing: 'trail.status',
    });
    expect(trailVerdict({ ...base, eventSelectors: undefined }, 'eu-west-1')).toMatchObject({
      covers: 'unknown',
      missing: 'trail.eventSelectors',
    });
    expect(recordsManagementEvents({ EventSelectors: [] })).toBe(false);
    expect(recordsManagementEvents({ EventSelectors: [{ ReadWriteType: 'ReadOnly' }] })).toBe(
      false,
    );
    expect(
      recordsManagementEvents({
        AdvancedEventSelectors: [
          { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] },
          { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        ],
      }),
    ).toBe(true);
    expect(
      recordsManagementEvents({
        AdvancedEventSelectors: [
          {
            FieldSelectors: [
              { Field: 'eventCategory', Equals: ['Management'] },
              { Field: 'readOnly', NotEquals: ['false'] },
            ],
          },
        ],
      }),
    ).toBe(false);
  });
});
