/** What the APIs depend on outside API Gateway: IAM roles, S3 buckets, CloudTrail, Lambda. */
import {
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
  type ReadWriteType,
} from '@aws-sdk/client-cloudtrail';
import { AddPermissionCommand, CreateFunctionCommand, type Runtime } from '@aws-sdk/client-lambda';
import type { Clients } from '../src/collect/clients.js';

/**
 * A raw request to moto for services the project has no SDK client for (S3, IAM), used only to
 * create what other seeders depend on. moto reads the service and region from the credential
 * scope of the Authorization header and does not verify the signature.
 */
export async function motoRaw(
  c: Clients,
  service: string,
  region: string,
  method: string,
  path: string,
  body?: string,
): Promise<string> {
  const ep = await c.apigateway.config.endpoint!();
  const url = `${ep.protocol}//${ep.hostname}${ep.port ? `:${ep.port}` : ''}${path}`;
  const res = await fetch(url, {
    method,
    headers: {
      Authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
      ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(body ? { body } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`moto ${service} ${method} ${path}: HTTP ${res.status} ${text}`);
  return text;
}

export async function seedS3Bucket(c: Clients, bucket: string): Promise<void> {
  await motoRaw(c, 's3', 'us-east-1', 'PUT', `/${bucket}`);
}

export async function seedIamRole(c: Clients, roleName: string): Promise<string> {
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  });
  const body = new URLSearchParams({
    Action: 'CreateRole',
    Version: '2010-05-08',
    RoleName: roleName,
    AssumeRolePolicyDocument: trust,
  }).toString();
  const xml = await motoRaw(c, 'iam', 'us-east-1', 'POST', '/', body);
  return /<Arn>([^<]+)<\/Arn>/.exec(xml)![1]!;
}

export async function seedTrail(
  c: Clients,
  name: string,
  opts: {
    multiRegion?: boolean;
    logging?: boolean;
    readWriteType?: ReadWriteType;
    includeManagementEvents?: boolean;
    /** The S3 bucket the trail writes to, created here. */
    bucket?: string;
  } = {},
): Promise<string> {
  const bucket = opts.bucket ?? `${name}-trail-logs`;
  await seedS3Bucket(c, bucket);
  const out = await c.cloudtrail.send(
    new CreateTrailCommand({
      Name: name,
      S3BucketName: bucket,
      IsMultiRegionTrail: opts.multiRegion ?? false,
    }),
  );
  if (opts.logging) await c.cloudtrail.send(new StartLoggingCommand({ Name: name }));
  if (opts.readWriteType || opts.includeManagementEvents !== undefined) {
    await c.cloudtrail.send(
      new PutEventSelectorsCommand({
        TrailName: name,
        EventSelectors: [
          {
            ReadWriteType: opts.readWriteType ?? 'All',
            IncludeManagementEvents: opts.includeManagementEvents ?? true,
          },
        ],
      }),
    );
  }
  return out.TrailARN!;
}

/** An empty zip archive: moto stores the code without running it. */
const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

export async function seedLambdaFunction(
  c: Clients,
  name: string,
  opts: {
    roleArn?: string;
    runtime?: Runtime;
    permissions?: Array<{ sid: string; sourceArn?: string }>;
  } = {},
): Promise<string> {
  const role = opts.roleArn ?? (await seedIamRole(c, `${name}-role`));
  const out = await c.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: opts.runtime ?? 'nodejs20.x',
      Role: role,
      Handler: 'index.handler',
      Code: { ZipFile: EMPTY_ZIP },
    }),
  );
  for (const p of opts.permissions ?? []) {
    await c.lambda.send(
      new AddPermissionCommand({
        FunctionName: name,
        StatementId: p.sid,
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        ...(p.sourceArn ? { SourceArn: p.sourceArn } : {}),
      }),
    );
  }
  return out.FunctionArn!;
}
