/** Custom domains (v1 and v2) with their mappings, and the ACM certificates they serve. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportCertificateCommand, RequestCertificateCommand } from '@aws-sdk/client-acm';
import {
  CreateBasePathMappingCommand,
  CreateDomainNameCommand,
  type SecurityPolicy,
} from '@aws-sdk/client-api-gateway';
import {
  CreateApiMappingCommand,
  CreateDomainNameCommand as CreateV2DomainNameCommand,
} from '@aws-sdk/client-apigatewayv2';
import type { Clients } from '../src/collect/clients.js';

export async function seedDomainName(
  c: Clients,
  domainName: string,
  opts: {
    endpointType?: 'EDGE' | 'REGIONAL';
    certificateArn?: string;
    securityPolicy?: string;
  } = {},
): Promise<void> {
  const edge = opts.endpointType === 'EDGE';
  await c.apigateway.send(
    new CreateDomainNameCommand({
      domainName,
      endpointConfiguration: { types: [edge ? 'EDGE' : 'REGIONAL'] },
      ...(opts.certificateArn
        ? edge
          ? { certificateArn: opts.certificateArn }
          : { regionalCertificateArn: opts.certificateArn }
        : {}),
      ...(opts.securityPolicy ? { securityPolicy: opts.securityPolicy as SecurityPolicy } : {}),
    }),
  );
}

export async function seedBasePathMapping(
  c: Clients,
  domainName: string,
  restApiId: string,
  stage: string,
  basePath?: string,
): Promise<void> {
  await c.apigateway.send(
    new CreateBasePathMappingCommand({
      domainName,
      restApiId,
      stage,
      ...(basePath ? { basePath } : {}),
    }),
  );
}

export async function seedV2DomainName(
  c: Clients,
  domainName: string,
  opts: { certificateArn?: string; securityPolicy?: 'TLS_1_0' | 'TLS_1_2' } = {},
): Promise<void> {
  await c.apigatewayv2.send(
    new CreateV2DomainNameCommand({
      DomainName: domainName,
      DomainNameConfigurations: [
        {
          EndpointType: 'REGIONAL',
          ...(opts.certificateArn ? { CertificateArn: opts.certificateArn } : {}),
          SecurityPolicy: opts.securityPolicy ?? 'TLS_1_2',
        },
      ],
    }),
  );
}

export async function seedApiMapping(
  c: Clients,
  domainName: string,
  apiId: string,
  stage: string,
  key?: string,
): Promise<string> {
  const out = await c.apigatewayv2.send(
    new CreateApiMappingCommand({
      DomainName: domainName,
      ApiId: apiId,
      Stage: stage,
      ...(key ? { ApiMappingKey: key } : {}),
    }),
  );
  return out.ApiMappingId!;
}

/** A certificate ACM issues (moto marks it issued at once). */
export async function seedCertificate(c: Clients, domainName: string): Promise<string> {
  const out = await c.acm.send(
    new RequestCertificateCommand({ DomainName: domainName, ValidationMethod: 'DNS' }),
  );
  return out.CertificateArn!;
}

/** A self-signed certificate, made with openssl, imported into ACM: one that expires on a date. */
export async function seedImportedCertificate(
  c: Clients,
  commonName: string,
  validDays: number,
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'seed-cert-'));
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', String(validDays)].concat([
        '-subj',
        `/CN=${commonName}`,
        '-keyout',
        key,
        '-out',
        cert,
      ]),
      { stdio: 'ignore' },
    );
    const out = await c.acm.send(
      new ImportCertificateCommand({
        Certificate: readFileSync(cert),
        PrivateKey: readFileSync(key),
      }),
    );
    return out.CertificateArn!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
