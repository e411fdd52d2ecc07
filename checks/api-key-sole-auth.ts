import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';
import { draftAuth, labels, servedBy } from './lib/served.js';

const upper = (s: string | undefined) => (s ?? 'NONE').toUpperCase();

export default defineCheck({
  meta: {
    id: 'api-key-sole-auth',
    title: 'Methods and routes that require an API key also require authorization',
    family: 'auth',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::Method',
    description:
      'A REST method (as each stage and canary serves it) or WebSocket route that requires an ' +
      'API key must also require real authorization ' +
      '(IAM, a Lambda authorizer, Cognito or JWT). API keys identify callers for usage plans and ' +
      'throttling; AWS advises against using them for authorization. WebSocket routes other than ' +
      '$connect are judged by the $connect route, where a WebSocket connection is authorized.',
    risk:
      'API keys are long-lived shared strings sent in a header, often embedded in clients and ' +
      'easy to leak; they cannot be scoped to a user. An API protected only by a key is ' +
      'effectively open to whoever finds one.',
    remediation: {
      text:
        'Keep the API key for metering if needed, and add an authorizer (Lambda, Cognito, JWT) or ' +
        'IAM authorization to the method or route.',
      cli:
        'aws apigateway update-method --rest-api-id <rest-api-id> --resource-id <resource-id> ' +
        '--http-method <method> --patch-operations op=replace,path=/authorizationType,value=AWS_IAM',
    },
    references: [
      {
        title: 'Usage plans and API keys for REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html',
      },
    ],
    reads: [
      'restApis',
      'restApi.resources',
      'restApi.stages',
      'restApi.deployments',
      'v2Apis',
      'v2Api.routes',
    ],
    anchors: [],
  },
  evaluate(ctx) {
    for (const m of ctx.restServedMethods()) {
      const keyed = m.served.filter((e) => e.method.apiKeyRequired);
      if (!keyed.length) continue;
      const open = keyed.filter((e) => e.method.authorizationType === 'NONE');
      const judged = open[0] ?? keyed[0]!;
      const evidence = {
        apiKeyRequired: true,
        authorizationType: judged.method.authorizationType,
        servedBy: servedBy(m),
        draft: draftAuth(m),
        fieldSources: { apiKeyRequired: 'deployment', authorizationType: 'deployment' },
      };
      if (open.length) {
        ctx.fail(
          ref.restServedMethod(m),
          `The method requires an API key and no authorization on ${labels(open)}`,
          evidence,
        );
      } else {
        ctx.pass(
          ref.restServedMethod(m),
          `The method requires ${judged.method.authorizationType} besides the API key`,
          evidence,
        );
      }
    }
    for (const r of ctx.v2Routes()) {
      if (!r.route.ApiKeyRequired) continue;
      const evidence: Record<string, unknown> = {
        ApiKeyRequired: true,
        AuthorizationType: upper(r.route.AuthorizationType),
      };
      let authorizationType = upper(r.route.AuthorizationType);
      if (r.api.ProtocolType === 'WEBSOCKET' && r.route.RouteKey !== '$connect') {
        const connect = r.api.routes?.find((x) => x.RouteKey === '$connect');
        authorizationType = upper(connect?.AuthorizationType);
        evidence['$connect.AuthorizationType'] = connect ? authorizationType : null;
      }
      if (authorizationType === 'NONE') {
        ctx.fail(ref.v2Route(r), 'The route requires an API key and no authorization', evidence);
      } else {
        ctx.pass(
          ref.v2Route(r),
          `The route requires ${authorizationType} besides the API key`,
          evidence,
        );
      }
    }
  },
});
