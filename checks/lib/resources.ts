/** Resource references for results, built from walker scopes. */
import type { ResourceRef } from '../../src/engine/types.js';
import { arn } from '../../src/snapshot/arn.js';
import type {
  RegionScope,
  RestApiScope,
  RestMethodScope,
  RestStageScope,
  V2ApiScope,
  V2RouteScope,
  V2StageScope,
} from './context.js';

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
  restMethod: (s: RestMethodScope): ResourceRef => ({
    ...base(s),
    arn: arn.restMethod(s.partition, s.regionName, s.api.id, s.resource.id, s.verb),
    type: 'AWS::ApiGateway::Method',
    name: `${s.api.name ?? s.api.id} ${s.verb} ${s.resource.path}`,
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
  v2Route: (s: V2RouteScope): ResourceRef => ({
    ...base(s),
    arn: arn.v2Route(s.partition, s.regionName, s.api.ApiId, s.route.RouteId),
    type: 'AWS::ApiGatewayV2::Route',
    name: `${s.api.Name ?? s.api.ApiId} ${s.route.RouteKey}`,
  }),
};
