import type { RegionSnapshot } from './types.js';

/**
 * A region in which every collection succeeded and found nothing (as opposed to a collection
 * left undefined, which means it failed). Builders of synthetic snapshots start from it.
 */
export function emptyRegion(region: string, accountId: string): RegionSnapshot {
  return {
    region,
    account: {
      cloudwatchRoleArn: `arn:aws:iam::${accountId}:role/apigw-logs`,
      throttleSettings: { rateLimit: 10000, burstLimit: 5000 },
    },
    restApis: [],
    v2Apis: [],
    domainNames: [],
    v2DomainNames: [],
    usagePlans: [],
    apiKeys: [],
    clientCertificates: [],
    vpcLinks: [],
    v2VpcLinks: [],
    webAcls: [],
    trails: [],
    lambdaPolicies: {},
    certificates: {},
  };
}
