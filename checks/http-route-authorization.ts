import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';
import { servedRoutesBy } from './lib/served.js';

export default defineCheck({
  meta: {
    id: 'http-route-authorization',
    title: 'HTTP API routes require authorization',
    family: 'auth',
    severity: 'high',
    resourceType: 'AWS::ApiGatewayV2::Route',
    description:
      'Every HTTP API route a stage serves must name an authorization type: AWS_IAM, JWT or a ' +
      'Lambda authorizer (CUSTOM). A stage that auto-deploys serves the draft routes; one that ' +
      'does not serves its last deployment, read from its export. OPTIONS routes are exempt when the API has a CORS configuration, since browsers ' +
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
    reads: ['v2Apis', 'v2Api.routes', 'v2Api.stages', 'v2Api.exports'],
    anchors: [],
    notFlagged: 'OPTIONS routes of an API that has a CORS configuration.',
  },
  evaluate(ctx) {
    for (const r of ctx.httpServedRoutes()) {
      const isOptions = /^OPTIONS\s/i.test(r.routeKey);
      if (isOptions && r.api.CorsConfiguration) continue;
      const open = r.served.filter((e) => e.route.AuthorizationType === 'NONE');
      const authorizationType = (open[0] ?? r.served[0]!).route.AuthorizationType;
      const draftType = r.draft && (r.draft.AuthorizationType ?? 'NONE').toUpperCase();
      const evidence = {
        RouteKey: r.routeKey,
        AuthorizationType: authorizationType,
        AuthorizerId: r.draft?.AuthorizerId ?? null,
        servedBy: servedRoutesBy(r),
        draft: draftType ? { AuthorizationType: draftType } : null,
        fieldSources: { AuthorizationType: 'stage', AuthorizerId: 'draft' },
      };
      if (!open.length) {
        ctx.pass(
          ref.v2ServedRoute(r),
          `The route requires ${authorizationType} authorization on every stage that serves it`,
          evidence,
        );
        continue;
      }
      const stages = open.map((e) => e.serving.stageName).join(', ');
      const lag = !r.draft
        ? ' (deleted from the draft, still deployed)'
        : draftType !== 'NONE'
          ? ` (the draft requires ${draftType}, but that is not deployed)`
          : '';
      ctx.fail(
        ref.v2ServedRoute(r),
        `Anyone can call the route on ${stages}${lag}: its authorization type is NONE`,
        evidence,
      );
    }
  },
});
