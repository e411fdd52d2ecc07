/**
 * What stages serve, against moto: GetDeployment once per distinct deployment (moto answers it,
 * without the API summary), and through the bench simulator, which answers what moto leaves out
 * the way AWS does: the summary of a deployment as it was when it was created, canaries, and
 * the export of an HTTP API stage.
 */
import { PutMethodCommand } from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/collect/scan.js';
import { useMoto } from '../helpers/moto.js';
import {
  seedCanary,
  seedDeployment,
  seedHttpApi,
  seedMethod,
  seedRestApi,
  seedStage,
  seedV2Route,
  seedV2Stage,
} from '../helpers/seed.js';

const REGION = 'eu-west-1';

describe('REST deployments against moto', () => {
  const moto = useMoto();

  it('calls GetDeployment once per distinct deployment the stages serve', async () => {
    const c = moto.clients(REGION);
    const api = await seedRestApi(c, 'orders');
    await seedMethod(c, api, api.rootId, 'orders', 'GET');
    const shared = await seedDeployment(c, api);
    await seedStage(c, api, 'prod', [], { deploymentId: shared });
    await seedStage(c, api, 'beta', [], { deploymentId: shared });
    await seedStage(c, api, 'dev');
    await seedRestApi(c, 'undeployed');

    const snap = await collectSnapshot({ clients: moto.clients, regions: [REGION] });
    const [orders, undeployed] = snap.accounts[0]!.regions[0]!.restApis!;
    const dev = orders!.stages!.find((s) => s.stageName === 'dev')!.deploymentId!;
    expect(orders!.deployments!.map((d) => d.id).sort()).toEqual([shared, dev].sort());
    expect(undeployed!.deployments).toEqual([]);
    expect(snap.stats!.calls['apigateway:GetDeployment']).toBe(2);
    expect(snap.collectionErrors.filter((e) => e.slice === 'restApi.deployments')).toEqual([]);
  });
});

describe('deployments through the simulator, as AWS answers them', () => {
  const moto = useMoto({ fillGaps: true });

  it('a deployment is a snapshot: the draft changed after it is not what the stage serves', async () => {
    const c = moto.clients(REGION);
    const api = await seedRestApi(c, 'orders');
    const orders = await seedMethod(c, api, api.rootId, 'orders', 'GET');
    await seedStage(c, api, 'prod');
    // The fix goes into the draft, and a new method too; only a canary serves them.
    await c.apigateway.send(
      new PutMethodCommand({
        restApiId: api.id,
        resourceId: orders,
        httpMethod: 'GET',
        authorizationType: 'AWS_IAM',
      }),
    );
    await seedMethod(c, api, orders, null, 'DELETE', { authorizationType: 'AWS_IAM' });
    const canary = await seedCanary(c, api, 'prod', {
      percentTraffic: 20,
      stageVariableOverrides: { color: 'blue' },
    });

    const snap = await collectSnapshot({ clients: moto.clients, regions: [REGION] });
    const a = snap.accounts[0]!.regions[0]!.restApis![0]!;
    const prod = a.stages![0]!;
    expect(prod.canarySettings).toMatchObject({
      deploymentId: canary,
      percentTraffic: 20,
      stageVariableOverrides: { color: 'blue' },
    });
    const byId = new Map(a.deployments!.map((d) => [d.id, d.apiSummary]));
    expect(byId.get(prod.deploymentId!)).toEqual({
      '/orders': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
    });
    expect(byId.get(canary)).toEqual({
      '/orders': {
        GET: { authorizationType: 'AWS_IAM', apiKeyRequired: false },
        DELETE: { authorizationType: 'AWS_IAM', apiKeyRequired: false },
      },
    });
  });

  it('ExportApi: the routes of an HTTP API stage that does not auto-deploy', async () => {
    const c = moto.clients(REGION);
    const id = await seedHttpApi(c, 'shop');
    await seedV2Route(c, id, 'GET /cart', { authorizationType: 'AWS_IAM' });
    await seedV2Route(c, id, 'POST /cart');
    await seedV2Stage(c, id, { StageName: 'prod' });
    await seedV2Stage(c, id, { StageName: '$default', AutoDeploy: true });

    const snap = await collectSnapshot({ clients: moto.clients, regions: [REGION] });
    const shop = snap.accounts[0]!.regions[0]!.v2Apis![0]!;
    expect(shop.exports!.map((e) => e.StageName)).toEqual(['prod']);
    expect(shop.exports![0]!.definition.paths).toEqual({
      '/cart': { get: { security: [{ sigv4: [] }] }, post: {} },
    });
    expect(snap.stats!.calls['apigatewayv2:ExportApi']).toBe(1);
  });
});
