import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';
import { classifyPolicy } from './lib/tls.js';

export default defineCheck({
  meta: {
    id: 'rest-api-tls-policy',
    title: 'REST API execute-api endpoints refuse TLS 1.0 and 1.1',
    family: 'tls',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::RestApi',
    description:
      "The security policy of a REST API's default execute-api endpoint (securityPolicy from " +
      'GetRestApis). FAIL when it is TLS_1_0, or absent on an EDGE or REGIONAL API, whose default ' +
      'is TLS_1_0. PRIVATE APIs default to TLS_1_2, so an absent policy passes for them. APIs with ' +
      'the execute-api endpoint disabled get no result (their custom domains are checked by ' +
      'domain-tls-policy).',
    risk:
      'An endpoint that accepts TLS 1.0 and 1.1 with SHA1-CBC cipher suites exposes callers to ' +
      'downgrade and padding-oracle attacks and fails PCI DSS and most internal TLS standards.',
    remediation: {
      text:
        'Set an enhanced security policy with endpointAccessMode STRICT on the API (or at least ' +
        'TLS_1_2), or disable the execute-api endpoint and serve the API through a custom domain ' +
        'with such a policy.',
      cli:
        'aws apigateway update-rest-api --rest-api-id <rest-api-id> --patch-operations ' +
        'op=replace,path=/securityPolicy,value=SecurityPolicy_TLS13_1_3_2025_09 ' +
        'op=replace,path=/endpointAccessMode,value=STRICT',
    },
    references: [
      {
        title: 'Security policies for REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies.html',
      },
      {
        title: 'How to change a security policy',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-update.html',
      },
    ],
    reads: ['restApis'],
    anchors: [],
    notFlagged:
      'APIs with the execute-api endpoint disabled; PRIVATE APIs that report no policy (they ' +
      'default to TLS 1.2).',
  },
  evaluate(ctx) {
    for (const a of ctx.restApis()) {
      if (a.api.disableExecuteApiEndpoint === true) continue;
      const isPrivate = (a.api.endpointConfiguration?.types ?? []).includes('PRIVATE');
      const policy = a.api.securityPolicy;
      const evidence = {
        securityPolicy: policy ?? null,
        endpointAccessMode: a.api.endpointAccessMode ?? null,
        'endpointConfiguration.types': a.api.endpointConfiguration?.types ?? null,
        disableExecuteApiEndpoint: a.api.disableExecuteApiEndpoint ?? false,
      };
      if (!policy) {
        if (isPrivate) {
          ctx.pass(ref.restApi(a), 'PRIVATE API with the default TLS_1_2 policy', evidence);
        } else {
          ctx.fail(
            ref.restApi(a),
            'No security policy is set: the execute-api endpoint uses the TLS_1_0 default',
            evidence,
          );
        }
      } else if (classifyPolicy(policy) === 'TLS_1_0') {
        ctx.fail(
          ref.restApi(a),
          'The execute-api endpoint accepts TLS 1.0 and 1.1 (TLS_1_0)',
          evidence,
        );
      } else {
        ctx.pass(ref.restApi(a), `The execute-api endpoint uses ${policy}`, evidence);
      }
    }
  },
});
