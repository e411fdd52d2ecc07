import { describe, expect, it } from 'vitest';
import { unpaced } from '../../src/collect/pacing.js';
import { collectSnapshot } from '../../src/collect/scan.js';
import { isMotoGap, useMoto } from '../helpers/moto.js';
import {
  seedAccountCloudWatchRole,
  seedApiKey,
  seedApiMapping,
  seedBasePathMapping,
  seedCertificate,
  seedDomainName,
  seedHttpApi,
  seedMethod,
  seedRestApi,
  seedStage,
  seedUsagePlan,
  seedV2DomainName,
  seedV2Stage,
  seedVpcLink,
} from '../helpers/seed.js';

const moto = useMoto();
const scan = (regions: string[]) =>
  collectSnapshot({ clients: moto.clients, regions, pacer: unpaced() });

describe('custom domains against moto', () => {
  it('collects v1 domains with base path mappings, v2 domains with API mappings, and their certificates', async () => {
    const eu = moto.clients('eu-west-1');
    const us = moto.clients('us-east-1');
    const regionalCert = await seedCertificate(eu, 'api.example.com');
    const edgeCert = await seedCertificate(us, 'edge.example.com');
    const v2Cert = await seedCertificate(eu, 'shop.example.com');
    const orders = await seedRestApi(eu, 'orders');
    await seedMethod(eu, orders, orders.rootId, null, 'GET');
    await seedStage(eu, orders, 'prod');
    await seedDomainName(eu, 'api.example.com', {
      certificateArn: regionalCert,
      securityPolicy: 'SecurityPolicy_TLS13_1_2_2021_06',
    });
    await seedBasePathMapping(eu, 'api.example.com', orders.id, 'prod', 'orders');
    // An edge domain in eu-west-1 whose certificate lives in us-east-1.
    await seedDomainName(eu, 'edge.example.com', {
      endpointType: 'EDGE',
      certificateArn: edgeCert,
      securityPolicy: 'TLS_1_0',
    });
    // moto 5.2.1 answers GetBasePathMappings with HTTP 500 for a domain that never had a
    // mapping (KeyError), so every seeded v1 domain gets one.
    await seedBasePathMapping(eu, 'edge.example.com', orders.id, 'prod');
    const shop = await seedHttpApi(eu, 'shop');
    await seedV2Stage(eu, shop, { StageName: 'live' });
    await seedV2DomainName(eu, 'shop.example.com', { certificateArn: v2Cert });
    const mapping = await seedApiMapping(eu, 'shop.example.com', shop, 'live', 'v1');

    const snap = await scan(['eu-west-1', 'us-east-1']);
    expect(snap.collectionErrors.filter((e) => !isMotoGap(e))).toEqual([]);
    const [euSnap, usSnap] = snap.accounts[0]!.regions;
    const byName = Object.fromEntries(euSnap!.domainNames!.map((d) => [d.domainName, d]));
    expect(Object.keys(byName).sort()).toEqual(['api.example.com', 'edge.example.com']);
    expect(byName['api.example.com']).toMatchObject({
      regionalCertificateArn: regionalCert,
      securityPolicy: 'SecurityPolicy_TLS13_1_2_2021_06',
      basePathMappings: [{ basePath: 'orders', restApiId: orders.id, stage: 'prod' }],
    });
    expect(byName['edge.example.com']).toMatchObject({
      certificateArn: edgeCert,
      securityPolicy: 'TLS_1_0',
      basePathMappings: [{ basePath: '(none)', restApiId: orders.id, stage: 'prod' }],
    });
    expect(euSnap!.v2DomainNames).toHaveLength(1);
    expect(euSnap!.v2DomainNames![0]).toMatchObject({
      DomainName: 'shop.example.com',
      DomainNameConfigurations: [
        expect.objectContaining({ CertificateArn: v2Cert, SecurityPolicy: 'TLS_1_2' }),
      ],
      apiMappings: [{ ApiMappingId: mapping, ApiId: shop, Stage: 'live', ApiMappingKey: 'v1' }],
    });
    // Certificates are read in their own region, once each.
    expect(Object.keys(euSnap!.certificates!).sort()).toEqual(
      [edgeCert, regionalCert, v2Cert].sort(),
    );
    expect(euSnap!.certificates![edgeCert]).toMatchObject({
      CertificateArn: edgeCert,
      DomainName: 'edge.example.com',
    });
    expect(edgeCert.split(':')[3]).toBe('us-east-1');
    expect(snap.stats!.calls['acm:DescribeCertificate']).toBe(3);
    expect(usSnap!.domainNames).toEqual([]);
    expect(usSnap!.v2DomainNames).toEqual([]);
    expect(usSnap!.certificates).toEqual({});
  });
});

describe('usage plans, API keys, VPC links and GetAccount against moto', () => {
  it('collects plans with key ids, key metadata without values, links and account settings', async () => {
    const eu = moto.clients('eu-west-1');
    const us = moto.clients('us-east-1');
    const SECRET = 'k3y-VALUE-never-in-the-snapshot-0123456789';
    const partner = await seedApiKey(eu, 'partner', { value: SECRET });
    const disabled = await seedApiKey(eu, 'old', { enabled: false });
    const orders = await seedRestApi(eu, 'orders');
    await seedMethod(eu, orders, orders.rootId, null, 'GET', { apiKeyRequired: true });
    await seedStage(eu, orders, 'prod');
    const gold = await seedUsagePlan(eu, 'gold', {
      apiStages: [{ apiId: orders.id, stage: 'prod' }],
      throttle: { rateLimit: 100, burstLimit: 200 },
      quota: { limit: 10000, period: 'MONTH' },
      keyIds: [partner],
    });
    const bare = await seedUsagePlan(eu, 'bare');
    const nlb =
      'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/internal/0123456789abcdef';
    const link = await seedVpcLink(eu, 'backend', [nlb]);
    const role = 'arn:aws:iam::123456789012:role/apigw-cloudwatch';
    await seedAccountCloudWatchRole(eu, role);
    await seedApiKey(us, 'us-key');

    const snap = await scan(['eu-west-1', 'us-east-1']);
    expect(snap.collectionErrors.filter((e) => !isMotoGap(e))).toEqual([]);
    const [euSnap, usSnap] = snap.accounts[0]!.regions;
    const plans = Object.fromEntries(euSnap!.usagePlans!.map((p) => [p.id, p]));
    expect(plans[gold]).toMatchObject({
      name: 'gold',
      apiStages: [{ apiId: orders.id, stage: 'prod' }],
      throttle: { rateLimit: 100, burstLimit: 200 },
      quota: { limit: 10000, period: 'MONTH' },
      keyIds: [partner],
    });
    expect(plans[bare]).toMatchObject({ name: 'bare', keyIds: [] });
    expect(euSnap!.apiKeys!.map((k) => [k.id, k.name, k.enabled]).sort()).toEqual(
      [
        [partner, 'partner', true],
        [disabled, 'old', false],
      ].sort(),
    );
    expect(JSON.stringify(snap)).not.toContain(SECRET);
    expect(euSnap!.apiKeys!.every((k) => !('value' in k))).toBe(true);
    expect(euSnap!.vpcLinks).toEqual([
      expect.objectContaining({ id: link, name: 'backend', targetArns: [nlb] }),
    ]);
    expect(euSnap!.account).toMatchObject({ cloudwatchRoleArn: role });
    expect(euSnap!.account!.throttleSettings).toBeDefined();
    expect(usSnap!.account?.cloudwatchRoleArn).toBeUndefined();
    expect(usSnap!.apiKeys!.map((k) => k.name)).toEqual(['us-key']);
    expect(usSnap!.usagePlans).toEqual([]);
    expect(usSnap!.vpcLinks).toEqual([]);
    expect(snap.stats!.calls['apigateway:GetUsagePlanKeys']).toBe(2);
  });
});
