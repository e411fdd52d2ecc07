import { defineCheck } from './lib/define.js';
import {
  assessVpcePolicy,
  isPrivateRestApi,
  reachesBackend,
  restAuthorizationType,
  restEndpointTypes,
} from './lib/auth.js';
import { ref } from './lib/resources.js';
import { draftAuth, labels, servedBy } from './lib/served.js';

export default defineCheck({
  meta: {
    id: 'rest-method-authorization',
    title: 'REST API methods require authorization',
    family: 'auth',
    severity: 'high',
    resourceType: 'AWS::ApiGateway::Method',
    description:
      'Every REST API method a stage serves, except OPTIONS (CORS preflight), must name an ' +
      'authorization type: ' +
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
    reads: ['restApis', 'restApi.resources', 'restApi.stages', 'restApi.deployments'],
    anchors: ['Prowler', 'Checkov CKV_AWS_59', 'cdk-nag APIG4'],
    notFlagged: 'OPTIONS preflight methods (CORS), which browsers send without credentials.',
  },
  evaluate(ctx) {
    const vpceCache = new Map<string, ReturnType<typeof assessVpcePolicy>>();
    for (const m of ctx.restServedMethods()) {
      if (m.verb === 'OPTIONS') continue;
      // A stage answers with what it serves: the weakest serving decides.
      const open = m.served.filter((e) => e.method.authorizationType === 'NONE');
      const judged = open[0] ?? m.served[0]!;
      const authorizationType = judged.method.authorizationType;
      const integrationType = m.draft?.method.methodIntegration?.type;
      const evidence: Record<string, unknown> = {
        authorizationType,
        authorizerId: m.draft?.method.authorizerId ?? null,
        apiKeyRequired: judged.method.apiKeyRequired,
        'methodIntegration.type': integrationType ?? null,
        'endpointConfiguration.types': restEndpointTypes(m.api),
        servedBy: servedBy(m),
        draft: draftAuth(m),
        fieldSources: {
          authorizationType: 'deployment',
          apiKeyRequired: 'deployment',
          authorizerId: 'draft',
          'methodIntegration.type': 'draft',
        },
      };
      if (!open.length) {
        ctx.pass(
          ref.restServedMethod(m),
          `The method requires ${authorizationType} authorization on every stage that serves it`,
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
            ref.restServedMethod(m),
            'The method has no authorizer, but the PRIVATE API is confined to given VPC endpoints or VPCs by its resource policy',
            evidence,
          );
          continue;
        }
      }
      // A method gone from the draft may reach anything: judge it as reaching a backend.
      const backend = m.draft ? reachesBackend(integrationType) : true;
      const keyNote = judged.method.apiKeyRequired
        ? ' (an API key is required, but a key is not authorization)'
        : '';
      const draftType = m.draft ? restAuthorizationType(m.draft.method) : undefined;
      const where =
        ` on ${labels(open)}` +
        (!m.draft
          ? ' (deleted from the draft, still deployed)'
          : draftType !== 'NONE'
            ? ` (the draft requires ${draftType}, but that is not deployed)`
            : '');
      const reaches = !m.draft
        ? ', and the draft no longer shows its integration'
        : backend
          ? `, which reaches a ${integrationType} backend`
          : ` (${integrationType ?? 'no'} integration)`;
      ctx.fail(
        ref.restServedMethod(m),
        `Anyone can call the method${where}${reaches}${keyNote}`,
        evidence,
        backend ? 'high' : 'low',
      );
    }
  },
});
