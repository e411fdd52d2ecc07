/**
 * What each stage serves, with aws-sdk-client-mock where moto has no answer: a deployment's API
 * summary, a canary's deployment and overrides, and the export of an HTTP API stage that does
 * not auto-deploy. The sharing of GetDeployment calls is tested against moto too.
 */
import {
  GetDeploymentCommand,
  GetRestApisCommand,
  GetStagesCommand,
} from '@aws-sdk/client-api-gateway';
import {
  ExportApiCommand,
  GetApisCommand,
  GetStagesCommand as GetV2StagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { describe, expect, it } from 'vitest';
import { awsError, useMockAws } from '../helpers/mock-aws.js';

const aws = useMockAws();
const REGION = 'eu-west-1';
/** ExportApi's body as the SDK hands it over: bytes that can also turn themselves into text. */
const blob = (text: string) =>
  Object.assign(new TextEncoder().encode(text), { transformToString: () => text });
const summary = {
  '/orders': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
};

describe('collecting what stages serve', () => {
  it('REST: one GetDeployment with the API summary per distinct deployment, canaries included', async () => {
    aws.m.apigateway.on(GetRestApisCommand).resolves({ items: [{ id: 'a1', name: 'orders' }] });
    aws.m.apigateway.on(GetStagesCommand).resolves({
      item: [
        { stageName: 'prod', deploymentId: 'd1' },
        {
          stageName: 'beta',
          deploymentId: 'd1',
          canarySettings: {
            deploymentId: 'd2',
            percentTraffic: 25,
            stageVariableOverrides: { DB_PASSWORD: 'Sup3r-S3cret-Passw0rd!', region: 'eu' },
          },
        },
        { stageName: 'old', deploymentId: 'gone' },
      ],
    });
    aws.m.apigateway
      .on(GetDeploymentCommand, { restApiId: 'a1', deploymentId: 'd1', embed: ['apisummary'] })
      .resolves({ id: 'd1', createdDate: new Date('2026-01-02T03:04:05Z'), apiSummary: summary })
      .on(GetDeploymentCommand, { restApiId: 'a1', deploymentId: 'd2', embed: ['apisummary'] })
      .resolves({ id: 'd2', apiSummary: {} })
      .on(GetDeploymentCommand, { deploymentId: 'gone' })
      .rejects(awsError('NotFoundException', 'Invalid Deployment identifier specified', 404));

    const snap = await aws.scan([REGION]);
    const api = snap.accounts[0]!.regions[0]!.restApis![0]!;
    expect(api.deployments).toEqual([
      { id: 'd1', createdDate: '2026-01-02T03:04:05.000Z', apiSummary: summary },
      { id: 'd2', apiSummary: {} },
    ]);
    expect(aws.m.apigateway.commandCalls(GetDeploymentCommand)).toHaveLength(3);
    expect(snap.stats!.calls['apigateway:GetDeployment']).toBe(3);
    expect(snap.collectionErrors).toContainEqual(
      expect.objectContaining({
        slice: 'restApi.deployments',
        operation: 'GetDeployment',
        resourceId: 'a1/gone',
        errorCode: 'NotFoundException',
      }),
    );
    // The canary's overrides are redacted like stage variables, before the snapshot holds them.
    const canary = api.stages!.find((s) => s.stageName === 'beta')!.canarySettings!;
    expect(canary.stageVariableOverrides).toEqual({
      DB_PASSWORD: '[apigw-audit redacted: name; 22 chars]',
      region: 'eu',
    });
    expect(JSON.stringify(snap)).not.toContain('Sup3r');
  });

  it('REST: no stages answer, no deployment call, and the deployments stay undefined', async () => {
    aws.m.apigateway.on(GetRestApisCommand).resolves({ items: [{ id: 'a1' }] });
    aws.m.apigateway.on(GetStagesCommand).rejects(awsError('AccessDeniedException'));
    const snap = await aws.scan([REGION]);
    const api = snap.accounts[0]!.regions[0]!.restApis![0]!;
    expect(api.stages).toBeUndefined();
    expect(api.deployments).toBeUndefined();
    expect(aws.m.apigateway.commandCalls(GetDeploymentCommand)).toHaveLength(0);
  });

  it('HTTP: ExportApi for each stage that does not auto-deploy; none for WebSocket APIs', async () => {
    const definition = {
      openapi: '3.0.1',
      paths: { '/cart': { get: { security: [{ jwt: [] }] } } },
    };
    aws.m.apigatewayv2.on(GetApisCommand).resolves({
      Items: [
        { ApiId: 'h1', Name: 'shop', ProtocolType: 'HTTP', RouteSelectionExpression: 'x' },
        { ApiId: 'w1', Name: 'chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: 'x' },
      ],
    });
    aws.m.apigatewayv2
      .on(GetV2StagesCommand, { ApiId: 'h1' })
      .resolves({
        Items: [
          { StageName: '$default', AutoDeploy: true },
          { StageName: 'prod', AutoDeploy: false },
          { StageName: 'broken' },
        ],
      })
      .on(GetV2StagesCommand, { ApiId: 'w1' })
      .resolves({ Items: [{ StageName: 'prod' }] });
    aws.m.apigatewayv2
      .on(ExportApiCommand, {
        ApiId: 'h1',
        StageName: 'prod',
        Specification: 'OAS30',
        OutputType: 'JSON',
        IncludeExtensions: true,
      })
      .resolves({ body: blob(JSON.stringify(definition)) })
      .on(ExportApiCommand, { ApiId: 'h1', StageName: 'broken' })
      .resolves({ body: blob('<html>not json</html>') });

    const snap = await aws.scan([REGION]);
    const [shop, chat] = snap.accounts[0]!.regions[0]!.v2Apis!;
    expect(shop!.exports).toEqual([{ StageName: 'prod', definition }]);
    expect(chat!.exports).toEqual([]);
    expect(
      aws.m.apigatewayv2.commandCalls(ExportApiCommand).map((c) => c.args[0].input.StageName),
    ).toEqual(['prod', 'broken']);
    expect(snap.collectionErrors).toContainEqual(
      expect.objectContaining({
        slice: 'v2Api.exports',
        operation: 'ExportApi',
        resourceId: 'h1/broken',
        errorCode: 'MalformedResponse',
      }),
    );
  });
});
