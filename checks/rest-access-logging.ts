import { defineCheck } from './lib/define.js';
import { nonEmpty } from './lib/logging.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'rest-access-logging',
    title: 'REST API stages write access logs',
    family: 'logging',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::Stage',
    description:
      'Access logging writes one line per request (who called, from where, which method, with ' +
      'what result) to a CloudWatch Logs group or a Firehose stream named by ' +
      'accessLogSettings.destinationArn.',
    risk:
      'Without access logs there is no record of who called the API: credential abuse, ' +
      'enumeration and data exfiltration cannot be detected or reconstructed after the fact.',
    remediation: {
      text:
        'Create a log group and set it as the stage access log destination, with a JSON format ' +
        'that carries the request id, source IP, method and status.',
      cli:
        'aws apigateway update-stage --rest-api-id <rest-api-id> --stage-name <stage> ' +
        '--patch-operations op=replace,path=/accessLogSettings/destinationArn,value=<log-group-arn>',
    },
    references: [
      {
        title: 'Access logging for REST APIs',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html',
      },
    ],
    reads: ['restApis', 'restApi.stages'],
    anchors: ['Config apigateway-stage-access-logs-enabled'],
  },
  evaluate(ctx) {
    for (const s of ctx.restStages()) {
      const destination = s.stage.accessLogSettings?.destinationArn;
      const evidence = { 'accessLogSettings.destinationArn': destination ?? null };
      if (nonEmpty(destination)) {
        ctx.pass(ref.restStage(s), `Access logs go to ${destination}`, evidence);
      } else {
        ctx.fail(ref.restStage(s), 'The stage has no access log destination', evidence);
      }
    }
  },
});
