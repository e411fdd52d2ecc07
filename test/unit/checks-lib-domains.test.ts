import { describe, expect, it } from 'vitest';
import type { DomainScope } from '../../checks/lib/context.js';
import {
  domainCertificateArns,
  domainMappings,
  domainMtls,
  domainSecurityPolicy,
} from '../../checks/lib/domains.js';
import type { DomainNameSnapshot, V2DomainNameSnapshot } from '../../src/snapshot/types.js';
import { region } from '../helpers/snapshot.js';

const scope = (v1?: DomainNameSnapshot, v2?: V2DomainNameSnapshot): DomainScope => {
  const r = region();
  return {
    account: { accountId: '1', partition: 'aws', regions: [r] },
    region: r,
    accountId: '1',
    regionName: r.region,
    partition: 'aws',
    name: v1?.domainName ?? v2!.DomainName,
    ...(v1 ? { v1 } : {}),
    ...(v2 ? { v2 } : {}),
  };
};

describe('checks/lib/domains', () => {
  it('indexes v1 and v2 mappings by API id', () => {
    const index = domainMappings(
      region({
        domainNames: [
          {
            domainName: 'a.example.com',
            basePathMappings: [
              { restApiId: 'r1', basePath: '(none)', stage: 'prod' },
              { restApiId: 'h1', basePath: 'm' },
            ],
          },
        ],
        v2DomainNames: [
          {
            DomainName: 'b.example.com',
            apiMappings: [{ ApiId: 'r1', ApiMappingKey: 'v2', Stage: 'p' }],
          },
        ],
      }),
    );
    expect(index.missing).toBeUndefined();
    expect(Object.fromEntries(index.mapped)).toEqual({
      r1: ['a.example.com/ -> prod', 'b.example.com/v2 -> p'],
      h1: ['a.example.com/m -> *'],
    });
  });

  it('reports the first piece of mapping data that is missing', () => {
    expect(domainMappings(region({ domainNames: undefined })).missing).toEqual({
      slice: 'domainNames',
    });
    expect(
      domainMappings(region({ v2DomainNames: [{ DomainName: 'x', apiMappings: undefined }] }))
        .missing,
    ).toEqual({ slice: 'v2DomainName.apiMappings', resourceId: 'x' });
  });

  it('prefers the v1 policy, else the weakest v2 policy', () => {
    const v2: V2DomainNameSnapshot = {
      DomainName: 'a',
      DomainNameConfigurations: [{ SecurityPolicy: 'TLS_1_2' }, { SecurityPolicy: 'TLS_1_0' }],
    };
    expect(domainSecurityPolicy(scope(undefined, v2))).toEqual({ policy: 'TLS_1_0', source: 'v2' });
    expect(
      domainSecurityPolicy(
        scope(
          {
            domainName: 'a',
            securityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09',
            endpointAccessMode: 'STRICT',
          },
          v2,
        ),
      ),
    ).toEqual({
      policy: 'SecurityPolicy_TLS13_1_3_2025_09',
      source: 'v1',
      endpointAccessMode: 'STRICT',
    });
    expect(domainSecurityPolicy(scope({ domainName: 'a' }))).toEqual({ source: 'none' });
  });

  it('collects certificate ARNs and mutual TLS from both views', () => {
    const d = scope(
      {
        domainName: 'a',
        certificateArn: 'arn:c1',
        regionalCertificateArn: 'arn:c2',
        mutualTlsAuthentication: { truststoreUri: 's3://t', truststoreWarnings: ['w1'] },
      },
      {
        DomainName: 'a',
        DomainNameConfigurations: [{ CertificateArn: 'arn:c2' }, { CertificateArn: 'arn:c0' }],
        MutualTlsAuthentication: { TruststoreUri: 's3://t', TruststoreWarnings: ['w1', 'w2'] },
      },
    );
    expect(domainCertificateArns(d)).toEqual(['arn:c0', 'arn:c1', 'arn:c2']);
    expect(domainMtls(d)).toEqual({ truststoreUri: 's3://t', truststoreWarnings: ['w1', 'w2'] });
    expect(domainMtls(scope({ domainName: 'b', mutualTlsAuthentication: {} }))).toBeUndefined();
  });
});
