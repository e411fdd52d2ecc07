/**
 * The collector and lambda-permission-source-arn read Lambda URIs through one helper: a URI
 * whose function ARN is URL-encoded is fetched under the decoded ARN, and the check finds it.
 */
import { GetResourcesCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { GetPolicyCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import lambdaPermissionSourceArn from '../../checks/lambda-permission-source-arn.js';
import { auditConfig } from '../../src/config/load.js';
import { evaluateSnapshot } from '../../src/engine/evaluate.js';
import { useMockAws } from '../helpers/mock-aws.js';

const aws = useMockAws();

describe('Lambda URIs, collector and check alike', () => {
  it('fetches the policy of an encoded function ARN and evaluates it, not ERROR', async () => {
    const fn = 'arn:aws:lambda:eu-west-1:111122223333:function:orders:live';
    const uri = (arn: string) =>
      `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${arn}/invocations`;
    aws.m.apigateway.on(GetRestApisCommand).resolves({ items: [{ id: 'a1' }] });
    aws.m.apigateway.on(GetResourcesCommand).resolves({
      items: [
        {
          id: 'r',
          path: '/',
          resourceMethods: {
            GET: { methodIntegration: { type: 'AWS_PROXY', uri: uri(encodeURIComponent(fn)) } },
            // The stage-variable form names no function: neither side follows it.
            POST: {
              methodIntegration: {
                type: 'AWS_PROXY',
                uri: uri('arn:aws:lambda:eu-west-1:111122223333:function:${stageVariables.fn}'),
              },
            },
          },
        },
      ],
    });
    const policy = JSON.stringify({
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'apigateway.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: fn,
        },
      ],
    });
    aws.m.lambda.on(GetPolicyCommand, { FunctionName: fn }).resolves({ Policy: policy });

    const snap = await aws.scan(['eu-west-1']);
    expect(
      aws.m.lambda.commandCalls(GetPolicyCommand).map((c) => c.args[0].input.FunctionName),
    ).toEqual([fn]);
    expect(Object.keys(snap.accounts[0]!.regions[0]!.lambdaPolicies ?? {})).toEqual([fn]);

    const report = evaluateSnapshot(snap, [lambdaPermissionSourceArn], auditConfig());
    const findings = report.findings.filter((f) => f.checkId === 'lambda-permission-source-arn');
    expect(findings.map((f) => [f.resource.arn, f.status])).toEqual([[fn, 'FAIL']]);
  });
});
