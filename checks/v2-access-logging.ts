import { defineCheck } from './lib/define.js';
import { nonEmpty } from './lib/logging.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'v2-access-logging',
    title: 'HTTP and WebSocket API stages write access logs',
    family: 'logging',
    severity: 'medium',
    resourceType: 'AWS::ApiGatewayV2::Stage',
    description:
      'Access logging writes one line per request or WebSocket message (who called, from where, ' +
      'which route, with what result) to the CloudWatch Logs group named by ' +
      'AccessLogSettings.DestinationArn. HTTP APIs have no execution logs, so access logs are ' +
      'their only request record.',
    risk:
      'Without access logs there is no record of who called the API: credential abuse, ' +
      'enumeration and data exfiltration cannot be detected or reconstructed after the fact.',
    remediation: {
      text:
        'Create a log group and set it as the stage access log destination, with a JSON format ' +
        'that carries the request id, source IP, route and status.',
      cli:
        'aws apigatewayv2 update-stage --api-id <api-id> --stage-name <stage> ' +
        '--access-log-settings DestinationArn=<log-group-arn>,Format=<json-format>',
    },
    references: [
      {
        title: 'Configure logging for HTTP APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html',
      },
      {
        title: 'Configure logging for WebSocket APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html',
      },
      {
        title: 'Security Hub controls for API Gateway (APIGateway.9)',
        url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html',
      },
    ],
    reads: ['v2Apis', 'v2Api.stages'],
    anchors: [],
  },
  evaluate(ctx) {
    for (const s of ctx.v2Stages()) {
      const destination = s.stage.AccessLogSettings?.DestinationArn;
      const evidence = {
        ProtocolType: s.api.ProtocolType ?? null,
        'AccessLogSettings.DestinationArn': destination ?? null,
      };
      if (nonEmpty(destination)) {
        ctx.pass(ref.v2Stage(s), `Access logs go to ${destination}`, evidence);
      } else {
        ctx.fail(ref.v2Stage(s), 'The stage has no access log destination', evidence);
      }
    }
  },
});
