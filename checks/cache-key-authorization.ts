import {
  callerIdentitySources,
  isRequestParameter,
  methodCacheEntry,
  missingFromCacheKey,
  stageCachingOn,
} from './lib/caching.js';
import type { RestMethodScope } from './lib/context.js';
import { defineCheck } from './lib/define.js';
import { describeSetting } from '../src/snapshot/method-settings.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'cache-key-authorization',
    title: 'Cached authorized REST methods key their cache on the caller identity',
    family: 'throttling',
    severity: 'high',
    resourceType: 'AWS::ApiGateway::Method',
    description:
      'Applies to REST methods with an authorization type other than NONE that are cached on at ' +
      'least one stage (cache cluster on, and the method settings entry that governs the method ' +
      'has cachingEnabled; the stage-wide entry caches GET methods only). The integration ' +
      'cacheKeyParameters must include every request parameter that identifies the caller: the ' +
      'identity sources of the method authorizer (Lambda TOKEN or REQUEST, Cognito user pool) ' +
      'or, for AWS_IAM, method.request.header.Authorization.',
    risk:
      'API Gateway authorizes each request, then serves the cached response for its cache key. ' +
      'When the key ignores who is calling, one caller receives the response cached for ' +
      'another: their data, their tokens.',
    remediation: {
      text:
        'Add the identity source (for example method.request.header.Authorization) to the ' +
        'method request parameters and to the integration cache key parameters, then redeploy; ' +
        'or turn caching off for the method.',
      cli:
        'aws apigateway update-integration --rest-api-id <rest-api-id> --resource-id <resource-id> ' +
        '--http-method <method> --patch-operations ' +
        'op=add,path=/cacheKeyParameters/method.request.header.Authorization',
    },
    references: [
      {
        title: 'Use method or integration parameters as cache keys to index cached responses',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html#enable-api-gateway-cache-keys',
      },
      {
        title: 'Input to a Lambda authorizer',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html',
      },
    ],
    reads: ['restApis', 'restApi.stages', 'restApi.resources', 'restApi.authorizers'],
    anchors: [],
  },
  evaluate(ctx) {
    for (const a of ctx.restApis()) {
      if (!a.api.stages) {
        ctx.error(ref.restApi(a), 'restApi.stages', a.api.id);
        continue;
      }
      const caching = a.api.stages.filter(stageCachingOn);
      if (caching.length === 0) continue;
      if (!a.api.resources) {
        ctx.error(ref.restApi(a), 'restApi.resources', a.api.id);
        continue;
      }
      for (const resource of a.api.resources) {
        for (const [verb, method] of Object.entries(resource.resourceMethods ?? {})) {
          const m: RestMethodScope = { ...a, resource, verb, method };
          const authType = (method.authorizationType ?? 'NONE').toUpperCase();
          if (authType === 'NONE') continue;
          const cachedOn = caching.flatMap((stage) => {
            const entry = methodCacheEntry(stage, resource.path, verb);
            return entry ? [`${stage.stageName} (${describeSetting(entry)})`] : [];
          });
          if (cachedOn.length === 0) continue;
          const target = ref.restMethod(m);
          const cacheKeyParameters = method.methodIntegration?.cacheKeyParameters ?? [];
          const evidence: Record<string, unknown> = {
            authorizationType: method.authorizationType,
            cachedOnStages: cachedOn,
            'methodIntegration.cacheKeyParameters': cacheKeyParameters,
          };
          if (authType !== 'AWS_IAM' && !a.api.authorizers) {
            ctx.error(target, 'restApi.authorizers', a.api.id);
            continue;
          }
          const identity = callerIdentitySources(method, a.api.authorizers ?? []);
          if (!identity) {
            evidence.authorizerId = method.authorizerId ?? null;
            ctx.manual(
              target,
              `The method's authorizer ${method.authorizerId ?? '(none)'} was not found: check ` +
                'which request parameters identify the caller and that they are cache keys',
              evidence,
            );
            continue;
          }
          if (identity.authorizer) {
            evidence['authorizer.type'] = identity.authorizer.type ?? null;
            evidence['authorizer.identitySource'] = identity.authorizer.identitySource ?? null;
          }
          const keyable = identity.sources.filter(isRequestParameter);
          if (keyable.length === 0) {
            ctx.manual(
              target,
              'The authorizer names no request parameter as identity source: check what ' +
                'identifies the caller and that the cache key includes it',
              evidence,
            );
            continue;
          }
          const missing = missingFromCacheKey(keyable, cacheKeyParameters);
          evidence.missingFromCacheKey = missing;
          if (missing.length) {
            ctx.fail(
              target,
              `Cached on ${cachedOn.length} stage(s) without ${missing.join(', ')} in the cache ` +
                "key: one caller can receive another's cached response",
              evidence,
            );
          } else {
            ctx.pass(target, 'The cache key includes the caller identity', evidence);
          }
        }
      }
    }
  },
});
