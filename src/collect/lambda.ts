/**
 * Resource policies of the Lambda functions that API Gateway invokes: integration targets
 * (REST `uri`, v2 `IntegrationUri`) and Lambda authorizers (REST `authorizerUri`, v2
 * `AuthorizerUri`). lambda:GetPolicy is called once per function and account for the whole scan,
 * in the function's own region. A function with no policy (ResourceNotFoundException) gets
 * `policy: null`. ARNs built from stage variables cannot be resolved and are skipped.
 */
import { GetPolicyCommand } from '@aws-sdk/client-lambda';
import type { LambdaPolicySnapshot, RestApiSnapshot, V2ApiSnapshot } from '../snapshot/types.js';
import type { CallSpec, RegionContext } from './context.js';

const FUNCTION_ARN = /^arn:[a-z0-9-]+:lambda:[a-z0-9-]+:\d{12}:function:[^/\s]+$/;

/**
 * The function ARN a URI invokes, or undefined. Accepts the API Gateway form
 * arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations and a bare
 * function ARN (v2 IntegrationUri). URIs that use ${stageVariables.x} are not resolvable.
 */
export function lambdaArnOf(uri: string | undefined): string | undefined {
  if (!uri || uri.includes('${')) return undefined;
  if (FUNCTION_ARN.test(uri)) return uri;
  const m =
    /^arn:[a-z0-9-]+:apigateway:[a-z0-9-]+:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/.exec(
      uri,
    );
  return m && FUNCTION_ARN.test(m[1]!) ? m[1] : undefined;
}

/** Every resolvable Lambda function ARN used by the APIs of a region, sorted. */
export function lambdaArnsOf(
  restApis: RestApiSnapshot[] | undefined,
  v2Apis: V2ApiSnapshot[] | undefined,
): string[] {
  const uris: Array<string | undefined> = [];
  for (const api of restApis ?? []) {
    for (const r of api.resources ?? []) {
      for (const m of Object.values(r.resourceMethods ?? {})) uris.push(m.methodIntegration?.uri);
    }
    for (const a of api.authorizers ?? []) uris.push(a.authorizerUri);
  }
  for (const api of v2Apis ?? []) {
    for (const i of api.integrations ?? []) uris.push(i.IntegrationUri);
    for (const a of api.authorizers ?? []) uris.push(a.AuthorizerUri);
  }
  const arns = new Set<string>();
  for (const u of uris) {
    const arn = lambdaArnOf(u);
    if (arn) arns.add(arn);
  }
  return [...arns].sort();
}

export async function collectLambdaPolicies(
  ctx: RegionContext,
  restApis: RestApiSnapshot[] | undefined,
  v2Apis: V2ApiSnapshot[] | undefined,
): Promise<Record<string, LambdaPolicySnapshot>> {
  const arns = lambdaArnsOf(restApis, v2Apis);
  ctx.found('lambdaFunctions', arns.length);
  const out: Record<string, LambdaPolicySnapshot> = {};
  await Promise.all(
    arns.map(async (functionArn) => {
      const region = functionArn.split(':')[3]!;
      const spec: CallSpec = {
        slice: 'lambdaPolicies',
        service: 'lambda',
        operation: 'GetPolicy',
        resourceId: functionArn,
        region,
      };
      const lambda = ctx.clientsIn(region).lambda;
      const res = await ctx.shared(`lambda:GetPolicy:${functionArn}`, spec, async () => {
        const r = await ctx.attemptSend(
          spec,
          lambda,
          new GetPolicyCommand({ FunctionName: functionArn }),
        );
        if (r.ok) return { ok: true as const, value: r.value.Policy ?? null };
        // The function exists but has no resource policy ("The resource you requested does not
        // exist."); a missing function says "Function not found: ARN" and stays an error.
        if (r.code === 'ResourceNotFoundException' && !/function not found/i.test(r.message)) {
          return { ok: true as const, value: null };
        }
        return r;
      });
      if (res.ok) out[functionArn] = { functionArn, policy: res.value };
    }),
  );
  return sortedRecord(out);
}

export function sortedRecord<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
