import { describe, expect, it } from 'vitest';
import { unpaced } from '../../src/collect/pacing.js';
import { collectSnapshot } from '../../src/collect/scan.js';
import { isMotoGap, useMoto } from '../helpers/moto.js';
import {
  seedAuthorizer,
  seedGatewayResponse,
  seedHttpApi,
  seedMethod,
  seedRequestValidator,
  seedRestApi,
  seedV2Integration,
  seedV2Route,
  seedV2Stage,
  seedV2VpcLink,
  seedWebSocketApi,
} from '../helpers/seed.js';

const moto = useMoto();
const scan = (regions: string[]) =>
  collectSnapshot({ clients: moto.clients, regions, pacer: unpaced() });

describe('REST authorizers, validators and gateway responses against moto', () => {
  it('collects them per API, in two regions', async () => {
    const eu = moto.clients('eu-west-1');
    const us = moto.clients('us-east-1');
    const orders = await seedRestApi(eu, 'orders');
    const tokenAuth = await seedAuthorizer(eu, orders, {
      name: 'jwt',
      type: 'TOKEN',
      authorizerUri:
        'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations',
      ttl: 300,
    });
    const cognito = await seedAuthorizer(eu, orders, {
      name: 'users',
      type: 'COGNITO_USER_POOLS',
      providerARNs: ['arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc'],
    });
    const validator = await seedRequestValidator(eu, orders, 'body-only', true, false);
    await seedGatewayResponse(eu, orders, 'DEFAULT_4XX', {
      statusCode: '400',
      responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
    });
    await seedMethod(eu, orders, orders.rootId, null, 'GET', {
      authorizationType: 'CUSTOM',
      authorizerId: tokenAuth,
    });
    const billing = await seedRestApi(us, 'billing');
    await seedRequestValidator(us, billing, 'all', true, true);

    const snap = await scan(['eu-west-1', 'us-east-1']);
    // The authorizer's function does not exist: its policy is an error, not "no policy".
    expect(snap.collectionErrors.filter((e) => !isMotoGap(e))).toEqual([
      {
        slice: 'lambdaPolicies',
        service: 'lambda',
        operation: 'GetPolicy',
        accountId: '123456789012',
        region: 'eu-west-1',
        resourceId: 'arn:aws:lambda:eu-west-1:123456789012:function:auth',
        errorCode: 'ResourceNotFoundException',
        message: 'Function not found: arn:aws:lambda:eu-west-1:123456789012:function:auth',
      },
    ]);
    const [euSnap, usSnap] = snap.accounts[0]!.regions;
    expect(euSnap!.lambdaPolicies).toEqual({});
    const o = euSnap!.restApis![0]!;
    expect(o.authorizers!.map((a) => [a.id, a.name, a.type]).sort()).toEqual(
      [
        [tokenAuth, 'jwt', 'TOKEN'],
        [cognito, 'users', 'COGNITO_USER_POOLS'],
      ].sort(),
    );
    expect(o.authorizers!.find((a) => a.id === tokenAuth)).toMatchObject({
      authorizerResultTtlInSeconds: 300,
      identitySource: 'method.request.header.Authorization',
    });
    expect(o.authorizers!.find((a) => a.id === cognito)!.providerARNs).toEqual([
      'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc',
    ]);
    expect(o.requestValidators).toEqual([
      {
        id: validator,
        name: 'body-only',
        validateRequestBody: true,
        validateRequestParameters: false,
      },
    ]);
    expect(o.gatewayResponses).toEqual([
      expect.objectContaining({
        responseType: 'DEFAULT_4XX',
        statusCode: '400',
        responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
      }),
    ]);
    expect(o.resources!.find((r) => r.path === '/')!.resourceMethods!.GET).toMatchObject({
      authorizationType: 'CUSTOM',
      authorizerId: tokenAuth,
    });
    const b = usSnap!.restApis![0]!;
    expect(b.authorizers).toEqual([]);
    expect(b.gatewayResponses).toEqual([]);
    expect(b.requestValidators!.map((v) => v.name)).toEqual(['all']);
    for (const op of ['GetAuthorizers', 'GetRequestValidators', 'GetGatewayResponses']) {
      expect(snap.stats!.calls[`apigateway:${op}`]).toBe(2);
    }
  });
});

describe('v2 collector against moto', () => {
  it('collects HTTP and WebSocket APIs with stages, routes and integrations, in two regions', async () => {
    const eu = moto.clients('eu-west-1');
    const us = moto.clients('us-east-1');
    const cors = {
      AllowOrigins: ['https://app.example.com'],
      AllowMethods: ['GET', 'POST'],
      AllowCredentials: true,
      MaxAge: 600,
    };
    const http = await seedHttpApi(eu, 'shop', {
      cors,
      disableExecuteApiEndpoint: true,
      tags: { team: 'web' },
    });
    const link = await seedV2VpcLink(eu, 'private-backend', ['subnet-0a1b2c3d']);
    const privateInt = await seedV2Integration(eu, http, {
      IntegrationType: 'HTTP_PROXY',
      IntegrationMethod: 'ANY',
      IntegrationUri:
        'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/internal/50dc6c495c0c9188/0467ef3c8400ae65',
      ConnectionType: 'VPC_LINK',
      ConnectionId: link,
      PayloadFormatVersion: '1.0',
      TlsConfig: { ServerNameToVerify: 'backend.internal.example.com' },
    });
    const publicInt = await seedV2Integration(eu, http, {
      IntegrationType: 'HTTP_PROXY',
      IntegrationMethod: 'GET',
      IntegrationUri: 'http://legacy.example.com/items',
      PayloadFormatVersion: '1.0',
    });
    const getItems = await seedV2Route(eu, http, 'GET /items', {
      integrationId: publicInt,
      authorizationType: 'AWS_IAM',
    });
    const anyPrivate = await seedV2Route(eu, http, 'ANY /private/{proxy+}', {
      integrationId: privateInt,
    });
    await seedV2Stage(eu, http, {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:shop-access',
        Format: '{"requestId":"$context.requestId"}',
      },
      DefaultRouteSettings: {
        DetailedMetricsEnabled: true,
        ThrottlingBurstLimit: 100,
        ThrottlingRateLimit: 50,
      },
      RouteSettings: { 'GET /items': { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5 } },
      StageVariables: { backend: 'legacy' },
    });
    const ws = await seedWebSocketApi(us, 'chat');
    const wsInt = await seedV2Integration(us, ws, { IntegrationType: 'MOCK' });
    const connect = await seedV2Route(us, ws, '$connect', {
      integrationId: wsInt,
      authorizationType: 'NONE',
    });
    await seedV2Stage(us, ws, {
      StageName: 'prod',
      DefaultRouteSettings: { LoggingLevel: 'INFO', DataTraceEnabled: true },
      RouteSettings: { $connect: { LoggingLevel: 'ERROR' } },
    });

    const snap = await scan(['eu-west-1', 'us-east-1']);
    // moto answers v2 GetAuthorizers with HTTP 500: one error per API, nothing else.
    expect(snap.collectionErrors.filter((e) => !isMotoGap(e))).toEqual([]);
    expect(
      snap.collectionErrors
        .filter((e) => e.operation === 'GetAuthorizers')
        .map((e) => [e.region, e.slice, e.service, e.resourceId, e.errorCode])
        .sort(),
    ).toEqual([
      ['eu-west-1', 'v2Api.authorizers', 'apigatewayv2', http, 'UnsupportedOperation(HTTP 500)'],
      ['us-east-1', 'v2Api.authorizers', 'apigatewayv2', ws, 'UnsupportedOperation(HTTP 500)'],
    ]);
    const [euSnap, usSnap] = snap.accounts[0]!.regions;
    expect(euSnap!.v2Apis).toHaveLength(1);
    const shop = euSnap!.v2Apis![0]!;
    expect(shop).toMatchObject({
      ApiId: http,
      Name: 'shop',
      ProtocolType: 'HTTP',
      DisableExecuteApiEndpoint: true,
      CorsConfiguration: cors,
      Tags: { team: 'web' },
    });
    expect(shop.authorizers).toBeUndefined();
    expect(
      shop.routes!.map((r) => [r.RouteId, r.RouteKey, r.AuthorizationType, r.Target]).sort(),
    ).toEqual(
      [
        [getItems, 'GET /items', 'AWS_IAM', `integrations/${publicInt}`],
        [anyPrivate, 'ANY /private/{proxy+}', 'NONE', `integrations/${privateInt}`],
      ].sort(),
    );
    expect(shop.integrations!.find((i) => i.IntegrationId === privateInt)).toMatchObject({
      ConnectionType: 'VPC_LINK',
      ConnectionId: link,
      TlsConfig: { ServerNameToVerify: 'backend.internal.example.com' },
    });
    expect(shop.integrations!.find((i) => i.IntegrationId === publicInt)).toMatchObject({
      IntegrationUri: 'http://legacy.example.com/items',
    });
    expect(shop.stages).toHaveLength(1);
    expect(shop.stages![0]).toMatchObject({
      StageName: '$default',
      AccessLogSettings: {
        DestinationArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:shop-access',
        Format: '{"requestId":"$context.requestId"}',
      },
      DefaultRouteSettings: { DetailedMetricsEnabled: true, ThrottlingBurstLimit: 100 },
      RouteSettings: { 'GET /items': { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5 } },
      StageVariables: { backend: 'legacy' },
    });
    expect(euSnap!.v2VpcLinks!.map((l) => [l.VpcLinkId, l.Name, l.SubnetIds])).toEqual([
      [link, 'private-backend', ['subnet-0a1b2c3d']],
    ]);
    const chat = usSnap!.v2Apis![0]!;
    expect(chat).toMatchObject({ ApiId: ws, ProtocolType: 'WEBSOCKET' });
    expect(chat.routes!.map((r) => [r.RouteId, r.RouteKey, r.AuthorizationType])).toEqual([
      [connect, '$connect', 'NONE'],
    ]);
    expect(chat.stages![0]).toMatchObject({
      StageName: 'prod',
      DefaultRouteSettings: { LoggingLevel: 'INFO', DataTraceEnabled: true },
      RouteSettings: { $connect: { LoggingLevel: 'ERROR' } },
    });
    expect(usSnap!.v2VpcLinks).toEqual([]);
    expect(typeof shop.CreatedDate).toBe('string');
  });
});
