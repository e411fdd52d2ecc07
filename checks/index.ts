/** The catalog, in ID order. A check is added here and in its own file named after its ID. */
import type { Check } from './lib/define.js';
import accessLogFormat from './access-log-format.js';
import accountCloudwatchRole from './account-cloudwatch-role.js';
import apiKeyHygiene from './api-key-hygiene.js';
import apiKeySoleAuth from './api-key-sole-auth.js';
import authorizerCaching from './authorizer-caching.js';
import authorizerTokenValidation from './authorizer-token-validation.js';
import cacheEncryption from './cache-encryption.js';
import cacheInvalidationAuthorization from './cache-invalidation-authorization.js';
import cacheKeyAuthorization from './cache-key-authorization.js';
import cloudtrailCoverage from './cloudtrail-coverage.js';
import dataTraceDisabled from './data-trace-disabled.js';
import detailedMetrics from './detailed-metrics.js';
import httpRouteAuthorization from './http-route-authorization.js';
import jwtAuthorizerConfig from './jwt-authorizer-config.js';
import lambdaPermissionSourceArn from './lambda-permission-source-arn.js';
import privateApiVpcePolicy from './private-api-vpce-policy.js';
import requiredTags from './required-tags.js';
import resourcePolicyPublic from './resource-policy-public.js';
import restAccessLogging from './rest-access-logging.js';
import restExecutionLogging from './rest-execution-logging.js';
import restMethodAuthorization from './rest-method-authorization.js';
import restRequestValidation from './rest-request-validation.js';
import restXrayTracing from './rest-xray-tracing.js';
import stageThrottleExceedsAccount from './stage-throttle-exceeds-account.js';
import stageThrottling from './stage-throttling.js';
import stageVariableSecrets from './stage-variable-secrets.js';
import unusedAuthorizer from './unused-authorizer.js';
import usagePlanLimits from './usage-plan-limits.js';
import v2AccessLogging from './v2-access-logging.js';
import websocketConnectAuthorization from './websocket-connect-authorization.js';
import websocketExecutionLogging from './websocket-execution-logging.js';

export const ALL_CHECKS: readonly Check[] = [
  accessLogFormat,
  accountCloudwatchRole,
  apiKeyHygiene,
  apiKeySoleAuth,
  authorizerCaching,
  authorizerTokenValidation,
  cacheEncryption,
  cacheInvalidationAuthorization,
  cacheKeyAuthorization,
  cloudtrailCoverage,
  dataTraceDisabled,
  detailedMetrics,
  httpRouteAuthorization,
  jwtAuthorizerConfig,
  lambdaPermissionSourceArn,
  privateApiVpcePolicy,
  requiredTags,
  resourcePolicyPublic,
  restAccessLogging,
  restExecutionLogging,
  restMethodAuthorization,
  restRequestValidation,
  restXrayTracing,
  stageThrottleExceedsAccount,
  stageThrottling,
  stageVariableSecrets,
  unusedAuthorizer,
  usagePlanLimits,
  v2AccessLogging,
  websocketConnectAuthorization,
  websocketExecutionLogging,
].sort((a, b) => a.id.localeCompare(b.id));
