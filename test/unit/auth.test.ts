import { describe, expect, it } from 'vitest';
import {
  assessVpcePolicy,
  coversWholeApi,
  isVpceControlledPrivateApi,
  reachesBackend,
  restAuthorizerTtl,
  restAuthorizersInUse,
  v2AuthorizerTtl,
  v2AuthorizersInUse,
  wildcardsEveryApi,
} from '../../checks/lib/auth.js';
import { restApi, v2Api } from '../helpers/snapshot.js';

const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allowVpce = {
  Sid: 'AllowVpce',
  Effect: 'Allow',
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: 'execute-api:/*',
  Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0abc' } },
};
const allowAll = {
  Sid: 'AllowAll',
  Effect: 'Allow',
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: 'execute-api:/*',
};
const denyOthers = {
  Sid: 'DenyOthers',
  Effect: 'Deny',
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: 'execute-api:/*',
  Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0abc' } },
};
const privateApi = (p?: string) =>
  restApi({ id: 'p1', endpointConfiguration: { types: ['PRIVATE'] }, ...(p ? { policy: p } : {}) });

describe('assessVpcePolicy', () => {
  it('no policy', () => expect(assessVpcePolicy(privateApi()).state).toBe('none'));
  it('unparsable policy', () =>
    expect(assessVpcePolicy(privateApi('{oops')).state).toBe('unparsable'));
  it('every Allow limited by aws:SourceVpce', () => {
    const v = assessVpcePolicy(privateApi(policy(allowVpce)));
    expect(v).toMatchObject({
      state: 'limited',
      limitedAllows: ['AllowVpce'],
      unlimitedAllows: [],
    });
  });
  it('aws:SourceVpc with StringLike and a set operator counts', () => {
    const st = {
      ...allowVpce,
      Condition: { 'ForAnyValue:StringLike': { 'aws:SourceVpc': 'vpc-0abc*' } },
    };
    expect(assessVpcePolicy(privateApi(policy(st))).state).toBe('limited');
  });
  it('a pattern that matches every VPC does not count', () => {
    const st = {
      ...allowVpce,
      Condition: { 'ForAnyValue:StringLike': { 'aws:SourceVpc': 'vpc-*' } },
    };
    expect(assessVpcePolicy(privateApi(policy(st))).state).toBe('unlimited');
  });
  it('IfExists does not limit', () => {
    const st = {
      ...allowVpce,
      Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } },
    };
    expect(assessVpcePolicy(privateApi(policy(st))).state).toBe('unlimited');
  });
  it('an unconditional Allow beside a limited one is not confined', () => {
    const v = assessVpcePolicy(privateApi(policy(allowVpce, allowAll)));
    expect(v).toMatchObject({ state: 'unlimited', unlimitedAllows: ['AllowAll'] });
  });
  it('a Deny for all other endpoints confines an open Allow', () => {
    const v = assessVpcePolicy(privateApi(policy(allowAll, denyOthers)));
    expect(v).toMatchObject({ state: 'limited', denyAllOthers: ['DenyOthers'] });
  });
  it('a Deny that covers only part of the API does not confine', () => {
    const partial = { ...denyOthers, Resource: 'execute-api:/prod/GET/admin' };
    expect(assessVpcePolicy(privateApi(policy(allowAll, partial))).state).toBe('unlimited');
  });
  it('a policy that allows nothing is not a VPCE policy', () => {
    expect(assessVpcePolicy(privateApi(policy(denyOthers))).state).toBe('unlimited');
  });
  it('reads the doubly escaped AWS form', () => {
    const escaped = policy(allowVpce).replace(/"/g, '\\"').replace(/\//g, '\\/');
    expect(assessVpcePolicy(privateApi(escaped)).state).toBe('limited');
  });
  it('isVpceControlledPrivateApi needs PRIVATE', () => {
    expect(isVpceControlledPrivateApi(privateApi(policy(allowVpce)))).toBe(true);
    expect(isVpceControlledPrivateApi(restApi({ id: 'r', policy: policy(allowVpce) }))).toBe(false);
  });
});

describe('coversWholeApi', () => {
  it.each([
    [[], true],
    [['*'], true],
    [['execute-api:/*'], true],
    [['execute-api:/*/*/*'], true],
    [['arn:aws:execute-api:eu-west-1:111122223333:abc123/*'], true],
    [['arn:aws:execute-api:eu-west-1:111122223333:abc123/*/*'], true],
    [['arn:aws:execute-api:eu-west-1:111122223333:*'], true],
    [['execute-api:/prod/GET/pets'], false],
    [['arn:aws:execute-api:eu-west-1:111122223333:abc123/prod/GET/*'], false],
  ])('%j -> %s', (resources, expected) => expect(coversWholeApi(resources)).toBe(expected));
});

describe('wildcardsEveryApi', () => {
  it.each([
    ['arn:aws:execute-api:eu-west-1:111122223333:abc123/*', false],
    ['arn:aws:execute-api:eu-west-1:111122223333:abc123/*/GET/orders', false],
    ['arn:aws:execute-api:*:111122223333:abc123/*', false],
    ['arn:aws:execute-api:eu-west-1:111122223333:*', true],
    ['arn:aws:execute-api:eu-west-1:111122223333:*/*', true],
    ['arn:aws:execute-api:eu-west-1:111122223333:*/*/*/*', true],
    ['arn:aws:execute-api:eu-west-1:*:abc123/*', true],
    ['arn:aws:execute-api:eu-west-1::abc123/*', true],
    ['*', true],
    ['arn:aws:s3:::bucket', true],
  ])('%s -> %s', (arn, expected) => expect(wildcardsEveryApi(arn)).toBe(expected));
});

describe('authorizers and integrations', () => {
  it('REST TTL defaults to 300 when unset; v2 to 0', () => {
    expect(restAuthorizerTtl({ id: 'a', type: 'TOKEN' })).toBe(300);
    expect(restAuthorizerTtl({ id: 'a', type: 'TOKEN', authorizerResultTtlInSeconds: 0 })).toBe(0);
    expect(v2AuthorizerTtl({ AuthorizerId: 'a' })).toBe(0);
    expect(v2AuthorizerTtl({ AuthorizerId: 'a', AuthorizerResultTtlInSeconds: 60 })).toBe(60);
  });
  it('MOCK does not reach a backend', () => {
    expect(reachesBackend('MOCK')).toBe(false);
    expect(reachesBackend('AWS_PROXY')).toBe(true);
    expect(reachesBackend(undefined)).toBe(false);
  });
  it('finds the authorizers in use', () => {
    const api = restApi({
      id: 'a',
      resources: [
        {
          id: 'r',
          path: '/x',
          resourceMethods: {
            GET: { authorizationType: 'CUSTOM', authorizerId: 'au1' },
            POST: { authorizationType: 'NONE', authorizerId: 'au2' },
          },
        },
      ],
    });
    expect([...restAuthorizersInUse(api)]).toEqual(['au1']);
    const v2 = v2Api({
      ApiId: 'h',
      routes: [
        { RouteId: '1', RouteKey: 'GET /a', AuthorizationType: 'JWT', AuthorizerId: 'j1' },
        { RouteId: '2', RouteKey: 'GET /b', AuthorizerId: 'j2' },
      ],
    });
    expect([...v2AuthorizersInUse(v2)]).toEqual(['j1']);
  });
});
