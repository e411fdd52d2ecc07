import { describe, expect, it } from 'vitest';
import {
  redactCollected,
  redactCredentials,
  redactFreeText,
} from '../../src/snapshot/redact-text.js';

const KEY = 'AKIAZ7Q4SECRETLEAK01';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZWFrIn0.c2lnbmF0dXJlLWxlYWs';
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----';
const TOKEN = 'q8Zr2LmX9vT4kPw7Ns3Jb6Hy';

describe('redactCredentials: credential-shaped values, wherever they are', () => {
  it('replaces each by its length, keeping the text around it', () => {
    expect(redactCredentials(`key ${KEY} here`)).toBe(
      'key [apigw-audit redacted: aws-access-key-id; 20 chars] here',
    );
    expect(redactCredentials(`Bearer ${JWT}`)).toBe(
      `Bearer [apigw-audit redacted: jwt; ${JWT.length} chars]`,
    );
    expect(redactCredentials(`a ${PEM} b`)).toBe(
      `a [apigw-audit redacted: pem-block; ${PEM.length} chars] b`,
    );
  });

  it('keeps the scheme and host of a URL carrying credentials (checks read them)', () => {
    expect(redactCredentials('https://svc:Pa55w0rd@db.example/x?y=1')).toBe(
      'https://[redacted]@db.example/x?y=1',
    );
    expect(redactCredentials('http://user@host.example')).toBe('http://[redacted]@host.example');
    expect(redactCredentials('ssh://git@host.example/repo')).toBe('ssh://git@host.example/repo');
  });

  it('leaves ARNs, ids, hostnames, digests and random-looking ids alone', () => {
    for (const s of [
      'arn:aws:lambda:eu-west-1:123456789012:function:orders',
      'a1b2c3d4e5',
      'api.example.com',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      TOKEN,
      'alice@example.com',
    ])
      expect(redactCredentials(s), s).toBe(s);
  });
});

describe('redactFreeText: also long random-looking tokens', () => {
  it('inside sentences and dotted expressions', () => {
    expect(redactFreeText(`rotate ${TOKEN} monthly`)).toBe(
      'rotate [apigw-audit redacted: high-entropy; 24 chars] monthly',
    );
    expect(redactFreeText(`method.request.querystring.${TOKEN}`)).toBe(
      'method.request.querystring.[apigw-audit redacted: high-entropy; 24 chars]',
    );
  });

  it('not words, paths, UUIDs or hex', () => {
    for (const s of [
      'Orders API for the mobile application backend',
      '/v1/orders/items/list/everything',
      'method.request.header.Authorization',
      '6f1c2a9e-1b2c-4d5e-8f90-123456789abc',
      'deadbeefdeadbeefdeadbeefdeadbeef',
    ])
      expect(redactFreeText(s), s).toBe(s);
  });
});

describe('redactCollected: a region as the collectors assembled it', () => {
  const region = {
    region: 'eu-west-1',
    restApis: [
      {
        id: 'a1b2c3d4e5',
        name: 'orders',
        description: `deploy key ${KEY}, token ${TOKEN}`,
        tags: { owner: 'platform', ci: TOKEN },
        policy: `{"Condition":{"StringEquals":{"aws:PrincipalTag/key":"${KEY}"}}}`,
        stages: [
          {
            stageName: 'prod',
            variables: { region: 'eu-west-1' },
            canarySettings: {
              percentTraffic: 10,
              stageVariableOverrides: { dbPassword: 'correct-horse', region: 'us-east-1' },
            },
          },
        ],
        authorizers: [{ id: 'x1', identitySource: `method.request.querystring.${TOKEN}` }],
      },
    ],
    v2Apis: [{ ApiId: 'b1', Description: JWT, routes: [{ OperationName: `op-${TOKEN}` }] }],
  };

  it('redacts credentials in any field, tokens in free text, canary overrides as variables', () => {
    const r = redactCollected(region);
    const api = r.restApis[0]!;
    expect(api.description).toBe(
      'deploy key [apigw-audit redacted: aws-access-key-id; 20 chars], token [apigw-audit redacted: high-entropy; 24 chars]',
    );
    expect(api.tags).toEqual({
      owner: 'platform',
      ci: '[apigw-audit redacted: high-entropy; 24 chars]',
    });
    expect(api.policy).not.toContain(KEY);
    expect(api.stages[0]!.canarySettings.stageVariableOverrides).toEqual({
      dbPassword: '[apigw-audit redacted: name; 13 chars]',
      region: 'us-east-1',
    });
    expect(api.authorizers[0]!.identitySource).not.toContain(TOKEN);
    expect(r.v2Apis[0]!.Description).toBe(`[apigw-audit redacted: jwt; ${JWT.length} chars]`);
    expect(r.v2Apis[0]!.routes[0]!.OperationName).not.toContain(TOKEN);
    // Everything else is as collected, and the input is not modified.
    expect(api.id).toBe('a1b2c3d4e5');
    expect(api.stages[0]!.variables).toEqual({ region: 'eu-west-1' });
    expect(region.restApis[0]!.description).toContain(KEY);
  });

  it('is idempotent: a saved snapshot collected again stays the same', () => {
    const once = redactCollected(region);
    expect(redactCollected(once)).toEqual(once);
  });
});
