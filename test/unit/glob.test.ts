import { describe, expect, it } from 'vitest';
import { matchSuppression } from '../../src/engine/suppress.js';
import { matchesIamWildcard, matchesStarPattern } from '../../src/util/glob.js';

const stage = 'arn:aws:apigateway:eu-west-1::/restapis/abc123/stages/prod';

describe('matchesStarPattern (suppression resources, expectPrivate names)', () => {
  it.each([
    ['arn:aws:apigateway:*::/restapis/abc123/*', stage, true],
    ['*/stages/prod', stage, true],
    ['*', stage, true],
    [stage, stage, true],
    ['arn:aws:apigateway:*::/restapis/other/*', stage, false],
    ['*/stages/pro', stage, false],
    ['internal-*', 'internal-orders', true],
    ['internal-*', 'internal-a/b.c', true],
    ['*.admin', 'billing.admin', true],
    ['*.admin', 'billingXadmin', false],
    ['internal-*', 'public-orders', false],
  ])('%s ~ %s -> %s', (pattern, value, expected) =>
    expect(matchesStarPattern(pattern, value)).toBe(expected),
  );

  it('treats every character but * literally', () => {
    expect(matchesStarPattern('a?c', 'abc')).toBe(false);
    expect(matchesStarPattern('a?c', 'a?c')).toBe(true);
    expect(matchesStarPattern('/pets/{id}', '/pets/{id}')).toBe(true);
    expect(matchesStarPattern('/pets/{a,b}', '/pets/a')).toBe(false);
    expect(matchesStarPattern('x[1]', 'x1')).toBe(false);
    expect(matchesStarPattern('x[1]', 'x[1]')).toBe(true);
    expect(matchesStarPattern('!prod', 'dev')).toBe(false);
    expect(matchesStarPattern('@(a)', '@(a)')).toBe(true);
    expect(matchesStarPattern('a+b', 'a+b')).toBe(true);
    expect(matchesStarPattern('a\\b', 'a\\b')).toBe(true);
    expect(matchesStarPattern('.hidden*', '.hidden-api')).toBe(true);
    expect(matchesStarPattern('./orders', 'orders')).toBe(false);
    expect(matchesStarPattern('./orders*', './orders-v2')).toBe(true);
  });

  it('is case-sensitive and anchored at both ends', () => {
    expect(matchesStarPattern('Internal-*', 'internal-x')).toBe(false);
    expect(matchesStarPattern('orders', 'my-orders-api')).toBe(false);
    expect(matchesStarPattern('*orders*', 'my-orders-api')).toBe(true);
  });

  it('matches an empty value only with a pattern of stars', () => {
    expect(matchesStarPattern('*', '')).toBe(true);
    expect(matchesStarPattern('a*', '')).toBe(false);
  });
});

describe('matchesIamWildcard', () => {
  it('has ? for one character and ignores case by default', () => {
    expect(matchesIamWildcard('execute-api:Inv?ke', 'execute-api:Invoke')).toBe(true);
    expect(matchesIamWildcard('execute-api:Inv?ke', 'execute-api:Invooke')).toBe(false);
    expect(matchesIamWildcard('LAMBDA:*', 'lambda:InvokeFunction')).toBe(true);
    expect(matchesIamWildcard('LAMBDA:*', 'lambda:InvokeFunction', false)).toBe(false);
    expect(matchesIamWildcard('execute-api:{Invoke,x}', 'execute-api:Invoke')).toBe(false);
  });
});

describe('matchSuppression resource globs', () => {
  const finding = {
    checkId: 'stage-throttling',
    resource: {
      arn: stage,
      type: 'AWS::ApiGateway::Stage',
      name: 'prod',
      accountId: '111122223333',
      region: 'eu-west-1',
    },
  };
  const now = new Date('2026-12-01');
  it('matches an ARN glob across "/" and names the rule', () => {
    expect(
      matchSuppression(
        finding,
        [
          { checkId: '*', resource: 'arn:aws:apigateway:*::/restapis/zzz/*', reason: 'no' },
          { checkId: '*', resource: 'arn:aws:apigateway:*::/restapis/abc123/*', reason: 'yes' },
        ],
        now,
      ),
    ).toEqual({ reason: 'yes', rule: 1 });
  });
  it('does not let a "?" in the rule stand for a character', () => {
    expect(
      matchSuppression(
        finding,
        [
          {
            checkId: '*',
            resource: 'arn:aws:apigateway:eu-west-1::/restapis/abc12?/*',
            reason: 'x',
          },
        ],
        now,
      ),
    ).toBeUndefined();
  });
});

describe('empty patterns (an empty string in a policy or configuration)', () => {
  it('match only the empty value, and never throw', () => {
    expect(matchesIamWildcard('', '')).toBe(true);
    expect(matchesIamWildcard('', 'execute-api:Invoke')).toBe(false);
    expect(matchesStarPattern('', '')).toBe(true);
    expect(matchesStarPattern('', 'arn:aws:apigateway:eu-west-1::/restapis/a')).toBe(false);
  });
});
