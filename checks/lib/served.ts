/**
 * Evidence for checks judged on what the stages serve: each stage's (and canary's) deployed
 * values, the draft's, and which evidence field came from where, since a deployment's summary
 * carries authorization and the API key requirement but not integrations or settings.
 */
import type { RestServedMethodScope, V2ServedRouteScope } from './context.js';

export type ServedEntry = RestServedMethodScope['served'][number];

/** The stages and canaries serving the method, by label, with what each serves. */
export function servedBy(m: RestServedMethodScope): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    m.served.map(({ serving, method }) => [
      serving.label,
      {
        deploymentId: serving.deploymentId ?? null,
        percentTraffic: serving.percentTraffic,
        authorizationType: method.authorizationType,
        apiKeyRequired: method.apiKeyRequired,
      },
    ]),
  );
}

/** The draft method's authorization, or null when the draft no longer has the method. */
export function draftAuth(m: RestServedMethodScope): Record<string, unknown> | null {
  if (!m.draft) return null;
  return {
    authorizationType: (m.draft.method.authorizationType ?? 'NONE').toUpperCase(),
    apiKeyRequired: Boolean(m.draft.method.apiKeyRequired),
  };
}

/** The entries whose served method matches, or all of them. */
export function labels(entries: readonly ServedEntry[]): string {
  return entries.map((e) => e.serving.label).join(', ');
}

export function servedRoutesBy(r: V2ServedRouteScope): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    r.served.map(({ serving, route }) => [
      serving.stageName,
      { source: serving.source, AuthorizationType: route.AuthorizationType },
    ]),
  );
}
