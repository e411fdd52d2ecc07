/**
 * The declarative seeding layer (seed/spec.ts) that the demo account and the benchmark fixtures
 * are written in: names resolved to moto's ids, parents created before children, the one-call
 * OpenAPI import, concurrent seeding, and what the bench counts matching what a scan finds.
 */
import { describe, expect, it } from 'vitest';
import { unpaced } from '../../src/collect/pacing.js';
import { collectSnapshot } from '../../src/collect/scan.js';
import {
  FIXTURES,
  fixtureAccount,
  seedFixture,
  snapshotCounts,
  specCounts,
} from '../../bench/fixtures/generate.js';
import { seedAccount, seedRegion, type RegionSpec } from '../helpers/seed.js';
import { useMoto } from '../helpers/moto.js';

const moto = useMoto();
const scan = (regions: string[]) =>
  collectSnapshot({ clients: moto.clients, regions, pacer: unpaced() });

describe('seeding an account from a spec', () => {
  it('resolves names to ids and creates missing parent resources', async () => {
    const spec: RegionSpec = {
      restApis: [
        {
          name: 'orders',
          authorizers: [
            {
              name: 'tokens',
              type: 'TOKEN',
              authorizerUri: 'arn:aws:apigateway:eu-west-1:lambda:path/fn',
            },
          ],
          validators: [{ name: 'body', body: true, params: false }],
          resources: {
            '/orders/{id}/items': {
              POST: {
                auth: 'CUSTOM',
                authorizer: 'tokens',
                validator: 'body',
                integration: { type: 'MOCK' },
              },
            },
          },
          stages: [
            { name: 'prod', settings: { '/*/*/logging/loglevel': 'ERROR' } },
            { name: 'dev' },
          ],
        },
      ],
      v2Apis: [
        {
          name: 'bff',
          protocol: 'HTTP',
          integrations: {
            web: {
              IntegrationType: 'HTTP_PROXY',
              IntegrationMethod: 'GET',
              IntegrationUri: 'https://example.com',
            },
          },
          authorizers: [
            {
              Name: 'jwt',
              AuthorizerType: 'JWT',
              IdentitySource: ['$request.header.Authorization'],
              JwtConfiguration: { Issuer: 'https://issuer.example.com', Audience: ['app'] },
            },
          ],
          routes: [{ key: 'GET /me', integration: 'web', auth: 'JWT', authorizer: 'jwt' }],
          stages: [{ StageName: '$default' }],
        },
      ],
      domainNames: [
        {
          domainName: 'api.example.com',
          mappings: [{ restApi: 'orders', stage: 'prod', basePath: 'v1' }],
        },
      ],
    };
    const seeded = await seedRegion(moto.clients('eu-west-1'), 'eu-west-1', '123456789012', spec);
    const snap = await scan(['eu-west-1']);
    const region = snap.accounts[0]!.regions[0]!;
    const api = region.restApis!.find((a) => a.name === 'orders')!;
    expect(api.id).toBe(seeded.restApis.get('orders')!.id);
    expect(api.resources!.map((r) => r.path).sort()).toEqual([
      '/',
      '/orders',
      '/orders/{id}',
      '/orders/{id}/items',
    ]);
    const post = api.resources!.find((r) => r.path === '/orders/{id}/items')!.resourceMethods!
      .POST!;
    expect(post.authorizerId).toBe(api.authorizers!.find((a) => a.name === 'tokens')!.id);
    expect(post.requestValidatorId).toBe(api.requestValidators!.find((v) => v.name === 'body')!.id);
    // A MOCK integration answers 200 unless told otherwise.
    expect(post.methodIntegration!.requestTemplates).toEqual({
      'application/json': '{"statusCode": 200}',
    });
    // Each stage deployed on its own unless the spec shares one deployment.
    const [prod, dev] = api.stages!;
    expect([prod!.stageName, dev!.stageName]).toEqual(['prod', 'dev']);
    expect(prod!.deploymentId).not.toBe(dev!.deploymentId);
    expect(prod!.methodSettings!['*/*']!.loggingLevel).toBe('ERROR');
    const domain = region.domainNames!.find((d) => d.domainName === 'api.example.com')!;
    expect(domain.basePathMappings).toEqual([
      expect.objectContaining({ basePath: 'v1', restApiId: api.id, stage: 'prod' }),
    ]);
    // moto cannot list v2 authorizers: the seeded ones come back with moto's ids.
    const bff = seeded.v2Apis.get('bff')!;
    const route = region
      .v2Apis!.find((a) => a.ApiId === bff.id)!
      .routes!.find((r) => r.RouteKey === 'GET /me')!;
    expect(bff.authorizers.map((a) => [a.Name, a.AuthorizerId])).toEqual([
      ['jwt', route.AuthorizerId],
    ]);
  });

  it('says which name a spec refers to that it does not define', async () => {
    await expect(
      seedRegion(moto.clients('eu-west-1'), 'eu-west-1', '123456789012', {
        usagePlans: [{ name: 'gold', apiStages: [{ restApi: 'missing-api', stage: 'prod' }] }],
      }),
    ).rejects.toThrow('seed spec: gold refers to unknown missing-api');
    await expect(
      seedAccount(moto.clients, {
        account: '123456789012',
        regions: {
          'eu-west-1': {
            restApis: [
              {
                name: 'a',
                importAsOpenApi: true,
                resources: { '/x': { GET: { auth: 'AWS_IAM', integration: { type: 'MOCK' } } } },
              },
            ],
          },
        },
      }),
    ).rejects.toThrow('a GET /x: importAsOpenApi takes plain methods');
    await expect(
      seedRegion(moto.clients('eu-west-1'), 'eu-west-1', '123456789012', {
        restApis: [{ name: 'b', importAsOpenApi: true, tags: { owner: 'x' }, policy: {} }],
      }),
    ).rejects.toThrow('b: importAsOpenApi does not set policy, tags');
  });

  it('seeds a bench fixture concurrently, and a scan finds what the bench counts', async () => {
    const spec = {
      ...FIXTURES.small,
      restApis: 6,
      stagesPerRestApi: 2,
      httpApis: 2,
      webSocketApis: 2,
      wafEveryNthApi: 2,
    };
    const seeded = await seedFixture(spec, moto.clients, 4);
    expect(seeded.counts).toEqual(specCounts(fixtureAccount(spec)));
    expect(seeded.counts).toMatchObject({
      restApis: 6,
      restStages: 12,
      v2Apis: 4,
      wafAssociations: 4,
    });
    const snap = await scan(spec.regions);
    expect(snapshotCounts(snap)).toEqual(seeded.counts);
    for (const api of snap.accounts[0]!.regions.flatMap((r) => r.restApis ?? []))
      expect(new Set(api.stages!.map((s) => s.deploymentId)).size).toBe(1);
  });
});
