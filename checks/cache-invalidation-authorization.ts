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
      'authorization for it (requireAuthorizationForCacheControl) and answer unauthorized ' +
      'requests with 403 (unauthorizedCacheControlHeaderStrategy FAIL_WITH_403).',
    risk:
      'When anyone may invalidate, an attacker can bypass the cache at will, sending every ' +
      'request to the backend (defeating the cache as a load shield) and flushing entries.',
    remediation: {
      text:
        'Require authorization for cache invalidation and reject unauthorized requests with 403; ' +
        'grant execute-api:InvalidateCache only to the callers that need it.',
      cli:
        'aws apigateway update-stage --rest-api-id <rest-api-id> --stage-name <stage> ' +
        '--patch-operations op=replace,path=/*/*/caching/requireAuthorizationForCacheControl,value=true ' +
        'op=replace,path=/*/*/caching/unauthorizedCacheControlHeaderStrategy,value=FAIL_WITH_403',
    },
    references: [
      {
        title: 'Invalidate an API Gateway cache entry',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html#invalidate-method-caching',
      },
    ],
    reads: ['restApis', 'restApi.stages'],
    anchors: [],
    notFlagged: 'Stages without caching.',
  },
  evaluate(ctx) {
    for (const s of ctx.restStages()) {
      const cached = cachedEntries(s.stage);
      if (cached.length === 0) continue;
      const open = cached.filter(
        (o) =>
          o.setting.requireAuthorizationForCacheControl !== true ||
          o.setting.unauthorizedCacheControlHeaderStrategy !== 'FAIL_WITH_403',
      );
      const evidence = {
        cachingEnabledOn: cached.map(describeSetting),
        openInvalidation: open.map((o) => ({
          entry: describeSetting(o),
          requireAuthorizationForCacheControl:
            o.setting.requireAuthorizationForCacheControl ?? null,
          unauthorizedCacheControlHeaderStrategy:
            o.setting.unauthorizedCacheControlHeaderStrategy ?? null,
        })),
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
