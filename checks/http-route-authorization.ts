import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'http-route-authorization',
    title: 'HTTP API routes require authorization',
    family: 'auth',
    severity: 'high',
    resourceType: 'AWS::ApiGatewayV2::Route',
    description:
      'Every HTTP API route must name an authorization type: AWS_IAM, JWT or a Lambda authorizer ' +
      '(CUSTOM). OPTIONS routes are exempt when the API has a CORS configuration, since browsers ' +
      'send preflight requests without credentials.',
    risk:
      'A route with authorization NONE can be called by anyone on the internet: its integration ' +
      '(Lambda, HTTP backend, private VPC resource) is exposed to unauthenticated callers.',
    remediation: {
      text: 'Attach a JWT or Lambda authorizer, or require IAM, on the route.',
      cli:
        'aws apigatewayv2 update-route --api-id <api-id> --route-id <route-id> ' +
        '--authorization-type JWT --authorizer-id <authorizer-id>',
    },
    references: [
      {
        title: 'Control and manage access to HTTP APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html',
      },
      {
        title: 'Security Hub controls for API Gateway (APIGateway.8)',
        url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html',
      },
    ],
    reads: ['v2Apis', 'v2Api.routes'],
    anchors: [],
    notFlagged: 'OPTIONS routes of an API that has a CORS configuration.',
  },
  evaluate(ctx) {
    for (const r of ctx.v2Routes('HTTP')) {
      const isOptions = /^OPTIONS\s/i.test(r.route.RouteKey);
      if (isOptions && r.api.CorsConfiguration) continue;
      const authorizationType = (r.route.AuthorizationType ?? 'NONE').toUpperCase();
      const evidence = {
        RouteKey: r.route.RouteKey,
        AuthorizationType: authorizationType,
        AuthorizerId: r.route.AuthorizerId ?? null,
      };
      if (authorizationType === 'NONE') {
        ctx.fail(
          ref.v2Route(r),
          'Anyone can call the route: its authorization type is NONE',
          evidence,
        );
      } else {
        ctx.pass(ref.v2Route(r), `The route requires ${authorizationType} authorization`, evidence);
      }
    }
  },
});
