/**
 * Everything collected in one account and region: the collector of each region row of the
 * slice table (src/snapshot/slices.ts), run by runRegionSlices. The reference-following slices
 * (web ACLs of REST stages, Lambda functions of integrations and authorizers, certificates of
 * custom domains) get the slices their row depends on.
 *
 * The reference-following slices are always present: they hold what the collected references
 * point to, and a reference whose target could not be read has no entry and a collection error
 * naming it.
 */
import { redactCollected } from '../snapshot/redact-text.js';
import type { RegionSnapshot } from '../snapshot/types.js';
import { collectApiGatewayAccount, collectClientCertificates } from './account.js';
import { collectCertificates } from './acm.js';
import { collectTrails } from './cloudtrail.js';
import type { RegionContext } from './context.js';
import {
  collectDomainNameAccessAssociations,
  collectDomainNames,
  collectV2DomainNames,
} from './domains.js';
import { collectLambdaPolicies } from './lambda.js';
import { collectRestApis } from './rest.js';
import { runRegionSlices, type RegionCollectors } from './run-slices.js';
import { collectApiKeys, collectUsagePlans } from './usage-plans.js';
import { collectV2Apis } from './v2.js';
import { collectV2VpcLinks, collectVpcLinks } from './vpc-links.js';
import { collectWebAcls } from './waf.js';

export const REGION_COLLECTORS: RegionCollectors = {
  account: collectApiGatewayAccount,
  restApis: collectRestApis,
  v2Apis: collectV2Apis,
  domainNames: collectDomainNames,
  domainNameAccessAssociations: collectDomainNameAccessAssociations,
  v2DomainNames: collectV2DomainNames,
  usagePlans: collectUsagePlans,
  apiKeys: collectApiKeys,
  clientCertificates: collectClientCertificates,
  vpcLinks: collectVpcLinks,
  v2VpcLinks: collectV2VpcLinks,
  webAcls: (ctx, { restApis }) => collectWebAcls(ctx, restApis),
  trails: collectTrails,
  lambdaPolicies: (ctx, { restApis, v2Apis }) => collectLambdaPolicies(ctx, restApis, v2Apis),
  certificates: (ctx, { domainNames, v2DomainNames }) =>
    collectCertificates(ctx, domainNames, v2DomainNames),
};

/** Secret-looking text never reaches the snapshot (src/snapshot/redact-text.ts). */
export async function collectRegion(ctx: RegionContext): Promise<RegionSnapshot> {
  return redactCollected(await runRegionSlices(ctx, REGION_COLLECTORS));
}
