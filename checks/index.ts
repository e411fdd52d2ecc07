/** The catalog, in ID order. A check is added here and in its own file named after its ID. */
import type { Check } from './lib/define.js';
import accessLogFormat from './access-log-format.js';
import accountCloudwatchRole from './account-cloudwatch-role.js';
import apiKeyHygiene from './api-key-hygiene.js';
import cacheEncryption from './cache-encryption.js';
import cacheInvalidationAuthorization from './cache-invalidation-authorization.js';
import cacheKeyAuthorization from './cache-key-authorization.js';
import cloudtrailCoverage from './cloudtrail-coverage.js';
import dataTraceDisabled from './data-trace-disabled.js';
import detailedMetrics from './detailed-metrics.js';
import requiredTags from './required-tags.js';
import restAccessLogging from './rest-access-logging.js';
import restExecutionLogging from './rest-execution-logging.js';
import restXrayTracing from './rest-xray-tracing.js';
import stageThrottleExceedsAccount from './stage-throttle-exceeds-account.js';
import stageThrottling from './stage-throttling.js';
import stageVariableSecrets from './stage-variable-secrets.js';
import usagePlanLimits from './usage-plan-limits.js';
import v2AccessLogging from './v2-access-logging.js';
import websocketExecutionLogging from './websocket-execution-logging.js';

export const ALL_CHECKS: readonly Check[] = [
  accessLogFormat,
  accountCloudwatchRole,
  apiKeyHygiene,
  cacheEncryption,
  cacheInvalidationAuthorization,
  cacheKeyAuthorization,
  cloudtrailCoverage,
  dataTraceDisabled,
  detailedMetrics,
  requiredTags,
  restAccessLogging,
  restExecutionLogging,
  restXrayTracing,
  stageThrottleExceedsAccount,
  stageThrottling,
  stageVariableSecrets,
  usagePlanLimits,
  v2AccessLogging,
  websocketExecutionLogging,
].sort((a, b) => a.id.localeCompare(b.id));
