import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'rest-waf-attached',
    title: 'REST API stages are protected by an AWS WAF web ACL',
    family: 'exposure',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::Stage',
    description:
      'A REST API stage can be associated with a regional AWS WAF web ACL, which filters requests ' +
      'before API Gateway evaluates resource policies, authorizers or integrations. The check reads ' +
      "the stage's webAclArn. A stage of a PRIVATE API without a web ACL is reported at low " +
      'severity, since only callers inside the network reach it.',
    risk:
      'Without a web ACL, injection payloads, known bad inputs and request floods reach the ' +
      'authorizers and backends directly, and there is no place to block an abusive client or ' +
      'country quickly.',
    remediation: {
      text:
        'Create a regional web ACL with the AWS managed baseline rule groups and a rate-based rule, ' +
        'and associate it with the stage.',
      cli:
        'aws wafv2 associate-web-acl --web-acl-arn <web-acl-arn> --resource-arn ' +
        'arn:aws:apigateway:<region>::/restapis/<rest-api-id>/stages/<stage>',
    },
    references: [
      {
        title: 'Use AWS WAF to protect your REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html',
      },
      {
        title: 'Security Hub controls for API Gateway (APIGateway.4)',
        url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html',
      },
    ],
    reads: ['restApis', 'restApi.stages'],
    anchors: [],
    notFlagged:
      'HTTP and WebSocket APIs (AWS WAF cannot be associated with them; see http-api-no-waf).',
  },
  evaluate(ctx) {
    for (const s of ctx.restStages()) {
      const isPrivate = (s.api.endpointConfiguration?.types ?? []).includes('PRIVATE');
      const evidence = {
        webAclArn: s.stage.webAclArn ?? null,
        'endpointConfiguration.types': s.api.endpointConfiguration?.types ?? null,
      };
      if (s.stage.webAclArn) {
        ctx.pass(ref.restStage(s), 'The stage is associated with a web ACL', evidence);
      } else {
        ctx.fail(
          ref.restStage(s),
          `No web ACL is associated with the stage${isPrivate ? ' (PRIVATE API)' : ''}`,
          evidence,
          isPrivate ? 'low' : 'medium',
        );
      }
    }
  },
});
