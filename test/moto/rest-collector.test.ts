import { describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/collect/scan.js';
import { isMotoGap, useMoto } from '../helpers/moto.js';
import { seedMethod, seedRestApi, seedStage, setLogLevel } from '../helpers/seed.js';

const moto = useMoto();

describe('REST collector against moto', () => {
  it('collects every seeded REST API, resource, method and stage, in two regions', async () => {
    const eu = moto.clients('eu-west-1');
    const us = moto.clients('us-east-1');
    const orders = await seedRestApi(eu, 'orders', { tags: { team: 'payments' } });
    const ordersRes = await seedMethod(eu, orders, orders.rootId, 'orders', 'GET', {
      integration: {
        type: 'HTTP_PROXY',
        uri: 'http://backend.example.com/orders',
        httpMethod: 'GET',
      },
    });
    await seedMethod(eu, orders, ordersRes, null, 'POST', { authorizationType: 'AWS_IAM' });
    await seedStage(eu, orders, 'prod', [setLogLevel('INFO')]);
    await seedStage(eu, orders, 'dev');
    const billing = await seedRestApi(us, 'billing', { endpointType: 'PRIVATE' });
    await seedMethod(us, billing, billing.rootId, null, 'GET');
    await seedStage(us, billing, 'v1', [setLogLevel('ERROR')]);

    const snap = await collectSnapshot({
      clients: moto.clients,
      regions: ['eu-west-1', 'us-east-1'],
    });

    // Only moto's gaps (no GetClientCertificates, no access associations), in each region.
    expect(snap.collectionErrors.filter((e) => !isMotoGap(e))).toEqual([]);
    expect(snap.collectionErrors.map((e) => `${e.region}:${e.operation}`).sort()).toEqual([
      'eu-west-1:GetClientCertificates',
      // Once for the account's own associations, once for other accounts'.
      'eu-west-1:GetDomainNameAccessAssociations',
      'eu-west-1:GetDomainNameAccessAssociations',
      'us-east-1:GetClientCertificates',
      'us-east-1:GetDomainNameAccessAssociations',
      'us-east-1:GetDomainNameAccessAssociations',
    ]);
    expect(snap.accounts).toHaveLength(1);
    expect(snap.accounts[0]!.accountId).toBe('123456789012');
    const [euSnap, usSnap] = snap.accounts[0]!.regions;
    expect(euSnap!.region).toBe('eu-west-1');
    expect(euSnap!.restApis!.map((a) => a.name)).toEqual(['orders']);
    const o = euSnap!.restApis![0]!;
    expect(o.tags).toEqual({ team: 'payments' });
    expect(o.endpointConfiguration?.types).toEqual(['REGIONAL']);
    expect(o.stages!.map((s) => s.stageName).sort()).toEqual(['dev', 'prod']);
    expect(
      o.stages!.find((s) => s.stageName === 'prod')!.methodSettings!['*/*']!.loggingLevel,
    ).toBe('INFO');
    const byPath = Object.fromEntries(o.resources!.map((r) => [r.path, r]));
    expect(Object.keys(byPath).sort()).toEqual(['/', '/orders']);
    expect(Object.keys(byPath['/orders']!.resourceMethods!).sort()).toEqual(['GET', 'POST']);
    expect(byPath['/orders']!.resourceMethods!.GET!.methodIntegration).toMatchObject({
      type: 'HTTP_PROXY',
      uri: 'http://backend.example.com/orders',
    });
    expect(byPath['/orders']!.resourceMethods!.POST!.authorizationType).toBe('AWS_IAM');
    expect(usSnap!.restApis!.map((a) => [a.name, a.endpointConfiguration?.types])).toEqual([
      ['billing', ['PRIVATE']],
    ]);
    expect(typeof o.createdDate).toBe('string');
    expect(snap.stats!.calls['apigateway:GetRestApis']).toBe(2);
  });

  it('records a failed call as a collection error and keeps going', async () => {
    const eu = moto.clients('eu-west-1');
    await seedRestApi(eu, 'orders');
    // moto has no such region backend: the listing fails for it while the other region succeeds.
    const snap = await collectSnapshot({
      clients: (region, creds) =>
        region === 'us-east-2'
          ? {
              ...moto.clients(region, creds),
              apigateway: {
                send: () =>
                  Promise.reject(
                    Object.assign(new Error('denied'), { name: 'AccessDeniedException' }),
                  ),
              } as never,
            }
          : moto.clients(region, creds),
      regions: ['eu-west-1', 'us-east-2'],
    });
    expect(snap.accounts[0]!.regions.map((r) => [r.region, r.restApis?.length])).toEqual([
      ['eu-west-1', 1],
      ['us-east-2', undefined],
    ]);
    // Every apigateway call in us-east-2 is refused: each slice it feeds is missing, with an
    // error naming it; eu-west-1 is complete (apart from moto's gap).
    const errors = snap.collectionErrors.filter((e) => !isMotoGap(e));
    expect(errors.every((e) => e.region === 'us-east-2' && e.service === 'apigateway')).toBe(true);
    expect(errors.map((e) => e.slice).sort()).toEqual([
      'account',
      'apiKeys',
      'clientCertificates',
      // Two listings each: the account's own, and other accounts'.
      'domainNameAccessAssociations',
      'domainNameAccessAssociations',
      'domainNames',
      'domainNames',
      'restApis',
      'usagePlans',
      'vpcLinks',
    ]);
    const usEast2 = snap.accounts[0]!.regions[1]!;
    expect(usEast2.v2Apis).toEqual([]);
    expect(usEast2.usagePlans).toBeUndefined();
    expect(errors.filter((e) => e.slice === 'restApis')).toEqual([
      {
        slice: 'restApis',
        service: 'apigateway',
        operation: 'GetRestApis',
        accountId: '123456789012',
        region: 'us-east-2',
        errorCode: 'AccessDeniedException',
        message: 'denied',
      },
    ]);
  });
});
