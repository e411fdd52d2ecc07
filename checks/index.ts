/** The catalog, in ID order. A check is added here and in its own file named after its ID. */
import type { Check } from './lib/define.js';
import accessLogFormat from './access-log-format.js';
import accountCloudwatchRole from './account-cloudwatch-role.js';
import apiKeyHygiene from './api-key-hygiene.js';
import apiKeySoleAuth from './api-key-sole-auth.js';
import authorizerCaching from './authorizer-caching.js';
import authorizerTokenValidation from './authorizer-token-validation.js';
import backendHttps from './backend-https.js';
import cacheEncryption from './cache-encryption.js';
import cacheInvalidationAuthorization from './cache-invalidation-authorization.js';
import cacheKeyAuthorization from './cache-key-authorization.js';
import clientCertificateExpiry from './client-certificate-expiry.js';
import cloudtrailCoverage from './cloudtrail-coverage.js';
import corsPolicy from './cors-policy.js';
import dataTraceDisabled from './data-trace-disabled.js';
import defaultEndpointDisabled from './default-endpoint-disabled.js';
import detailedMetrics from './detailed-metrics.js';
import domainCertificateExpiry from './domain-certificate-expiry.js';
import domainMtlsTruststore from './domain-mtls-truststore.js';
import domainTlsPolicy from './domain-tls-policy.js';
import httpApiNoWaf from './http-api-no-waf.js';
import httpRouteAuthorization from './http-route-authorization.js';
import integrationTlsVerification from './integration-tls-verification.js';
import jwtAuthorizerConfig from './jwt-authorizer-config.js';
import lambdaPermissionSourceArn from './lambda-permission-source-arn.js';
import privateApiVpcePolicy from './private-api-vpce-policy.js';
import requiredTags from './required-tags.js';
import resourcePolicyPublic from './resource-policy-public.js';
import restAccessLogging from './rest-access-logging.js';
import restApiTlsPolicy from './rest-api-tls-policy.js';
import restClientCertificate from './rest-client-certificate.js';
import restEndpointType from './rest-endpoint-type.js';
import restExecutionLogging from './rest-execution-logging.js';
import restMethodAuthorization from './rest-method-authorization.js';
import restRequestValidation from './rest-request-validation.js';
import restWafAttached from './rest-waf-attached.js';
import restXrayTracing from './rest-xray-tracing.js';
import stageThrottleExceedsAccount from './stage-throttle-exceeds-account.js';
import stageThrottling from './stage-throttling.js';
import stageVariableSecrets from './stage-variable-secrets.js';
import unusedAuthorizer from './unused-authorizer.js';
import usagePlanLimits from './usage-plan-limits.js';
import v2AccessLogging from './v2-access-logging.js';
import wafAclEffective from './waf-acl-effective.js';
import wafLogging from './waf-logging.js';
import websocketConnectAuthorization from './websocket-connect-authorization.js';
import websocketExecutionLogging from './websocket-execution-logging.js';

export const ALL_CHECKS: readonly Check[] = [
  accessLogFormat,
  accountCloudwatchRole,
  apiKeyHygiene,
  apiKeySoleAuth,
  authorizerCaching,
  authorizerTokenValidation,
  backendHttps,
  cacheEncryption,
  cacheInvalidationAuthorization,
  cacheKeyAuthorization,
  clientCertificateExpiry,
  cloudtrailCoverage,
  corsPolicy,
  dataTraceDisabled,
  defaultEndpointDisabled,
  detailedMetrics,
  domainCertificateExpiry,
  domainMtlsTruststore,
  domainTlsPolicy,
  httpApiNoWaf,
  httpRouteAuthorization,
  integrationTlsVerification,
  jwtAuthorizerConfig,
  lambdaPermissionSourceArn,
  privateApiVpcePolicy,
  requiredTags,
  resourcePolicyPublic,
  restAccessLogging,
  restApiTlsPolicy,
  restClientCertificate,
  restEndpointType,
  restExecutionLogging,
  restMethodAuthorization,
  restRequestValidation,
  restWafAttached,
  restXrayTracing,
  stageThrottleExceedsAccount,
  stageThrottling,
  stageVariableSecrets,
  unusedAuthorizer,
  usagePlanLimits,
  v2AccessLogging,
  wafAclEffective,
  wafLogging,
  websocketConnectAuthorization,
  websocketExecutionLogging,
].sort((a, b) => a.id.localeCompare(b.id));
