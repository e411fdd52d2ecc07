/**
 * The only place AWS clients are made. Collectors receive a factory, so tests can point it at
 * moto or hand in mocked clients, and nothing global is patched.
 */
import { AccountClient } from '@aws-sdk/client-account';
import { ACMClient } from '@aws-sdk/client-acm';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';

export type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

export interface Clients {
  apigateway: APIGatewayClient;
  apigatewayv2: ApiGatewayV2Client;
  wafv2: WAFV2Client;
  cloudtrail: CloudTrailClient;
  sts: STSClient;
  account: AccountClient;
  ec2: EC2Client;
  lambda: LambdaClient;
  acm: ACMClient;
  iam: IAMClient;
  organizations: OrganizationsClient;
}

export type ClientFactory = (region: string, credentials?: Credentials) => Clients;

export interface ClientOptions {
  /** Points every client at an emulator (moto) or a proxy. */
  endpointUrl?: string;
  credentials?: Credentials;
  /**
   * Attempts per call, counting the first (default 8). The SDK's standard retry mode retries
   * throttling (429 TooManyRequestsException...), 5xx, timeouts and dropped connections with
   * jittered exponential backoff (throttling base 1 s, capped at 20 s).
   */
  maxAttempts?: number;
  /**
   * Backoff before retry number `attempt` (1-based), ms, instead of the SDK's default: tests use
   * a tiny one. Still the SDK's standard strategy (same retryable errors, same retry quota).
   */
  retryBackoffMs?: (attempt: number) => number;
  /** Per-request socket timeout, ms. */
  requestTimeoutMs?: number;
}

export function createClientFactory(opts: ClientOptions = {}): ClientFactory {
  const cache = new Map<string, Clients>();
  const credsIds = new WeakMap<object, number>();
  let nextCredsId = 0;
  return (region, credentials = opts.credentials) => {
    // Identity of the credentials object or provider function: two different providers (two
    // accounts) must never share clients.
    const credsKey =
      credentials && (typeof credentials === 'object' || typeof credentials === 'function')
        ? (credsIds.get(credentials) ?? (credsIds.set(credentials, ++nextCredsId), nextCredsId))
        : 'default';
    const key = `${region}|${credsKey}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const maxAttempts = opts.maxAttempts ?? 8;
    const config = {
      region,
      ...(credentials ? { credentials } : {}),
      ...(opts.endpointUrl ? { endpoint: opts.endpointUrl } : {}),
      ...(opts.retryBackoffMs
        ? { retryStrategy: new ConfiguredRetryStrategy(maxAttempts, opts.retryBackoffMs) }
        : { maxAttempts }),
      // Without throwOnRequestTimeout the handler only warns and a hung call hangs the scan;
      // thrown, the timeout is retried like any transient fault.
      requestHandler: {
        requestTimeout: opts.requestTimeoutMs ?? 30_000,
        throwOnRequestTimeout: true,
        connectionTimeout: 10_000,
      },
    };
    const clients: Clients = {
      apigateway: new APIGatewayClient(config),
      apigatewayv2: new ApiGatewayV2Client(config),
      wafv2: new WAFV2Client(config),
      cloudtrail: new CloudTrailClient(config),
      sts: new STSClient(config),
      account: new AccountClient(config),
      ec2: new EC2Client(config),
      lambda: new LambdaClient(config),
      acm: new ACMClient(config),
      iam: new IAMClient(config),
      organizations: new OrganizationsClient(config),
    };
    cache.set(key, clients);
    return clients;
  };
}

/** The credential chain: a named profile, or the SDK's default chain. */
export function credentialsFor(profile?: string): AwsCredentialIdentityProvider {
  return profile ? fromIni({ profile }) : fromNodeProviderChain();
}

/**
 * The region the user's environment names (AWS_REGION, or the profile's `region` in the shared
 * config), resolved the way the SDK resolves it; undefined when none is set. With --regions all
 * the first call (STS) goes there, so that aws-cn and aws-us-gov credentials reach their own
 * partition.
 */
export async function configuredRegion(profile?: string): Promise<string | undefined> {
  try {
    return await new STSClient(profile ? { profile } : {}).config.region();
  } catch {
    return undefined;
  }
}
