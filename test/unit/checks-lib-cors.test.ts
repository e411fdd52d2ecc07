import { describe, expect, it } from 'vitest';
import {
  classifyOrigin,
  corsConditions,
  credentialsParameterTrue,
  parseOriginParameter,
} from '../../checks/lib/cors.js';

describe('checks/lib/cors', () => {
  it('classifies origins', () => {
    expect(classifyOrigin('*')).toBe('wildcard');
    expect(classifyOrigin('null')).toBe('null');
    expect(classifyOrigin('NULL')).toBe('null');
    expect(classifyOrigin('http://localhost:3000')).toBe('http');
    expect(classifyOrigin('https://app.example.com')).toBe('https');
  });

  it('parses REST response-parameter values', () => {
    expect(parseOriginParameter("'*'")).toEqual({ origin: '*', kind: 'wildcard' });
    expect(parseOriginParameter(" 'https://a.example' ")).toEqual({
      origin: 'https://a.example',
      kind: 'https',
    });
    expect(parseOriginParameter("'null'").kind).toBe('null');
    expect(parseOriginParameter('method.request.header.Origin').kind).toBe('reflected');
    expect(parseOriginParameter('method.request.header.origin').kind).toBe('reflected');
    expect(
      parseOriginParameter('integration.response.header.Access-Control-Allow-Origin').kind,
    ).toBe('dynamic');
    expect(parseOriginParameter('stageVariables.origin').kind).toBe('dynamic');
    expect(credentialsParameterTrue("'true'")).toBe(true);
    expect(credentialsParameterTrue("'TRUE'")).toBe(true);
    expect(credentialsParameterTrue("'false'")).toBe(false);
    expect(credentialsParameterTrue(undefined)).toBe(false);
  });

  const any = [{ origin: '*', kind: 'wildcard' as const }];
  it('does not flag a public API that allows any origin without credentials', () => {
    expect(corsConditions({ origins: any, allowCredentials: false, authorizedRoutes: [] })).toEqual(
      [],
    );
  });

  it('flags any origin with credentials (high) and with authorized routes (medium)', () => {
    expect(
      corsConditions({ origins: any, allowCredentials: true, authorizedRoutes: ['GET /me'] }).map(
        (c) => c.severity,
      ),
    ).toEqual(['high', 'medium']);
    expect(
      corsConditions({
        origins: [{ origin: 'method.request.header.Origin', kind: 'reflected' }],
        allowCredentials: true,
        authorizedRoutes: [],
      }),
    ).toEqual([
      { condition: 'any origin (reflected Origin) allowed with credentials', severity: 'high' },
    ]);
  });

  it('flags http and null origins whatever the authorization', () => {
    expect(
      corsConditions({
        origins: [
          { origin: 'http://a', kind: 'http' },
          { origin: 'http://a', kind: 'http' },
          { origin: 'null', kind: 'null' },
          { origin: 'https://ok', kind: 'https' },
        ],
        allowCredentials: false,
        authorizedRoutes: [],
      }),
    ).toEqual([
      { condition: 'plain-http origin(s) allowed: http://a', severity: 'medium' },
      { condition: 'the null origin is allowed', severity: 'medium' },
    ]);
  });
});
