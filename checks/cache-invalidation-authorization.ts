import { cachedEntries } from './lib/caching.js';
import { defineCheck } from './lib/define.js';
import { describeSetting } from '../src/snapshot/method-settings.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'cache-invalidation-authorization',
    title: 'REST API stage caches refuse unauthorized cache invalidation',
    family: 'throttling',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::Stage',
    description:
      'Applies to REST stages that cache. A client can ask for a fresh response with the header ' +
      'Cache-Control: max-age=0. Every method settings entry that caches must require ' +
      'authorization for it (requireAuthorizationForCacheControl). With it required, every ' +
      'unauthorizedCacheControlHeaderStrategy keeps the cache: FAIL_WITH_403 rejects the request, ' +
      'and both SUCCEED_* strategies ignore the header and answer from the cache. An entry that ' +
      'does not say (no requireAuthorizationForCacheControl) is treated as not requiring it.',
    risk:
      'When anyone may invalidate, an attacker can bypass the cache at will, sending every ' +
      'request to the backend (defeating the cache as a load shield) and flushing entries.',
    remediation: {
      text:
        'Require authorization for cache invalidation and grant execute-api:InvalidateCache only ' +
        'to the callers that need it. FAIL_WITH_403 also tells an unauthorized caller it was refused.',
      cli:
        'aws apigateway update-stage --rest-api-id <rest-api-id> --stage-name <stage> ' +
        '--patch-operations op=replace,path=/*/*/caching/requireAuthorizationForCacheControl,value=true',
    },
    references: [
      {
        title: 'Invalidate an API Gateway cache entry',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html#invalidate-method-caching',
      },
    ],
    reads: ['restApis', 'restApi.stages'],
    anchors: [],
    notFlagged:
      'Stages without caching, and cached methods that require authorization for cache control ' +
      'whatever their unauthorizedCacheControlHeaderStrategy (SUCCEED_WITH_RESPONSE_HEADER and ' +
      'SUCCEED_WITHOUT_RESPONSE_HEADER ignore an unauthorized max-age=0).',
  },
  evaluate(ctx) {
    for (const s of ctx.restStages()) {
      const cached = cachedEntries(s.stage);
      if (cached.length === 0) continue;
      const settings = (o: (typeof cached)[number]) => ({
        entry: describeSetting(o),
        requireAuthorizationForCacheControl: o.setting.requireAuthorizationForCacheControl ?? null,
        unauthorizedCacheControlHeaderStrategy:
          o.setting.unauthorizedCacheControlHeaderStrategy ?? null,
      });
      const open = cached.filter((o) => o.setting.requireAuthorizationForCacheControl !== true);
      const evidence = {
        cachingEnabledOn: cached.map(describeSetting),
        cacheControl: cached.map(settings),
        openInvalidation: open.map(settings),
      };
      if (open.length) {
        ctx.fail(
          ref.restStage(s),
          `Unauthorized callers can invalidate the cache of: ${open.map(describeSetting).join(', ')}`,
          evidence,
        );
      } else {
        ctx.pass(ref.restStage(s), 'Cache invalidation requires authorization', evidence);
      }
    }
  },
});
