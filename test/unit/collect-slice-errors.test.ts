/**
 * The slice table against what the collectors really record: with every AWS call denied, level by
 * level, each collection error must name a slice whose row lists the failed operation, and every
 * operation of the table (but the scan's opening GetCallerIdentity) must be reached.
 */
import {
  GetAuthorizersCommand,
  GetDomainNamesCommand,
  GetRestApisCommand,
  GetStagesCommand,
  GetUsagePlansCommand,
} from '@aws-sdk/client-api-gateway';
import {
  GetApisCommand,
  GetDomainNamesCommand as GetV2DomainNamesCommand,
  GetStagesCommand as GetV2StagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { unpaced } from '../../src/collect/pacing.js';
import { collectSnapshot } from '../../src/collect/scan.js';
import { SCAN_OPERATIONS, SCAN_STOPPING_OPERATIONS, sliceRow } from '../../src/snapshot/slices.js';
import type { CollectionError } from '../../src/snapshot/types.js';
import { ACCOUNT, awsError, useMockAws } from '../helpers/mock-aws.js';

const aws = useMockAws();
const denied = awsError('AccessDeniedException', 'not authorized');
const FN =
  'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111122223333:function:auth/invocations';

describe('collection errors and the slice table', () => {
  it('name, for every failed operation, a slice whose row lists it', async () => {
    for (const m of Object.values(aws.m) as Array<{
      onAnyCommand(): { rejects(e: Error): unknown };
    }>) {
      m.onAnyCommand().rejects(denied);
    }
    aws.m.sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/auditor` });
    const errors: CollectionError[] = [];
    const calls = new Set<string>();
    const scan = async (run: ReturnType<typeof aws.scan>) => {
      const snap = await run;
      errors.push(...snap.collectionErrors);
      for (const k of Object.keys(snap.stats?.calls ?? {})) calls.add(k);
    };

    // Account level: a role that cannot be assumed; region listing denied both ways.
    await scan(
      collectSnapshot({
        clients: aws.clients,
        regions: ['eu-west-1'],
        roleArns: ['arn:aws:iam::444455556666:role/Audit'],
        pacer: unpaced(),
        homeRegion: 'eu-west-1',
      }),
    );
    await scan(aws.scan('all'));
    // Every region listing denied.
    await scan(aws.scan(['eu-west-1']));
    // Listings answer one item each; every per-item call is denied.
    aws.m.apigateway.on(GetRestApisCommand).resolves({ items: [{ id: 'a1' }] });
    aws.m.apigatewayv2.on(GetApisCommand).resolves({
      Items: [
        {
          ApiId: 'v1',
          Name: 'v1',
          ProtocolType: 'HTTP',
          RouteSelectionExpression: '$request.method $request.path',
        },
      ],
    });
    aws.m.apigateway.on(GetDomainNamesCommand).resolves({
      items: [
        {
          domainName: 'api.example.com',
          regionalCertificateArn: `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/abc`,
        },
      ],
    });
    aws.m.apigatewayv2
      .on(GetV2DomainNamesCommand)
      .resolves({ Items: [{ DomainName: 'api.example.com' }] });
    aws.m.apigateway.on(GetUsagePlansCommand).resolves({ items: [{ id: 'p1' }] });
    aws.m.cloudtrail.on(DescribeTrailsCommand).resolves({
      trailList: [
        {
          Name: 't',
          TrailARN: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/t`,
          HomeRegion: 'eu-west-1',
        },
      ],
    });
    await scan(aws.scan(['eu-west-1']));
    // Stages and authorizers answer: the web ACL, the deployment and the Lambda function they
    // name are denied, and so is the export of the HTTP API's stage.
    aws.m.apigateway.on(GetStagesCommand).resolves({
      item: [
        {
          stageName: 'prod',
          deploymentId: 'd1',
          webAclArn: `arn:aws:wafv2:eu-west-1:${ACCOUNT}:regional/webacl/acl/1234`,
        },
      ],
    });
    aws.m.apigatewayv2.on(GetV2StagesCommand).resolves({ Items: [{ StageName: 'prod' }] });
    aws.m.apigateway
      .on(GetAuthorizersCommand)
      .resolves({ items: [{ id: 'z', authorizerUri: FN }] });
    await scan(aws.scan(['eu-west-1']));

    expect(errors.filter((e) => e.errorCode === 'CollectorError')).toEqual([]);
    for (const e of errors) {
      const listed = sliceRow(e.slice).operations.map((o) => o.call);
      expect(listed, `${e.slice} <- ${e.service}:${e.operation}`).toContain(
        `${e.service}:${e.operation}`,
      );
    }
    const failed = new Set(errors.map((e) => `${e.service}:${e.operation}`));
    expect([...failed].sort()).toEqual(
      SCAN_OPERATIONS.filter((o) => !SCAN_STOPPING_OPERATIONS.includes(o)).sort(),
    );
    expect([...SCAN_STOPPING_OPERATIONS].sort()).toEqual([
      'organizations:ListAccounts',
      'organizations:ListAccountsForParent',
      'organizations:ListOrganizationalUnitsForParent',
      'organizations:ListRoots',
      'sts:GetCallerIdentity',
    ]);
    // Calls counted in stats are calls of the table too (AssumeRole is made before any context).
    for (const c of calls) expect(SCAN_OPERATIONS, c).toContain(c);
  });
});
