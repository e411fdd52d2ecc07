import { defineCheck } from './lib/define.js';
import { restHttpIntegrations } from './lib/integrations.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'rest-client-certificate',
    title: 'REST API stages that call HTTP backends present a client certificate',
    family: 'exposure',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::Stage',
    description:
      'A REST stage whose methods include an HTTP or HTTP_PROXY integration must have a ' +
      'clientCertificateId, so the backend can verify that requests come from API Gateway. The ' +
      "API's current resources stand for what is deployed (a stage serves a deployment, a snapshot " +
      'of them that GetStages does not describe), so a stage whose deployment predates a change ' +
      'may be judged on the newer methods.',
    risk:
      'A backend that cannot authenticate API Gateway accepts requests from anyone who finds its ' +
      'address, bypassing the authorizers, WAF, throttling and logging configured on the API.',
    remediation: {
      text:
        'Generate a client certificate in API Gateway, configure the backend to require and verify ' +
        'it, and set it on the stage.',
      cli:
        'aws apigateway update-stage --rest-api-id <rest-api-id> --stage-name <stage> ' +
        '--patch-operations op=replace,path=/clientCertificateId,value=<client-certificate-id>',
    },
    references: [
      {
        title:
          'Generate and configure an SSL certificate for backend authentication in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html',
      },
      {
        title: 'Security Hub controls for API Gateway (APIGateway.2)',
        url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html',
      },
    ],
    reads: ['restApis', 'restApi.resources', 'restApi.stages'],
    anchors: [],
    notFlagged:
      'Stages whose methods use only Lambda, AWS service or MOCK integrations: there is no HTTP ' +
      'backend to present a certificate to (Prowler flags them).',
  },
  evaluate(ctx) {
    for (const a of ctx.restApis()) {
      const stages = ctx.need(a.api.stages, 'restApi.stages', ref.restApi(a), a.api.id);
      if (!stages?.length) continue;
      const resources = ctx.need(a.api.resources, 'restApi.resources', ref.restApi(a), a.api.id);
      if (!resources) continue;
      const http = restHttpIntegrations(a.api).map(
        (h) =>
          `${h.method} (${h.integration.type}${h.integration.uri ? ` ${h.integration.uri}` : ''})`,
      );
      if (!http.length) continue;
      for (const stage of stages) {
        const s = { ...a, stage };
        const evidence = {
          clientCertificateId: stage.clientCertificateId ?? null,
          httpIntegrations: http,
        };
        if (stage.clientCertificateId) {
          ctx.pass(
            ref.restStage(s),
            'The stage presents a client certificate to its backends',
            evidence,
          );
        } else {
          ctx.fail(
            ref.restStage(s),
            `The stage calls ${http.length} HTTP integration(s) without a client certificate`,
            evidence,
          );
        }
      }
    }
  },
});
