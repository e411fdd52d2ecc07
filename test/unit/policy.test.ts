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
} from '../../checks/lib/policy.js';
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
