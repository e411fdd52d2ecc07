import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'websocket-connect-authorization',
    title: 'WebSocket APIs authorize connections on the $connect route',
    family: 'auth',
    severity: 'high',
    resourceType: 'AWS::ApiGatewayV2::Api',
    description:
      'A WebSocket API is authorized once, when the client connects: only the $connect route can ' +
      'carry an authorization type (AWS_IAM or a Lambda REQUEST authorizer). The check gives one ' +
      'result per WebSocket API, from its $connect route. An API with no $connect route accepts ' +
      'every connection without authorization and fails.',
    risk:
      'Without authorization on $connect, anyone can open a connection and send messages to ' +
      'every route of the API, reaching its integrations.',
    remediation: {
      text: 'Require IAM or a Lambda REQUEST authorizer on the $connect route (add one if missing).',
      cli:
        'aws apigatewayv2 update-route --api-id <api-id> --route-id <connect-route-id> ' +
        '--authorization-type CUSTOM --authorizer-id <authorizer-id>',
    },
    references: [
      {
        title: 'Control and manage access to WebSocket APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-control-access.html',
      },
    ],
    reads: ['v2Apis', 'v2Api.routes'],
    anchors: [],
    notFlagged:
      'WebSocket routes other than $connect: they cannot carry authorization (FSBP APIGateway.8 flags them).',
  },
  evaluate(ctx) {
    for (const a of ctx.v2Apis('WEBSOCKET')) {
      const routes = ctx.need(a.api.routes, 'v2Api.routes', ref.v2Api(a), a.api.ApiId);
      if (!routes) continue;
      const connect = routes.find((r) => r.RouteKey === '$connect');
      if (!connect) {
        ctx.fail(
          ref.v2Api(a),
          'The API has no $connect route, so every connection is accepted without authorization',
          {
            $connect: null,
          },
        );
        continue;
      }
      const authorizationType = (connect.AuthorizationType ?? 'NONE').toUpperCase();
      const evidence = {
        '$connect.AuthorizationType': authorizationType,
        '$connect.AuthorizerId': connect.AuthorizerId ?? null,
      };
      if (authorizationType === 'NONE') {
        ctx.fail(
          ref.v2Api(a),
          'Anyone can connect: the $connect route has authorization type NONE',
          evidence,
        );
      } else {
        ctx.pass(ref.v2Api(a), `Connections require ${authorizationType} authorization`, evidence);
      }
    }
  },
});
