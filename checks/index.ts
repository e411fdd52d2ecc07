/** The catalog, in ID order. A check is added here and in its own file named after its ID. */
import type { Check } from './lib/define.js';
import restExecutionLogging from './rest-execution-logging.js';
import restEndpointType from './rest-endpoint-type.js';
import defaultEndpointDisabled from './default-endpoint-disabled.js';
import restWafAttached from './rest-waf-attached.js';
import httpApiNoWaf from './http-api-no-waf.js';
import wafAclEffective from './waf-acl-effective.js';
import wafLogging from './waf-logging.js';
import corsPolicy from './cors-policy.js';
import backendHttps from './backend-https.js';
import integrationTlsVerification from './integration-tls-verification.js';
import restClientCertificate from './rest-client-certificate.js';
import clientCertificateExpiry from './client-certificate-expiry.js';
import domainTlsPolicy from './domain-tls-policy.js';
import restApiTlsPolicy from './rest-api-tls-policy.js';
import domainCertificateExpiry from './domain-certificate-expiry.js';
import domainMtlsTruststore from './domain-mtls-truststore.js';

export const ALL_CHECKS: readonly Check[] = [
  restExecutionLogging,
  restEndpointType,
  defaultEndpointDisabled,
  restWafAttached,
  httpApiNoWaf,
  wafAclEffective,
  wafLogging,
  corsPolicy,
  backendHttps,
  integrationTlsVerification,
  restClientCertificate,
  clientCertificateExpiry,
  domainTlsPolicy,
  restApiTlsPolicy,
  domainCertificateExpiry,
  domainMtlsTruststore,
].sort((a, b) => a.id.localeCompare(b.id));
