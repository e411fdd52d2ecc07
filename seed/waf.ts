/** WAF web ACLs, their logging and their associations with API stages. */
import {
  AssociateWebACLCommand,
  CreateWebACLCommand,
  PutLoggingConfigurationCommand,
} from '@aws-sdk/client-wafv2';
import type { Clients } from '../src/collect/clients.js';

export interface SeededWebAcl {
  arn: string;
  id: string;
  name: string;
}

export type WebAclRule =
  | { kind: 'rate'; name: string; limit: number; metricName?: string }
  | { kind: 'managed'; name: string; vendor: string; group: string; metricName?: string };

export interface WebAclInput {
  defaultAction?: 'Allow' | 'Block';
  /** Shorthand for one rule named `rate` that blocks an IP above this many requests. */
  rateLimit?: number;
  /** Rules in priority order, after the `rateLimit` one. */
  rules?: WebAclRule[];
  /** Sampled requests and CloudWatch metrics on (off unless set). */
  metrics?: boolean;
}

export async function seedWebAcl(
  c: Clients,
  name: string,
  opts: WebAclInput = {},
): Promise<SeededWebAcl> {
  const metrics = opts.metrics ?? false;
  const visibility = (metric: string) => ({
    SampledRequestsEnabled: metrics,
    CloudWatchMetricsEnabled: metrics,
    MetricName: metric,
  });
  const rules: WebAclRule[] = [
    ...(opts.rateLimit ? [{ kind: 'rate' as const, name: 'rate', limit: opts.rateLimit }] : []),
    ...(opts.rules ?? []),
  ];
  const out = await c.wafv2.send(
    new CreateWebACLCommand({
      Name: name,
      Scope: 'REGIONAL',
      DefaultAction: opts.defaultAction === 'Block' ? { Block: {} } : { Allow: {} },
      VisibilityConfig: visibility(name),
      Rules: rules.map((r, priority) => ({
        Name: r.name,
        Priority: priority,
        VisibilityConfig: visibility(r.metricName ?? r.name),
        ...(r.kind === 'rate'
          ? {
              Action: { Block: {} },
              Statement: { RateBasedStatement: { Limit: r.limit, AggregateKeyType: 'IP' } },
            }
          : {
              OverrideAction: { None: {} },
              Statement: {
                ManagedRuleGroupStatement: { VendorName: r.vendor, Name: r.group },
              },
            }),
      })),
    }),
  );
  return { arn: out.Summary!.ARN!, id: out.Summary!.Id!, name };
}

export async function seedWebAclAssociation(
  c: Clients,
  webAclArn: string,
  resourceArn: string,
): Promise<void> {
  await c.wafv2.send(
    new AssociateWebACLCommand({ WebACLArn: webAclArn, ResourceArn: resourceArn }),
  );
}

export async function seedWebAclLogging(
  c: Clients,
  webAclArn: string,
  destinationArn: string,
): Promise<void> {
  await c.wafv2.send(
    new PutLoggingConfigurationCommand({
      LoggingConfiguration: { ResourceArn: webAclArn, LogDestinationConfigs: [destinationArn] },
    }),
  );
}
