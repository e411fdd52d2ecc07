/**
 * What each stage serves. A REST stage serves a deployment, an immutable snapshot of the API
 * taken when it was deployed, so the draft GetResources returns may differ from it: one
 * GetDeployment with the API summary per distinct deployment that a stage or a stage's canary
 * serves (stages promoted from one build share the call). An HTTP API stage that does not
 * auto-deploy serves its last deployment, which only ExportApi shows (one call per such stage).
 */
import { GetDeploymentCommand } from '@aws-sdk/client-api-gateway';
import { ExportApiCommand } from '@aws-sdk/client-apigatewayv2';
import type {
  OpenApiDefinition,
  RestDeployment,
  RestStage,
  V2Stage,
  V2StageExport,
} from '../snapshot/types.js';
import type { RegionContext } from './context.js';
import { plain } from './plain.js';

/** The deployment ids a REST API's stages and their canaries serve, each once, in stage order. */
export function servedDeploymentIds(stages: readonly RestStage[]): string[] {
  const ids = stages.flatMap((s) => [s.deploymentId, s.canarySettings?.deploymentId]);
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

export async function collectRestDeployments(
  ctx: RegionContext,
  restApiId: string,
  stages: readonly RestStage[] | undefined,
): Promise<RestDeployment[] | undefined> {
  // Without the stages there is no knowing what is served: the stages' own error says why.
  if (!stages) return undefined;
  const got = await Promise.all(
    servedDeploymentIds(stages).map((deploymentId) =>
      ctx.send(
        {
          slice: 'restApi.deployments',
          service: 'apigateway',
          operation: 'GetDeployment',
          resourceId: `${restApiId}/${deploymentId}`,
        },
        ctx.clients.apigateway,
        new GetDeploymentCommand({ restApiId, deploymentId, embed: ['apisummary'] }),
      ),
    ),
  );
  return got.flatMap((d) => (d?.id ? [plain<RestDeployment>(d)] : []));
}

/** HTTP API stages that serve a deployment rather than the draft. */
export function exportedStages(stages: readonly V2Stage[]): V2Stage[] {
  return stages.filter((s) => !s.AutoDeploy);
}

export async function collectV2Exports(
  ctx: RegionContext,
  ApiId: string,
  protocol: string | undefined,
  stages: readonly V2Stage[] | undefined,
): Promise<V2StageExport[] | undefined> {
  // ExportApi exists for HTTP APIs only; a WebSocket API's stages get no export.
  if (protocol !== 'HTTP') return [];
  if (!stages) return undefined;
  const got = await Promise.all(
    exportedStages(stages).map(async ({ StageName }) => {
      const out = await ctx.send(
        {
          slice: 'v2Api.exports',
          service: 'apigatewayv2',
          operation: 'ExportApi',
          resourceId: `${ApiId}/${StageName}`,
        },
        ctx.clients.apigatewayv2,
        new ExportApiCommand({
          ApiId,
          StageName,
          Specification: 'OAS30',
          OutputType: 'JSON',
          IncludeExtensions: true,
        }),
      );
      if (!out?.body) return undefined;
      const definition = parseDefinition(new TextDecoder().decode(out.body));
      if (!definition) {
        ctx.recordError(
          {
            slice: 'v2Api.exports',
            service: 'apigatewayv2',
            operation: 'ExportApi',
            resourceId: `${ApiId}/${StageName}`,
          },
          'MalformedResponse',
          'the exported definition is not a JSON object',
        );
        return undefined;
      }
      return { StageName, definition };
    }),
  );
  return got.filter((e): e is V2StageExport => e !== undefined);
}

function parseDefinition(text: string): OpenApiDefinition | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as OpenApiDefinition) : undefined;
  } catch {
    return undefined;
  }
}
