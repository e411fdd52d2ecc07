import type { Severity } from '../src/engine/types.js';
import { defineCheck } from './lib/define.js';
import { domainCertificateArns } from './lib/domains.js';
import { ref } from './lib/resources.js';
import { expiryState } from './lib/tls.js';

export default defineCheck({
  meta: {
    id: 'domain-certificate-expiry',
    title: 'Custom domain certificates are not expired or about to expire',
    family: 'tls',
    severity: 'high',
    resourceType: 'AWS::ApiGateway::DomainName',
    description:
      'For each custom domain, the ACM certificates it serves (v1 certificateArn and ' +
      'regionalCertificateArn, v2 DomainNameConfigurations[].CertificateArn), read with ' +
      'acm:DescribeCertificate: FAIL high when one has expired (NotAfter passed), medium when one ' +
      'expires within thresholds.certificateExpiryDays (30 by default). Certificates of edge ' +
      'domains live in us-east-1; the collector files them under the region of the domain. A ' +
      'certificate that was not collected makes the domain ERROR, unless another certificate of ' +
      'the domain already fails.',
    risk:
      'When the certificate of a custom domain expires, every client refuses the connection: the ' +
      'API is down for all callers of that name. ACM renews its own certificates only while DNS ' +
      'validation keeps working; imported certificates never renew.',
    remediation: {
      text:
        'Renew or re-import the certificate (for ACM-issued certificates, make sure the DNS ' +
        'validation record still exists), or issue a new one and point the domain at it.',
      cli:
        'aws apigateway update-domain-name --domain-name <domain-name> --patch-operations ' +
        'op=replace,path=/regionalCertificateArn,value=<new-certificate-arn>',
    },
    references: [
      {
        title: 'Managed certificate renewal in AWS Certificate Manager',
        url: 'https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html',
      },
      {
        title: 'Custom domain name for public REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-custom-domains.html',
      },
    ],
    reads: ['domainNames', 'v2DomainNames', 'certificates'],
    anchors: [],
  },
  evaluate(ctx) {
    const threshold = ctx.config.thresholds.certificateExpiryDays;
    for (const d of ctx.domains()) {
      const arns = domainCertificateArns(d);
      if (!arns.length) {
        ctx.manual(
          ref.domain(d),
          'The domain names no ACM certificate (an IAM server certificate?): check its expiry',
          { certificateArns: [] },
        );
        continue;
      }
      const certs = d.region.certificates;
      const notAfter: Record<string, string | null> = {};
      const missing: string[] = [];
      const unknown: string[] = [];
      const failures: Array<{ arn: string; severity: Severity; text: string }> = [];
      for (const arn of arns) {
        const cert = certs?.[arn];
        if (!cert) {
          missing.push(arn);
          continue;
        }
        notAfter[arn] = cert.NotAfter ?? null;
        const state = expiryState(cert.NotAfter, ctx.now, threshold);
        if (state.state === 'expired') {
          failures.push({ arn, severity: 'high', text: `${arn} expired on ${cert.NotAfter}` });
        } else if (state.state === 'expiring') {
          failures.push({
            arn,
            severity: 'medium',
            text: `${arn} expires in ${state.daysLeft} day(s)`,
          });
        } else if (state.state === 'unknown') {
          unknown.push(arn);
        }
      }
      const evidence = { certificateArns: arns, NotAfter: notAfter };
      if (failures.length) {
        const severity = failures.some((f) => f.severity === 'high') ? 'high' : 'medium';
        ctx.fail(
          ref.domain(d),
          `The domain certificate ${failures.map((f) => f.text).join('; ')}`,
          { ...evidence, ...(missing.length ? { notCollected: missing } : {}) },
          severity,
        );
      } else if (missing.length) {
        ctx.error(ref.domain(d), 'certificates', missing[0]);
      } else if (unknown.length) {
        ctx.manual(
          ref.domain(d),
          `No expiry date was reported for ${unknown.join(', ')}: check it in ACM`,
          evidence,
        );
      } else {
        ctx.pass(
          ref.domain(d),
          `The domain certificate(s) remain valid for more than ${threshold} days`,
          evidence,
        );
      }
    }
  },
});
