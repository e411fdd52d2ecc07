import { defineCheck } from './lib/define.js';
import { DEFAULT_ROUTE } from '../src/snapshot/method-settings.js';
import { isLoggingLevelOn } from './lib/logging.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'websocket-execution-logging',
    title: 'WebSocket API stages log execution to CloudWatch',
    family: 'logging',
    severity: 'medium',
    resourceType: 'AWS::ApiGatewayV2::Stage',
    description:
      'Execution logging records each connection, message and disconnection the WebSocket stage ' +
      'handles, with authorizer and integration outcomes, in CloudWatch Logs. The stage default ' +
      'route settings must log at ERROR or INFO, and no route may override it to OFF.',
    risk:
      'Without execution logs, abuse of a WebSocket API (message floods, failed authorizations, ' +
      'integration errors) leaves no trace and incidents cannot be investigated.',
    remediation: {
      text:
        'Set DefaultRouteSettings.LoggingLevel to ERROR (or INFO) on the stage and remove route ' +
        'settings that turn logging OFF. Execution logging also needs the account-level CloudWatch role.',
      cli:
        'aws apigatewayv2 update-stage --api-id <api-id> --stage-name <stage> ' +
        '--default-route-settings \'{"LoggingLevel":"ERROR"}\'',
    },
    references: [
      {
        title: 'Configure logging for WebSocket APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html',
      },
      {
        title: 'Security Hub controls for API Gateway (APIGateway.1)',
        url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html',
      },
    ],
    reads: ['v2Apis', 'v2Api.stages'],
    anchors: [],
    notFlagged: 'HTTP APIs: they have no execution logs.',
  },
  evaluate(ctx) {
    for (const s of ctx.v2Stages('WEBSOCKET')) {
      const level = s.stage.DefaultRouteSettings?.LoggingLevel;
      const offRoutes = Object.entries(s.stage.RouteSettings ?? {})
        .filter(([, r]) => r.LoggingLevel !== undefined && !isLoggingLevelOn(r.LoggingLevel))
        .map(([key]) => key)
        .sort();
      const evidence = {
        [`${DEFAULT_ROUTE}.LoggingLevel`]: level ?? null,
        routesWithLoggingOff: offRoutes,
      };
      if (!isLoggingLevelOn(level)) {
        ctx.fail(
          ref.v2Stage(s),
          `Execution logging is ${level ? level.toUpperCase() : 'not configured'} for the stage`,
          evidence,
        );
      } else if (offRoutes.length > 0) {
        ctx.fail(
          ref.v2Stage(s),
          `Execution logging is turned OFF for ${offRoutes.length} route(s): ${offRoutes.join(', ')}`,
          evidence,
        );
      } else {
        ctx.pass(ref.v2Stage(s), `Execution logging is ${level} for every route`, evidence);
      }
    }
  },
});
