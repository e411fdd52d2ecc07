import { defineCheck } from './lib/define.js';
import {
  allMethodSettings,
  describeSetting,
  stageWideSetting,
  v2RouteSettingEntries,
} from '../src/snapshot/method-settings.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'data-trace-disabled',
    title: 'REST and WebSocket API stages do not log full request and response data',
    family: 'logging',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::Stage',
    description:
      'Data tracing (dataTraceEnabled on REST method settings, DataTraceEnabled on WebSocket ' +
      'route settings) writes full request and response bodies to CloudWatch Logs. It must be off ' +
      'stage-wide and on every method or route.',
    risk:
      'Request and response bodies carry credentials, tokens and personal data; with data tracing ' +
      'on they are copied into CloudWatch Logs, readable by anyone with log access and kept for ' +
      'the log retention period.',
    remediation: {
      text:
        'Turn data tracing off stage-wide and remove method or route overrides that turn it on; ' +
        'use it only briefly while debugging a non-production stage.',
      cli:
        'aws apigateway update-stage --rest-api-id <rest-api-id> --stage-name <stage> ' +
        '--patch-operations op=replace,path=/*/*/logging/dataTrace,value=false',
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
    reads: ['restApis', 'restApi.stages', 'v2Apis', 'v2Api.stages'],
    anchors: ['Checkov CKV_AWS_276 (IaC only)'],
    notFlagged: 'HTTP APIs: they have no data tracing.',
  },
  evaluate(ctx) {
    for (const s of ctx.restStages()) {
      const tracing = allMethodSettings(s.stage)
        .filter((o) => o.setting.dataTraceEnabled === true)
        .map(describeSetting);
      const evidence = {
        'methodSettings["*/*"].dataTraceEnabled':
          stageWideSetting(s.stage)?.dataTraceEnabled ?? null,
        dataTraceEnabledOn: tracing,
      };
      if (tracing.length) {
        ctx.fail(ref.restStage(s), `Data tracing is on for: ${tracing.join(', ')}`, evidence);
      } else {
        ctx.pass(ref.restStage(s), 'Data tracing is off', evidence);
      }
    }
    for (const s of ctx.v2Stages('WEBSOCKET')) {
      const tracing = v2RouteSettingEntries(s.stage)
        .filter(([, r]) => r.DataTraceEnabled === true)
        .map(([key]) => key);
      const evidence = {
        'DefaultRouteSettings.DataTraceEnabled':
          s.stage.DefaultRouteSettings?.DataTraceEnabled ?? null,
        dataTraceEnabledOn: tracing,
      };
      if (tracing.length) {
        ctx.fail(ref.v2Stage(s), `Data tracing is on for: ${tracing.join(', ')}`, evidence);
      } else {
        ctx.pass(ref.v2Stage(s), 'Data tracing is off', evidence);
      }
    }
  },
});
