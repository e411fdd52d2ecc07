/**
 * What moto leaves out of deployments, answered as AWS would:
 *
 * - GetDeployment with `embed=apisummary`: AWS adds the deployment's API summary (path -> verb ->
 *   authorization type and API key requirement). A deployment is a snapshot taken when it was
 *   created, so the summary of a CreateDeployment that passed through the simulator is read from
 *   moto's resources right then; for one created behind the simulator's back, it is read from
 *   the resources as they are now.
 * - Canaries: moto ignores canary settings. UpdateStage operations on `/canarySettings/...` are
 *   kept here (and not forwarded), and GetStages and GetStage answers carry them.
 * - ExportApi for an HTTP API stage: an OpenAPI 3.0 definition of its routes, built from moto's
 *   routes, each with the security requirement its authorization type stands for.
 */
import type { RequestInfo } from './identify.js';

export interface Upstream {
  /** A GET to moto with the original request's headers (moto does not check signatures). */
  get(path: string): Promise<{ status: number; body: string }>;
}

type Summary = Record<
  string,
  Record<string, { authorizationType: string; apiKeyRequired: boolean }>
>;
type Canary = Record<string, unknown> & { stageVariableOverrides?: Record<string, string> };

interface MotoResource {
  path?: string;
  resourceMethods?: Record<string, { authorizationType?: string; apiKeyRequired?: boolean }>;
}

/** API Gateway v2 speaks lowerCamelCase on the wire (the SDK maps it to PascalCase). */
interface MotoRoute {
  routeKey?: string;
  authorizationType?: string;
}

const json = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const pathOf = (url: string) => url.split('?')[0] ?? '';
const segments = (url: string) => pathOf(url).split('/').filter(Boolean).map(decodeURIComponent);

/** What the security requirement of an exported route names, by authorization type. */
const SCHEMES: Record<string, [string, Record<string, unknown>]> = {
  JWT: ['jwt', { type: 'oauth2', 'x-amazon-apigateway-authorizer': { type: 'jwt' } }],
  CUSTOM: [
    'lambda',
    {
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authorizer': { type: 'request' },
    },
  ],
  AWS_IAM: [
    'sigv4',
    {
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'awsSigv4',
    },
  ],
};

export class DeploymentGaps {
  private readonly summaries = new Map<string, Summary>();
  private readonly canaries = new Map<string, Canary>();

  /** The requests this module answers or changes. */
  handles(info: RequestInfo): boolean {
    const op = `${info.service}:${info.operation}`;
    return [
      'apigateway:GetDeployment',
      'apigateway:CreateDeployment',
      'apigateway:UpdateStage',
      'apigateway:GetStages',
      'apigateway:GetStage',
      'apigatewayv2:ExportApi',
    ].includes(op);
  }

  private key(info: RequestInfo, ...parts: string[]): string {
    return [info.accountId, info.region, ...parts].join('|');
  }

  private async summaryNow(restApiId: string, upstream: Upstream): Promise<Summary> {
    const res = await upstream.get(`/restapis/${restApiId}/resources?embed=methods&limit=500`);
    const items = ((json(res.body) as { item?: MotoResource[] })?.item ?? []) as MotoResource[];
    const out: Summary = {};
    for (const r of items) {
      for (const [verb, m] of Object.entries(r.resourceMethods ?? {})) {
        (out[r.path ?? '/'] ??= {})[verb] = {
          authorizationType: m.authorizationType ?? 'NONE',
          apiKeyRequired: Boolean(m.apiKeyRequired),
        };
      }
    }
    return out;
  }

  /**
   * UpdateStage: the canary operations are kept and removed from the body sent on; returns the
   * body to forward.
   */
  updateStageBody(info: RequestInfo, url: string, body: string): string {
    const [, apiId, , stage] = segments(url);
    const parsed = json(body) as { patchOperations?: Array<Record<string, string>> } | undefined;
    if (!parsed?.patchOperations || !apiId || !stage) return body;
    const k = this.key(info, apiId, stage);
    const rest = parsed.patchOperations.filter((op) => {
      const m = /^\/canarySettings\/(.+)$/.exec(op.path ?? '');
      if (!m) return true;
      const canary = this.canaries.get(k) ?? {};
      const [field, name] = m[1]!.split('/');
      if (field === 'stageVariableOverrides' && name) {
        const o = (canary.stageVariableOverrides ??= {});
        if (op.op === 'remove') delete o[name];
        else o[name] = op.value ?? '';
      } else if (op.op === 'remove') {
        delete canary[field!];
      } else if (field === 'percentTraffic') {
        canary.percentTraffic = Number(op.value);
      } else if (field === 'useStageCache') {
        canary.useStageCache = op.value === 'true';
      } else if (field) {
        canary[field] = op.value;
      }
      this.canaries.set(k, canary);
      return false;
    });
    return JSON.stringify({ ...parsed, patchOperations: rest });
  }

  /** Rewrites moto's answer (status 2xx) for the requests `handles` names. */
  async answer(info: RequestInfo, url: string, body: string, upstream: Upstream): Promise<string> {
    const seg = segments(url);
    const apiId = info.operation === 'ExportApi' ? seg[2]! : seg[1]!;
    switch (info.operation) {
      case 'CreateDeployment': {
        const d = json(body) as { id?: string } | undefined;
        if (d?.id)
          this.summaries.set(this.key(info, apiId, d.id), await this.summaryNow(apiId, upstream));
        return body;
      }
      case 'GetDeployment': {
        const d = json(body) as Record<string, unknown> | undefined;
        if (!d || !/embed=apisummary/i.test(url)) return body;
        const summary =
          this.summaries.get(this.key(info, apiId, String(d.id))) ??
          (await this.summaryNow(apiId, upstream));
        return JSON.stringify({ ...d, apiSummary: summary });
      }
      case 'GetStages': {
        const out = json(body) as { item?: Array<Record<string, unknown>> } | undefined;
        if (!out?.item) return body;
        return JSON.stringify({
          ...out,
          item: out.item.map((s) => this.withCanary(info, apiId, s)),
        });
      }
      case 'GetStage': {
        const s = json(body) as Record<string, unknown> | undefined;
        return s ? JSON.stringify(this.withCanary(info, apiId, s)) : body;
      }
      case 'UpdateStage': {
        const s = json(body) as Record<string, unknown> | undefined;
        return s ? JSON.stringify(this.withCanary(info, apiId, s)) : body;
      }
      default:
        return body;
    }
  }

  private withCanary(info: RequestInfo, apiId: string, stage: Record<string, unknown>) {
    const canary = this.canaries.get(this.key(info, apiId, String(stage.stageName)));
    return canary ? { ...stage, canarySettings: canary } : stage;
  }

  /** ExportApi (moto has none): the stage's routes as an OpenAPI 3.0 definition. */
  async exportApi(url: string, upstream: Upstream): Promise<{ status: number; body: string }> {
    const [, , apiId] = segments(url);
    const api = await upstream.get(`/v2/apis/${apiId}`);
    if (api.status >= 300) return api;
    const routes = await upstream.get(`/v2/apis/${apiId}/routes`);
    const items = ((json(routes.body) as { items?: MotoRoute[] })?.items ?? []) as MotoRoute[];
    const paths: Record<string, Record<string, unknown>> = {};
    const securitySchemes: Record<string, unknown> = {};
    for (const r of items) {
      const key = r.routeKey ?? '';
      const space = key.indexOf(' ');
      const [path, verb] =
        space < 0
          ? [key, 'x-amazon-apigateway-any-method']
          : [key.slice(space + 1), key.slice(0, space)];
      const field = verb === 'ANY' ? 'x-amazon-apigateway-any-method' : verb.toLowerCase();
      const scheme = SCHEMES[(r.authorizationType ?? 'NONE').toUpperCase()];
      if (scheme) securitySchemes[scheme[0]] = scheme[1];
      (paths[path] ??= {})[field] = scheme ? { security: [{ [scheme[0]]: [] }] } : {};
    }
    const name = (json(api.body) as { name?: string } | undefined)?.name ?? apiId;
    const definition = {
      openapi: '3.0.1',
      info: { title: name, version: '1' },
      paths,
      components: { securitySchemes },
    };
    return { status: 200, body: JSON.stringify(definition) };
  }
}
