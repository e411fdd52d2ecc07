/** The catalog, in ID order. A check is added here and in its own file named after its ID. */
import type { Check } from './lib/define.js';
import apiKeySoleAuth from './api-key-sole-auth.js';
import authorizerCaching from './authorizer-caching.js';
import authorizerTokenValidation from './authorizer-token-validation.js';
import httpRouteAuthorization from './http-route-authorization.js';
import jwtAuthorizerConfig from './jwt-authorizer-config.js';
import lambdaPermissionSourceArn from './lambda-permission-source-arn.js';
import privateApiVpcePolicy from './private-api-vpce-policy.js';
import resourcePolicyPublic from './resource-policy-public.js';
import restExecutionLogging from './rest-execution-logging.js';
import restMethodAuthorization from './rest-method-authorization.js';
import restRequestValidation from './rest-request-validation.js';
import unusedAuthorizer from './unused-authorizer.js';
import websocketConnectAuthorization from './websocket-connect-authorization.js';

export const ALL_CHECKS: readonly Check[] = [
  apiKeySoleAuth,
  authorizerCaching,
  authorizerTokenValidation,
  httpRouteAuthorization,
  jwtAuthorizerConfig,
  lambdaPermissionSourceArn,
  privateApiVpcePolicy,
  resourcePolicyPublic,
  restExecutionLogging,
  restMethodAuthorization,
  restRequestValidation,
  unusedAuthorizer,
  websocketConnectAuthorization,
].sort((a, b) => a.id.localeCompare(b.id));
