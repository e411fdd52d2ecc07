/**
 * Everything collected in one account and region. Independent collections run concurrently
 * (RegionContext paces them and bounds the requests in flight); the ones that follow references
 * (web ACLs of REST stages, Lambda functions of integrations and authorizers, certificates of
 * custom domains) run once what they follow has arrived.
 *
 * A collector that fails leaves its slice undefined and a collection error (RegionContext does
 * that for AWS failures, `guard` for anything unexpected). The reference-following slices are
 * always present: they hold what the collected references point to, and a reference whose
 * target could not be read has no entry and a collection error naming it.
 */
import type { RegionSnapshot, Slice } from '../snapshot/types.js';
import { collectApiGatewayAccount, collectClientCertificates } from './account.js';
import { collectCertificates } from './acm.js';
import { collectTrails } from './cloudtrail.js';
import type { RegionContext } from './context.js';
import { collectDomainNames, collectV2DomainNames } from './domains.js';
import { collectLambdaPolicies } from './lambda.js';
import { collectRestApis } from './rest.js';
import { collectApiKeys, collectUsagePlans } from './usage-plans.js';
import { collectV2Apis } from './v2.js';
import { collectV2VpcLinks, collectVpcLinks } from './vpc-links.js';
import { collectWebAcls } from './waf.js';

export async function collectRegion(ctx: RegionContext): Promise<RegionSnapshot> {
  const g = <T>(slice: Slice, service: string, fn: () => Promise<T>) =>
    ctx.guard({ slice, service, operation: 'collect' }, fn);
  const [
    restApis,
    v2Apis,
    domainNames,
    v2DomainNames,
    usagePlans,
    apiKeys,
    clientCertificates,
    vpcLinks,
    v2VpcLinks,
    account,
    trails,
  ] = await Promise.all([
    g('restApis', 'apigateway', () => collectRestApis(ctx)),
    g('v2Apis', 'apigatewayv2', () => collectV2Apis(ctx)),
    g('domainNames', 'apigateway', () => collectDomainNames(ctx)),
    g('v2DomainNames', 'apigatewayv2', () => collectV2DomainNames(ctx)),
    g('usagePlans', 'apigateway', () => collectUsagePlans(ctx)),
    g('apiKeys', 'apigateway', () => collectApiKeys(ctx)),
    g('clientCertificates', 'apigateway', () => collectClientCertificates(ctx)),
    g('vpcLinks', 'apigateway', () => collectVpcLinks(ctx)),
    g('v2VpcLinks', 'apigatewayv2', () => collectV2VpcLinks(ctx)),
    g('account', 'apigateway', () => collectApiGatewayAccount(ctx)),
    g('trails', 'cloudtrail', () => collectTrails(ctx)),
  ]);
  const [webAcls, lambdaPolicies, certificates] = await Promise.all([
    g('webAcls', 'wafv2', () => collectWebAcls(ctx, restApis)),
    g('lambdaPolicies', 'lambda', () => collectLambdaPolicies(ctx, restApis, v2Apis)),
    g('certificates', 'acm', () => collectCertificates(ctx, domainNames, v2DomainNames)),
  ]);
  return {
    region: ctx.region,
    account,
    restApis,
    v2Apis,
    domainNames,
    v2DomainNames,
    usagePlans,
    apiKeys,
    clientCertificates,
    vpcLinks,
    v2VpcLinks,
    webAcls,
    trails,
    lambdaPolicies,
    certificates,
  };
}
