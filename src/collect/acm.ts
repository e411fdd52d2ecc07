/**
 * ACM certificates used by custom domains (v1 certificateArn / regionalCertificateArn /
 * ownershipVerificationCertificateArn, v2 DomainNameConfigurations[].CertificateArn and
 * OwnershipVerificationCertificateArn). DescribeCertificate is called once per certificate and
 * account for the whole scan, in the certificate's own region (edge certificates live in
 * us-east-1). IAM server certificates (legacy edge domains) are not ACM and not read.
 */
import { DescribeCertificateCommand } from '@aws-sdk/client-acm';
import type {
  CertificateSnapshot,
  DomainNameSnapshot,
  V2DomainNameSnapshot,
} from '../snapshot/types.js';
import type { CallSpec, RegionContext } from './context.js';
import { sortedRecord } from './lambda.js';
import { plain } from './plain.js';

const ACM_ARN = /^arn:[a-z0-9-]+:acm:[a-z0-9-]+:\d{12}:certificate\/[^/\s]+$/;

export function certificateArnsOf(
  domains: DomainNameSnapshot[] | undefined,
  v2Domains: V2DomainNameSnapshot[] | undefined,
): string[] {
  const arns = new Set<string>();
  const add = (a: string | undefined) => a && ACM_ARN.test(a) && arns.add(a);
  for (const d of domains ?? []) {
    add(d.certificateArn);
    add(d.regionalCertificateArn);
    add(d.ownershipVerificationCertificateArn);
  }
  for (const d of v2Domains ?? []) {
    for (const c of d.DomainNameConfigurations ?? []) {
      add(c.CertificateArn);
      add(c.OwnershipVerificationCertificateArn);
    }
  }
  return [...arns].sort();
}

export async function collectCertificates(
  ctx: RegionContext,
  domains: DomainNameSnapshot[] | undefined,
  v2Domains: V2DomainNameSnapshot[] | undefined,
): Promise<Record<string, CertificateSnapshot>> {
  const arns = certificateArnsOf(domains, v2Domains);
  ctx.found('certificates', arns.length);
  const out: Record<string, CertificateSnapshot> = {};
  await Promise.all(
    arns.map(async (arn) => {
      const region = arn.split(':')[3]!;
      const spec: CallSpec = {
        slice: 'certificates',
        service: 'acm',
        operation: 'DescribeCertificate',
        resourceId: arn,
        region,
      };
      const acm = ctx.clientsIn(region).acm;
      const res = await ctx.shared(`acm:DescribeCertificate:${arn}`, spec, () =>
        ctx.attemptSend(spec, acm, new DescribeCertificateCommand({ CertificateArn: arn })),
      );
      if (!res.ok) return;
      if (!res.value.Certificate) {
        ctx.recordError(spec, 'MalformedResponse', 'DescribeCertificate returned no Certificate');
        return;
      }
      out[arn] = plain<CertificateSnapshot>(res.value.Certificate);
    }),
  );
  return sortedRecord(out);
}
