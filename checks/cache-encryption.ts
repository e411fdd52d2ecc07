import { cachedEntries } from './lib/caching.js';
import { defineCheck } from './lib/define.js';
import { describeSetting } from '../src/snapshot/method-settings.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'cache-encryption',
    title: 'REST API stage caches encrypt the cached responses',
    family: 'throttling',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::Stage',
    description:
      'Applies to REST stages that cache: the stage cache cluster is on (cacheClusterEnabled) ' +
      'and a method settings entry, stage-wide or per method, has cachingEnabled. Every entry ' +
      'that caches must have cacheDataEncrypted.',
    risk:
      'Cached responses hold whatever the backend returned (personal data, tokens, records); ' +
      'unencrypted, they sit in clear on the cache nodes.',
    remediation: {
      text: 'Turn on cache data encryption for every method settings entry that caches.',
      cli:
        'aws apigateway update-stage --rest-api-id <rest-api-id> --stage-name <stage> ' +
        '--patch-operations op=replace,path=/*/*/caching/dataEncrypted,value=true',
    },
    references: [
      {
        title: 'Cache settings for REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html',
      },
      {
        title: 'Security Hub controls for API Gateway (APIGateway.5)',
        url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html',
      },
    ],
    reads: ['restApis', 'restApi.stages'],
    anchors: [],
    notFlagged:
      'Stages without caching (no cache cluster, or no method caches): there is nothing to ' +
      'encrypt. AWS Config and Steampipe flag them.',
  },
  evaluate(ctx) {
    for (const s of ctx.restStages()) {
      const cached = cachedEntries(s.stage);
      if (cached.length === 0) continue;
      const clear = cached
        .filter((o) => o.setting.cacheDataEncrypted !== true)
        .map(describeSetting);
      const evidence = {
        cacheClusterEnabled: s.stage.cacheClusterEnabled ?? null,
        cachingEnabledOn: cached.map(describeSetting),
        unencryptedCaching: clear,
      };
      if (clear.length) {
        ctx.fail(
          ref.restStage(s),
          `Cached data is not encrypted for: ${clear.join(', ')}`,
          evidence,
        );
      } else {
        ctx.pass(ref.restStage(s), 'Every cached method encrypts its cache data', evidence);
      }
    }
  },
});
