import { defineCheck } from './lib/define.js';
import { isRestLambdaAuthorizer, restAuthorizerTtl, v2AuthorizerTtl } from './lib/auth.js';
import { ref } from './lib/resources.js';

const REVIEW =
  'Review the authorizer: its decision must depend only on the identity sources listed (the cache key), and the policy it returns must cover every method the caller may use, since it is reused for the whole TTL';

export default defineCheck({
  meta: {
    id: 'authorizer-caching',
    title: 'Cached Lambda authorizers key their cache on the caller identity',
    family: 'auth',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::Authorizer',
    description:
      'Lambda authorizers (REST TOKEN and REQUEST, HTTP API REQUEST) whose results are cached ' +
      '(TTL above 0; REST defaults to 300 seconds when unset) reuse one decision for every request ' +
      'with the same identity sources. A REQUEST authorizer that caches with no identity source ' +
      'fails; otherwise the result is MANUAL: a person must confirm the decision depends only on ' +
      'the identity sources and the returned policy covers every method the caller may use.',
    risk:
      'A cached decision is served to any request with the same cache key: a decision that ' +
      'depended on a path, method or header outside the key is applied to other requests, and a ' +
      'policy returned for one method can allow or deny another for the whole TTL.',
    remediation: {
      text:
        'List every request value the decision depends on as an identity source, make the returned ' +
        'policy cover all methods the caller may call (or return a wildcard resource), or set the ' +
        'TTL to 0.',
      cli:
        'aws apigateway update-authorizer --rest-api-id <rest-api-id> --authorizer-id <authorizer-id> ' +
        '--patch-operations op=replace,path=/authorizerResultTtlInSeconds,value=0',
    },
    references: [
      {
        title: 'Use API Gateway Lambda authorizers',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html',
      },
      {
        title: 'Control access to HTTP APIs with AWS Lambda authorizers',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html',
      },
    ],
    reads: ['restApis', 'restApi.authorizers', 'v2Apis', 'v2Api.authorizers'],
    anchors: [],
    notFlagged: 'Authorizers whose result TTL is 0 (no caching).',
  },
  evaluate(ctx) {
    for (const a of ctx.restAuthorizers()) {
      if (!isRestLambdaAuthorizer(a.authorizer)) continue;
      const ttl = restAuthorizerTtl(a.authorizer);
      if (ttl <= 0) continue;
      const identitySource = a.authorizer.identitySource ?? '';
      const evidence = {
        type: a.authorizer.type,
        authorizerResultTtlInSeconds: a.authorizer.authorizerResultTtlInSeconds ?? null,
        effectiveTtlInSeconds: ttl,
        identitySource: a.authorizer.identitySource ?? null,
      };
      if (a.authorizer.type?.toUpperCase() === 'REQUEST' && identitySource.trim() === '') {
        ctx.fail(
          ref.restAuthorizer(a),
          `The REQUEST authorizer caches results for ${ttl}s with no identity source: one decision is reused for every caller`,
          evidence,
        );
      } else {
        ctx.manual(
          ref.restAuthorizer(a),
          `${REVIEW} (${ttl}s, keyed on ${identitySource}).`,
          evidence,
        );
      }
    }
    for (const a of ctx.v2Authorizers('HTTP')) {
      if ((a.authorizer.AuthorizerType ?? '').toUpperCase() !== 'REQUEST') continue;
      const ttl = v2AuthorizerTtl(a.authorizer);
      if (ttl <= 0) continue;
      const sources = a.authorizer.IdentitySource ?? [];
      const evidence = {
        AuthorizerType: a.authorizer.AuthorizerType,
        AuthorizerResultTtlInSeconds: ttl,
        IdentitySource: sources,
      };
      if (sources.length === 0) {
        ctx.fail(
          ref.v2Authorizer(a),
          `The REQUEST authorizer caches results for ${ttl}s with no identity source: one decision is reused for every caller`,
          evidence,
        );
      } else {
        ctx.manual(
          ref.v2Authorizer(a),
          `${REVIEW} (${ttl}s, keyed on ${sources.join(', ')}).`,
          evidence,
        );
      }
    }
  },
});
