/**
 * The Lambda function an integration or authorizer URI invokes. The collector keys
 * lambdaPolicies by this ARN and the checks look policies up by it, so both must read URIs the
 * same way: the helper lives here, where collectors and checks may both import it.
 */

/** REST (and HTTP API path-form) URIs: arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/ARN/invocations. */
const LAMBDA_PATH =
  /^arn:[a-z0-9-]+:apigateway:[a-z0-9-]+:lambda:path\/[^/]+\/functions\/(.+)\/invocations\/?$/;
const FUNCTION_ARN = /^arn:[a-z0-9-]+:lambda:[a-z0-9-]+:\d{12}:function:[^/\s]+$/;

/**
 * The function part of a Lambda URI as written (URL-decoded; qualifier and stage variables
 * kept), or undefined when the URI is no Lambda URI. The inventory shows this, unresolved.
 */
export function lambdaTargetOf(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  const path = LAMBDA_PATH.exec(uri);
  const raw = path ? path[1]! : uri;
  let target = raw;
  try {
    target = decodeURIComponent(raw);
  } catch {
    // a stray "%" is kept as written
  }
  if (path) return target;
  // A v2 IntegrationUri names the function directly; only a function ARN counts.
  return /^arn:[a-z0-9-]+:lambda:[a-z0-9-]+:\d{12}:function:/.test(target) ? target : undefined;
}

/**
 * The function ARN a URI invokes (qualifier kept: ":live", ":3"), or undefined: no Lambda URI,
 * or a function named through a stage variable, which configuration alone cannot resolve.
 */
export function lambdaFunctionArn(uri: string | undefined): string | undefined {
  const target = lambdaTargetOf(uri);
  if (!target || target.includes('${') || /stageVariables\./i.test(target)) return undefined;
  return FUNCTION_ARN.test(target) ? target : undefined;
}
