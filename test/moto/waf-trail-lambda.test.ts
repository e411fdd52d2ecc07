import { describe, expect, it } from 'vitest';
import { unpaced } from '../../src/collect/pacing.js';
import { collectSnapshot } from '../../src/collect/scan.js';
import { isMotoGap, useMoto } from '../helpers/moto.js';
import {
  lambdaInvocationUri,
  restStageArn,
  seedAuthorizer,
  seedHttpApi,
  seedLambdaFunction,
  seedMethod,
  seedRestApi,
  seedStage,
  seedTrail,
  seedV2Integration,
  seedV2Route,
  seedWebAcl,
  seedWebAclAssociation,
  seedWebAclLogging,
} from '../helpers/seed.js';

const moto = useMoto();
const scan = (regions: string[]) =>
  collectSnapshot({ clients: moto.clients, regions, pacer: unpaced() });

describe('WAF web ACLs of REST stages against moto', () => {
  it('reads each associated ACL once, with its logging configuration or null', async () => {
    const eu = moto.clients('eu-west-1');
    const us = moto.clients('us-east-1');
    const orders = await seedRestApi(eu, 'orders');
    await seedMethod(eu, orders, orders.rootId, null, 'GET');
    await seedStage(eu, orders, 'prod');
    await seedStage(eu, orders, 'dev');
    await seedStage(eu, orders, 'bare');
    const logged = await seedWebAcl(eu, 'orders-acl', { rateLimit: 2000 });
    const unlogged = await seedWebAcl(eu, 'dev-acl', { defaultAction: 'Block' });
    await seedWebAclAssociation(eu, logged.arn, restStageArn('eu-west-1', orders.id, 'prod'));
    await seedWebAclAssociation(eu, unlogged.arn, restStageArn('eu-west-1', orders.id, 'dev'));
    const firehose = 'arn:aws:firehose:eu-west-1:123456789012:deliverystream/aws-waf-logs-orders';
    await seedWebAclLogging(eu, logged.arn, firehose);
    const billing = await seedRestApi(us, 'billing');
    await seedMethod(us, billing, billing.rootId, null, 'GET');
    await seedStage(us, billing, 'v1');
    const usAcl = await seedWebAcl(us, 'billing-acl');
    await seedWebAclAssociation(us, usAcl.arn, restStageArn('us-east-1', billing.id, 'v1'));

    const snap = await scan(['eu-west-1', 'us-east-1']);
    expect(snap.collectionErrors.filter((e) => !isMotoGap(e))).toEqual([]);
    const [euSnap, usSnap] = snap.accounts[0]!.regions;
    const stages = Object.fromEntries(
      euSnap!.restApis![0]!.stages!.map((s) => [s.stageName, s.webAclArn]),
    );
    expect(stages).toEqual({ prod: logged.arn, dev: unlogged.arn, bare: undefined });
    const acls = Object.fromEntries(euSnap!.webAcls!.map((a) => [a.arn, a]));
    expect(Object.keys(acls).sort()).toEqual([logged.arn, unlogged.arn].sort());
    expect(acls[logged.arn]).toMatchObject({
      kind: 'wafv2',
      webAcl: {
        Name: 'orders-acl',
        Id: logged.id,
        DefaultAction: { Allow: {} },
        Rules: [expect.objectContaining({ Name: 'rate' })],
      },
      loggingConfiguration: { ResourceArn: logged.arn, LogDestinationConfigs: [firehose] },
    });
    expect(acls[unlogged.arn]).toMatchObject({
      kind: 'wafv2',
      webAcl: { Name: 'dev-acl', DefaultAction: { Block: {} } },
      loggingConfiguration: null,
    });
    expect(usSnap!.webAcls!.map((a) => [a.arn, a.webAcl?.Name, a.loggingConfiguration])).toEqual([
      [usAcl.arn, 'billing-acl', null],
    ]);
    expect(snap.stats!.calls['wafv2:GetWebACL']).toBe(3);
    expect(snap.stats!.calls['wafv2:GetLoggingConfiguration']).toBe(3);
    expect(snap.stats!.calls['wafv2:GetWebACLForResource']).toBeUndefined();
  });
});

describe('CloudTrail against moto', () => {
  it('sees a multi-region trail from another region, with status and selectors read once', async () => {
    const us = moto.clients('us-east-1');
    const eu = moto.clients('eu-west-1');
    const org = await seedTrail(us, 'org-trail', {
      multiRegion: true,
      logging: true,
      readWriteType: 'All',
      includeManagementEvents: true,
    });
    const local = await seedTrail(eu, 'eu-only', { logging: false, readWriteType: 'WriteOnly' });

    const snap = await scan(['eu-west-1', 'us-east-1']);
    expect(snap.collectionErrors.filter((e) => !isMotoGap(e))).toEqual([]);
    const [euSnap, usSnap] = snap.accounts[0]!.regions;
    const euTrails = Object.fromEntries(euSnap!.trails!.map((t) => [t.TrailARN, t]));
    expect(Object.keys(euTrails).sort()).toEqual([local, org].sort());
    expect(euTrails[org]).toMatchObject({
      Name: 'org-trail',
      HomeRegion: 'us-east-1',
      IsMultiRegionTrail: true,
      status: { IsLogging: true },
      eventSelectors: {
        EventSelectors: [
          expect.objectContaining({ ReadWriteType: 'All', IncludeManagementEvents: true }),
        ],
      },
    });
    expect(euTrails[local]).toMatchObject({
      HomeRegion: 'eu-west-1',
      IsMultiRegionTrail: false,
      status: { IsLogging: false },
      eventSelectors: { EventSelectors: [expect.objectContaining({ ReadWriteType: 'WriteOnly' })] },
    });
    expect(usSnap!.trails!.map((t) => [t.TrailARN, t.status?.IsLogging])).toEqual([[org, true]]);
    expect(usSnap!.trails![0]!.eventSelectors).toEqual(euTrails[org]!.eventSelectors);
    // Two regions see org-trail; its status and selectors were read once.
    expect(snap.stats!.calls['cloudtrail:DescribeTrails']).toBe(2);
    expect(snap.stats!.calls['cloudtrail:GetTrailStatus']).toBe(2);
    expect(snap.stats!.calls['cloudtrail:GetEventSelectors']).toBe(2);
  });
});

describe('Lambda resource policies against moto', () => {
  it('reads the policy of every integration and authorizer function once, null when none', async () => {
    const eu = moto.clients('eu-west-1');
    const us = moto.clients('us-east-1');
    const orders = await seedRestApi(eu, 'orders');
    const ordersArn = `arn:aws:execute-api:eu-west-1:123456789012:${orders.id}/*/GET/`;
    const handler = await seedLambdaFunction(eu, 'orders-handler', {
      permissions: [{ sid: 'apigw', sourceArn: ordersArn }],
    });
    const authorizer = await seedLambdaFunction(eu, 'orders-auth');
    // A function in another region, used by an HTTP API in eu-west-1 and a REST API in us-east-1.
    const shared = await seedLambdaFunction(us, 'shared', {
      permissions: [{ sid: 'open' }],
    });
    const auth = await seedAuthorizer(eu, orders, {
      type: 'REQUEST',
      authorizerUri: lambdaInvocationUri(authorizer),
    });
    await seedMethod(eu, orders, orders.rootId, null, 'GET', {
      authorizationType: 'CUSTOM',
      authorizerId: auth,
      integration: { type: 'AWS_PROXY', uri: lambdaInvocationUri(handler) },
    });
    await seedMethod(eu, orders, orders.rootId, 'alias', 'GET', {
      integration: {
        type: 'AWS_PROXY',
        uri: lambdaInvocationUri(`${handler}:\${stageVariables.alias}`),
      },
    });
    const shop = await seedHttpApi(eu, 'shop');
    const int = await seedV2Integration(eu, shop, {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: shared,
      PayloadFormatVersion: '2.0',
    });
    await seedV2Route(eu, shop, 'GET /shared', { integrationId: int });
    const billing = await seedRestApi(us, 'billing');
    await seedMethod(us, billing, billing.rootId, null, 'POST', {
      integration: { type: 'AWS_PROXY', uri: lambdaInvocationUri(shared) },
    });

    const snap = await scan(['eu-west-1', 'us-east-1']);
    expect(snap.collectionErrors.filter((e) => !isMotoGap(e))).toEqual([]);
    const [euSnap, usSnap] = snap.accounts[0]!.regions;
    expect(Object.keys(euSnap!.lambdaPolicies!)).toEqual([authorizer, handler, shared].sort());
    expect(euSnap!.lambdaPolicies![authorizer]).toEqual({ functionArn: authorizer, policy: null });
    const handlerPolicy = JSON.parse(euSnap!.lambdaPolicies![handler]!.policy!);
    expect(handlerPolicy.Statement).toEqual([
      expect.objectContaining({
        Sid: 'apigw',
        Principal: { Service: 'apigateway.amazonaws.com' },
        Condition: { ArnLike: { 'AWS:SourceArn': ordersArn } },
      }),
    ]);
    const sharedPolicy = JSON.parse(euSnap!.lambdaPolicies![shared]!.policy!);
    expect(sharedPolicy.Statement[0].Condition).toBeUndefined();
    expect(usSnap!.lambdaPolicies).toEqual({ [shared]: euSnap!.lambdaPolicies![shared] });
    // Three functions, one call each, whichever regions use them; the stage-variable ARN is skipped.
    expect(snap.stats!.calls['lambda:GetPolicy']).toBe(3);
    expect(JSON.stringify(snap.collectionErrors)).not.toContain('stageVariables');
  });
});
