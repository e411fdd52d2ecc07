import { defineCheck } from './lib/define.js';
import { domainMtls } from './lib/domains.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'domain-mtls-truststore',
    title: 'Mutual TLS trust stores of custom domains load without warnings',
    family: 'tls',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::DomainName',
    description:
      'For each custom domain with mutual TLS (v1 mutualTlsAuthentication or v2 ' +
      'MutualTlsAuthentication with a truststoreUri), FAIL when API Gateway reports ' +
      'truststoreWarnings: certificates in the trust store that are expired, not yet valid, use ' +
      'unsupported algorithms or lack a valid chain.',
    risk:
      'A certificate in the trust store with a warning is silently ignored: clients whose ' +
      'certificates chain to it are rejected, and the remaining store may not be the set of ' +
      'certificate authorities the owners believe they trust.',
    remediation: {
      text:
        'Fix or remove the certificates named in the warnings, upload a new version of the trust ' +
        'store to S3 and point the domain at it.',
      cli:
        'aws apigateway update-domain-name --domain-name <domain-name> --patch-operations ' +
        'op=replace,path=/mutualTlsAuthentication/truststoreVersion,value=<new-s3-object-version>',
    },
    references: [
      {
        title: 'Mutual TLS authentication for REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html',
      },
      {
        title: 'Mutual TLS authentication for HTTP APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mutual-tls.html',
      },
    ],
    reads: ['domainNames', 'v2DomainNames'],
    anchors: [],
  },
  evaluate(ctx) {
    for (const d of ctx.domains()) {
      const mtls = domainMtls(d);
      if (!mtls) continue;
      const evidence = {
        truststoreUri: mtls.truststoreUri ?? null,
        truststoreVersion: mtls.truststoreVersion ?? null,
        truststoreWarnings: mtls.truststoreWarnings,
      };
      if (mtls.truststoreWarnings.length) {
        ctx.fail(
          ref.domain(d),
          `The trust store has ${mtls.truststoreWarnings.length} warning(s): ${mtls.truststoreWarnings.join('; ')}`,
          evidence,
        );
      } else {
        ctx.pass(ref.domain(d), 'The trust store loaded without warnings', evidence);
      }
    }
  },
});
