/**
 * Facts about custom domain names: which APIs they map, which TLS policy and certificates they
 * use, and their mutual TLS trust store. v1 and v2 views of one domain are merged by the
 * `domains()` walker; these helpers read either view.
 */
import type { RegionSnapshot, Slice } from '../../src/snapshot/types.js';
import type { DomainScope } from './context.js';

export interface DomainMappingIndex {
  /** API id -> the mappings that route a custom domain to it ("api.example.com/v1 -> prod"). */
  mapped: Map<string, string[]>;
  /**
   * Set when part of the mapping data is missing (a domain listing or one domain's mappings
   * failed): an API absent from `mapped` may still be mapped.
   */
  missing?: { slice: Slice; resourceId?: string };
}

const describeMapping = (domain: string, key: string | undefined, stage: string | undefined) =>
  `${domain}/${key && key !== '(none)' ? key : ''} -> ${stage ?? '*'}`;

/**
 * Which APIs of a region are mapped to a custom domain. v1 base path mappings and v2 API
 * mappings are both read: either can route to a REST or an HTTP API, since both APIs manage
 * the same domain namespace.
 */
export function domainMappings(region: RegionSnapshot): DomainMappingIndex {
  const mapped = new Map<string, string[]>();
  let missing: DomainMappingIndex['missing'];
  const add = (apiId: string | undefined, label: string) => {
    if (!apiId) return;
    const list = mapped.get(apiId) ?? [];
    if (!list.includes(label)) list.push(label);
    mapped.set(apiId, list);
  };
  if (!region.domainNames) missing ??= { slice: 'domainNames' };
  for (const d of region.domainNames ?? []) {
    if (!d.basePathMappings) {
      missing ??= { slice: 'domainName.basePathMappings', resourceId: d.domainName };
      continue;
    }
    for (const m of d.basePathMappings) {
      add(m.restApiId, describeMapping(d.domainName, m.basePath, m.stage));
    }
  }
  if (!region.v2DomainNames) missing ??= { slice: 'v2DomainNames' };
  for (const d of region.v2DomainNames ?? []) {
    if (!d.apiMappings) {
      missing ??= { slice: 'v2DomainName.apiMappings', resourceId: d.DomainName };
      continue;
    }
    for (const m of d.apiMappings) {
      add(m.ApiId, describeMapping(d.DomainName, m.ApiMappingKey, m.Stage));
    }
  }
  for (const list of mapped.values()) list.sort();
  return { mapped, ...(missing ? { missing } : {}) };
}

export interface DomainPolicy {
  /** The policy in force; undefined when neither view reports one. */
  policy?: string;
  /** Which view it came from. */
  source: 'v1' | 'v2' | 'none';
  endpointAccessMode?: string;
}

const V2_STRENGTH: Record<string, number> = { TLS_1_0: 0, TLS_1_2: 1 };

/**
 * The domain's security policy. The v1 view wins when it reports one: the v2 API knows only
 * TLS_1_0 and TLS_1_2, so it cannot describe an enhanced policy. Otherwise the weakest policy
 * among the v2 domain name configurations.
 */
export function domainSecurityPolicy(d: DomainScope): DomainPolicy {
  const endpointAccessMode = d.v1?.endpointAccessMode;
  if (d.v1?.securityPolicy) {
    return {
      policy: d.v1.securityPolicy,
      source: 'v1',
      ...(endpointAccessMode ? { endpointAccessMode } : {}),
    };
  }
  const v2 = (d.v2?.DomainNameConfigurations ?? [])
    .map((c) => c.SecurityPolicy)
    .filter((p): p is string => !!p)
    .sort((a, b) => (V2_STRENGTH[a] ?? 2) - (V2_STRENGTH[b] ?? 2));
  if (v2[0]) {
    return { policy: v2[0], source: 'v2', ...(endpointAccessMode ? { endpointAccessMode } : {}) };
  }
  return { source: 'none', ...(endpointAccessMode ? { endpointAccessMode } : {}) };
}

/**
 * The ACM certificate ARNs a domain serves: v1 certificateArn (edge) and regionalCertificateArn,
 * v2 DomainNameConfigurations[].CertificateArn. De-duplicated, sorted.
 */
export function domainCertificateArns(d: DomainScope): string[] {
  const arns = new Set<string>();
  if (d.v1?.certificateArn) arns.add(d.v1.certificateArn);
  if (d.v1?.regionalCertificateArn) arns.add(d.v1.regionalCertificateArn);
  for (const c of d.v2?.DomainNameConfigurations ?? []) {
    if (c.CertificateArn) arns.add(c.CertificateArn);
  }
  return [...arns].sort();
}

export interface DomainMtls {
  truststoreUri?: string;
  truststoreVersion?: string;
  /** Union of both views' warnings. */
  truststoreWarnings: string[];
}

/** The domain's mutual TLS configuration, or undefined when mutual TLS is off. */
export function domainMtls(d: DomainScope): DomainMtls | undefined {
  const v1 = d.v1?.mutualTlsAuthentication;
  const v2 = d.v2?.MutualTlsAuthentication;
  const uri = v1?.truststoreUri || v2?.TruststoreUri;
  if (!uri) return undefined;
  const warnings = new Set([...(v1?.truststoreWarnings ?? []), ...(v2?.TruststoreWarnings ?? [])]);
  const version = v1?.truststoreVersion || v2?.TruststoreVersion;
  return {
    truststoreUri: uri,
    ...(version ? { truststoreVersion: version } : {}),
    truststoreWarnings: [...warnings],
  };
}
