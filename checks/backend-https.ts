import type { ResourceRef } from '../src/engine/types.js';
import type { Slice } from '../src/snapshot/types.js';
import type { CheckContext } from './lib/context.js';
import { defineCheck } from './lib/define.js';
import { isHttpIntegrationType, isVpcLink, schemesByStage, uriScheme } from './lib/integrations.js';
import { ref } from './lib/resources.js';

/**
 * One result for an integration URI. A scheme taken from a stage variable is resolved in each
 * stage: FAIL if any stage resolves to http://, PASS if every stage resolves to https://,
 * otherwise MANUAL.
 */
function assess(
  ctx: CheckContext,
  resource: ResourceRef,
  uriField: string,
  uri: string | undefined,
  stages: Array<{ name: string; variables?: Record<string, string> }> | undefined,
  stagesSlice: { slice: Slice; apiId: string },
): void {
  const scheme = uriScheme(uri);
  const evidence: Record<string, unknown> = { [uriField]: uri ?? null };
  if (scheme === 'variable' && !stages) {
    // The scheme is only known stage by stage: without the stages there is no verdict.
    ctx.error(resource, stagesSlice.slice, stagesSlice.apiId);
  } else if (scheme === 'https') {
    ctx.pass(resource, 'The backend is called over https://', evidence);
  } else if (scheme === 'http') {
    ctx.fail(resource, 'The backend is called over plain http://', evidence);
  } else if (scheme === 'variable' && stages?.length) {
    const byStage = schemesByStage(uri!, stages);
    evidence.schemeByStage = byStage;
    const http = Object.keys(byStage).filter((s) => byStage[s] === 'http');
    if (http.length) {
      ctx.fail(
        resource,
        `The backend is called over plain http:// in stage(s) ${http.join(', ')}`,
        evidence,
      );
    } else if (Object.values(byStage).every((s) => s === 'https')) {
      ctx.pass(resource, 'The backend is called over https:// in every stage', evidence);
    } else {
      ctx.manual(
        resource,
        'The URI scheme comes from a stage variable that not every stage resolves to https://: ' +
          'check the stage variables',
        evidence,
      );
    }
  } else {
    ctx.manual(
      resource,
      'The integration URI does not show its scheme: check where it points',
      evidence,
    );
  }
}

export default defineCheck({
  meta: {
    id: 'backend-https',
    title: 'HTTP integrations call their backends over HTTPS',
    family: 'exposure',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::Method',
    description:
      'Each REST method with an HTTP or HTTP_PROXY integration, and each HTTP API HTTP_PROXY ' +
      'integration, that does not go through a VPC link: its URI must start with https://. When ' +
      'the scheme comes from a stage variable (${stageVariables.backend}/path), the variable is ' +
      'resolved in each stage of the API; a stage that resolves to http:// fails the integration.',
    risk:
      'Requests and responses between API Gateway and the backend, including Authorization ' +
      'headers, tokens and personal data, cross the internet in clear text, where they can be read ' +
      'and altered.',
    remediation: {
      text:
        'Serve the backend over HTTPS with a certificate from a public certificate authority and ' +
        'change the integration URI to https://, then redeploy the API.',
      cli:
        'aws apigateway update-integration --rest-api-id <rest-api-id> --resource-id <resource-id> ' +
        '--http-method <method> --patch-operations op=replace,path=/uri,value=https://<backend>/<path>',
    },
    references: [
      {
        title: 'HTTP integrations for REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html',
      },
      {
        title: 'Create HTTP proxy integrations for HTTP APIs',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html',
      },
    ],
    reads: [
      'restApis',
      'restApi.resources',
      'restApi.stages',
      'v2Apis',
      'v2Api.integrations',
      'v2Api.stages',
    ],
    anchors: ['seed note ("downstream invocations")'],
  },
  evaluate(ctx) {
    for (const m of ctx.restMethods()) {
      const integration = m.method.methodIntegration;
      if (!integration || !isHttpIntegrationType(integration.type)) continue;
      if (isVpcLink(integration.connectionType)) continue;
      assess(
        ctx,
        ref.restMethod(m),
        'methodIntegration.uri',
        integration.uri,
        m.api.stages?.map((s) => ({ name: s.stageName, variables: s.variables })),
        { slice: 'restApi.stages', apiId: m.api.id },
      );
    }
    for (const i of ctx.v2Integrations('HTTP')) {
      if (!isHttpIntegrationType(i.integration.IntegrationType)) continue;
      if (isVpcLink(i.integration.ConnectionType)) continue;
      assess(
        ctx,
        ref.v2Integration(i),
        'IntegrationUri',
        i.integration.IntegrationUri,
        i.api.stages?.map((s) => ({ name: s.StageName, variables: s.StageVariables })),
        { slice: 'v2Api.stages', apiId: i.api.ApiId },
      );
    }
  },
});
