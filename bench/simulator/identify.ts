/**
 * What one request is: which account, region, service and operation, and whether it is about one
 * REST API, one v2 API or the region as a whole. Read from the request alone:
 *
 * - region and signing service: the SigV4 credential scope in the Authorization header
 *   (`Credential=AKID/20260101/eu-west-1/apigateway/aws4_request`);
 * - account: the `x-moto-account-id` header when present (moto's own override); else the account
 *   the access key id belongs to, as learnt from AssumeRole answers that passed through the
 *   simulator or given in its options; else moto's default account, 123456789012;
 * - service: the signing name, except that API Gateway v2 signs as `apigateway` too and is told
 *   apart by its `/v2/` path prefix;
 * - operation: for the REST-JSON APIs (API Gateway v1 and v2, Lambda, Account) the method and
 *   path pattern; for JSON 1.1 (WAFv2, CloudTrail, ACM) the X-Amz-Target header; for the query
 *   protocol (STS, EC2) the Action parameter.
 */
export const DEFAULT_ACCOUNT = '123456789012';

export type Scope = 'restApi' | 'v2Api' | 'region';

export interface RequestInfo {
  accountId: string;
  region: string;
  service: string;
  operation: string;
  accessKeyId?: string;
  scope: Scope;
  /** The REST or v2 API the call is about, when scope is not 'region'. */
  apiId?: string;
  /** sts:AssumeRole: the role asked for. */
  roleArn?: string;
}

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Credential {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

const header = (h: RawRequest['headers'], name: string): string | undefined => {
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

/** The SigV4 credential (access key id and scope) of an Authorization header. */
export function parseCredential(authorization: string | undefined): Credential | undefined {
  const m = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(
    authorization ?? '',
  );
  if (!m) return undefined;
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]! };
}

type Route = [verb: string, pattern: string, operation: string];

// `{}` matches one path segment. Reads first: those are what a scan calls.
const V1_ROUTES: Route[] = [
  ['GET', '/restapis', 'GetRestApis'],
  ['GET', '/restapis/{}', 'GetRestApi'],
  ['GET', '/restapis/{}/resources', 'GetResources'],
  ['GET', '/restapis/{}/resources/{}', 'GetResource'],
  ['GET', '/restapis/{}/resources/{}/methods/{}', 'GetMethod'],
  ['GET', '/restapis/{}/resources/{}/methods/{}/integration', 'GetIntegration'],
  ['GET', '/restapis/{}/stages', 'GetStages'],
  ['GET', '/restapis/{}/stages/{}', 'GetStage'],
  ['GET', '/restapis/{}/authorizers', 'GetAuthorizers'],
  ['GET', '/restapis/{}/authorizers/{}', 'GetAuthorizer'],
  ['GET', '/restapis/{}/requestvalidators', 'GetRequestValidators'],
  ['GET', '/restapis/{}/gatewayresponses', 'GetGatewayResponses'],
  ['GET', '/restapis/{}/deployments', 'GetDeployments'],
  ['GET', '/restapis/{}/deployments/{}', 'GetDeployment'],
  ['GET', '/restapis/{}/models', 'GetModels'],
  ['GET', '/restapis/{}/documentation/parts', 'GetDocumentationParts'],
  ['GET', '/domainnames', 'GetDomainNames'],
  ['GET', '/domainnames/{}', 'GetDomainName'],
  ['GET', '/domainnames/{}/basepathmappings', 'GetBasePathMappings'],
  ['GET', '/domainnameaccessassociations', 'GetDomainNameAccessAssociations'],
  ['GET', '/usageplans', 'GetUsagePlans'],
  ['GET', '/usageplans/{}', 'GetUsagePlan'],
  ['GET', '/usageplans/{}/keys', 'GetUsagePlanKeys'],
  ['GET', '/apikeys', 'GetApiKeys'],
  ['GET', '/clientcertificates', 'GetClientCertificates'],
  ['GET', '/clientcertificates/{}', 'GetClientCertificate'],
  ['GET', '/vpclinks', 'GetVpcLinks'],
  ['GET', '/account', 'GetAccount'],
  ['GET', '/tags/{}', 'GetTags'],
  ['POST', '/restapis', 'CreateRestApi'],
  ['PUT', '/restapis/{}', 'PutRestApi'],
  ['PATCH', '/restapis/{}', 'UpdateRestApi'],
  ['DELETE', '/restapis/{}', 'DeleteRestApi'],
  ['POST', '/restapis/{}/resources/{}', 'CreateResource'],
  ['PUT', '/restapis/{}/resources/{}/methods/{}', 'PutMethod'],
  ['PUT', '/restapis/{}/resources/{}/methods/{}/integration', 'PutIntegration'],
  ['POST', '/restapis/{}/deployments', 'CreateDeployment'],
  ['POST', '/restapis/{}/stages', 'CreateStage'],
  ['PATCH', '/restapis/{}/stages/{}', 'UpdateStage'],
  ['POST', '/restapis/{}/authorizers', 'CreateAuthorizer'],
  ['POST', '/domainnames', 'CreateDomainName'],
  ['POST', '/domainnames/{}/basepathmappings', 'CreateBasePathMapping'],
  ['POST', '/usageplans', 'CreateUsagePlan'],
  ['POST', '/apikeys', 'CreateApiKey'],
  ['PATCH', '/account', 'UpdateAccount'],
];

const V2_ROUTES: Route[] = [
  ['GET', '/v2/apis', 'GetApis'],
  ['GET', '/v2/apis/{}', 'GetApi'],
  ['GET', '/v2/apis/{}/stages', 'GetStages'],
  ['GET', '/v2/apis/{}/stages/{}', 'GetStage'],
  ['GET', '/v2/apis/{}/routes', 'GetRoutes'],
  ['GET', '/v2/apis/{}/routes/{}', 'GetRoute'],
  ['GET', '/v2/apis/{}/integrations', 'GetIntegrations'],
  ['GET', '/v2/apis/{}/integrations/{}', 'GetIntegration'],
  ['GET', '/v2/apis/{}/authorizers', 'GetAuthorizers'],
  ['GET', '/v2/apis/{}/authorizers/{}', 'GetAuthorizer'],
  ['GET', '/v2/apis/{}/deployments', 'GetDeployments'],
  ['GET', '/v2/apis/{}/exports/{}', 'ExportApi'],
  ['GET', '/v2/apis/{}/models', 'GetModels'],
  ['GET', '/v2/domainnames', 'GetDomainNames'],
  ['GET', '/v2/domainnames/{}', 'GetDomainName'],
  ['GET', '/v2/domainnames/{}/apimappings', 'GetApiMappings'],
  ['GET', '/v2/vpclinks', 'GetVpcLinks'],
  ['GET', '/v2/tags/{}', 'GetTags'],
  ['POST', '/v2/apis', 'CreateApi'],
  ['POST', '/v2/apis/{}/stages', 'CreateStage'],
  ['POST', '/v2/apis/{}/routes', 'CreateRoute'],
  ['POST', '/v2/apis/{}/integrations', 'CreateIntegration'],
  ['POST', '/v2/apis/{}/authorizers', 'CreateAuthorizer'],
  ['POST', '/v2/apis/{}/deployments', 'CreateDeployment'],
  ['POST', '/v2/domainnames', 'CreateDomainName'],
  ['POST', '/v2/domainnames/{}/apimappings', 'CreateApiMapping'],
];

const LAMBDA_ROUTES: Route[] = [
  ['GET', '/2015-03-31/functions', 'ListFunctions'],
  ['GET', '/2015-03-31/functions/{}', 'GetFunction'],
  ['GET', '/2015-03-31/functions/{}/policy', 'GetPolicy'],
  ['GET', '/2015-03-31/functions/{}/configuration', 'GetFunctionConfiguration'],
];

function splitPath(url: string): string[] {
  const path = url.split('?')[0] ?? '';
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

function matchRoute(routes: Route[], method: string, segments: string[]): string | undefined {
  for (const [verb, pattern, op] of routes) {
    if (verb !== method) continue;
    const p = pattern.split('/').filter(Boolean);
    if (p.length !== segments.length) continue;
    if (p.every((s, i) => s === '{}' || s === segments[i])) return op;
  }
  return undefined;
}

/** An operation the table does not know: "METHOD /path/{}/pattern". */
function fallbackName(method: string, segments: string[]): string {
  // Collection names stay; the segment after each is an id.
  return `${method} /${segments.map((s, i) => (i % 2 === 1 ? '{}' : s)).join('/')}`;
}

/** The API an ARN (or API Gateway resource path) names, e.g. a stage ARN given to WAF. */
export function apiOfArn(arn: string): { scope: Scope; apiId?: string } {
  const rest = /\/restapis\/([^/]+)/.exec(arn);
  if (rest) return { scope: 'restApi', apiId: rest[1]! };
  const v2 = /\/apis\/([^/]+)/.exec(arn);
  if (v2) return { scope: 'v2Api', apiId: v2[1]! };
  return { scope: 'region' };
}

export function parseQueryAction(url: string, body: string): string | undefined {
  const q = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return (
    new URLSearchParams(body).get('Action') ?? new URLSearchParams(q).get('Action') ?? undefined
  );
}

export function identify(
  req: RawRequest,
  accountOfKey: (accessKeyId: string) => string | undefined = () => undefined,
): RequestInfo {
  const cred = parseCredential(header(req.headers, 'authorization'));
  const accessKeyId = cred?.accessKeyId;
  const accountId =
    header(req.headers, 'x-moto-account-id') ??
    (accessKeyId ? accountOfKey(accessKeyId) : undefined) ??
    DEFAULT_ACCOUNT;
  const region = cred?.region ?? 'us-east-1';
  const method = req.method.toUpperCase();
  const segments = splitPath(req.url);
  let service = cred?.service ?? 'unknown';
  let operation: string | undefined;
  let scope: Scope = 'region';
  let apiId: string | undefined;

  const target = header(req.headers, 'x-amz-target');
  if (service === 'apigateway' && segments[0] === 'v2') {
    service = 'apigatewayv2';
    operation = matchRoute(V2_ROUTES, method, segments);
    if (segments[1] === 'apis' && segments[2])
      ({ scope, apiId } = { scope: 'v2Api', apiId: segments[2] });
    if (segments[1] === 'tags' && segments[2]) ({ scope, apiId } = apiOfArn(segments[2]));
  } else if (service === 'apigateway') {
    operation = matchRoute(V1_ROUTES, method, segments);
    if (segments[0] === 'restapis' && segments[1])
      ({ scope, apiId } = { scope: 'restApi', apiId: segments[1] });
    if (segments[0] === 'tags' && segments[1]) ({ scope, apiId } = apiOfArn(segments[1]));
  } else if (target) {
    operation = target.slice(target.lastIndexOf('.') + 1);
    if (service === 'wafv2' && /ForResource$/.test(operation)) {
      try {
        const arn = (JSON.parse(req.body) as { ResourceArn?: string }).ResourceArn ?? '';
        ({ scope, apiId } = apiOfArn(arn));
      } catch {
        // not JSON: leave it a region-wide call
      }
    }
  } else if (service === 'lambda') {
    operation = matchRoute(LAMBDA_ROUTES, method, segments);
  } else if (service === 'account') {
    // Account is REST-JSON with POST /listRegions, /getAlternateContact ...
    const last = segments[segments.length - 1];
    if (last) operation = last[0]!.toUpperCase() + last.slice(1);
  } else {
    operation = parseQueryAction(req.url, req.body);
  }
  return {
    accountId,
    region,
    service,
    operation: operation ?? fallbackName(method, segments),
    ...(accessKeyId ? { accessKeyId } : {}),
    scope,
    ...(apiId ? { apiId } : {}),
    ...(service === 'sts' && operation === 'AssumeRole' ? roleOf(req.body) : {}),
  };
}

function roleOf(body: string): { roleArn?: string } {
  const roleArn = new URLSearchParams(body).get('RoleArn');
  return roleArn ? { roleArn } : {};
}
