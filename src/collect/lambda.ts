/**
 * Resource policies of the Lambda functions that API Gateway invokes: integration targets
 * (REST `uri`, v2 `IntegrationUri`) and Lambda authorizers (REST `authorizerUri`, v2
 * `AuthorizerUri`). lambda:GetPolicy is called once per function and account for the whole scan,
 * in the function's own region. A function with no policy (ResourceNotFoundException) gets
 * `policy: null`. ARNs built from stage variables cannot be resolved and are skipped
 * (src/snapshot/lambda-arn.ts reads the URIs, the same way the checks do).
 */
import { GetPolicyCommand } from '@aws-sdk/client-lambda';
import { lambdaFunctionArn } from '../snapshot/lambda-arn.js';
import type { LambdaPolicySnapshot, RestApiSnapshot, V2ApiSnapshot } from '../snapshot/types.js';
import type { CallSpec, RegionContext } from './context.js';

/** Every resolvable Lambda function ARN used by the APIs of a region, sorted. */
function lambdaArnsOf(
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
    const arn = lambdaFunctionArn(u);
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
