import { ListRegionsCommand } from '@aws-sdk/client-account';
import {
  GetApiKeysCommand,
  GetAuthorizersCommand,
  GetDomainNamesCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
} from '@aws-sdk/client-api-gateway';
import {
  GetApisCommand,
  GetDomainNamesCommand as GetV2DomainNamesCommand,
  GetRoutesCommand,
  GetStagesCommand as GetV2StagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { unpaced } from '../../src/collect/pacing.js';
import { collectSnapshot } from '../../src/collect/scan.js';
import { ACCOUNT, awsError, useMockAws } from '../helpers/mock-aws.js';

const aws = useMockAws();

/** Answers page N for token N-1 (v1 `position`), recording each input as sent. */
function v1Pages<T>(pages: T[][], seen: unknown[] = []) {
  return (input: { position?: string }) => {
    seen.push({ ...input });
    const i = input.position ? Number(input.position.slice(1)) : 0;
    return {
      items: pages[i],
      ...(i + 1 < pages.length ? { position: `p${i + 1}` } : {}),
    };
  };
}

function v2Pages<T>(pages: T[][], seen: unknown[] = []) {
  return (input: { NextToken?: string }) => {
    seen.push({ ...input });
    const i = input.NextToken ? Number(input.NextToken.slice(1)) : 0;
    return {
      Items: pages[i],
      ...(i + 1 < pages.length ? { NextToken: `t${i + 1}` } : {}),
    };
  };
}

describe('pagination of every listing (aws-sdk-client-mock)', () => {
  it('follows v1 position tokens with limit 500 for APIs, resources, authorizers, validators', async () => {
    const apiInputs: unknown[] = [];
    aws.m.apigateway
      .on(GetRestApisCommand)
      .callsFake(
        v1Pages([[{ id: 'a1' }, { id: 'a2' }], [{ id: 'a3' }], [{ id: 'a4' }]], apiInputs),
      );
    const resInputs: unknown[] = [];
    aws.m.apigateway
      .on(GetResourcesCommand, { restApiId: 'a1' })
      .callsFake(
        v1Pages(
          [
            [{ id: 'r1', path: '/' }],
            [{ id: 'r2', path: '/x', resourceMethods: { GET: { authorizationType: 'NONE' } } }],
          ],
          resInputs,
        ),
      );
    aws.m.apigateway
      .on(GetAuthorizersCommand, { restApiId: 'a2' })
      .callsFake(v1Pages([[{ id: 'z1' }], [{ id: 'z2' }], [{ id: 'z3' }]]));
    aws.m.apigateway
      .on(GetRequestValidatorsCommand, { restApiId: 'a3' })
      .callsFake(v1Pages([[{ id: 'v1' }], [{ id: 'v2' }]]));
    aws.m.apigateway.on(GetStagesCommand).resolves({ item: [{ stageName: 'prod' }] });

    const snap = await aws.scan(['eu-west-1']);
    expect(snap.collectionErrors).toEqual([]);
    const apis = snap.accounts[0]!.regions[0]!.restApis!;
    expect(apis.map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(apiInputs).toEqual([
      { limit: 500, position: undefined },
      { limit: 500, position: 'p1' },
      { limit: 500, position: 'p2' },
    ]);
    expect(resInputs).toEqual([
      { restApiId: 'a1', limit: 500, position: undefined, embed: ['methods'] },
      { restApiId: 'a1', limit: 500, position: 'p1', embed: ['methods'] },
    ]);
    expect(apis[0]!.resources!.map((r) => r.path)).toEqual(['/', '/x']);
    expect(apis[0]!.resources![1]!.resourceMethods!.GET!.authorizationType).toBe('NONE');
    expect(apis[1]!.authorizers!.map((a) => a.id)).toEqual(['z1', 'z2', 'z3']);
    expect(apis[2]!.requestValidators!.map((v) => v.id)).toEqual(['v1', 'v2']);
    expect(apis[3]!.stages).toEqual([{ stageName: 'prod' }]);
    expect(snap.stats!.calls['apigateway:GetRestApis']).toBe(3);
    expect(snap.stats!.calls['apigateway:GetResources']).toBe(2 + 3);
    expect(snap.stats!.calls['apigateway:GetAuthorizers']).toBe(3 + 3);
  });

  it('follows v2 NextToken for APIs, routes, stages and domain names', async () => {
    const apiInputs: unknown[] = [];
    aws.m.apigatewayv2
      .on(GetApisCommand)
      .callsFake(v2Pages([[{ ApiId: 'h1', ProtocolType: 'HTTP' }], [{ ApiId: 'h2' }]], apiInputs));
    aws.m.apigatewayv2
      .on(GetRoutesCommand, { ApiId: 'h1' })
      .callsFake(
        v2Pages([
          [{ RouteId: 'r1', RouteKey: 'GET /a' }],
          [{ RouteId: 'r2', RouteKey: 'GET /b' }],
          [{ RouteId: 'r3', RouteKey: '$default' }],
        ]),
      );
    aws.m.apigatewayv2
      .on(GetV2StagesCommand, { ApiId: 'h2' })
      .callsFake(v2Pages([[{ StageName: 'a' }], [{ StageName: 'b' }]]));
    aws.m.apigatewayv2
      .on(GetV2DomainNamesCommand)
      .callsFake(v2Pages([[{ DomainName: 'a.example.com' }], [{ DomainName: 'b.example.com' }]]));
    aws.m.apigateway
      .on(GetDomainNamesCommand)
      .callsFake(v1Pages([[{ domainName: 'a.example.com' }], [{ domainName: 'c.example.com' }]]));

    const snap = await aws.scan(['eu-west-1']);
    expect(snap.collectionErrors).toEqual([]);
    const r = snap.accounts[0]!.regions[0]!;
    expect(apiInputs).toEqual([
      { MaxResults: '500', NextToken: undefined },
      { MaxResults: '500', NextToken: 't1' },
    ]);
    expect(r.v2Apis!.map((a) => a.ApiId)).toEqual(['h1', 'h2']);
    expect(r.v2Apis![0]!.routes!.map((x) => x.RouteKey)).toEqual(['GET /a', 'GET /b', '$default']);
    expect(r.v2Apis![1]!.stages!.map((x) => x.StageName)).toEqual(['a', 'b']);
    expect(r.v2DomainNames!.map((d) => d.DomainName)).toEqual(['a.example.com', 'b.example.com']);
    expect(r.domainNames!.map((d) => d.domainName)).toEqual(['a.example.com', 'c.example.com']);
  });

  it('follows pages of usage plans, their keys and API keys', async () => {
    aws.m.apigateway.on(GetUsagePlansCommand).callsFake(v1Pages([[{ id: 'u1' }], [{ id: 'u2' }]]));
    aws.m.apigateway
      .on(GetUsagePlanKeysCommand, { usagePlanId: 'u1' })
      .callsFake(v1Pages([[{ id: 'k1', value: 'SECRET-1' }], [{ id: 'k2', value: 'SECRET-2' }]]));
    const keyInputs: unknown[] = [];
    aws.m.apigateway
      .on(GetApiKeysCommand)
      .callsFake(
        v1Pages(
          [[{ id: 'k1', name: 'one' }], [{ id: 'k2', name: 'two', value: 'SECRET-3' }]],
          keyInputs,
        ),
      );

    const snap = await aws.scan(['eu-west-1']);
    expect(snap.collectionErrors).toEqual([]);
    const r = snap.accounts[0]!.regions[0]!;
    expect(r.usagePlans).toEqual([
      { id: 'u1', keyIds: ['k1', 'k2'] },
      { id: 'u2', keyIds: [] },
    ]);
    expect(r.apiKeys).toEqual([
      { id: 'k1', name: 'one' },
      { id: 'k2', name: 'two' },
    ]);
    // includeValues is never sent, and no value reaches the snapshot.
    expect(keyInputs).toEqual([
      { limit: 500, position: undefined },
      { limit: 500, position: 'p1' },
    ]);
    expect(JSON.stringify(snap)).not.toContain('SECRET');
  });

  it('follows account:ListRegions pages for --regions all', async () => {
    const inputs: unknown[] = [];
    aws.m.account.on(ListRegionsCommand).callsFake((input: { NextToken?: string }) => {
      inputs.push({ ...input });
      return input.NextToken
        ? { Regions: [{ RegionName: 'ap-south-1', RegionOptStatus: 'ENABLED' }] }
        : {
            Regions: [
              { RegionName: 'us-east-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
              { RegionName: 'eu-west-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
            ],
            NextToken: 'n2',
          };
    });
    const snap = await aws.scan('all');
    expect(snap.collectionErrors).toEqual([]);
    expect(inputs).toEqual([
      {
        RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'],
        MaxResults: 50,
        NextToken: undefined,
      },
      {
        RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'],
        MaxResults: 50,
        NextToken: 'n2',
      },
    ]);
    expect(snap.accounts[0]!.regions.map((r) => r.region)).toEqual([
      'ap-south-1',
      'eu-west-1',
      'us-east-1',
    ]);
    expect(aws.m.ec2.commandCalls(DescribeRegionsCommand)).toHaveLength(0);
  });

  it('falls back to ec2:DescribeRegions when ListRegions is denied, leaving no error', async () => {
    aws.m.account.on(ListRegionsCommand).rejects(awsError('AccessDeniedException'));
    aws.m.ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'me-south-1', OptInStatus: 'not-opted-in' },
        { RegionName: 'af-south-1', OptInStatus: 'opted-in' },
      ],
    });
    const snap = await aws.scan('all');
    expect(snap.collectionErrors).toEqual([]);
    expect(snap.accounts[0]!.regions.map((r) => r.region)).toEqual(['af-south-1', 'eu-west-1']);
  });

  it('a listing that fails on page 2 is undefined (never partial) with one error', async () => {
    aws.m.apigateway.on(GetRestApisCommand).callsFake((input: { position?: string }) => {
      if (input.position) throw awsError('InternalServerError', 'boom', 500);
      return { items: [{ id: 'a1' }], position: 'p1' };
    });
    aws.m.apigateway.on(GetResourcesCommand).callsFake((input: { position?: string }) => {
      if (input.position === 'p2') throw awsError('ServiceUnavailableException', 'down', 503);
      return input.position
        ? { items: [{ id: 'r2', path: '/b' }], position: 'p2' }
        : { items: [{ id: 'r1', path: '/' }], position: 'p1' };
    });
    aws.m.apigatewayv2
      .on(GetApisCommand)
      .callsFake(v2Pages([[{ ApiId: 'h1' }], [{ ApiId: 'h2' }]]));
    aws.m.apigatewayv2
      .on(GetRoutesCommand, { ApiId: 'h1' })
      .callsFake((input: { NextToken?: string }) => {
        if (input.NextToken) throw awsError('TooManyRequestsException', 'slow down', 429);
        return { Items: [{ RouteId: 'r1', RouteKey: 'GET /' }], NextToken: 'x' };
      });

    const snap = await aws.scan(['eu-west-1']);
    const r = snap.accounts[0]!.regions[0]!;
    expect(r.restApis).toBeUndefined();
    expect(r.v2Apis!.map((a) => a.ApiId)).toEqual(['h1', 'h2']);
    expect(r.v2Apis![0]!.routes).toBeUndefined();
    expect(r.v2Apis![1]!.routes).toEqual([]);
    expect(snap.collectionErrors).toEqual([
      {
        slice: 'restApis',
        service: 'apigateway',
        operation: 'GetRestApis',
        accountId: ACCOUNT,
        region: 'eu-west-1',
        errorCode: 'InternalServerError',
        message: 'boom',
      },
      {
        slice: 'v2Api.routes',
        service: 'apigatewayv2',
        operation: 'GetRoutes',
        accountId: ACCOUNT,
        region: 'eu-west-1',
        resourceId: 'h1',
        errorCode: 'TooManyRequestsException',
        message: 'slow down',
      },
    ]);
    expect(snap.stats!.throttled['apigatewayv2:GetRoutes']).toBe(1);
  });

  it('a repeated token or a list of the wrong type is an error, not a loop or a crash', async () => {
    aws.m.apigateway.on(GetRestApisCommand).resolves({ items: [{ id: 'a1' }], position: 'same' });
    aws.m.apigatewayv2.on(GetApisCommand).resolves({ Items: 'not-a-list' } as never);
    aws.m.apigateway.on(GetUsagePlansCommand).resolves(undefined as never);
    const snap = await aws.scan(['eu-west-1']);
    const r = snap.accounts[0]!.regions[0]!;
    expect(r.restApis).toBeUndefined();
    expect(r.v2Apis).toBeUndefined();
    expect(r.usagePlans).toBeUndefined();
    expect(snap.collectionErrors.map((e) => [e.operation, e.errorCode]).sort()).toEqual([
      ['GetApis', 'MalformedResponse'],
      ['GetRestApis', 'PaginationLoop'],
      ['GetUsagePlans', 'MalformedResponse'],
    ]);
    expect(snap.stats!.calls['apigateway:GetRestApis']).toBe(2);
  });
});

describe('progress', () => {
  it("emits 'found' for each resource family, per region", async () => {
    aws.m.apigateway.on(GetRestApisCommand).resolves({ items: [{ id: 'a1' }, { id: 'a2' }] });
    aws.m.apigateway.on(GetStagesCommand).resolves({ item: [{ stageName: 'prod' }] });
    aws.m.apigatewayv2.on(GetApisCommand).resolves({ Items: [{ ApiId: 'h1' } as never] });
    const found: Record<string, number> = {};
    await collectSnapshot({
      clients: aws.clients,
      regions: ['eu-west-1'],
      pacer: unpaced(),
      onProgress: (e) => {
        if (e.kind === 'found') found[e.resource!] = (found[e.resource!] ?? 0) + e.count!;
      },
    });
    expect(found).toMatchObject({
      restApis: 2,
      restStages: 2,
      v2Apis: 1,
      domainNames: 0,
      v2DomainNames: 0,
      usagePlans: 0,
      apiKeys: 0,
      clientCertificates: 0,
      vpcLinks: 0,
      v2VpcLinks: 0,
      trails: 0,
      webAcls: 0,
      lambdaFunctions: 0,
      certificates: 0,
    });
  });
});
