/** Usage plans, API keys, VPC links and the account's CloudWatch role (REST, per region). */
import {
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  CreateVpcLinkCommand,
  UpdateAccountCommand,
  type QuotaPeriodType,
} from '@aws-sdk/client-api-gateway';
import type { Clients } from '../src/collect/clients.js';

export async function seedApiKey(
  c: Clients,
  name: string,
  opts: { value?: string; enabled?: boolean } = {},
): Promise<string> {
  const out = await c.apigateway.send(
    new CreateApiKeyCommand({
      name,
      enabled: opts.enabled ?? true,
      ...(opts.value ? { value: opts.value } : {}),
    }),
  );
  return out.id!;
}

export async function seedUsagePlan(
  c: Clients,
  name: string,
  opts: {
    apiStages?: Array<{ apiId: string; stage: string }>;
    throttle?: { rateLimit?: number; burstLimit?: number };
    quota?: { limit?: number; period?: QuotaPeriodType };
    keyIds?: string[];
  } = {},
): Promise<string> {
  const out = await c.apigateway.send(
    new CreateUsagePlanCommand({
      name,
      ...(opts.apiStages ? { apiStages: opts.apiStages } : {}),
      ...(opts.throttle ? { throttle: opts.throttle } : {}),
      ...(opts.quota ? { quota: opts.quota } : {}),
    }),
  );
  for (const keyId of opts.keyIds ?? []) {
    await c.apigateway.send(
      new CreateUsagePlanKeyCommand({ usagePlanId: out.id!, keyId, keyType: 'API_KEY' }),
    );
  }
  return out.id!;
}

export async function seedVpcLink(c: Clients, name: string, targetArns: string[]): Promise<string> {
  const out = await c.apigateway.send(new CreateVpcLinkCommand({ name, targetArns }));
  return out.id!;
}

export async function seedAccountCloudWatchRole(c: Clients, roleArn: string): Promise<void> {
  await c.apigateway.send(
    new UpdateAccountCommand({
      patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: roleArn }],
    }),
  );
}
