import { defineCheck } from './lib/define.js';
import {
  assessVpcePolicy,
  isPrivateRestApi,
  reachesBackend,
  restAuthorizationType,
  restEndpointTypes,
} from './lib/auth.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'rest-method-authorization',
    title: 'REST API methods require authorization',
    family: 'auth',
    severity: 'high',
    resourceType: 'AWS::ApiGateway::Method',
    description:
      'Every REST API method except OPTIONS (CORS preflight) must name an authorization type: ' +
      'AWS_IAM, a Lambda authorizer (CUSTOM) or a Cognito user pool. A PRIVATE API whose resource ' +
      'policy confines callers to given VPC endpoints or VPCs counts as access-controlled. An API ' +
      'key alone is not authorization.',
    risk:
      'A method with authorization NONE can be called by anyone who can reach the endpoint. When ' +
      'it reaches a backend (Lambda, HTTP, AWS service) an unauthenticated caller can read or ' +
      'change data and run up costs; a MOCK method only exposes its canned response.',
    remediation: {
      text:
        'Attach an authorizer (Lambda, Cognito) or require IAM signatures on the method, then ' +
        'redeploy the stage. For internal APIs, make the API PRIVATE and confine its resource ' +
        'policy to your VPC endpoints.',
      cli:
        'aws apigateway update-method --rest-api-id <rest-api-id> --resource-id <resource-id> ' +
        '--http-method <method> --patch-operations op=replace,path=/authorizationType,value=AWS_IAM',
    },
    references: [
      {
        title: 'Control and manage access to REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html',
      },
      {
        title: 'Private REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html',
      },
    ],
    reads: ['restApis', 'restApi.resources'],
    anchors: ['Prowler', 'Checkov CKV_AWS_59', 'cdk-nag APIG4'],
    notFlagged: 'OPTIONS preflight methods (CORS), which browsers send without credentials.',
  },
  evaluate(ctx) {
    const vpceCache = new Map<string, ReturnType<typeof assessVpcePolicy>>();
    for (const m of ctx.restMethods()) {
      if (m.verb.toUpperCase() === 'OPTIONS') continue;
      const authorizationType = restAuthorizationType(m.method);
      const integrationType = m.method.methodIntegration?.type;
      const evidence: Record<string, unknown> = {
        authorizationType,
        authorizerId: m.method.authorizerId ?? null,
        apiKeyRequired: Boolean(m.method.apiKeyRequired),
        'methodIntegration.type': integrationType ?? null,
        'endpointConfiguration.types': restEndpointTypes(m.api),
      };
      if (authorizationType !== 'NONE') {
        ctx.pass(
          ref.restMethod(m),
          `The method requires ${authorizationType} authorization`,
          evidence,
        );
        continue;
      }
      if (isPrivateRestApi(m.api)) {
        let vpce = vpceCache.get(m.api.id);
        if (!vpce) vpceCache.set(m.api.id, (vpce = assessVpcePolicy(m.api)));
        evidence.resourcePolicyVpceLimited = vpce.state === 'limited';
        if (vpce.state === 'limited') {
          ctx.pass(
            ref.restMethod(m),
            'The method has no authorizer, but the PRIVATE API is confined to given VPC endpoints or VPCs by its resource policy',
            evidence,
          );
          continue;
        }
      }
      const backend = reachesBackend(integrationType);
      const keyNote = m.method.apiKeyRequired
        ? ' (an API key is required, but a key is not authorization)'
        : '';
      ctx.fail(
        ref.restMethod(m),
        backend
          ? `Anyone can call the method, which reaches a ${integrationType} backend${keyNote}`
          : `Anyone can call the method (${integrationType ?? 'no'} integration)${keyNote}`,
        evidence,
        backend ? 'high' : 'low',
      );
    }
  },
});
