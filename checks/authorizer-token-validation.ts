import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'authorizer-token-validation',
    title: 'REST TOKEN authorizers validate the token format before invoking Lambda',
    family: 'auth',
    severity: 'low',
    resourceType: 'AWS::ApiGateway::Authorizer',
    description:
      'A TOKEN authorizer can carry an identityValidationExpression, a regular expression API ' +
      'Gateway applies to the token before calling the authorizer function. Requests whose token ' +
      'does not match are rejected with 401 without invoking Lambda.',
    risk:
      'Without a validation expression every request with any header value, however malformed, ' +
      'invokes the authorizer function: junk traffic costs Lambda invocations and concurrency and ' +
      'reaches the token parsing code.',
    remediation: {
      text: 'Set an identity validation expression matching your token format (e.g. a JWT).',
      cli:
        'aws apigateway update-authorizer --rest-api-id <rest-api-id> --authorizer-id <authorizer-id> ' +
        "--patch-operations 'op=replace,path=/identityValidationExpression,value=^Bearer [-0-9A-Za-z_.]+$'",
    },
    references: [
      {
        title: 'Configure an API Gateway Lambda authorizer',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html',
      },
    ],
    reads: ['restApis', 'restApi.authorizers'],
    anchors: [],
  },
  evaluate(ctx) {
    for (const a of ctx.restAuthorizers()) {
      if ((a.authorizer.type ?? '').toUpperCase() !== 'TOKEN') continue;
      const expr = a.authorizer.identityValidationExpression;
      const evidence = { type: 'TOKEN', identityValidationExpression: expr ?? null };
      if (!expr) {
        ctx.fail(
          ref.restAuthorizer(a),
          'Every token, however malformed, invokes the authorizer function',
          evidence,
        );
      } else {
        ctx.pass(
          ref.restAuthorizer(a),
          'Tokens are checked against a validation expression first',
          evidence,
        );
      }
    }
  },
});
