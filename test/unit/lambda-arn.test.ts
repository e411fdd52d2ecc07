import { describe, expect, it } from 'vitest';
import { lambdaFunctionArn, lambdaTargetOf } from '../../src/snapshot/lambda-arn.js';

describe('lambdaFunctionArn', () => {
  const fn = 'arn:aws:lambda:eu-west-1:111122223333:function:orders';
  it('reads the REST / HTTP API path form', () => {
    expect(
      lambdaFunctionArn(
        `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${fn}/invocations`,
      ),
    ).toBe(fn);
  });
  it('keeps a qualifier exactly as written', () => {
    expect(
      lambdaFunctionArn(
        `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${fn}:live/invocations`,
      ),
    ).toBe(`${fn}:live`);
  });
  it('URL-decodes an encoded ARN', () => {
    expect(
      lambdaFunctionArn(
        `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${encodeURIComponent(fn)}/invocations`,
      ),
    ).toBe(fn);
  });
  it('reads a plain function ARN (HTTP API IntegrationUri)', () =>
    expect(lambdaFunctionArn(fn)).toBe(fn));
  it('skips stage-variable functions, HTTP URLs and AWS service URIs', () => {
    expect(
      lambdaFunctionArn(
        `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${fn}:\${stageVariables.alias}/invocations`,
      ),
    ).toBeUndefined();
    expect(
      lambdaFunctionArn(
        'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111122223333:function:${stageVariables.fn}/invocations',
      ),
    ).toBeUndefined();
    expect(lambdaFunctionArn('https://example.com/x')).toBeUndefined();
    expect(
      lambdaFunctionArn('arn:aws:apigateway:eu-west-1:sqs:path/111122223333/q'),
    ).toBeUndefined();
    expect(lambdaFunctionArn(undefined)).toBeUndefined();
  });
});

describe('lambdaFunctionArn across partitions and URI shapes', () => {
  it('reads URIs of every partition, and skips what is no function', () => {
    const gov = 'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f';
    expect(
      lambdaFunctionArn(
        `arn:aws-us-gov:apigateway:us-gov-west-1:lambda:path/2015-03-31/functions/${gov}/invocations`,
      ),
    ).toBe(gov);
    expect(lambdaFunctionArn(gov)).toBe(gov);
    expect(lambdaFunctionArn(`${gov}:\${stageVariables.alias}`)).toBeUndefined();
    expect(lambdaFunctionArn('https://example.com/invocations')).toBeUndefined();
    expect(
      lambdaFunctionArn('arn:aws:elasticloadbalancing:eu-west-1:1:listener/app/x/1/2'),
    ).toBeUndefined();
  });
  it('keeps a version qualifier and accepts a trailing slash', () => {
    const fn = 'arn:aws:lambda:eu-west-1:111122223333:function:orders:7';
    expect(
      lambdaFunctionArn(
        `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${fn}/invocations/`,
      ),
    ).toBe(fn);
  });
  it('rejects a path-form URI whose function part is no function ARN', () => {
    expect(
      lambdaFunctionArn(
        'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/orders/invocations',
      ),
    ).toBeUndefined();
    expect(
      lambdaFunctionArn('arn:aws:lambda:eu-west-1:1111:function:short-account'),
    ).toBeUndefined();
  });
});

describe('lambdaTargetOf (what the inventory shows)', () => {
  const fn = 'arn:aws:lambda:eu-west-1:111122223333:function:orders';
  it('keeps stage variables, which lambdaFunctionArn cannot resolve', () => {
    const uri = `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${fn}:\${stageVariables.alias}/invocations`;
    expect(lambdaTargetOf(uri)).toBe(`${fn}:\${stageVariables.alias}`);
    expect(lambdaFunctionArn(uri)).toBeUndefined();
  });
  it('decodes an encoded ARN and leaves a stray percent as written', () => {
    expect(
      lambdaTargetOf(
        `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${encodeURIComponent(fn)}/invocations`,
      ),
    ).toBe(fn);
    expect(
      lambdaTargetOf(
        `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${fn}%/invocations`,
      ),
    ).toBe(`${fn}%`);
  });
  it('is undefined for HTTP and AWS service integrations', () => {
    expect(lambdaTargetOf('https://backend.example.com/x')).toBeUndefined();
    expect(lambdaTargetOf('arn:aws:apigateway:eu-west-1:sqs:path/111122223333/q')).toBeUndefined();
    expect(lambdaTargetOf(undefined)).toBeUndefined();
  });
});
