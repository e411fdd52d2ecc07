/**
 * ARNs of API Gateway resources. API Gateway ARNs carry no account id
 * (arn:aws:apigateway:us-east-1::/restapis/a1b2c3), so findings pair them with the account.
 */
import type { Partition } from './types.js';

const gw = (partition: Partition, region: string, path: string): string =>
  `arn:${partition}:apigateway:${region}::${path}`;

const enc = encodeURIComponent;

export const arn = {
  account: (p: Partition, region: string) => gw(p, region, '/account'),
  restApis: (p: Partition, region: string) => gw(p, region, '/restapis'),
  restApi: (p: Partition, region: string, apiId: string) => gw(p, region, `/restapis/${apiId}`),
  restStage: (p: Partition, region: string, apiId: string, stage: string) =>
    gw(p, region, `/restapis/${apiId}/stages/${enc(stage)}`),
  restResource: (p: Partition, region: string, apiId: string, resourceId: string) =>
    gw(p, region, `/restapis/${apiId}/resources/${resourceId}`),
  restMethod: (p: Partition, region: string, apiId: string, resourceId: string, verb: string) =>
    gw(p, region, `/restapis/${apiId}/resources/${resourceId}/methods/${verb}`),
  /** A method a deployment serves that the draft no longer has (so it has no resource id). */
  restDeployedMethod: (p: Partition, region: string, apiId: string, path: string, verb: string) =>
    gw(p, region, `/restapis/${apiId}/deployed/${enc(path)}/methods/${verb}`),
  restAuthorizer: (p: Partition, region: string, apiId: string, authorizerId: string) =>
    gw(p, region, `/restapis/${apiId}/authorizers/${authorizerId}`),
  v2Apis: (p: Partition, region: string) => gw(p, region, '/apis'),
  v2Api: (p: Partition, region: string, apiId: string) => gw(p, region, `/apis/${apiId}`),
  v2Stage: (p: Partition, region: string, apiId: string, stage: string) =>
    gw(p, region, `/apis/${apiId}/stages/${enc(stage)}`),
  v2Route: (p: Partition, region: string, apiId: string, routeId: string) =>
    gw(p, region, `/apis/${apiId}/routes/${routeId}`),
  /** A route a stage serves that the draft no longer has (so it has no route id). */
  v2DeployedRoute: (p: Partition, region: string, apiId: string, routeKey: string) =>
    gw(p, region, `/apis/${apiId}/deployed/${enc(routeKey)}`),
  v2Integration: (p: Partition, region: string, apiId: string, integrationId: string) =>
    gw(p, region, `/apis/${apiId}/integrations/${integrationId}`),
  v2Authorizer: (p: Partition, region: string, apiId: string, authorizerId: string) =>
    gw(p, region, `/apis/${apiId}/authorizers/${authorizerId}`),
  domainName: (p: Partition, region: string, name: string) =>
    gw(p, region, `/domainnames/${enc(name)}`),
  usagePlan: (p: Partition, region: string, id: string) => gw(p, region, `/usageplans/${id}`),
  apiKey: (p: Partition, region: string, id: string) => gw(p, region, `/apikeys/${id}`),
  clientCertificate: (p: Partition, region: string, id: string) =>
    gw(p, region, `/clientcertificates/${id}`),
  vpcLink: (p: Partition, region: string, id: string) => gw(p, region, `/vpclinks/${id}`),
};

/** The hostname suffix of execute-api endpoints in a partition. */
export function executeApiSuffix(partition: Partition, region: string): string {
  if (partition === 'aws-cn') return `execute-api.${region}.amazonaws.com.cn`;
  return `execute-api.${region}.amazonaws.com`;
}
