import { DescribeCertificateCommand } from '@aws-sdk/client-acm';
import {
  GetAccountCommand,
  GetBasePathMappingsCommand,
  GetClientCertificatesCommand,
  GetDomainNamesCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
} from '@aws-sdk/client-api-gateway';
import {
  GetApisCommand,
  GetAuthorizersCommand as GetV2AuthorizersCommand,
  GetIntegrationsCommand,
} from '@aws-sdk/client-apigatewayv2';
import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { GetPolicyCommand } from '@aws-sdk/client-lambda';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import {
  GetLoggingConfigurationCommand,
  GetWebACLCommand,
  GetWebACLForResourceCommand,
  ListResourcesForWebACLCommand,
} from '@aws-sdk/client-wafv2';
import { describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/collect/scan.js';
import { unpaced } from '../../src/collect/pacing.js';
import { parseWebAclArn } from '../../src/collect/waf.js';
import { ACCOUNT, awsError, useMockAws } from '../helpers/mock-aws.js';

const aws = useMockAws();

/** The region of the client a mocked call was sent through. */
async function regionOf(call: { thisValue: unknown }): Promise<string> {
  const client = call.thisValue as { config: { region: () => Promise<string> } };
  return client.config.region();
}

describe('one denied operation', () => {
  it('leaves only its slice missing, with one exact error entry', async () => {
    aws.m.apigateway.on(GetRestApisCommand).resolves({ items: [{ id: 'a1' }, { id: 'a2' }] });
    aws.m.apigateway.on(GetResourcesCommand).resolves({ items: [{ id: 'r', path: '/' }] });
    aws.m.apigateway.on(GetStagesCommand, { restApiId: 'a1' }).resolves({
      item: [{ stageName: 'prod', webAclArn: undefined }],
    });
    aws.m.apigateway
      .on(GetStagesCommand, { restApiId: 'a2' })
      .rejects(
        awsError('AccessDeniedException', 'User is not authorized to perform apigateway:GET'),
      );
    aws.m.apigateway
      .on(GetAccountCommand)
      .resolves({ cloudwatchRoleArn: 'arn:aws:iam::1:role/cw' });

    const snap = await aws.scan(['eu-west-1']);
    expect(snap.collectionErrors).toEqual([
      {
        slice: 'restApi.stages',
        service: 'apigateway',
        operation: 'GetStages',
        accountId: ACCOUNT,
        region: 'eu-west-1',
        resourceId: 'a2',
        errorCode: 'AccessDeniedException',
        message: 'User is not authorized to perform apigateway:GET',
      },
    ]);
    const r = snap.accounts[0]!.regions[0]!;
    expect(r.restApis![0]!.stages).toEqual([{ stageName: 'prod' }]);
    expect(r.restApis![1]!.stages).toBeUndefined();
    expect(r.restApis![1]!.resources).toEqual([{ id: 'r', path: '/' }]);
    expect(r.restApis![1]!.authorizers).toEqual([]);
    expect(r.account).toEqual({ cloudwatchRoleArn: 'arn:aws:iam::1:role/cw' });
    for (const slice of [
      'v2Apis',
      'domainNames',
      'v2DomainNames',
      'usagePlans',
      'apiKeys',
      'clientCertificates',
      'vpcLinks',
      'v2VpcLinks',
      'trails',
      'webAcls',
    ] as const) {
      expect(r[slice], slice).toEqual([]);
    }
    expect(r.lambdaPolicies).toEqual({});
    expect(r.certificates).toEqual({});
  });
});

describe('a failed call about one member of a list', () => {
  it('leaves only that member incomplete: one plan without keyIds, one domain without mappings', async () => {
    aws.m.apigateway.on(GetUsagePlansCommand).resolves({ items: [{ id: 'u1' }, { id: 'u2' }] });
    aws.m.apigateway.on(GetUsagePlanKeysCommand, { usagePlanId: 'u1' }).resolves({
      items: [{ id: 'k1' }],
    });
    aws.m.apigateway
      .on(GetUsagePlanKeysCommand, { usagePlanId: 'u2' })
      .rejects(awsError('AccessDeniedException', 'no /usageplans/*/keys'));
    aws.m.apigateway.on(GetDomainNamesCommand).resolves({
      items: [
        { domainName: 'a.example.com' },
        { domainName: 'p.example.com', domainNameId: 'abc123' },
      ],
    });
    aws.m.apigateway
      .on(GetBasePathMappingsCommand, { domainName: 'a.example.com' })
      .resolves({ items: [{ basePath: '(none)', restApiId: 'a1', stage: 'prod' }] });
    aws.m.apigateway
      .on(GetBasePathMappingsCommand, { domainName: 'p.example.com' })
      .rejects(awsError('NotFoundException', 'gone', 404));
    const snap = await aws.scan(['eu-west-1']);
    const r = snap.accounts[0]!.regions[0]!;
    expect(r.usagePlans).toEqual([{ id: 'u1', keyIds: ['k1'] }, { id: 'u2' }]);
    expect(r.domainNames).toEqual([
      {
        domainName: 'a.example.com',
        basePathMappings: [{ basePath: '(none)', restApiId: 'a1', stage: 'prod' }],
      },
      { domainName: 'p.example.com', domainNameId: 'abc123' },
    ]);
    // A private domain is addressed by name and id.
    expect(
      aws.m.apigateway
        .commandCalls(GetBasePathMappingsCommand)
        .map((c) => c.args[0].input)
        .find((i) => i.domainName === 'p.example.com'),
    ).toMatchObject({ domainNameId: 'abc123', limit: 500 });
    expect(snap.collectionErrors.map((e) => [e.slice, e.operation, e.resourceId]).sort()).toEqual([
      ['domainName.basePathMappings', 'GetBasePathMappings', 'p.example.com+abc123'],
      ['usagePlans', 'GetUsagePlanKeys', 'u2'],
    ]);
  });
});

describe('operations moto lacks, on their success path', () => {
  it('GetClientCertificates: metadata kept, PEM body dropped, dates as ISO strings', async () => {
    aws.m.apigateway.on(GetClientCertificatesCommand).resolves({
      items: [
        {
          clientCertificateId: 'cc1',
          description: 'backend mTLS',
          pemEncodedCertificate: '-----BEGIN CERTIFICATE-----\nMIIB...',
          createdDate: new Date('2026-01-01T00:00:00Z'),
          expirationDate: new Date('2027-01-01T00:00:00Z'),
        },
      ],
    });
    const snap = await aws.scan(['eu-west-1']);
    expect(snap.collectionErrors).toEqual([]);
    expect(snap.accounts[0]!.regions[0]!.clientCertificates).toEqual([
      {
        clientCertificateId: 'cc1',
        description: 'backend mTLS',
        createdDate: '2026-01-01T00:00:00.000Z',
        expirationDate: '2027-01-01T00:00:00.000Z',
      },
    ]);
  });

  it('v2 GetAuthorizers: JWT and Lambda authorizers per API; the Lambda one is followed', async () => {
    const fn = 'arn:aws:lambda:eu-west-1:111122223333:function:http-auth';
    aws.m.apigatewayv2.on(GetApisCommand).resolves({ Items: [{ ApiId: 'h1' } as never] });
    aws.m.apigatewayv2.on(GetV2AuthorizersCommand, { ApiId: 'h1' }).resolves({
      Items: [
        {
          AuthorizerId: 'j1',
          Name: 'cognito',
          AuthorizerType: 'JWT',
          IdentitySource: ['$request.header.Authorization'],
          JwtConfiguration: { Audience: ['app'], Issuer: 'https://issuer.example.com' },
        },
        {
          AuthorizerId: 'l1',
          Name: 'lambda',
          AuthorizerType: 'REQUEST',
          AuthorizerUri: `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${fn}/invocations`,
          AuthorizerResultTtlInSeconds: 300,
        },
      ],
    });
    aws.m.lambda
      .on(GetPolicyCommand)
      .rejects(
        awsError('ResourceNotFoundException', 'The resource you requested does not exist.', 404),
      );
    const snap = await aws.scan(['eu-west-1']);
    expect(snap.collectionErrors).toEqual([]);
    const r = snap.accounts[0]!.regions[0]!;
    expect(r.v2Apis![0]!.authorizers!.map((a) => [a.AuthorizerId, a.AuthorizerType])).toEqual([
      ['j1', 'JWT'],
      ['l1', 'REQUEST'],
    ]);
    expect(r.v2Apis![0]!.authorizers![0]!.JwtConfiguration).toEqual({
      Audience: ['app'],
      Issuer: 'https://issuer.example.com',
    });
    expect(r.lambdaPolicies).toEqual({ [fn]: { functionArn: fn, policy: null } });
  });

  it('WAF: no GetWebACLForResource per stage and no ListResourcesForWebACL (not needed: the stage names its ACL)', async () => {
    const acl = 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/main/1111-2222';
    const classic = 'arn:aws:waf-regional:eu-west-1:111122223333:webacl/abcd-ef';
    aws.m.apigateway.on(GetRestApisCommand).resolves({ items: [{ id: 'a1' }] });
    aws.m.apigateway.on(GetStagesCommand).resolves({
      item: [
        { stageName: 's1', webAclArn: acl },
        { stageName: 's2', webAclArn: acl },
        { stageName: 's3', webAclArn: classic },
        { stageName: 's4' },
      ],
    });
    aws.m.wafv2.on(GetWebACLCommand).resolves({
      WebACL: {
        Name: 'main',
        Id: '1111-2222',
        ARN: acl,
        DefaultAction: { Allow: {} },
        Rules: [],
        VisibilityConfig: undefined as never,
      },
      LockToken: 'lock',
    });
    aws.m.wafv2
      .on(GetLoggingConfigurationCommand)
      .rejects(awsError('AccessDeniedException', 'no wafv2:GetLoggingConfiguration'));
    const snap = await aws.scan(['eu-west-1']);
    const r = snap.accounts[0]!.regions[0]!;
    expect(r.webAcls).toEqual([
      {
        arn: acl,
        kind: 'wafv2',
        webAcl: {
          Name: 'main',
          Id: '1111-2222',
          ARN: acl,
          DefaultAction: { Allow: {} },
          Rules: [],
        },
      },
      { arn: classic, kind: 'waf-classic' },
    ]);
    expect(aws.m.wafv2.commandCalls(GetWebACLCommand).map((c) => c.args[0].input)).toEqual([
      { Name: 'main', Id: '1111-2222', Scope: 'REGIONAL' },
    ]);
    expect(aws.m.wafv2.commandCalls(GetWebACLForResourceCommand)).toHaveLength(0);
    expect(aws.m.wafv2.commandCalls(ListResourcesForWebACLCommand)).toHaveLength(0);
    expect(snap.collectionErrors).toEqual([
      {
        slice: 'webAcl.loggingConfiguration',
        service: 'wafv2',
        operation: 'GetLoggingConfiguration',
        accountId: ACCOUNT,
        region: 'eu-west-1',
        resourceId: acl,
        errorCode: 'AccessDeniedException',
        message: 'no wafv2:GetLoggingConfiguration',
      },
    ]);
  });
});

describe('references followed into other regions', () => {
  it('trail status and selectors are read in the home region, once for all regions', async () => {
    const arn = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org';
    aws.m.cloudtrail.on(DescribeTrailsCommand).resolves({
      trailList: [
        { Name: 'org', TrailARN: arn, HomeRegion: 'us-east-1', IsMultiRegionTrail: true },
      ],
    });
    aws.m.cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    aws.m.cloudtrail.on(GetEventSelectorsCommand).resolves({
      TrailARN: arn,
      AdvancedEventSelectors: [
        {
          Name: 'mgmt',
          FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }],
        },
      ],
    });
    const snap = await aws.scan(['eu-west-1', 'ap-south-1', 'eu-central-1']);
    expect(snap.collectionErrors).toEqual([]);
    for (const r of snap.accounts[0]!.regions) {
      expect(r.trails![0]!.status).toEqual({ IsLogging: true });
      expect(r.trails![0]!.eventSelectors!.AdvancedEventSelectors![0]!.Name).toBe('mgmt');
    }
    const calls = aws.m.cloudtrail.commandCalls(GetEventSelectorsCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({ TrailName: arn });
    expect(await regionOf(calls[0]!)).toBe('us-east-1');
    expect(aws.m.cloudtrail.commandCalls(GetTrailStatusCommand)).toHaveLength(1);
    expect(aws.m.cloudtrail.commandCalls(DescribeTrailsCommand)).toHaveLength(3);
  });

  it('a failed shared call is an error in every region that lacks the data', async () => {
    const arn = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org';
    aws.m.cloudtrail.on(DescribeTrailsCommand).resolves({
      trailList: [{ Name: 'org', TrailARN: arn, HomeRegion: 'us-east-1' }],
    });
    aws.m.cloudtrail.on(GetTrailStatusCommand).rejects(awsError('TrailNotFoundException'));
    const snap = await aws.scan(['eu-west-1', 'us-east-1']);
    expect(aws.m.cloudtrail.commandCalls(GetTrailStatusCommand)).toHaveLength(1);
    expect(snap.collectionErrors.map((e) => [e.region, e.slice, e.resourceId])).toEqual([
      ['eu-west-1', 'trail.status', arn],
      ['us-east-1', 'trail.status', arn],
    ]);
    expect(snap.accounts[0]!.regions.map((r) => r.trails![0]!.status)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('Lambda policies in the function region; edge certificates in us-east-1', async () => {
    const fn = 'arn:aws:lambda:us-west-2:111122223333:function:far:live';
    const missing = 'arn:aws:lambda:eu-west-1:111122223333:function:gone';
    const denied = 'arn:aws:lambda:eu-west-1:999999999999:function:other-account';
    const edgeCert = 'arn:aws:acm:us-east-1:111122223333:certificate/e1';
    aws.m.apigateway.on(GetRestApisCommand).resolves({ items: [{ id: 'a1' }] });
    aws.m.apigateway.on(GetResourcesCommand).resolves({
      items: [
        {
          id: 'r',
          path: '/',
          resourceMethods: {
            GET: {
              methodIntegration: {
                type: 'AWS_PROXY',
                uri: `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${fn}/invocations`,
              },
            },
          },
        },
      ],
    });
    aws.m.apigatewayv2.on(GetApisCommand).resolves({ Items: [{ ApiId: 'h1' } as never] });
    aws.m.apigatewayv2.on(GetIntegrationsCommand).resolves({
      Items: [
        { IntegrationId: 'i1', IntegrationType: 'AWS_PROXY', IntegrationUri: missing },
        { IntegrationId: 'i2', IntegrationType: 'AWS_PROXY', IntegrationUri: denied },
        { IntegrationId: 'i3', IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://x.example' },
      ],
    });
    aws.m.lambda
      .on(GetPolicyCommand, { FunctionName: fn })
      .resolves({ Policy: '{"Statement":[]}' });
    aws.m.lambda
      .on(GetPolicyCommand, { FunctionName: missing })
      .rejects(awsError('ResourceNotFoundException', `Function not found: ${missing}`, 404));
    aws.m.lambda
      .on(GetPolicyCommand, { FunctionName: denied })
      .rejects(awsError('AccessDeniedException', 'cross-account'));
    aws.m.apigateway.on(GetDomainNamesCommand).resolves({
      items: [
        { domainName: 'edge.example.com', certificateArn: edgeCert },
        { domainName: 'iam.example.com', certificateName: 'legacy-iam-cert' },
      ],
    });
    aws.m.acm.on(DescribeCertificateCommand).resolves({
      Certificate: {
        CertificateArn: edgeCert,
        DomainName: 'edge.example.com',
        NotAfter: new Date('2027-03-01T00:00:00Z'),
        Status: 'ISSUED',
      },
    });
    const snap = await aws.scan(['eu-west-1']);
    const r = snap.accounts[0]!.regions[0]!;
    expect(r.lambdaPolicies).toEqual({ [fn]: { functionArn: fn, policy: '{"Statement":[]}' } });
    expect(
      snap.collectionErrors.map((e) => [e.slice, e.operation, e.resourceId, e.errorCode]).sort(),
    ).toEqual([
      ['lambdaPolicies', 'GetPolicy', missing, 'ResourceNotFoundException'],
      ['lambdaPolicies', 'GetPolicy', denied, 'AccessDeniedException'],
    ]);
    const fnCall = aws.m.lambda
      .commandCalls(GetPolicyCommand)
      .find((c) => c.args[0].input.FunctionName === fn)!;
    expect(await regionOf(fnCall)).toBe('us-west-2');
    expect(r.certificates).toEqual({
      [edgeCert]: {
        CertificateArn: edgeCert,
        DomainName: 'edge.example.com',
        NotAfter: '2027-03-01T00:00:00.000Z',
        Status: 'ISSUED',
      },
    });
    const certCalls = aws.m.acm.commandCalls(DescribeCertificateCommand);
    expect(certCalls).toHaveLength(1);
    expect(await regionOf(certCalls[0]!)).toBe('us-east-1');
  });
});

describe('regions and partitions', () => {
  it('a region that refuses the credentials becomes collection errors, not a crash', async () => {
    const refused = awsError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
    const refuseIn = (region: string) => async (_input: unknown, getClient: () => unknown) => {
      const client = getClient() as { config: { region: () => Promise<string> } };
      if ((await client.config.region()) === region) throw refused;
      return {};
    };
    aws.m.apigateway.onAnyCommand().callsFake(refuseIn('me-south-1'));
    aws.m.apigatewayv2.onAnyCommand().callsFake(refuseIn('me-south-1'));
    aws.m.cloudtrail.onAnyCommand().callsFake(refuseIn('me-south-1'));
    const snap = await aws.scan(['eu-west-1', 'me-south-1']);
    const [eu, me] = snap.accounts[0]!.regions;
    expect(eu!.restApis).toEqual([]);
    expect(me!.restApis).toBeUndefined();
    expect(me!.v2Apis).toBeUndefined();
    expect(me!.trails).toBeUndefined();
    const errs = snap.collectionErrors;
    expect(errs.length).toBeGreaterThan(0);
    expect(errs.every((e) => e.region === 'me-south-1')).toBe(true);
    expect(errs.every((e) => e.errorCode === 'UnrecognizedClientException')).toBe(true);
    // Once the region refused, the remaining calls to it are recorded without being sent.
    expect(errs.some((e) => e.message.startsWith('not sent: me-south-1 refused'))).toBe(true);
  });

  it('assumed roles in aws-cn keep their partition, and ARNs of that partition are followed', async () => {
    aws.m.sts.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: 'ASIA',
        SecretAccessKey: 's',
        SessionToken: 't',
        Expiration: new Date(),
      },
    });
    const fn = 'arn:aws-cn:lambda:cn-north-1:222233334444:function:cn-fn';
    aws.m.apigateway.on(GetRestApisCommand).resolves({ items: [{ id: 'a1' }] });
    aws.m.apigateway.on(GetResourcesCommand).resolves({
      items: [
        {
          id: 'r',
          path: '/',
          resourceMethods: {
            GET: {
              methodIntegration: {
                uri: `arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/${fn}/invocations`,
              },
            },
          },
        },
      ],
    });
    aws.m.lambda.on(GetPolicyCommand).resolves({ Policy: '{}' });
    const snap = await collectSnapshot({
      clients: aws.clients,
      regions: ['cn-north-1'],
      roleArns: ['arn:aws-cn:iam::222233334444:role/Audit'],
      pacer: unpaced(),
    });
    expect(snap.collectionErrors).toEqual([]);
    expect(snap.accounts[0]).toMatchObject({ accountId: '222233334444', partition: 'aws-cn' });
    expect(snap.accounts[0]!.regions[0]!.lambdaPolicies).toEqual({
      [fn]: { functionArn: fn, policy: '{}' },
    });
  });

  it('parses web ACL ARNs of every partition', () => {
    expect(
      parseWebAclArn('arn:aws-cn:wafv2:cn-north-1:123456789012:regional/webacl/acl-1/abc-123'),
    ).toEqual({
      kind: 'wafv2',
      region: 'cn-north-1',
      scope: 'REGIONAL',
      name: 'acl-1',
      id: 'abc-123',
    });
    expect(parseWebAclArn('arn:aws-us-gov:waf-regional:us-gov-west-1:1:webacl/x')).toEqual({
      kind: 'waf-classic',
    });
    expect(parseWebAclArn('not-an-arn')).toBeUndefined();
  });
});
