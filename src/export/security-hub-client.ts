/**
 * The Security Hub clients of `export security-hub`, the one command that writes to AWS. Kept
 * apart from the collectors' factory (src/collect/clients.ts): the scan never gets a client that
 * can write.
 */
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { Credentials } from '../collect/clients.js';

export type SecurityHubFactory = (region: string, credentials?: Credentials) => SecurityHubClient;

export interface SecurityHubClientOptions {
  endpointUrl?: string;
  credentials?: Credentials;
}

export function createSecurityHubFactory(opts: SecurityHubClientOptions = {}): SecurityHubFactory {
  const cache = new Map<string, SecurityHubClient>();
  const ids = new WeakMap<object, number>();
  let next = 0;
  return (region, credentials = opts.credentials) => {
    const credsKey =
      credentials && (typeof credentials === 'object' || typeof credentials === 'function')
        ? (ids.get(credentials) ?? (ids.set(credentials, ++next), next))
        : 'default';
    const key = `${region}|${credsKey}`;
    let client = cache.get(key);
    if (!client) {
      client = new SecurityHubClient({
        region,
        ...(credentials ? { credentials } : {}),
        ...(opts.endpointUrl ? { endpoint: opts.endpointUrl } : {}),
        // Throttling and transient faults are retried by the exporter itself (security-hub.ts),
        // with its own backoff, so that a test can see and time every attempt.
        maxAttempts: 1,
      });
      cache.set(key, client);
    }
    return client;
  };
}
