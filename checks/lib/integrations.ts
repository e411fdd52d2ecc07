/** Facts about integrations: which reach an HTTP backend, over what scheme, through what link. */
import type { RestApiSnapshot, RestIntegration } from '../../src/snapshot/types.js';

/** REST HTTP/HTTP_PROXY; HTTP API HTTP_PROXY; WebSocket HTTP/HTTP_PROXY. */
export function isHttpIntegrationType(type: string | undefined): boolean {
  const t = type?.toUpperCase();
  return t === 'HTTP' || t === 'HTTP_PROXY';
}

export function isVpcLink(connectionType: string | undefined): boolean {
  return connectionType?.toUpperCase() === 'VPC_LINK';
}

/**
 * The scheme of an integration URI: 'http' or 'https'; 'variable' when the scheme itself comes
 * from a stage variable (`${stageVariables.url}/orders`); 'other' for anything else (an ARN...).
 */
export type UriScheme = 'http' | 'https' | 'variable' | 'other';

export function uriScheme(uri: string | undefined): UriScheme {
  const u = (uri ?? '').trim().toLowerCase();
  if (u.startsWith('https://')) return 'https';
  if (u.startsWith('http://')) return 'http';
  if (u.startsWith('${stagevariables.')) return 'variable';
  return 'other';
}

const STAGE_VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

/** The URI with `${stageVariables.x}` replaced from `variables`; undefined if one is missing. */
export function resolveStageVariables(
  uri: string,
  variables: Record<string, string> | undefined,
): string | undefined {
  let missing = false;
  const out = uri.replace(STAGE_VARIABLE, (_, name: string) => {
    const v = variables?.[name];
    if (v === undefined) missing = true;
    return v ?? '';
  });
  return missing ? undefined : out;
}

/**
 * For a URI whose scheme is a stage variable: the scheme it resolves to in each stage
 * ('unresolved' when the stage does not define the variable).
 */
export function schemesByStage(
  uri: string,
  stages: Array<{ name: string; variables?: Record<string, string> }>,
): Record<string, UriScheme | 'unresolved'> {
  const out: Record<string, UriScheme | 'unresolved'> = {};
  for (const s of stages) {
    const resolved = resolveStageVariables(uri, s.variables);
    out[s.name] = resolved === undefined ? 'unresolved' : uriScheme(resolved);
  }
  return out;
}

export interface RestHttpIntegration {
  /** "GET /orders" */
  method: string;
  verb: string;
  path: string;
  integration: RestIntegration;
}

/** Every method of the API (as its resources stand now) with an HTTP or HTTP_PROXY integration. */
export function restHttpIntegrations(api: RestApiSnapshot): RestHttpIntegration[] {
  const out: RestHttpIntegration[] = [];
  for (const resource of api.resources ?? []) {
    for (const [verb, method] of Object.entries(resource.resourceMethods ?? {})) {
      const integration = method.methodIntegration;
      if (integration && isHttpIntegrationType(integration.type)) {
        out.push({ method: `${verb} ${resource.path}`, verb, path: resource.path, integration });
      }
    }
  }
  return out.sort((a, b) => a.method.localeCompare(b.method));
}
