import { describe, expect, it } from 'vitest';
import {
  isHttpIntegrationType,
  isVpcLink,
  resolveStageVariables,
  restHttpIntegrations,
  schemesByStage,
  uriScheme,
} from '../../checks/lib/integrations.js';
import { restApi } from '../helpers/snapshot.js';

describe('checks/lib/integrations', () => {
  it('recognises HTTP integration types and VPC links', () => {
    expect(isHttpIntegrationType('HTTP')).toBe(true);
    expect(isHttpIntegrationType('http_proxy')).toBe(true);
    expect(isHttpIntegrationType('AWS_PROXY')).toBe(false);
    expect(isHttpIntegrationType(undefined)).toBe(false);
    expect(isVpcLink('VPC_LINK')).toBe(true);
    expect(isVpcLink('INTERNET')).toBe(false);
    expect(isVpcLink(undefined)).toBe(false);
  });

  it('reads the scheme of a URI', () => {
    expect(uriScheme('https://a.example/x')).toBe('https');
    expect(uriScheme(' HTTP://a.example')).toBe('http');
    expect(uriScheme('http://${stageVariables.host}/x')).toBe('http');
    expect(uriScheme('${stageVariables.url}/x')).toBe('variable');
    expect(uriScheme('arn:aws:elasticloadbalancing:...')).toBe('other');
    expect(uriScheme(undefined)).toBe('other');
  });

  it('resolves stage variables, and says when one is missing', () => {
    expect(
      resolveStageVariables('${stageVariables.a}/x/${stageVariables.b}', {
        a: 'https://h',
        b: 'y',
      }),
    ).toBe('https://h/x/y');
    expect(resolveStageVariables('${stageVariables.a}/x', {})).toBeUndefined();
    expect(resolveStageVariables('https://plain', undefined)).toBe('https://plain');
    expect(
      schemesByStage('${stageVariables.u}/p', [
        { name: 'prod', variables: { u: 'https://p' } },
        { name: 'dev', variables: { u: 'http://d' } },
        { name: 'qa' },
      ]),
    ).toEqual({ prod: 'https', dev: 'http', qa: 'unresolved' });
  });

  it('lists the HTTP integrations of a REST API, sorted', () => {
    const api = restApi({
      id: 'a',
      resources: [
        {
          id: '1',
          path: '/b',
          resourceMethods: {
            POST: { methodIntegration: { type: 'HTTP', uri: 'https://b' } },
            GET: { methodIntegration: { type: 'AWS_PROXY' } },
          },
        },
        {
          id: '2',
          path: '/a',
          resourceMethods: { GET: { methodIntegration: { type: 'HTTP_PROXY' } } },
        },
        { id: '3', path: '/c', resourceMethods: { GET: {} } },
      ],
    });
    expect(restHttpIntegrations(api).map((h) => h.method)).toEqual(['GET /a', 'POST /b']);
    expect(restHttpIntegrations(restApi({ id: 'x', resources: undefined }))).toEqual([]);
  });
});
