import { describe, expect, it } from 'vitest';
import {
  findSecrets,
  looksHighEntropy,
  nameWords,
  redact,
  secretName,
  secretReasons,
  shannonEntropy,
} from '../../src/snapshot/secrets.js';

/** Random-looking base62 strings, generated deterministically. */
function pseudoRandom(length: number, seed: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

describe('secret names', () => {
  it('splits names into words', () => {
    expect(nameWords('clientSecret')).toEqual(['client', 'secret']);
    expect(nameWords('DB_PASSWORD')).toEqual(['db', 'password']);
    expect(nameWords('APIKey.v2')).toEqual(['api', 'key', 'v2']);
  });

  it.each([
    ['dbPassword', 'password'],
    ['DB_PASSWD', 'passwd'],
    ['apiKey', 'api key'],
    ['api_key', 'api key'],
    ['APIKEY', 'apikey'],
    ['x-api-key', 'api key'],
    ['private_key', 'private key'],
    ['clientSecret', 'client secret'],
    ['stripeToken', 'token'],
    ['basicAuth', 'auth'],
    ['serviceCredentials', 'credentials'],
  ])('%s is a secret name (%s)', (name, word) => {
    expect(secretName(name)).toBe(word);
  });

  it.each([
    'secretArn',
    'secretName',
    'secretId',
    'dbPasswordParameterName',
    'tokenUrl',
    'tokenEndpoint',
    'tokenTtl',
    'authType',
    'authHeader',
    'authMode',
    'tokenIssuer',
    'AUTH_SCOPES',
    'authorizerName',
    'author',
    'cacheKey',
    'lambdaAlias',
  ])('%s is not', (name) => {
    expect(secretName(name)).toBeUndefined();
  });
});

describe('secret values', () => {
  it('recognises access key IDs, JWTs, PEM blocks and URL credentials', () => {
    expect(secretReasons('x', 'AKIAIOSFODNN7EXAMPLE')).toEqual(['aws-access-key-id']);
    expect(secretReasons('x', 'key=ASIAIOSFODNN7EXAMPLE;')).toEqual(['aws-access-key-id']);
    expect(secretReasons('x', 'AKIAIOSFODNN7EXAMPLEX')).toEqual([]); // 17 characters after AKIA
    expect(
      secretReasons('x', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl'),
    ).toEqual(['jwt']);
    expect(secretReasons('x', '-----BEGIN PRIVATE KEY-----\nMIIB')).toEqual(['pem-block']);
    expect(secretReasons('x', 'https://user:pw@example.com/')).toEqual(['url-credentials']);
    expect(secretReasons('x', 'https://example.com/cb?client_secret=abc123')).toEqual([
      'url-credentials',
    ]);
  });

  it('does not flag ordinary values', () => {
    for (const v of [
      'prod',
      'https://example.com/v1?page=2&token=',
      'https://example.com/v1',
      'arn:aws:lambda:eu-west-1:111122223333:function:orders:live',
      'abc123def456.execute-api.eu-west-1.amazonaws.com',
      '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      'd41d8cd98f00b204e9800998ecf8427e',
      'D41D8CD98F00B204E9800998ECF8427E0A1B2C3D',
      'orders-stack-OrdersFunction-1QZ7XK9WJ3ABC',
      'OrdersReportingTableProduction2024',
      'prod_orders_backend_v2_eu_west_1',
      'orders/v1/items/list-2024-final',
      'ordersServiceProductionTable',
    ]) {
      expect(secretReasons('value', v), v).toEqual([]);
    }
  });

  it('a secret name with a reference, boolean or number as its value is not flagged', () => {
    for (const v of [
      '',
      'arn:aws:secretsmanager:eu-west-1:111122223333:secret:x',
      '{{resolve:ssm-secure:/prod/db}}',
      '/prod/db/password',
      'true',
      '42',
    ]) {
      expect(secretReasons('dbPassword', v), v).toEqual([]);
    }
    expect(secretReasons('dbPassword', 'hunter2')).toEqual(['name']);
  });

  it('flags long random strings at the documented thresholds', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(looksHighEntropy('Zq8Xv2LmN4pR7tY1wB5kC9dF3gH6jS0a')).toBe(true);
    expect(looksHighEntropy('sk_live_4eC39HqLyjWDarjtT1zdp7dc')).toBe(true);
    expect(looksHighEntropy('Zq8Xv2LmN4pR7tY1wB5')).toBe(false); // 19 characters
    let hits = 0;
    for (let seed = 1; seed <= 200; seed++) if (looksHighEntropy(pseudoRandom(32, seed))) hits++;
    expect(hits).toBeGreaterThan(180);
  });

  it('redacts to a length only', () => {
    expect(redact('hunter2')).toBe('[redacted: 7 chars]');
    expect(redact(undefined)).toBe('[redacted: 0 chars]');
    expect(findSecrets({ b: 'prod', a: 'AKIAIOSFODNN7EXAMPLE' })).toEqual([
      { name: 'a', reasons: ['aws-access-key-id'], value: '[redacted: 20 chars]' },
    ]);
    expect(findSecrets(undefined)).toEqual([]);
  });
});

describe('redaction at collection time', () => {
  it('replaces secret-looking values and keeps the others', async () => {
    const { redactVariables, findSecrets } = await import('../../src/snapshot/secrets.js');
    const jwt =
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const out = redactVariables({
      dbPassword: 'hunter2-hunter2',
      backendHost: 'api.example.com',
      t: jwt,
    })!;
    expect(out.backendHost).toBe('api.example.com');
    expect(JSON.stringify(out)).not.toContain('hunter2');
    expect(JSON.stringify(out)).not.toContain(jwt.slice(0, 20));
    // The check reads the markers as it would have read the values.
    expect(findSecrets(out)).toEqual([
      { name: 'dbPassword', reasons: ['name'], value: '[redacted: 15 chars]' },
      { name: 't', reasons: ['jwt'], value: `[redacted: ${jwt.length} chars]` },
    ]);
    // Redacting twice changes nothing.
    expect(redactVariables(out)).toEqual(out);
  });
});
