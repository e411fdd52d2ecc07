/** Resource references for results, built from walker scopes. */
import type { ResourceRef } from '../../src/engine/types.js';
import { arn } from '../../src/snapshot/arn.js';
import type {
  DomainScope,
  RegionScope,
  RestAuthorizerScope,
  V2AuthorizerScope,
  V2IntegrationScope,
  RestApiScope,
  RestMethodScope,
  RestServedMethodScope,
  V2ServedRouteScope,
  RestStageScope,
  V2ApiScope,
  V2RouteScope,
  V2StageScope,
} from './context.js';

import type { ApiKey, ClientCertificate, UsagePlan } from '../../src/snapshot/types.js';

const base = (s: RegionScope) => ({ accountId: s.accountId, region: s.regionName });

export const ref = {
  /** The account's API Gateway settings in one region (GetAccount, CloudTrail coverage). */
  region: (s: RegionScope): ResourceRef => ({
    ...base(s),
    arn: arn.account(s.partition, s.regionName),
    type: 'AWS::ApiGateway::Account',
    name: `${s.accountId}/${s.regionName}`,
  }),
  /** Stands for "every REST API of the region" when the listing itself failed. */
  restApiListing: (s: RegionScope): ResourceRef => ({
    ...base(s),
    arn: arn.restApis(s.partition, s.regionName),
    type: 'AWS::ApiGateway::RestApi',
    name: `REST APIs in ${s.regionName}`,
  }),
  v2ApiListing: (s: RegionScope): ResourceRef => ({
    ...base(s),
    arn: arn.v2Apis(s.partition, s.regionName),
    type: 'AWS::ApiGatewayV2::Api',
    name: `HTTP and WebSocket APIs in ${s.regionName}`,
  }),
  restApi: (s: RestApiScope): ResourceRef => ({
    ...base(s),
    arn: arn.restApi(s.partition, s.regionName, s.api.id),
    type: 'AWS::ApiGateway::RestApi',
    name: s.api.name ?? s.api.id,
  }),
  restStage: (s: RestStageScope): ResourceRef => ({
    ...base(s),
    arn: arn.restStage(s.partition, s.regionName, s.api.id, s.stage.stageName),
    type: 'AWS::ApiGateway::Stage',
    name: `${s.api.name ?? s.api.id}/${s.stage.stageName}`,
  }),
  /** A stage's canary: its own deployment and stage variable overrides. */
  restCanary: (s: RestStageScope): ResourceRef => ({
    ...base(s),
    arn: `${arn.restStage(s.partition, s.regionName, s.api.id, s.stage.stageName)}/canary`,
    type: 'AWS::ApiGateway::Stage',
    name: `${s.api.name ?? s.api.id}/${s.stage.stageName} (canary)`,
  }),
  restMethod: (s: RestMethodScope): ResourceRef => ({
    ...base(s),
    arn: arn.restMethod(s.partition, s.regionName, s.api.id, s.resource.id, s.verb),
    type: 'AWS::ApiGateway::Method',
    name: `${s.api.name ?? s.api.id} ${s.verb} ${s.resource.path}`,
  }),
  /** A served method: the draft's method when it is still there, else the deployed path. */
  restServedMethod: (s: RestServedMethodScope): ResourceRef =>
    s.draft
      ? ref.restMethod({
          ...s,
          resource: s.draft.resource,
          verb: s.draft.verb,
          method: s.draft.method,
        })
      : {
          ...base(s),
          arn: arn.restDeployedMethod(s.partition, s.regionName, s.api.id, s.path, s.verb),
          type: 'AWS::ApiGateway::Method',
          name: `${s.api.name ?? s.api.id} ${s.verb} ${s.path}`,
        },
  /** A served route: the draft's route when it is still there, else the deployed route key. */
  v2ServedRoute: (s: V2ServedRouteScope): ResourceRef =>
    s.draft
      ? ref.v2Route({ ...s, route: s.draft })
      : {
          ...base(s),
          arn: arn.v2DeployedRoute(s.partition, s.regionName, s.api.ApiId, s.routeKey),
          type: 'AWS::ApiGatewayV2::Route',
          name: `${s.api.Name ?? s.api.ApiId} ${s.routeKey}`,
        },
  /** Stands for "every stage of this REST API" when its stages were not collected. */
  restStageListing: (s: RestApiScope): ResourceRef => ({
    ...base(s),
    arn: `${arn.restApi(s.partition, s.regionName, s.api.id)}/stages`,
    type: 'AWS::ApiGateway::Stage',
    name: `stages of ${s.api.name ?? s.api.id}`,
  }),
  v2Api: (s: V2ApiScope): ResourceRef => ({
    ...base(s),
    arn: arn.v2Api(s.partition, s.regionName, s.api.ApiId),
    type: 'AWS::ApiGatewayV2::Api',
    name: s.api.Name ?? s.api.ApiId,
  }),
  v2Stage: (s: V2StageScope): ResourceRef => ({
    ...base(s),
    arn: arn.v2Stage(s.partition, s.regionName, s.api.ApiId, s.stage.StageName),
    type: 'AWS::ApiGatewayV2::Stage',
    name: `${s.api.Name ?? s.api.ApiId}/${s.stage.StageName}`,
  }),
  /** Stands for "every stage of this v2 API" when its stages were not collected. */
  v2StageListing: (s: V2ApiScope): ResourceRef => ({
    ...base(s),
    arn: `${arn.v2Api(s.partition, s.regionName, s.api.ApiId)}/stages`,
    type: 'AWS::ApiGatewayV2::Stage',
    name: `stages of ${s.api.Name ?? s.api.ApiId}`,
  }),
  v2Route: (s: V2RouteScope): ResourceRef => ({
    ...base(s),
    arn: arn.v2Route(s.partition, s.regionName, s.api.ApiId, s.route.RouteId),
    type: 'AWS::ApiGatewayV2::Route',
    name: `${s.api.Name ?? s.api.ApiId} ${s.route.RouteKey}`,
  }),
  restAuthorizer: (s: RestAuthorizerScope): ResourceRef => ({
    ...base(s),
    arn: arn.restAuthorizer(s.partition, s.regionName, s.api.id, s.authorizer.id),
    type: 'AWS::ApiGateway::Authorizer',
    name: `${s.api.name ?? s.api.id}/${s.authorizer.name ?? s.authorizer.id}`,
  }),
  v2Authorizer: (s: V2AuthorizerScope): ResourceRef => ({
    ...base(s),
    arn: arn.v2Authorizer(s.partition, s.regionName, s.api.ApiId, s.authorizer.AuthorizerId),
    type: 'AWS::ApiGatewayV2::Authorizer',
    name: `${s.api.Name ?? s.api.ApiId}/${s.authorizer.Name ?? s.authorizer.AuthorizerId}`,
  }),
  v2Integration: (s: V2IntegrationScope): ResourceRef => ({
    ...base(s),
    arn: arn.v2Integration(s.partition, s.regionName, s.api.ApiId, s.integration.IntegrationId),
    type: 'AWS::ApiGatewayV2::Integration',
    name: `${s.api.Name ?? s.api.ApiId}/integration ${s.integration.IntegrationId}`,
  }),
  domain: (s: DomainScope): ResourceRef => ({
    ...base(s),
    arn: arn.domainName(s.partition, s.regionName, s.name),
    type: 'AWS::ApiGateway::DomainName',
    name: s.name,
  }),
  /** Stands for "every custom domain of the region" when a domain listing failed. */
  domainListing: (s: RegionScope): ResourceRef => ({
    ...base(s),
    arn: arn.domainName(s.partition, s.regionName, '*'),
    type: 'AWS::ApiGateway::DomainName',
    name: `custom domains in ${s.regionName}`,
  }),
  usagePlan: (s: RegionScope, plan: UsagePlan): ResourceRef => ({
    ...base(s),
    arn: arn.usagePlan(s.partition, s.regionName, plan.id),
    type: 'AWS::ApiGateway::UsagePlan',
    name: plan.name ?? plan.id,
  }),
  apiKey: (s: RegionScope, key: ApiKey): ResourceRef => ({
    ...base(s),
    arn: arn.apiKey(s.partition, s.regionName, key.id),
    type: 'AWS::ApiGateway::ApiKey',
    name: key.name ?? key.id,
  }),
  clientCertificate: (s: RegionScope, cert: ClientCertificate): ResourceRef => ({
    ...base(s),
    arn: arn.clientCertificate(s.partition, s.regionName, cert.clientCertificateId),
    type: 'AWS::ApiGateway::ClientCertificate',
    name: cert.description || cert.clientCertificateId,
  }),
  /** A collection listed per region (usage plans, API keys...) whose listing failed. */
  listing: (s: RegionScope, type: string, what: string, path: string): ResourceRef => ({
    ...base(s),
    arn: `arn:${s.partition}:apigateway:${s.regionName}::/${path}`,
    type,
    name: `${what} in ${s.regionName}`,
  }),
  webAcl: (s: RegionScope, aclArn: string): ResourceRef => ({
    ...base(s),
    arn: aclArn,
    type: 'AWS::WAFv2::WebACL',
    name: aclArn.split('/').slice(-2, -1)[0] ?? aclArn,
  }),
  lambdaFunction: (s: RegionScope, functionArn: string): ResourceRef => {
    const parts = functionArn.split(':');
    return {
      accountId: parts[4] || s.accountId,
      region: parts[3] || s.regionName,
      arn: functionArn,
      type: 'AWS::Lambda::Function',
      name: parts[6] ?? functionArn,
    };
  },
};
