import { defineCheck } from './lib/define.js';
import { analyzeAccessLogFormat, nonEmpty, type AccessLogProtocol } from './lib/logging.js';
import { ref } from './lib/resources.js';
import type { ResourceRef } from '../src/engine/types.js';
import type { CheckContext } from './lib/context.js';

function judge(
  ctx: CheckContext,
  resource: ResourceRef,
  protocol: AccessLogProtocol,
  format: string | undefined,
  formatField: string,
): void {
  const { isJson, missing } = analyzeAccessLogFormat(format, protocol);
  const evidence = { [formatField]: format ?? null, isJson, missingFields: missing };
  const problems = [
    ...(isJson ? [] : ['is not JSON']),
    ...(missing.length ? [`lacks ${missing.join(', ')}`] : []),
  ];
  if (problems.length === 0) {
    ctx.pass(resource, 'The access log format is JSON and carries every required field', evidence);
  } else {
    ctx.fail(resource, `The access log format ${problems.join(' and ')}`, evidence);
  }
}

export default defineCheck({
  meta: {
    id: 'access-log-format',
    title: 'Access logs are JSON with request id, source IP, method or route and status',
    family: 'logging',
    severity: 'low',
    resourceType: 'AWS::ApiGateway::Stage',
    description:
      'For every REST, HTTP and WebSocket stage that writes access logs, the format must be a ' +
      'JSON object carrying $context.requestId, $context.identity.sourceIp, the method or route ' +
      '($context.httpMethod for REST, $context.routeKey or $context.httpMethod for HTTP, ' +
      '$context.routeKey for WebSocket) and $context.status.',
    risk:
      'Access logs that are not structured, or that leave out who called, what and with which ' +
      'result, cannot be queried or correlated during an investigation.',
    remediation: {
      text:
        'Replace the access log format with a JSON object that includes the request id, source ' +
        'IP, HTTP method or route key and status (and any other fields you need).',
      cli:
        'aws apigateway update-stage --rest-api-id <rest-api-id> --stage-name <stage> ' +
        '--patch-operations \'op=replace,path=/accessLogSettings/format,value={"requestId":"$context.requestId","ip":"$context.identity.sourceIp","method":"$context.httpMethod","path":"$context.resourcePath","status":"$context.status"}\'',
    },
    references: [
      {
        title: 'Access logging for REST APIs',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html',
      },
      {
        title: 'Customize HTTP API access logs',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html',
      },
      {
        title: 'Configure logging for WebSocket APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html',
      },
    ],
    reads: ['restApis', 'restApi.stages', 'v2Apis', 'v2Api.stages'],
    anchors: ['cdk-nag serverless'],
  },
  evaluate(ctx) {
    for (const s of ctx.restStages()) {
      const settings = s.stage.accessLogSettings;
      if (!nonEmpty(settings?.destinationArn)) continue;
      judge(ctx, ref.restStage(s), 'REST', settings?.format, 'accessLogSettings.format');
    }
    for (const s of ctx.v2Stages()) {
      const settings = s.stage.AccessLogSettings;
      if (!nonEmpty(settings?.DestinationArn)) continue;
      const protocol = s.api.ProtocolType === 'WEBSOCKET' ? 'WEBSOCKET' : 'HTTP';
      judge(ctx, ref.v2Stage(s), protocol, settings?.Format, 'AccessLogSettings.Format');
    }
  },
});
