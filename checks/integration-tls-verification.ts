import { defineCheck } from './lib/define.js';
import { isHttpIntegrationType, isVpcLink, uriScheme } from './lib/integrations.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'integration-tls-verification',
    title: 'Integrations verify the TLS certificate of their backend',
    family: 'exposure',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::Method',
    description:
      'REST methods with an HTTP or HTTP_PROXY integration whose URI is not plain http:// (plain ' +
      'http has no TLS to verify; backend-https reports it): FAIL when ' +
      'tlsConfig.insecureSkipVerification is true. HTTP API private integrations (ConnectionType ' +
      'VPC_LINK): FAIL when TlsConfig.ServerNameToVerify is not set, because without a TlsConfig ' +
      'the traffic over the VPC link is plain HTTP, and with one but no server name the ' +
      "certificate's host name is not checked.",
    risk:
      'A backend certificate that is not verified lets anyone who can intercept the connection ' +
      '(DNS spoofing, a compromised network path or load balancer) impersonate the backend and ' +
      'read or alter every request, including credentials forwarded by the API.',
    remediation: {
      text:
        'For REST integrations, give the backend a certificate from a supported certificate ' +
        'authority and set insecureSkipVerification to false. For HTTP API private integrations, ' +
        'serve TLS on the load balancer listener and set TlsConfig.ServerNameToVerify with ' +
        '"aws apigatewayv2 update-integration --api-id <api-id> --integration-id <integration-id> ' +
        '--tls-config ServerNameToVerify=<backend-host-name>".',
      cli:
        'aws apigateway update-integration --rest-api-id <rest-api-id> --resource-id <resource-id> ' +
        '--http-method <method> --patch-operations ' +
        'op=replace,path=/tlsConfig/insecureSkipVerification,value=false',
    },
    references: [
      {
        title: 'Security Hub controls for API Gateway (APIGateway.10)',
        url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html',
      },
      {
        title: 'API Gateway-supported certificate authorities for HTTP and HTTP proxy integrations',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-supported-certificate-authorities-for-http-endpoints.html',
      },
      {
        title: 'Create private integrations for HTTP APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html',
      },
    ],
    reads: ['restApis', 'restApi.resources', 'v2Apis', 'v2Api.integrations'],
    anchors: [],
  },
  evaluate(ctx) {
    for (const m of ctx.restMethods()) {
      const integration = m.method.methodIntegration;
      if (!integration || !isHttpIntegrationType(integration.type)) continue;
      if (uriScheme(integration.uri) === 'http') continue;
      const skip = integration.tlsConfig?.insecureSkipVerification === true;
      const evidence = {
        'methodIntegration.uri': integration.uri ?? null,
        'methodIntegration.connectionType': integration.connectionType ?? 'INTERNET',
        'methodIntegration.tlsConfig.insecureSkipVerification': skip,
      };
      if (skip) {
        ctx.fail(
          ref.restMethod(m),
          "The integration skips verification of the backend's TLS certificate",
          evidence,
        );
      } else {
        ctx.pass(ref.restMethod(m), "The backend's TLS certificate is verified", evidence);
      }
    }
    for (const i of ctx.v2Integrations('HTTP')) {
      if (!isVpcLink(i.integration.ConnectionType)) continue;
      const tls = i.integration.TlsConfig;
      const evidence = {
        IntegrationUri: i.integration.IntegrationUri ?? null,
        ConnectionType: i.integration.ConnectionType,
        'TlsConfig.ServerNameToVerify': tls?.ServerNameToVerify ?? null,
      };
      if (tls?.ServerNameToVerify) {
        ctx.pass(
          ref.v2Integration(i),
          `The private integration uses TLS and verifies ${tls.ServerNameToVerify}`,
          evidence,
        );
      } else if (tls) {
        ctx.fail(
          ref.v2Integration(i),
          "The private integration uses TLS but does not verify the certificate's host name " +
            '(no ServerNameToVerify)',
          evidence,
        );
      } else {
        ctx.fail(
          ref.v2Integration(i),
          'The private integration has no TlsConfig: traffic over the VPC link is plain HTTP',
          evidence,
        );
      }
    }
  },
});
