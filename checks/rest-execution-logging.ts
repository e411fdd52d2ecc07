import { defineCheck } from './lib/define.js';
import { methodOverrides, stageWideSetting } from '../src/snapshot/method-settings.js';
import { ref } from './lib/resources.js';

const isOff = (level: string | undefined) => !level || level.toUpperCase() === 'OFF';

export default defineCheck({
  meta: {
    id: 'rest-execution-logging',
    title: 'REST API stages log execution to CloudWatch',
    family: 'logging',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::Stage',
    description:
      'Execution logging records each request the stage handles (authorizer decisions, integration ' +
      'latency and errors) in CloudWatch Logs. The stage-wide setting ("*/*") must be ERROR or ' +
      'INFO, and no method may override it to OFF.',
    risk:
      'Without execution logs an attack, a misbehaving authorizer or a failing backend leaves no ' +
      'trace: incidents cannot be investigated and abuse goes unnoticed.',
    remediation: {
      text:
        'Set the stage-wide logging level to ERROR (or INFO) and remove method overrides that turn ' +
        'logging OFF. Execution logging also needs the account-level CloudWatch role.',
      cli:
        'aws apigateway update-stage --rest-api-id <rest-api-id> --stage-name <stage> ' +
        '--patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR',
    },
    references: [
      {
        title: 'Set up CloudWatch logging for REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
      },
      {
        title: 'Security Hub controls for API Gateway (APIGateway.1)',
        url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html',
      },
    ],
    reads: ['restApis', 'restApi.stages'],
    anchors: ['Config api-gw-execution-logging-enabled'],
    notFlagged: 'A stage whose "*/*" level is ERROR or INFO and whose overrides only raise it.',
  },
  evaluate(ctx) {
    for (const s of ctx.restStages()) {
      const stageWide = stageWideSetting(s.stage)?.loggingLevel;
      const offOverrides = methodOverrides(s.stage)
        .filter((o) => o.setting.loggingLevel !== undefined && isOff(o.setting.loggingLevel))
        .map((o) => `${o.httpMethod} ${o.path}`);
      const evidence = {
        'methodSettings["*/*"].loggingLevel': stageWide ?? null,
        methodsWithLoggingOff: offOverrides,
      };
      if (isOff(stageWide)) {
        ctx.fail(
          ref.restStage(s),
          `Execution logging is ${stageWide ? 'OFF' : 'not configured'} for the stage`,
          evidence,
        );
      } else if (offOverrides.length > 0) {
        ctx.fail(
          ref.restStage(s),
          `Execution logging is turned OFF for ${offOverrides.length} method(s): ${offOverrides.join(', ')}`,
          evidence,
        );
      } else {
        ctx.pass(ref.restStage(s), `Execution logging is ${stageWide} for every method`, evidence);
      }
    }
  },
});
