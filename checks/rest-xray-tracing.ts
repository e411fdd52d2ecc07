import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'rest-xray-tracing',
    title: 'REST API stages send traces to AWS X-Ray',
    family: 'logging',
    severity: 'low',
    resourceType: 'AWS::ApiGateway::Stage',
    description:
      'With tracingEnabled, API Gateway samples requests and sends traces to AWS X-Ray, so a ' +
      'request can be followed from the stage through authorizers and integrations.',
    risk:
      'Without traces, latency spikes, failing integrations and unusual call paths across ' +
      'services are hard to see and to investigate.',
    remediation: {
      text: 'Turn on X-Ray tracing for the stage.',
      cli:
        'aws apigateway update-stage --rest-api-id <rest-api-id> --stage-name <stage> ' +
        '--patch-operations op=replace,path=/tracingEnabled,value=true',
    },
    references: [
      {
        title: 'Trace user requests to REST APIs using X-Ray in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html',
      },
      {
        title: 'Security Hub controls for API Gateway (APIGateway.3)',
        url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html',
      },
    ],
    reads: ['restApis', 'restApi.stages'],
    anchors: [],
  },
  evaluate(ctx) {
    for (const s of ctx.restStages()) {
      const evidence = { tracingEnabled: s.stage.tracingEnabled ?? null };
      if (s.stage.tracingEnabled === true) {
        ctx.pass(ref.restStage(s), 'X-Ray tracing is on', evidence);
      } else {
        ctx.fail(ref.restStage(s), 'X-Ray tracing is off', evidence);
      }
    }
  },
});
