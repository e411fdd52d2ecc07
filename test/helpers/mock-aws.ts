/**
 * aws-sdk-client-mock for every client the collectors use. Each client class is mocked (all its
 * instances), every command answers `{}` unless a test says otherwise, and STS names a caller.
 * Note: with `send` stubbed, the SDK's retry middleware never runs.
 */
import { AccountClient } from '@aws-sdk/client-account';
import { ACMClient } from '@aws-sdk/client-acm';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { EC2Client } from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach } from 'vitest';
import { createClientFactory, type ClientFactory } from '../../src/collect/clients.js';
import { unpaced, type Pacer } from '../../src/collect/pacing.js';
import { collectSnapshot } from '../../src/collect/scan.js';
import { TEST_CREDENTIALS } from './moto.js';

export const ACCOUNT = '111122223333';

function mocks() {
  return {
    apigateway: mockClient(APIGatewayClient),
    apigatewayv2: mockClient(ApiGatewayV2Client),
    wafv2: mockClient(WAFV2Client),
    cloudtrail: mockClient(CloudTrailClient),
    sts: mockClient(STSClient),
    account: mockClient(AccountClient),
    ec2: mockClient(EC2Client),
    lambda: mockClient(LambdaClient),
    acm: mockClient(ACMClient),
    iam: mockClient(IAMClient),
    organizations: mockClient(OrganizationsClient),
  };
}

export type AwsMocks = ReturnType<typeof mocks>;

export interface MockAws {
  m: AwsMocks;
  clients: ClientFactory;
  scan(regions: string[] | 'all', opts?: { pacer?: Pacer }): ReturnType<typeof collectSnapshot>;
}

/** Registers beforeEach/afterEach hooks: fresh mocks for every test. */
export function useMockAws(): MockAws {
  const handle = {} as MockAws;
  beforeEach(() => {
    const m = mocks();
    for (const x of Object.values(m) as Array<{
      onAnyCommand(): { resolves(v: object): unknown };
    }>) {
      x.onAnyCommand().resolves({});
    }
    m.sts.on(GetCallerIdentityCommand).resolves({
      Account: ACCOUNT,
      Arn: `arn:aws:iam::${ACCOUNT}:user/auditor`,
    });
    handle.m = m;
    handle.clients = createClientFactory({ credentials: TEST_CREDENTIALS });
    handle.scan = (regions, opts = {}) =>
      collectSnapshot({
        clients: handle.clients,
        regions,
        pacer: opts.pacer ?? unpaced(),
        homeRegion: 'eu-west-1',
      });
  });
  afterEach(() => {
    for (const x of Object.values(handle.m)) x.restore();
  });
  return handle;
}

/** An SDK-shaped service error. */
export function awsError(name: string, message = name, status = 400): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, attempts: 1 },
  });
}
