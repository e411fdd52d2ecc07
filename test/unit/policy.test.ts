import { describe, expect, it } from 'vitest';
import {
  conditionsOn,
  hasServicePrincipal,
  isAnyonePrincipal,
  isNegatedOperator,
  isPositiveOperator,
  normalizePrincipal,
  parseOperator,
  parsePolicy,
  principalAccount,
  statementCoversAction,
  statementLabel,
  unescapeOnce,
  type ConditionClause,
} from '../../checks/lib/policy.js';
import {
  judgeAllow,
  judgeAllowClause,
  judgeDeny,
  judgeDenyClause,
  type Narrowing,
} from '../../checks/lib/conditions.js';
import { matchesIamWildcard } from '../../src/util/glob.js';

const doc = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*',
      Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
    },
  ],
};

function ok(raw: string | null | undefined) {
  const p = parsePolicy(raw);
  if (!p || !p.ok) throw new Error(`not parsed: ${JSON.stringify(p)}`);
  return p;
}

describe('parsePolicy', () => {
  it('returns undefined for no policy', () => {
    expect(parsePolicy(undefined)).toBeUndefined();
    expect(parsePolicy(null)).toBeUndefined();
    expect(parsePolicy('  ')).toBeUndefined();
  });

  it('parses a plain policy (moto)', () => {
    const p = ok(JSON.stringify(doc));
    expect(p.statements).toHaveLength(1);
    expect(p.statements[0]!.effect).toBe('Allow');
  });

  it('parses the doubly escaped form real AWS returns for RestApi.policy', () => {
    // What GetRestApis returns after JSON decoding of the response: quotes and slashes escaped.
    const awsForm = JSON.stringify(doc).replace(/"/g, '\\"').replace(/\//g, '\\/');
    expect(awsForm).toContain('\\"Statement\\"');
    const p = ok(awsForm);
    expect(p.statements[0]!.resources).toEqual(['execute-api:/*']);
    expect(p.statements[0]!.conditions[0]!.values).toEqual(['vpce-1']);
  });

  it('parses a policy stored as a JSON string inside JSON', () => {
    const p = ok(JSON.stringify(JSON.stringify(doc)));
    expect(p.statements).toHaveLength(1);
  });

  it('reports what it cannot parse instead of throwing', () => {
    const p = parsePolicy('{"Statement": [');
    expect(p && !p.ok && p.error).toBeTruthy();
    const arr = parsePolicy('[1,2]');
    expect(arr && !arr.ok).toBe(true);
  });

  it('unescapes one level only', () => {
    expect(unescapeOnce('{\\"a\\":\\"x\\/y\\\\z\\"}')).toBe('{"a":"x/y\\z"}');
  });

  it('normalizes a single Statement object and string fields to arrays', () => {
    const p = ok(
      JSON.stringify({
        Statement: {
          Sid: 'One',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          NotAction: 'iam:*',
          Resource: '*',
        },
      }),
    );
    const s = p.statements[0]!;
    expect(s).toMatchObject({
      index: 0,
      sid: 'One',
      effect: 'Deny',
      notActions: ['iam:*'],
      actions: [],
    });
    expect(s.principal!.anyone).toBe(true);
    expect(statementLabel(s)).toBe('One');
  });

  it('labels statements without Sid by position and skips non-objects', () => {
    const p = ok(JSON.stringify({ Statement: [null, 'x', { Effect: 'Allow', Action: '*' }] }));
    expect(p.statements).toHaveLength(1);
    expect(statementLabel(p.statements[0]!)).toBe('Statement[0]');
  });

  it('keeps NotPrincipal apart and counts it as everyone-but', () => {
    const p = ok(
      JSON.stringify({
        Statement: [
          { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: '*' },
        ],
      }),
    );
    const s = p.statements[0]!;
    expect(s.principal).toBeUndefined();
    expect(s.notPrincipal!.aws).toEqual(['arn:aws:iam::111122223333:root']);
    expect(isAnyonePrincipal(s)).toBe(true);
  });
});

describe('principals', () => {
  it('reads "*", {AWS: "*"}, AWS lists, Service, Federated, CanonicalUser', () => {
    expect(normalizePrincipal('*').anyone).toBe(true);
    expect(normalizePrincipal({ AWS: '*' }).anyone).toBe(true);
    expect(normalizePrincipal({ AWS: ['*', '123456789012'] })).toMatchObject({
      anyone: true,
      aws: ['123456789012'],
    });
    const p = normalizePrincipal({
      aws: 'arn:aws:iam::111122223333:role/x',
      Service: ['apigateway.amazonaws.com'],
      Federated: 'cognito-identity.amazonaws.com',
      CanonicalUser: 'abc',
    });
    expect(p).toEqual({
      anyone: false,
      aws: ['arn:aws:iam::111122223333:role/x'],
      service: ['apigateway.amazonaws.com'],
      federated: ['cognito-identity.amazonaws.com'],
      canonicalUser: ['abc'],
    });
    expect(normalizePrincipal(undefined).anyone).toBe(false);
  });

  it('finds service principals case-insensitively', () => {
    const p = ok(
      JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'APIGateway.amazonaws.com' },
            Action: 'lambda:InvokeFunction',
          },
        ],
      }),
    );
    expect(hasServicePrincipal(p.statements[0]!, 'apigateway.amazonaws.com')).toBe(true);
    expect(isAnyonePrincipal(p.statements[0]!)).toBe(false);
  });

  it('extracts the account of an AWS principal', () => {
    expect(principalAccount('123456789012')).toBe('123456789012');
    expect(principalAccount('arn:aws:iam::123456789012:root')).toBe('123456789012');
    expect(principalAccount('arn:aws-cn:iam::123456789012:role/a')).toBe('123456789012');
    expect(principalAccount('arn:aws:sts::123456789012:assumed-role/a/b')).toBe('123456789012');
    expect(principalAccount('AROAEXAMPLEID')).toBeUndefined();
  });
});

describe('actions', () => {
  it('matches IAM wildcards case-insensitively', () => {
    expect(matchesIamWildcard('execute-api:*', 'execute-api:Invoke')).toBe(true);
    expect(matchesIamWildcard('*', 'execute-api:Invoke')).toBe(true);
    expect(matchesIamWildcard('EXECUTE-API:invoke', 'execute-api:Invoke')).toBe(true);
    expect(matchesIamWildcard('execute-api:Inv?ke', 'execute-api:Invoke')).toBe(true);
    expect(matchesIamWildcard('execute-api:ManageConnections', 'execute-api:Invoke')).toBe(false);
    expect(matchesIamWildcard('lambda:Invoke*', 'lambda:InvokeFunction')).toBe(true);
    expect(matchesIamWildcard('a.b', 'aXb')).toBe(false);
  });

  it('honours Action and NotAction', () => {
    const [allow, notAction] = ok(
      JSON.stringify({
        Statement: [
          { Effect: 'Allow', Action: ['s3:GetObject', 'execute-api:*'] },
          { Effect: 'Allow', NotAction: 'execute-api:ManageConnections' },
        ],
      }),
    ).statements;
    expect(statementCoversAction(allow!, 'execute-api:Invoke')).toBe(true);
    expect(statementCoversAction(notAction!, 'execute-api:Invoke')).toBe(true);
    expect(statementCoversAction(notAction!, 'execute-api:ManageConnections')).toBe(false);
  });
});

describe('conditions', () => {
  it('splits set operators and IfExists from the base operator', () => {
    expect(parseOperator('StringEquals')).toEqual({ operator: 'StringEquals', ifExists: false });
    expect(parseOperator('ForAnyValue:StringLike')).toEqual({
      operator: 'StringLike',
      setOperator: 'ForAnyValue',
      ifExists: false,
    });
    expect(parseOperator('forallvalues:StringNotEqualsIfExists')).toEqual({
      operator: 'StringNotEquals',
      setOperator: 'ForAllValues',
      ifExists: true,
    });
    expect(parseOperator('ArnLikeIfExists')).toEqual({ operator: 'ArnLike', ifExists: true });
  });

  it('lower-cases condition keys so AWS:SourceArn and aws:SourceArn are one key', () => {
    const s = ok(
      JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Action: '*',
            Condition: {
              ArnLike: { 'AWS:SourceArn': 'arn:aws:execute-api:eu-west-1:111122223333:abc/*' },
              StringEquals: {
                'aws:SourceAccount': '111122223333',
                'aws:PrincipalOrgID': ['o-1', 'o-2'],
              },
              IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
              'ForAnyValue:StringEquals': { 'aws:SourceVpc': 'vpc-1' },
            },
          },
        ],
      }),
    ).statements[0]!;
    expect(conditionsOn(s, 'aws:SourceArn')[0]).toMatchObject({
      operator: 'ArnLike',
      key: 'aws:sourcearn',
    });
    expect(conditionsOn(s, 'AWS:SOURCEACCOUNT')[0]!.values).toEqual(['111122223333']);
    expect(conditionsOn(s, 'aws:PrincipalOrgID')[0]!.values).toEqual(['o-1', 'o-2']);
    expect(conditionsOn(s, 'aws:SourceIp')[0]!.operator).toBe('IpAddress');
    expect(conditionsOn(s, 'aws:SourceVpc')[0]!.setOperator).toBe('ForAnyValue');
    expect(conditionsOn(s, 'aws:SourceVpce')).toEqual([]);
  });

  it('classifies negated and positive operators', () => {
    for (const op of [
      'StringNotEquals',
      'StringNotLike',
      'ArnNotLike',
      'NotIpAddress',
      'ArnNotEquals',
    ])
      expect(isNegatedOperator({ operator: op }), op).toBe(true);
    for (const op of ['StringEquals', 'StringLike', 'ArnLike', 'ArnEquals', 'IpAddress'])
      expect(isPositiveOperator({ operator: op }), op).toBe(true);
    expect(isPositiveOperator({ operator: 'Null' })).toBe(false);
    expect(isPositiveOperator({ operator: 'StringNotEquals' })).toBe(false);
  });

  it('ignores a malformed Condition', () => {
    const s = ok(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Condition: 'x' }] }))
      .statements[0]!;
    expect(s.conditions).toEqual([]);
  });
});

describe('what a condition admits', () => {
  const clause = (raw: string, key: string, values: string | string[]): ConditionClause => ({
    raw,
    ...parseOperator(raw),
    key: key.toLowerCase(),
    values: ([] as string[]).concat(values),
  });
  // [operator, key, values, judgement in an Allow, judgement in a Deny for everyone]
  const table: Array<[string, string, string | string[], Narrowing, Narrowing]> = [
    ['StringEquals', 'aws:SourceVpce', 'vpce-1', 'narrows', 'nothing'],
    ['StringNotEquals', 'aws:SourceVpce', 'vpce-1', 'nothing', 'narrows'],
    ['StringNotEqualsIfExists', 'aws:SourceVpce', 'vpce-1', 'nothing', 'narrows'],
    ['StringEqualsIfExists', 'aws:SourceVpce', 'vpce-1', 'nothing', 'nothing'],
    ['StringLike', 'aws:SourceVpce', '*', 'nothing', 'nothing'],
    ['StringLike', 'aws:SourceVpce', 'vpce-*', 'nothing', 'nothing'],
    ['StringNotLike', 'aws:SourceVpce', 'vpce-*', 'nothing', 'nothing'],
    ['StringLike', 'aws:SourceVpce', 'vpce-0abc*', 'narrows', 'nothing'],
    ['StringNotLike', 'aws:SourceVpce', 'vpce-0abc*', 'nothing', 'narrows'],
    // StringEquals compares literally: "*" is no wildcard there and matches no endpoint.
    ['StringEquals', 'aws:SourceVpce', '*', 'narrows', 'nothing'],
    ['StringEquals', 'aws:SourceVpc', 'vpc-1', 'narrows', 'nothing'],
    ['IpAddress', 'aws:SourceIp', '203.0.113.0/24', 'narrows', 'nothing'],
    ['IpAddress', 'aws:SourceIp', ['203.0.113.0/24', '0.0.0.0/0'], 'nothing', 'nothing'],
    ['IpAddress', 'aws:SourceIp', '::/0', 'nothing', 'nothing'],
    ['IpAddress', 'aws:SourceIp', '10.0.0.0/0', 'nothing', 'nothing'],
    ['NotIpAddress', 'aws:SourceIp', '203.0.113.0/24', 'nothing', 'narrows'],
    ['NotIpAddress', 'aws:SourceIp', '0.0.0.0/0', 'nothing', 'nothing'],
    ['IpAddress', 'aws:VpcSourceIp', '10.0.0.0/16', 'narrows', 'nothing'],
    ['StringEquals', 'aws:PrincipalOrgID', 'o-abc', 'narrows', 'nothing'],
    ['StringLike', 'aws:PrincipalOrgID', 'o-*', 'nothing', 'nothing'],
    ['ForAnyValue:StringEquals', 'aws:PrincipalOrgID', 'o-abc', 'narrows', 'nothing'],
    // On a single-valued key, ForAllValues holds for a request without the key.
    ['ForAllValues:StringEquals', 'aws:PrincipalOrgID', 'o-abc', 'nothing', 'nothing'],
    ['ForAnyValue:StringNotEquals', 'aws:PrincipalOrgID', 'o-abc', 'nothing', 'nothing'],
    ['ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', 'o-abc/r-1/ou-2/*', 'narrows', 'nothing'],
    ['ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', 'o-*', 'nothing', 'nothing'],
    ['StringEquals', 'aws:PrincipalAccount', '111122223333', 'narrows', 'nothing'],
    ['StringLike', 'aws:PrincipalAccount', '*', 'nothing', 'nothing'],
    ['ArnEquals', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/r', 'narrows', 'nothing'],
    ['ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/*', 'narrows', 'nothing'],
    ['ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/deploy', 'nothing', 'nothing'],
    ['ArnNotEquals', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/r', 'nothing', 'narrows'],
    ['StringEquals', 'aws:username', 'alice', 'narrows', 'nothing'],
    ['StringLike', 'aws:userid', 'AROAEXAMPLE:*', 'narrows', 'nothing'],
    [
      'ArnEquals',
      'aws:SourceArn',
      'arn:aws:events:eu-west-1:111122223333:rule/r',
      'narrows',
      'nothing',
    ],
    ['ArnLike', 'aws:SourceArn', 'arn:aws:events:eu-west-1:*:rule/r', 'nothing', 'nothing'],
    ['StringEquals', 'aws:SourceAccount', '111122223333', 'narrows', 'nothing'],
    ['Bool', 'aws:SecureTransport', 'true', 'nothing', 'nothing'],
    // Every execute-api call is over TLS: "false" admits no one (and a Deny on it keeps out no one).
    ['Bool', 'aws:SecureTransport', 'false', 'narrows', 'nothing'],
    ['DateGreaterThan', 'aws:CurrentTime', '2026-01-01T00:00:00Z', 'nothing', 'nothing'],
    ['NumericLessThan', 'aws:EpochTime', '1900000000', 'nothing', 'nothing'],
    ['StringEquals', 'aws:UserAgent', 'app', 'nothing', 'nothing'],
    ['StringNotEquals', 'aws:UserAgent', 'app', 'nothing', 'nothing'],
    ['StringLike', 'aws:Referer', 'https://shop.example/*', 'nothing', 'nothing'],
    ['StringEquals', 'aws:RequestTag/team', 'blue', 'nothing', 'nothing'],
    ['ForAllValues:StringEquals', 'aws:TagKeys', 'team', 'nothing', 'nothing'],
    ['StringEquals', 'app:client', 'mobile', 'nothing', 'nothing'],
    ['Null', 'aws:SourceVpce', 'false', 'nothing', 'nothing'],
    ['Null', 'aws:SourceVpce', 'true', 'nothing', 'nothing'],
    ['Bool', 'aws:MultiFactorAuthPresent', 'true', 'unjudged', 'unjudged'],
    ['StringEquals', 'aws:PrincipalTag/team', 'blue', 'unjudged', 'unjudged'],
    ['NumericLessThan', 'aws:SourceVpce', '3', 'unjudged', 'nothing'],
  ];
  for (const [op, key, values, allow, deny] of table) {
    it(`${op} ${key} ${JSON.stringify(values)}: Allow ${allow}, Deny ${deny}`, () => {
      const c = clause(op, key, values);
      expect(judgeAllowClause(c).judgement).toBe(allow);
      expect(judgeDenyClause(c).judgement).toBe(deny);
      expect(judgeAllowClause(c).reason).not.toBe('');
    });
  }

  const stmt = (effect: 'Allow' | 'Deny', Condition: object) =>
    ok(
      JSON.stringify({
        Statement: [{ Effect: effect, Principal: '*', Action: 'execute-api:Invoke', Condition }],
      }),
    ).statements[0]!;

  it('an Allow narrows when one clause does (clauses are ANDed)', () => {
    const st = stmt('Allow', {
      Bool: { 'aws:SecureTransport': 'true' },
      StringEquals: { 'aws:SourceVpce': 'vpce-1', 'aws:UserAgent': 'x' },
    });
    expect(judgeAllow(st).judgement).toBe('narrows');
    // Asked only about VPC keys, the UserAgent and TLS clauses count for nothing.
    expect(judgeAllow(st, ['aws:sourcevpc']).judgement).toBe('nothing');
  });

  it('an Allow with only clauses that narrow nothing narrows nothing; an unknown key leaves it unjudged', () => {
    expect(judgeAllow(stmt('Allow', { Bool: { 'aws:SecureTransport': 'true' } })).judgement).toBe(
      'nothing',
    );
    expect(
      judgeAllow(
        stmt('Allow', {
          Bool: { 'aws:SecureTransport': 'true', 'aws:MultiFactorAuthPresent': 'true' },
        }),
      ).judgement,
    ).toBe('unjudged');
    expect(judgeAllow(stmt('Allow', {})).judgement).toBe('nothing');
  });

  it('a Deny confines only when the caller can escape no clause but by the named network', () => {
    expect(
      judgeDeny(stmt('Deny', { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } })).judgement,
    ).toBe('narrows');
    expect(
      judgeDeny(
        stmt('Deny', { StringNotEquals: { 'aws:SourceVpce': 'vpce-1', 'aws:UserAgent': 'x' } }),
      ).judgement,
    ).toBe('nothing');
    expect(
      judgeDeny(stmt('Deny', { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }), ['aws:sourceip'])
        .judgement,
    ).toBe('nothing');
    expect(judgeDeny(stmt('Deny', {})).judgement).toBe('nothing');
  });
});
