import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'jwt-authorizer-config',
    title: 'HTTP API JWT authorizers name an https issuer and an audience',
    family: 'auth',
    severity: 'high',
    resourceType: 'AWS::ApiGatewayV2::Authorizer',
    description:
      'A JWT authorizer must name the issuer by an https:// URL (API Gateway fetches its signing ' +
      'keys from there) and at least one audience, so that only tokens minted for this API by ' +
      'that issuer are accepted.',
    risk:
      'With no audience, any token the issuer signs for any application is accepted. An issuer ' +
      'that is not an https URL cannot be trusted to serve the signing keys.',
    remediation: {
      text: 'Set the issuer to the identity provider https URL and list the API client IDs as audience.',
      cli:
        'aws apigatewayv2 update-authorizer --api-id <api-id> --authorizer-id <authorizer-id> ' +
        '--jwt-configuration Audience=<client-id>,Issuer=https://<issuer>',
    },
    references: [
      {
        title: 'Control access to HTTP APIs with JWT authorizers in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html',
      },
    ],
    reads: ['v2Apis', 'v2Api.authorizers'],
    anchors: [],
  },
  evaluate(ctx) {
    for (const a of ctx.v2Authorizers('HTTP')) {
      if ((a.authorizer.AuthorizerType ?? '').toUpperCase() !== 'JWT') continue;
      const issuer = a.authorizer.JwtConfiguration?.Issuer;
      const audience = (a.authorizer.JwtConfiguration?.Audience ?? []).filter((x) => x.trim());
      const problems: string[] = [];
      if (!issuer || !/^https:\/\//i.test(issuer))
        problems.push(`issuer ${issuer ? `"${issuer}" is not https://` : 'is missing'}`);
      if (audience.length === 0) problems.push('audience is empty');
      const evidence = {
        'JwtConfiguration.Issuer': issuer ?? null,
        'JwtConfiguration.Audience': a.authorizer.JwtConfiguration?.Audience ?? [],
      };
      if (problems.length) {
        ctx.fail(
          ref.v2Authorizer(a),
          `The JWT authorizer's ${problems.join(' and ')}`,
          evidence,
          'high',
        );
      } else {
        ctx.pass(
          ref.v2Authorizer(a),
          'The JWT authorizer names an https issuer and an audience',
          evidence,
        );
      }
    }
  },
});
