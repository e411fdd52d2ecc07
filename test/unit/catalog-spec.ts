/**
 * Every check ID that CHECKS.md (the specification) defines, by the section that lists it, as
 * data. The meta-tests compare the implemented catalog, its families and the compliance mappings
 * against it.
 */
export const CHECKS_MD_SECTIONS: Record<string, readonly string[]> = {
  'Logging and monitoring': [
    'rest-execution-logging',
    'websocket-execution-logging',
    'account-cloudwatch-role',
    'rest-access-logging',
    'v2-access-logging',
    'access-log-format',
    'data-trace-disabled',
    'rest-xray-tracing',
    'detailed-metrics',
    'cloudtrail-coverage',
  ],
  'Exposure and access control': [
    'rest-endpoint-type',
    'private-api-vpce-policy',
    'resource-policy-public',
    'default-endpoint-disabled',
    'rest-waf-attached',
    'http-api-no-waf',
    'waf-acl-effective',
    'waf-logging',
    'cors-policy',
    'backend-https',
    'integration-tls-verification',
    'rest-client-certificate',
    'client-certificate-expiry',
    'lambda-permission-source-arn',
  ],
  'TLS and custom domains': [
    'domain-tls-policy',
    'rest-api-tls-policy',
    'domain-certificate-expiry',
    'domain-mtls-truststore',
  ],
  'Authentication and authorization': [
    'rest-method-authorization',
    'api-key-sole-auth',
    'http-route-authorization',
    'websocket-connect-authorization',
    'authorizer-caching',
    'authorizer-token-validation',
    'jwt-authorizer-config',
    'unused-authorizer',
    'rest-request-validation',
    // Added by the deployed-state issue (a CHECKS.md row to add: see docs/checks/rest-undeployed-changes.md).
    'rest-undeployed-changes',
  ],
  'Throttling and caching': [
    'stage-throttling',
    'stage-throttle-exceeds-account',
    'usage-plan-limits',
    'api-key-hygiene',
    'cache-encryption',
    'cache-key-authorization',
    'cache-invalidation-authorization',
  ],
  'Data security and hygiene': ['stage-variable-secrets', 'required-tags'],
};

export const CHECKS_MD_IDS: readonly string[] = Object.values(CHECKS_MD_SECTIONS).flat();
