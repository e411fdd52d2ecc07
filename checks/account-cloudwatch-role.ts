import type { RegionScope } from './lib/context.js';
import { defineCheck } from './lib/define.js';
import {
  isCloudWatchLogsArn,
  nonEmpty,
  restExecutionLoggingEntries,
  v2ExecutionLoggingEntries,
} from './lib/logging.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'account-cloudwatch-role',
    title: 'Regions where API stages log have the CloudWatch Logs role set',
    family: 'logging',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::Account',
    description:
      'REST and WebSocket execution logs, and REST access logs sent to CloudWatch Logs, are ' +
      'written with the IAM role set once per account and region (GetAccount cloudwatchRoleArn). ' +
      'Applies to each account and region where a REST or WebSocket stage has execution logging ' +
      'or a REST stage sends access logs to CloudWatch Logs.',
    risk:
      'Stages look configured to log but nothing is delivered: when an incident happens, the ' +
      'logs everyone assumed were there do not exist.',
    remediation: {
      text:
        'Create a role that API Gateway can assume with the AmazonAPIGatewayPushToCloudWatchLogs ' +
        'managed policy, and set it in the API Gateway account settings of the region.',
      cli:
        'aws apigateway update-account --region <region> ' +
        '--patch-operations op=replace,path=/cloudwatchRoleArn,value=<role-arn>',
    },
    references: [
      {
        title: 'Set up CloudWatch logging for REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
      },
      {
        title: 'Configure logging for WebSocket APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html',
      },
    ],
    reads: ['account', 'restApis', 'restApi.stages', 'v2Apis', 'v2Api.stages'],
    anchors: [],
    notFlagged:
      'Regions with HTTP APIs only (HTTP API access logs do not use the role), and stages that ' +
      'send access logs to Kinesis Data Firehose (delivered by a service-linked role).',
  },
  evaluate(ctx) {
    const byRegion = new Map<string, { scope: RegionScope; stages: string[] }>();
    const note = (scope: RegionScope, stage: string) => {
      const key = `${scope.accountId}|${scope.regionName}`;
      const entry = byRegion.get(key) ?? { scope, stages: [] };
      entry.stages.push(stage);
      byRegion.set(key, entry);
    };
    for (const s of ctx.restStages()) {
      const execution = restExecutionLoggingEntries(s.stage).length > 0;
      const access = isCloudWatchLogsArn(s.stage.accessLogSettings?.destinationArn);
      if (execution || access) note(s, ref.restStage(s).name);
    }
    for (const s of ctx.v2Stages('WEBSOCKET')) {
      if (v2ExecutionLoggingEntries(s.stage).length > 0) note(s, ref.v2Stage(s).name);
    }
    for (const { scope, stages } of byRegion.values()) {
      const resource = ref.region(scope);
      const account = ctx.need(scope.region.account, 'account', resource);
      if (!account) continue;
      const evidence = {
        cloudwatchRoleArn: account.cloudwatchRoleArn ?? null,
        stagesThatLog: stages.sort(),
      };
      if (nonEmpty(account.cloudwatchRoleArn)) {
        ctx.pass(resource, `Logs are delivered with ${account.cloudwatchRoleArn}`, evidence);
      } else {
        ctx.fail(
          resource,
          `${stages.length} stage(s) are set to log to CloudWatch but the region has no ` +
            'CloudWatch role, so no log is delivered',
          evidence,
        );
      }
    }
  },
});
