import { describe, expect, it } from 'vitest';
import { methodCacheEntry } from '../../checks/lib/caching.js';
import {
  effectiveMethodSetting,
  effectiveRouteSetting,
} from '../../src/snapshot/method-settings.js';
import type { RestStage, UsagePlan, V2Stage } from '../../src/snapshot/types.js';
import { restMethodThrottle, v2RouteThrottle } from '../../src/snapshot/throttling.js';

describe('effectiveMethodSetting: precedence is per field', () => {
  const stage: RestStage = {
    stageName: 'prod',
    methodSettings: {
      '*/*': { loggingLevel: 'ERROR', throttlingRateLimit: 100, cachingEnabled: true },
      '~1pets/*': { loggingLevel: 'OFF' },
      '~1pets~1{id}/GET': { loggingLevel: 'INFO', throttlingBurstLimit: 5 },
    },
  };
  const get = (path: string, verb: string, field: 'loggingLevel' | 'throttlingRateLimit') =>
    effectiveMethodSetting(stage, path, verb, field);

  it('takes the method override field when it is set', () => {
    expect(get('/pets/{id}', 'GET', 'loggingLevel')).toMatchObject({
      value: 'INFO',
      from: { key: '~1pets~1{id}/GET', path: '/pets/{id}', httpMethod: 'GET' },
    });
  });
  it('falls through an override that does not set the field to "*/*"', () => {
    expect(get('/pets/{id}', 'GET', 'throttlingRateLimit')).toMatchObject({
      value: 100,
      from: { key: '*/*' },
    });
  });
  it('prefers the path-wide override over "*/*", only for its own path', () => {
    expect(get('/pets', 'DELETE', 'loggingLevel')?.from.key).toBe('~1pets/*');
    expect(get('/pets/{id}', 'POST', 'loggingLevel')?.from.key).toBe('*/*');
  });
  it('is undefined (the AWS default) when no entry sets the field', () => {
    expect(effectiveMethodSetting(stage, '/pets', 'GET', 'cacheDataEncrypted')).toBeUndefined();
    expect(effectiveMethodSetting({ stageName: 's' }, '/', 'GET', 'loggingLevel')).toBeUndefined();
  });
  it('keeps false and 0, which are set values', () => {
    const s: RestStage = {
      stageName: 's',
      methodSettings: {
        '*/*': { metricsEnabled: true, cacheTtlInSeconds: 300 },
        '~1a/GET': { metricsEnabled: false, cacheTtlInSeconds: 0 },
      },
    };
    expect(effectiveMethodSetting(s, '/a', 'GET', 'metricsEnabled')?.value).toBe(false);
    expect(effectiveMethodSetting(s, '/a', 'GET', 'cacheTtlInSeconds')?.value).toBe(0);
  });
  it('lets the caching check inherit cachingEnabled through an override that sets only logging', () => {
    const s: RestStage = {
      stageName: 's',
      cacheClusterEnabled: true,
      methodSettings: {
        '*/*': { cachingEnabled: true },
        '~1a/GET': { loggingLevel: 'INFO' },
        '~1b/GET': { loggingLevel: 'INFO', cacheTtlInSeconds: 0 },
      },
    };
    expect(methodCacheEntry(s, '/a', 'GET')?.key).toBe('*/*');
    expect(methodCacheEntry(s, '/b', 'GET')).toBeUndefined();
  });
});

describe('effectiveRouteSetting', () => {
  const stage: V2Stage = {
    StageName: '$default',
    DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 20 },
    RouteSettings: { 'GET /a': { ThrottlingBurstLimit: 2 } },
  };
  it('takes the route field, else the default route settings field', () => {
    expect(effectiveRouteSetting(stage, 'GET /a', 'ThrottlingBurstLimit')).toEqual({
      value: 2,
      from: 'GET /a',
    });
    expect(effectiveRouteSetting(stage, 'GET /a', 'ThrottlingRateLimit')).toEqual({
      value: 50,
      from: 'DefaultRouteSettings',
    });
    expect(effectiveRouteSetting(stage, 'GET /a', 'LoggingLevel')).toBeUndefined();
  });
});

describe('restMethodThrottle: which limit governs a method, and from where', () => {
  const account = { throttleSettings: { rateLimit: 10000, burstLimit: 5000 } };
  const plans: UsagePlan[] = [
    {
      id: 'p1',
      name: 'gold',
      throttle: { rateLimit: 40, burstLimit: 10 },
      apiStages: [{ apiId: 'a', stage: 'prod', throttle: { '/pets/GET': { rateLimit: 7 } } }],
    },
    { id: 'p2', throttle: { rateLimit: 1 }, apiStages: [{ apiId: 'a', stage: 'prod' }] },
  ];
  const at = (stage: RestStage, path = '/pets', verb = 'GET') =>
    restMethodThrottle({ stage, apiId: 'a', path, httpMethod: verb, plans, account });

  it('method override beats "*/*", field by field', () => {
    const stage: RestStage = {
      stageName: 'prod',
      methodSettings: {
        '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 50 },
        '~1pets/GET': { throttlingRateLimit: 3 },
      },
    };
    expect(at(stage)).toEqual({
      where: 'GET /pets',
      source: 'methodSettings:~1pets/GET',
      rateLimit: 3,
      burstLimit: 50,
    });
    expect(at(stage, '/users')).toMatchObject({ source: 'methodSettings:*/*', rateLimit: 100 });
  });
  it('then the first plan: its per-method throttle, else its plan throttle', () => {
    const stage: RestStage = {
      stageName: 'prod',
      methodSettings: { '*/*': { loggingLevel: 'INFO' } },
    };
    expect(at(stage)).toEqual({
      where: 'usage plan gold /pets/GET',
      source: 'usagePlan:p1',
      rateLimit: 7,
    });
    expect(at(stage, '/pets', 'POST')).toEqual({
      where: 'usage plan gold',
      source: 'usagePlan:p1',
      rateLimit: 40,
      burstLimit: 10,
    });
  });
  it('then the account, and nothing when GetAccount gave no throttle', () => {
    const stage: RestStage = { stageName: 'dev' };
    expect(at(stage)).toEqual({
      where: 'account',
      source: 'account',
      rateLimit: 10000,
      burstLimit: 5000,
    });
    expect(
      restMethodThrottle({ stage, apiId: 'a', path: '/', httpMethod: 'GET', account: {} }),
    ).toBeUndefined();
  });
});

describe('v2RouteThrottle', () => {
  it('route settings, then default route settings, then the account', () => {
    const stage: V2Stage = {
      StageName: 'prod',
      DefaultRouteSettings: { ThrottlingRateLimit: 50 },
      RouteSettings: { 'GET /a': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 1 } },
    };
    const account = { throttleSettings: { rateLimit: 10000 } };
    expect(v2RouteThrottle({ stage, routeKey: 'GET /a', account })).toEqual({
      where: 'GET /a',
      source: 'RouteSettings:GET /a',
      rateLimit: 5,
      burstLimit: 1,
    });
    expect(v2RouteThrottle({ stage, routeKey: 'GET /b', account })).toEqual({
      where: 'DefaultRouteSettings',
      source: 'DefaultRouteSettings',
      rateLimit: 50,
    });
    expect(v2RouteThrottle({ stage: { StageName: 'x' }, routeKey: 'GET /b', account })).toEqual({
      where: 'account',
      source: 'account',
      rateLimit: 10000,
    });
  });
});
