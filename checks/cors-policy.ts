import { severityRank } from '../src/engine/types.js';
import { defineCheck } from './lib/define.js';
import {
  ALLOW_CREDENTIALS,
  ALLOW_ORIGIN,
  classifyOrigin,
  corsConditions,
  credentialsParameterTrue,
  parseOriginParameter,
  type CorsCondition,
  type OriginKind,
} from './lib/cors.js';
import type { CheckContext } from './lib/context.js';
import type { ResourceRef } from '../src/engine/types.js';
import { ref } from './lib/resources.js';

const isAuthorized = (type: string | undefined) => !!type && type.toUpperCase() !== 'NONE';

function report(
  ctx: CheckContext,
  resource: ResourceRef,
  conditions: CorsCondition[],
  dynamic: boolean,
  evidence: Record<string, unknown>,
): void {
  const full = { ...evidence, failedConditions: conditions.map((c) => c.condition) };
  if (conditions.length) {
    const worst = conditions.reduce((a, b) =>
      severityRank(b.severity) > severityRank(a.severity) ? b : a,
    );
    ctx.fail(
      resource,
      `The CORS policy is too permissive: ${conditions.map((c) => c.condition).join('; ')}`,
      full,
      worst.severity,
    );
  } else if (dynamic) {
    ctx.manual(
      resource,
      'Access-Control-Allow-Origin is set from a mapping expression (backend header, stage ' +
        'variable or context): check which origins it can return',
      full,
    );
  } else {
    ctx.pass(
      resource,
      'The CORS policy allows only specific https origins, or no credentials',
      full,
    );
  }
}

export default defineCheck({
  meta: {
    id: 'cors-policy',
    title: 'CORS policies do not let arbitrary web origins use authenticated APIs',
    family: 'exposure',
    severity: 'medium',
    resourceType: 'AWS::ApiGatewayV2::Api',
    description:
      'HTTP APIs with a CorsConfiguration, and REST APIs whose OPTIONS integration responses or ' +
      'gateway responses set Access-Control-Allow-Origin (a quoted static value, or ' +
      'method.request.header.Origin, which reflects any caller). FAIL when any origin (* or a ' +
      'reflected Origin) is allowed together with credentials (high), when any origin is allowed on ' +
      'an API with at least one authorized route or method (medium), or when an http:// or the null ' +
      'origin is allowed (medium). All failed conditions are listed in one result. Headers that a ' +
      'proxied backend adds itself are not visible here.',
    risk:
      "A permissive CORS policy lets any web page a user visits call the API from the user's " +
      'browser and read the responses: with cookies or other credentials this is cross-site data ' +
      'theft; http:// and null origins can be impersonated by a network attacker or a sandboxed page.',
    remediation: {
      text:
        'List the exact https origins of your front ends instead of *, never reflect the Origin ' +
        'header, and enable credentials only for those listed origins. For REST APIs, change the ' +
        'OPTIONS integration responses and gateway responses that set the headers.',
      cli:
        'aws apigatewayv2 update-api --api-id <api-id> --cors-configuration ' +
        'AllowOrigins=https://<app.example.com>,AllowCredentials=false',
    },
    references: [
      {
        title: 'Configuring CORS for HTTP APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html',
      },
      {
        title: 'CORS for REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html',
      },
    ],
    reads: ['v2Apis', 'v2Api.routes', 'restApis', 'restApi.resources', 'restApi.gatewayResponses'],
    anchors: [],
    notFlagged:
      'Public unauthenticated read-only APIs that allow * without credentials: any site may read ' +
      'what anyone may read.',
  },
  evaluate(ctx) {
    // HTTP APIs: the CorsConfiguration API Gateway answers preflights from.
    for (const a of ctx.v2Apis('HTTP')) {
      const cors = a.api.CorsConfiguration;
      if (!cors) continue;
      const origins = (cors.AllowOrigins ?? []).map((o) => ({
        origin: o,
        kind: classifyOrigin(o),
      }));
      const anyOrigin = origins.some((o) => o.kind === 'wildcard');
      let authorizedRoutes: string[] = [];
      if (anyOrigin) {
        const routes = ctx.need(a.api.routes, 'v2Api.routes', ref.v2Api(a), a.api.ApiId);
        if (!routes) continue;
        authorizedRoutes = routes
          .filter((r) => isAuthorized(r.AuthorizationType))
          .map((r) => r.RouteKey)
          .sort();
      }
      const conditions = corsConditions({
        origins,
        allowCredentials: cors.AllowCredentials === true,
        authorizedRoutes,
      });
      report(ctx, ref.v2Api(a), conditions, false, {
        'CorsConfiguration.AllowOrigins': cors.AllowOrigins ?? [],
        'CorsConfiguration.AllowCredentials': cors.AllowCredentials ?? false,
        authorizedRoutes,
      });
    }

    // REST APIs: the headers are set by the API's own responses.
    for (const a of ctx.restApis()) {
      const resources = ctx.need(a.api.resources, 'restApi.resources', ref.restApi(a), a.api.id);
      const gatewayResponses = ctx.need(
        a.api.gatewayResponses,
        'restApi.gatewayResponses',
        ref.restApi(a),
        a.api.id,
      );
      if (!resources || !gatewayResponses) continue;
      const sources: Array<{ source: string; value: string; kind: OriginKind }> = [];
      let allowCredentials = false;
      const authorizedMethods: string[] = [];
      for (const r of resources) {
        for (const [verb, method] of Object.entries(r.resourceMethods ?? {})) {
          if (verb.toUpperCase() !== 'OPTIONS') {
            if (isAuthorized(method.authorizationType)) authorizedMethods.push(`${verb} ${r.path}`);
            continue;
          }
          const responses = method.methodIntegration?.integrationResponses ?? {};
          for (const [code, resp] of Object.entries(responses)) {
            const params = resp.responseParameters ?? {};
            const origin = params[`method.response.header.${ALLOW_ORIGIN}`];
            if (origin !== undefined) {
              sources.push({
                source: `OPTIONS ${r.path} integration response ${code}`,
                value: origin,
                kind: parseOriginParameter(origin).kind,
              });
            }
            if (credentialsParameterTrue(params[`method.response.header.${ALLOW_CREDENTIALS}`])) {
              allowCredentials = true;
            }
          }
        }
      }
      for (const g of gatewayResponses) {
        const params = g.responseParameters ?? {};
        const origin = params[`gatewayresponse.header.${ALLOW_ORIGIN}`];
        if (origin !== undefined) {
          sources.push({
            source: `gateway response ${g.responseType ?? '?'}`,
            value: origin,
            kind: parseOriginParameter(origin).kind,
          });
        }
        if (credentialsParameterTrue(params[`gatewayresponse.header.${ALLOW_CREDENTIALS}`])) {
          allowCredentials = true;
        }
      }
      if (!sources.length) continue;
      authorizedMethods.sort();
      const conditions = corsConditions({
        origins: sources.map((s) => ({
          origin: parseOriginParameter(s.value).origin,
          kind: s.kind,
        })),
        allowCredentials,
        authorizedRoutes: authorizedMethods,
      });
      report(
        ctx,
        ref.restApi(a),
        conditions,
        sources.some((s) => s.kind === 'dynamic'),
        {
          'Access-Control-Allow-Origin': sources.map((s) => ({ source: s.source, value: s.value })),
          'Access-Control-Allow-Credentials': allowCredentials,
          authorizedMethods,
        },
      );
    }
  },
});
