import { describe, expect, it } from 'vitest';
import {
  callerIdentitySources,
  cachedEntries,
  methodCacheEntry,
  missingFromCacheKey,
  parseIdentitySource,
} from '../../checks/lib/caching.js';
import {
  effectiveMethodSetting,
  methodSettingKey,
  parseMethodSettingKey,
} from '../../src/snapshot/method-settings.js';
import { missingTags } from '../../checks/lib/tags.js';
import {
  accountLimits,
  limitsAboveAccount,
  limitsBelowAccount,
  usagePlanLimits,
  v2StageLimits,
} from '../../src/snapshot/throttling.js';

describe('method settings keys', () => {
  it('round-trips paths and verbs', () => {
    for (const [path, verb] of [
      ['/', 'GET'],
      ['/pets', 'POST'],
      ['/pets/{id}', 'GET'],
    ] as const) {
      expect(parseMethodSettingKey(methodSettingKey(path, verb))).toEqual({
        path,
        httpMethod: verb,
      });
    }
    expect(methodSettingKey('/pets/{id}', 'GET')).toBe('~1pets~1{id}/GET');
  });

  it('finds the governing entry: method, then path wildcard, then stage-wide', () => {
    const stage = {
      stageName: 's',
      methodSettings: {
        '*/*': { metricsEnabled: true },
        '~1pets/*': { metricsEnabled: false },
        '~1pets/GET': { loggingLevel: 'INFO' },
      },
    };
    const from = (path: string, verb: string, field: 'loggingLevel' | 'metricsEnabled') =>
      effectiveMethodSetting(stage, path, verb, field)?.from.key;
    expect(from('/pets', 'GET', 'loggingLevel')).toBe('~1pets/GET');
    expect(from('/pets', 'PUT', 'metricsEnabled')).toBe('~1pets/*');
    expect(from('/users', 'GET', 'metricsEnabled')).toBe('*/*');
    expect(effectiveMethodSetting({ stageName: 's' }, '/users', 'GET', 'metricsEnabled')).toBe(
      undefined,
    );
  });
});

describe('throttling helpers', () => {
  const account = accountLimits({ throttleSettings: { rateLimit: 10000, burstLimit: 5000 } });

  it('counts only limits below the account limit', () => {
    expect(limitsBelowAccount({ rateLimit: 10000, burstLimit: 5000 }, account)).toBe(false);
    expect(limitsBelowAccount({ rateLimit: 9999 }, account)).toBe(true);
    expect(limitsBelowAccount({ burstLimit: 10 }, account)).toBe(true);
    expect(limitsBelowAccount({ rateLimit: -1, burstLimit: -1 }, account)).toBe(false);
    expect(limitsBelowAccount({}, account)).toBe(false);
    expect(limitsAboveAccount({ rateLimit: 10001 }, account)).toBe(true);
    expect(limitsAboveAccount({ rateLimit: 10000, burstLimit: 5000 }, account)).toBe(false);
    expect(accountLimits({})).toEqual({
      rateLimit: Number.POSITIVE_INFINITY,
      burstLimit: Number.POSITIVE_INFINITY,
    });
  });

  it('collects route and usage plan limits', () => {
    expect(
      v2StageLimits({
        StageName: 's',
        DefaultRouteSettings: { DetailedMetricsEnabled: true },
        RouteSettings: { 'GET /a': { ThrottlingBurstLimit: 3 } },
      }),
    ).toEqual([
      { where: 'GET /a', source: 'RouteSettings:GET /a', rateLimit: undefined, burstLimit: 3 },
    ]);
    expect(
      usagePlanLimits(
        [
          {
            id: 'p',
            name: 'gold',
            throttle: { rateLimit: 5 },
            apiStages: [
              { apiId: 'a', stage: 'prod', throttle: { '/pets/GET': { burstLimit: 1 } } },
              { apiId: 'a', stage: 'dev' },
            ],
          },
        ],
        'a',
        'prod',
      ),
    ).toEqual([
      { where: 'usage plan gold', source: 'usagePlan:p', planId: 'p', rateLimit: 5 },
      {
        where: 'usage plan gold /pets/GET',
        source: 'usagePlan:p',
        planId: 'p',
        methodKey: '/pets/GET',
        burstLimit: 1,
      },
    ]);
  });
});

describe('caching helpers', () => {
  const stage = {
    stageName: 's',
    cacheClusterEnabled: true,
    methodSettings: {
      '*/*': { cachingEnabled: true },
      '~1a/POST': { cachingEnabled: true },
      '~1b/GET': { cachingEnabled: false },
      '~1c/GET': { cachingEnabled: true, cacheTtlInSeconds: 0 },
    },
  };

  it('knows which methods are cached', () => {
    expect(cachedEntries(stage).map((e) => e.key)).toEqual(['*/*', '~1a/POST']);
    expect(cachedEntries({ ...stage, cacheClusterEnabled: false })).toEqual([]);
    expect(methodCacheEntry(stage, '/x', 'GET')?.key).toBe('*/*');
    expect(methodCacheEntry(stage, '/x', 'POST')).toBeUndefined();
    expect(methodCacheEntry(stage, '/a', 'POST')?.key).toBe('~1a/POST');
    expect(methodCacheEntry(stage, '/b', 'GET')).toBeUndefined();
    expect(methodCacheEntry(stage, '/c', 'GET')).toBeUndefined();
  });

  it('finds the caller identity and what the cache key lacks', () => {
    expect(parseIdentitySource(' a , b,, ')).toEqual(['a', 'b']);
    expect(parseIdentitySource(undefined)).toEqual([]);
    expect(callerIdentitySources({ authorizationType: 'AWS_IAM' }, [])).toEqual({
      sources: ['method.request.header.Authorization'],
    });
    expect(callerIdentitySources({ authorizationType: 'CUSTOM', authorizerId: 'x' }, [])).toBe(
      undefined,
    );
    expect(
      missingFromCacheKey(
        ['method.request.header.Authorization', 'method.request.querystring.Key'],
        ['method.request.header.AUTHORIZATION', 'method.request.querystring.key'],
      ),
    ).toEqual(['method.request.querystring.Key']);
  });
});

describe('tags', () => {
  it('lists missing keys, case-sensitively', () => {
    expect(missingTags({ Owner: 'x' }, ['owner', 'Owner'])).toEqual(['owner']);
    expect(missingTags(undefined, ['a'])).toEqual(['a']);
    expect(missingTags({}, [])).toEqual([]);
  });
});
