/**
 * The snapshot: everything a scan read from AWS, kept as AWS spells it.
 *
 * Field names follow the API Gateway, API Gateway v2, WAFv2, CloudTrail, Lambda and ACM
 * responses exactly (v1 camelCase, v2 PascalCase). Dates are ISO-8601 strings. Derived facts
 * ("is this stage logging?") do not belong here: they live in checks/lib beside the checks.
 *
 * A collection that failed is left `undefined` (never an empty list) and a matching entry is
 * added to `collectionErrors`, keyed by `slice`, so that a check reading it reports ERROR
 * instead of a silent PASS.
 */

import type { RegionSlice, Slice } from './slices.js';

export const SNAPSHOT_SCHEMA_VERSION = '1.0.0';

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov' | (string & {});

export interface Snapshot {
  schemaVersion: string;
  tool: { name: string; version: string };
  scan: ScanInfo;
  accounts: AccountSnapshot[];
  collectionErrors: CollectionError[];
  /** Calls made, by service:operation, with how many were throttled and retried. */
  stats?: CollectionStats;
}

export interface ScanInfo {
  startedAt: string;
  finishedAt: string;
  /** The identity the scan ran as (sts:GetCallerIdentity of the first account). */
  principal?: string;
  /** Regions asked for: 'all' or an explicit list. */
  requestedRegions: string[] | 'all';
  endpointUrl?: string;
}

export interface CollectionStats {
  /** Calls made (one per request, however many attempts it took). */
  calls: Record<string, number>;
  /** Attempts answered with a throttling error (429 TooManyRequestsException...). */
  throttled: Record<string, number>;
  /** Attempts beyond the first, made by the SDK's retry strategy. */
  retries: Record<string, number>;
  /** Time the SDK waited between attempts, ms. */
  retryDelayMs?: Record<string, number>;
  /** Time calls waited for a pacing token, ms, by lane. */
  pacingWaitMs?: Record<string, number>;
}

/** Declared, with the operations behind each, in the slice table (./slices.ts). */
export type { Slice };

export interface CollectionError {
  slice: Slice;
  service: string;
  operation: string;
  accountId: string;
  region: string;
  /** The API id, domain name, ACL ARN, function ARN... the failed call was about, if any. */
  resourceId?: string;
  errorCode: string;
  message: string;
}

export interface AccountSnapshot {
  accountId: string;
  partition: Partition;
  /** The role assumed to read this account, when --role-arn was used. */
  roleArn?: string;
  /** The account's name in AWS Organizations, when it could be read. */
  accountName?: string;
  /** The IAM account alias (iam:ListAccountAliases), when the account has one and it could be read. */
  accountAlias?: string;
  /** With --org: the OU names from the root down to the account ("Root/Workloads/Prod"). */
  ouPath?: string;
  regions: RegionSnapshot[];
}

export interface RegionSnapshot {
  region: string;
  /** apigateway:GetAccount in this region. */
  account?: ApiGatewayAccount;
  restApis?: RestApiSnapshot[];
  v2Apis?: V2ApiSnapshot[];
  /**
   * The account's custom domains, then the private ones other accounts share with it (their
   * `domainNameArn` names the owner; their base path mappings are the owner's, not read here).
   */
  domainNames?: DomainNameSnapshot[];
  /**
   * Access associations of private custom domains: this account's VPC endpoints to any domain
   * (SELF), and other accounts' endpoints to this account's domains (OTHER_ACCOUNTS).
   */
  domainNameAccessAssociations?: DomainNameAccessAssociation[];
  v2DomainNames?: V2DomainNameSnapshot[];
  usagePlans?: UsagePlan[];
  apiKeys?: ApiKey[];
  clientCertificates?: ClientCertificate[];
  vpcLinks?: VpcLink[];
  v2VpcLinks?: V2VpcLink[];
  /** Every web ACL referenced by a REST stage in this region, fetched once each. */
  webAcls?: WebAclSnapshot[];
  /** Trails visible from this region (describeTrails with shadow trails), with status. */
  trails?: TrailSnapshot[];
  /** Resource policies of Lambda functions used as integrations or authorizers, by ARN. */
  lambdaPolicies?: Record<string, LambdaPolicySnapshot>;
  /** ACM certificates used by custom domains, by ARN. */
  certificates?: Record<string, CertificateSnapshot>;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// A region field without a row in the slice table (or a row without a field) fails to compile.
const _regionFieldsAreRegionSlices: Same<
  Exclude<keyof RegionSnapshot, 'region'>,
  RegionSlice
> = true;

// ---------------------------------------------------------------- API Gateway v1 (REST)

export interface ApiGatewayAccount {
  cloudwatchRoleArn?: string;
  throttleSettings?: { burstLimit?: number; rateLimit?: number };
  features?: string[];
  apiKeyVersion?: string;
}

export interface EndpointConfiguration {
  types?: string[];
  ipAddressType?: string;
  vpcEndpointIds?: string[];
}

export interface RestApi {
  id: string;
  name?: string;
  description?: string;
  createdDate?: string;
  version?: string;
  apiKeySource?: string;
  endpointConfiguration?: EndpointConfiguration;
  /** Raw, as AWS returns it (possibly doubly escaped); parse with checks/lib/policy. */
  policy?: string;
  tags?: Record<string, string>;
  disableExecuteApiEndpoint?: boolean;
  securityPolicy?: string;
  endpointAccessMode?: string;
  apiStatus?: string;
  minimumCompressionSize?: number;
  binaryMediaTypes?: string[];
  rootResourceId?: string;
  [field: string]: unknown;
}

export interface RestApiSnapshot extends RestApi {
  /** The draft: what GetResources returns, which a stage serves only once it is deployed. */
  resources?: RestResource[];
  stages?: RestStage[];
  /**
   * The deployments the stages and their canaries serve, one per distinct deployment id
   * (GetDeployment with `embed=apisummary`). A deployment that could not be read has no entry
   * and a collection error whose resourceId is `<restApiId>/<deploymentId>`.
   */
  deployments?: RestDeployment[];
  authorizers?: RestAuthorizer[];
  requestValidators?: RequestValidator[];
  gatewayResponses?: GatewayResponse[];
}

export interface RestResource {
  id: string;
  parentId?: string;
  path: string;
  pathPart?: string;
  resourceMethods?: Record<string, RestMethod>;
}

/** An immutable snapshot of the API, taken when it was deployed. */
export interface RestDeployment {
  id: string;
  description?: string;
  createdDate?: string;
  /** Resource path -> HTTP verb -> what that deployment serves there. */
  apiSummary?: Record<string, Record<string, RestMethodSnapshot>>;
}

/** A deployed method as the deployment's API summary describes it. */
export interface RestMethodSnapshot {
  authorizationType?: string;
  apiKeyRequired?: boolean;
}

export interface RestMethod {
  httpMethod?: string;
  authorizationType?: string;
  authorizerId?: string;
  apiKeyRequired?: boolean;
  requestValidatorId?: string;
  operationName?: string;
  requestParameters?: Record<string, boolean>;
  requestModels?: Record<string, string>;
  authorizationScopes?: string[];
  methodResponses?: Record<string, unknown>;
  methodIntegration?: RestIntegration;
  [field: string]: unknown;
}

export interface RestIntegration {
  type?: string;
  httpMethod?: string;
  uri?: string;
  connectionType?: string;
  connectionId?: string;
  credentials?: string;
  requestParameters?: Record<string, string>;
  requestTemplates?: Record<string, string>;
  passthroughBehavior?: string;
  contentHandling?: string;
  timeoutInMillis?: number;
  cacheNamespace?: string;
  cacheKeyParameters?: string[];
  integrationResponses?: Record<string, IntegrationResponse>;
  tlsConfig?: { insecureSkipVerification?: boolean };
  [field: string]: unknown;
}

export interface IntegrationResponse {
  statusCode?: string;
  selectionPattern?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
}

export interface MethodSetting {
  metricsEnabled?: boolean;
  loggingLevel?: string;
  dataTraceEnabled?: boolean;
  throttlingBurstLimit?: number;
  throttlingRateLimit?: number;
  cachingEnabled?: boolean;
  cacheTtlInSeconds?: number;
  cacheDataEncrypted?: boolean;
  requireAuthorizationForCacheControl?: boolean;
  unauthorizedCacheControlHeaderStrategy?: string;
}

export interface RestStage {
  stageName: string;
  deploymentId?: string;
  clientCertificateId?: string;
  description?: string;
  cacheClusterEnabled?: boolean;
  cacheClusterSize?: string;
  cacheClusterStatus?: string;
  /** Keys are "*\/*" or "~1pets/GET" (the resource path with "/" escaped as "~1"). */
  methodSettings?: Record<string, MethodSetting>;
  variables?: Record<string, string>;
  documentationVersion?: string;
  accessLogSettings?: { format?: string; destinationArn?: string };
  canarySettings?: CanarySettings;
  tracingEnabled?: boolean;
  webAclArn?: string;
  tags?: Record<string, string>;
  createdDate?: string;
  lastUpdatedDate?: string;
  [field: string]: unknown;
}

/** A canary: a share of the stage's traffic served by another deployment. */
export interface CanarySettings {
  percentTraffic?: number;
  deploymentId?: string;
  /** Redacted like stage variables (src/snapshot/secrets.ts). */
  stageVariableOverrides?: Record<string, string>;
  useStageCache?: boolean;
  [field: string]: unknown;
}

export interface RestAuthorizer {
  id: string;
  name?: string;
  type?: string;
  providerARNs?: string[];
  authType?: string;
  authorizerUri?: string;
  authorizerCredentials?: string;
  identitySource?: string;
  identityValidationExpression?: string;
  authorizerResultTtlInSeconds?: number;
}

export interface RequestValidator {
  id: string;
  name?: string;
  validateRequestBody?: boolean;
  validateRequestParameters?: boolean;
}

export interface GatewayResponse {
  responseType?: string;
  statusCode?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
  defaultResponse?: boolean;
}

export interface DomainName {
  domainName: string;
  domainNameId?: string;
  domainNameArn?: string;
  certificateName?: string;
  certificateArn?: string;
  certificateUploadDate?: string;
  regionalDomainName?: string;
  regionalHostedZoneId?: string;
  regionalCertificateName?: string;
  regionalCertificateArn?: string;
  distributionDomainName?: string;
  distributionHostedZoneId?: string;
  endpointConfiguration?: EndpointConfiguration;
  domainNameStatus?: string;
  domainNameStatusMessage?: string;
  securityPolicy?: string;
  endpointAccessMode?: string;
  tags?: Record<string, string>;
  mutualTlsAuthentication?: {
    truststoreUri?: string;
    truststoreVersion?: string;
    truststoreWarnings?: string[];
  };
  ownershipVerificationCertificateArn?: string;
  managementPolicy?: string;
  policy?: string;
  routingMode?: string;
  [field: string]: unknown;
}

export interface DomainNameSnapshot extends DomainName {
  basePathMappings?: BasePathMapping[];
}

export interface DomainNameAccessAssociation {
  domainNameAccessAssociationArn?: string;
  domainNameArn?: string;
  /** VPCE */
  accessAssociationSourceType?: string;
  /** The VPC endpoint id. */
  accessAssociationSource?: string;
  tags?: Record<string, string>;
}

export interface BasePathMapping {
  basePath?: string;
  restApiId?: string;
  stage?: string;
}

export interface UsagePlan {
  id: string;
  name?: string;
  description?: string;
  apiStages?: Array<{
    apiId?: string;
    stage?: string;
    throttle?: Record<string, { burstLimit?: number; rateLimit?: number }>;
  }>;
  throttle?: { burstLimit?: number; rateLimit?: number };
  quota?: { limit?: number; offset?: number; period?: string };
  productCode?: string;
  tags?: Record<string, string>;
  /** Ids of the API keys in this plan (GetUsagePlanKeys). */
  keyIds?: string[];
}

/** Metadata only: the tool never asks for key values (includeValues stays false). */
export interface ApiKey {
  id: string;
  name?: string;
  customerId?: string;
  description?: string;
  enabled?: boolean;
  createdDate?: string;
  lastUpdatedDate?: string;
  stageKeys?: string[];
  tags?: Record<string, string>;
}

export interface ClientCertificate {
  clientCertificateId: string;
  description?: string;
  createdDate?: string;
  expirationDate?: string;
  tags?: Record<string, string>;
}

export interface VpcLink {
  id: string;
  name?: string;
  targetArns?: string[];
  status?: string;
}

// ---------------------------------------------------------------- API Gateway v2 (HTTP, WebSocket)

export interface CorsConfiguration {
  AllowCredentials?: boolean;
  AllowHeaders?: string[];
  AllowMethods?: string[];
  AllowOrigins?: string[];
  ExposeHeaders?: string[];
  MaxAge?: number;
}

export interface V2Api {
  ApiId: string;
  Name?: string;
  ProtocolType?: 'HTTP' | 'WEBSOCKET' | (string & {});
  ApiEndpoint?: string;
  ApiGatewayManaged?: boolean;
  ApiKeySelectionExpression?: string;
  CorsConfiguration?: CorsConfiguration;
  CreatedDate?: string;
  Description?: string;
  DisableExecuteApiEndpoint?: boolean;
  DisableSchemaValidation?: boolean;
  IpAddressType?: string;
  RouteSelectionExpression?: string;
  Tags?: Record<string, string>;
  Version?: string;
  [field: string]: unknown;
}

export interface V2ApiSnapshot extends V2Api {
  stages?: V2Stage[];
  /** The draft: auto-deploying stages serve it; the others serve their last deployment. */
  routes?: V2Route[];
  integrations?: V2Integration[];
  authorizers?: V2Authorizer[];
  /**
   * What each HTTP API stage that does not auto-deploy serves (ExportApi). A stage whose export
   * failed has no entry and a collection error whose resourceId is `<ApiId>/<StageName>`.
   */
  exports?: V2StageExport[];
}

export interface V2StageExport {
  StageName: string;
  /** The OpenAPI 3.0 definition ExportApi returned for the stage, as returned (JSON, with extensions). */
  definition: OpenApiDefinition;
}

/** The parts of an exported OpenAPI 3.0 definition that say which routes exist and who may call them. */
export interface OpenApiDefinition {
  openapi?: string;
  paths?: Record<string, Record<string, OpenApiOperation | unknown>>;
  components?: { securitySchemes?: Record<string, OpenApiSecurityScheme>; [k: string]: unknown };
  [field: string]: unknown;
}

export interface OpenApiOperation {
  security?: Array<Record<string, string[]>>;
  [field: string]: unknown;
}

export interface OpenApiSecurityScheme {
  type?: string;
  name?: string;
  in?: string;
  'x-amazon-apigateway-authtype'?: string;
  'x-amazon-apigateway-authorizer'?: { type?: string; [k: string]: unknown };
  [field: string]: unknown;
}

export interface RouteSettings {
  DataTraceEnabled?: boolean;
  DetailedMetricsEnabled?: boolean;
  LoggingLevel?: string;
  ThrottlingBurstLimit?: number;
  ThrottlingRateLimit?: number;
}

export interface V2Stage {
  StageName: string;
  AccessLogSettings?: { DestinationArn?: string; Format?: string };
  ApiGatewayManaged?: boolean;
  AutoDeploy?: boolean;
  ClientCertificateId?: string;
  CreatedDate?: string;
  DefaultRouteSettings?: RouteSettings;
  DeploymentId?: string;
  Description?: string;
  LastDeploymentStatusMessage?: string;
  LastUpdatedDate?: string;
  /** Keys are route keys, e.g. "GET /pets" or "$connect". */
  RouteSettings?: Record<string, RouteSettings>;
  StageVariables?: Record<string, string>;
  Tags?: Record<string, string>;
  [field: string]: unknown;
}

export interface V2Route {
  RouteId: string;
  RouteKey: string;
  ApiGatewayManaged?: boolean;
  ApiKeyRequired?: boolean;
  AuthorizationScopes?: string[];
  AuthorizationType?: string;
  AuthorizerId?: string;
  ModelSelectionExpression?: string;
  OperationName?: string;
  RequestModels?: Record<string, string>;
  RequestParameters?: Record<string, { Required?: boolean }>;
  RouteResponseSelectionExpression?: string;
  /** "integrations/<IntegrationId>" */
  Target?: string;
}

export interface V2Integration {
  IntegrationId: string;
  ApiGatewayManaged?: boolean;
  ConnectionId?: string;
  ConnectionType?: string;
  ContentHandlingStrategy?: string;
  CredentialsArn?: string;
  Description?: string;
  IntegrationMethod?: string;
  IntegrationSubtype?: string;
  IntegrationType?: string;
  IntegrationUri?: string;
  PassthroughBehavior?: string;
  PayloadFormatVersion?: string;
  RequestParameters?: Record<string, string>;
  RequestTemplates?: Record<string, string>;
  TemplateSelectionExpression?: string;
  TimeoutInMillis?: number;
  TlsConfig?: { ServerNameToVerify?: string };
}

export interface V2Authorizer {
  AuthorizerId: string;
  Name?: string;
  AuthorizerType?: string;
  AuthorizerCredentialsArn?: string;
  AuthorizerPayloadFormatVersion?: string;
  AuthorizerResultTtlInSeconds?: number;
  AuthorizerUri?: string;
  EnableSimpleResponses?: boolean;
  IdentitySource?: string[];
  IdentityValidationExpression?: string;
  JwtConfiguration?: { Audience?: string[]; Issuer?: string };
}

export interface V2DomainNameConfiguration {
  ApiGatewayDomainName?: string;
  CertificateArn?: string;
  CertificateName?: string;
  CertificateUploadDate?: string;
  DomainNameStatus?: string;
  DomainNameStatusMessage?: string;
  EndpointType?: string;
  HostedZoneId?: string;
  IpAddressType?: string;
  SecurityPolicy?: string;
  OwnershipVerificationCertificateArn?: string;
}

export interface V2DomainName {
  DomainName: string;
  DomainNameArn?: string;
  ApiMappingSelectionExpression?: string;
  DomainNameConfigurations?: V2DomainNameConfiguration[];
  MutualTlsAuthentication?: {
    TruststoreUri?: string;
    TruststoreVersion?: string;
    TruststoreWarnings?: string[];
  };
  RoutingMode?: string;
  Tags?: Record<string, string>;
  [field: string]: unknown;
}

export interface V2DomainNameSnapshot extends V2DomainName {
  apiMappings?: V2ApiMapping[];
}

export interface V2ApiMapping {
  ApiMappingId?: string;
  ApiId?: string;
  ApiMappingKey?: string;
  Stage?: string;
}

export interface V2VpcLink {
  VpcLinkId: string;
  Name?: string;
  SecurityGroupIds?: string[];
  SubnetIds?: string[];
  VpcLinkStatus?: string;
  VpcLinkVersion?: string;
}

// ---------------------------------------------------------------- WAF, CloudTrail, Lambda, ACM

export interface WafRule {
  Name?: string;
  Priority?: number;
  Action?: Record<string, unknown>;
  OverrideAction?: Record<string, unknown>;
  Statement?: Record<string, unknown>;
  VisibilityConfig?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface WebAclSnapshot {
  /** The ARN as the stage names it. WAF Classic ARNs (arn:aws:waf-regional:) are kept too. */
  arn: string;
  /** 'wafv2' or 'waf-classic' (end of support 2025-09-30; not fetched further). */
  kind: 'wafv2' | 'waf-classic';
  /** wafv2:GetWebACL's WebACL; undefined when that call failed (see collectionErrors). */
  webAcl?: {
    Name?: string;
    Id?: string;
    ARN?: string;
    DefaultAction?: { Allow?: unknown; Block?: unknown };
    Rules?: WafRule[];
    Capacity?: number;
    [field: string]: unknown;
  };
  /**
   * wafv2:GetLoggingConfiguration. `null` means the call succeeded and there is none;
   * undefined means it was not collected.
   */
  loggingConfiguration?: Record<string, unknown> | null;
}

export interface TrailSnapshot {
  Name?: string;
  TrailARN?: string;
  HomeRegion?: string;
  IsMultiRegionTrail?: boolean;
  IsOrganizationTrail?: boolean;
  IncludeGlobalServiceEvents?: boolean;
  S3BucketName?: string;
  LogFileValidationEnabled?: boolean;
  KmsKeyId?: string;
  CloudWatchLogsLogGroupArn?: string;
  HasCustomEventSelectors?: boolean;
  HasInsightSelectors?: boolean;
  /** cloudtrail:GetTrailStatus; undefined when not collected. */
  status?: { IsLogging?: boolean; LatestDeliveryError?: string; [field: string]: unknown };
  /** cloudtrail:GetEventSelectors (read in the trail's home region); undefined when not collected. */
  eventSelectors?: {
    EventSelectors?: Array<{
      ReadWriteType?: string;
      IncludeManagementEvents?: boolean;
      DataResources?: unknown[];
      ExcludeManagementEventSources?: string[];
    }>;
    AdvancedEventSelectors?: Array<{
      Name?: string;
      FieldSelectors?: Array<{ Field?: string; Equals?: string[]; NotEquals?: string[] }>;
    }>;
  };
}

export interface LambdaPolicySnapshot {
  functionArn: string;
  /** The resource policy document as returned (JSON string); null when the function has none. */
  policy: string | null;
}

export interface CertificateSnapshot {
  CertificateArn: string;
  DomainName?: string;
  NotAfter?: string;
  NotBefore?: string;
  Status?: string;
  Type?: string;
  InUseBy?: string[];
}
