import type { Slice } from '../src/snapshot/types.js';
import { defineCheck } from './lib/define.js';
import type { DomainScope } from './lib/context.js';
import { domainMtls, domainSecurityPolicy } from './lib/domains.js';
import { ref } from './lib/resources.js';
import { classifyPolicy } from './lib/tls.js';

/**
 * Why the domain cannot move to an enhanced policy, if it cannot: enhanced policies exclude
 * mutual TLS and mappings to HTTP or WebSocket APIs. `missing` names the listing that would
 * tell, when it was not read: whether an API is HTTP or WebSocket decides the verdict.
 */
function enhancedImpossible(d: DomainScope): {
  stuck?: string;
  missing?: { slice: Slice; resourceId?: string };
} {
  if (domainMtls(d)) return { stuck: 'mutual TLS' };
  // The other view may name an enhanced policy (v1) or mappings to an HTTP API (either).
  if (d.missingView) return { missing: { slice: d.missingView } };
  if (d.v1 && !d.v1.basePathMappings) {
    return { missing: { slice: 'domainName.basePathMappings', resourceId: d.name } };
  }
  if (d.v2 && !d.v2.apiMappings) {
    return { missing: { slice: 'v2DomainName.apiMappings', resourceId: d.name } };
  }
  const mapped = [
    ...(d.v1?.basePathMappings ?? []).map((m) => m.restApiId),
    ...(d.v2?.apiMappings ?? []).map((m) => m.ApiId),
  ].filter((id): id is string => !!id);
  if (mapped.length === 0) return {};
  if (!d.region.v2Apis) return { missing: { slice: 'v2Apis' } };
  const v2Ids = new Set(d.region.v2Apis.map((a) => a.ApiId));
  if (mapped.some((id) => v2Ids.has(id))) return { stuck: 'HTTP or WebSocket API mappings' };
  return {};
}

export default defineCheck({
  meta: {
    id: 'domain-tls-policy',
    title: 'Custom domains use an enhanced TLS security policy in STRICT mode',
    family: 'tls',
    severity: 'high',
    resourceType: 'AWS::ApiGateway::DomainName',
    description:
      'Each custom domain name (v1 and v2 listings merged by name). The policy is the v1 ' +
      'securityPolicy when the v1 view reports one (the v2 API knows only TLS_1_0 and TLS_1_2, so ' +
      'it cannot show an enhanced policy), otherwise the weakest ' +
      'DomainNameConfigurations[].SecurityPolicy. FAIL high for TLS_1_0; low for the legacy ' +
      'TLS_1_2 (move to an enhanced SecurityPolicy_TLS13_* policy); low for an enhanced policy ' +
      'with endpointAccessMode BASIC. An enhanced policy in STRICT mode passes; an enhanced policy ' +
      'whose access mode is not reported, or an unknown policy name, is MANUAL. A domain that ' +
      'reports no policy is judged as the TLS_1_2 default. TLS_1_2 passes on a domain that cannot ' +
      'use an enhanced policy: one with mutual TLS, or mapped to an HTTP or WebSocket API.',
    risk:
      'TLS_1_0 lets clients negotiate TLS 1.0 and 1.1 with SHA1-CBC cipher suites, which are open ' +
      'to downgrade and padding-oracle attacks and fail PCI DSS. The legacy TLS_1_2 policy still ' +
      'accepts suites without forward secrecy. BASIC access mode accepts requests whose Host or ' +
      'SNI does not match the domain.',
    remediation: {
      text:
        'Move the domain to an enhanced policy such as SecurityPolicy_TLS13_1_3_2025_09 (regional) ' +
        'or SecurityPolicy_TLS13_2025_EDGE (edge) with endpointAccessMode STRICT. Domains with ' +
        'mutual TLS or HTTP API mappings cannot use enhanced policies yet: use TLS_1_2 for those.',
      cli:
        'aws apigateway update-domain-name --domain-name <domain-name> --patch-operations ' +
        'op=replace,path=/securityPolicy,value=SecurityPolicy_TLS13_1_3_2025_09 ' +
        'op=replace,path=/endpointAccessMode,value=STRICT',
    },
    references: [
      {
        title: 'Security policies for REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies.html',
      },
      {
        title: 'Supported security policies',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html',
      },
    ],
    reads: [
      'domainNames',
      'v2DomainNames',
      'domainName.basePathMappings',
      'v2DomainName.apiMappings',
      'v2Apis',
    ],
    anchors: ['Config apigateway-domain-name-tls-check', 'Trivy AWS-0005'],
    notFlagged:
      'Enhanced security policies in STRICT mode (CloudSploit fails them); TLS_1_2 on domains with ' +
      'mutual TLS or HTTP/WebSocket API mappings, which cannot use an enhanced policy.',
  },
  evaluate(ctx) {
    for (const d of ctx.domains()) {
      const chosen = domainSecurityPolicy(d);
      const evidence = {
        securityPolicy: d.v1?.securityPolicy ?? null,
        endpointAccessMode: d.v1?.endpointAccessMode ?? null,
        'DomainNameConfigurations[].SecurityPolicy': d.v2
          ? (d.v2.DomainNameConfigurations ?? []).map((c) => c.SecurityPolicy ?? null)
          : null,
        policyInForce: chosen.policy ?? 'TLS_1_2',
        policySource: chosen.source,
      };
      const policy = chosen.policy ?? 'TLS_1_2';
      const defaulted = chosen.policy ? '' : ' (no policy reported: custom domains default to it)';
      switch (classifyPolicy(policy)) {
        case 'TLS_1_0':
          ctx.fail(ref.domain(d), 'The domain accepts TLS 1.0 and 1.1 (TLS_1_0)', evidence, 'high');
          break;
        case 'TLS_1_2': {
          const { stuck, missing } = enhancedImpossible(d);
          if (missing) {
            ctx.error(ref.domain(d), missing.slice, missing.resourceId);
            break;
          }
          if (stuck) {
            ctx.pass(
              ref.domain(d),
              `The domain uses TLS_1_2, the strongest policy a domain with ${stuck} can use`,
              { ...evidence, enhancedPolicyUnavailableBecause: stuck },
            );
            break;
          }
          ctx.fail(
            ref.domain(d),
            `The domain uses the legacy TLS_1_2 policy${defaulted}: move to an enhanced ` +
              'SecurityPolicy_TLS13_* policy',
            evidence,
            'low',
          );
          break;
        }
        case 'enhanced': {
          const mode = chosen.endpointAccessMode?.toUpperCase();
          if (mode === 'STRICT') {
            ctx.pass(ref.domain(d), `The domain uses ${policy} in STRICT mode`, evidence);
          } else if (mode === 'BASIC') {
            ctx.fail(
              ref.domain(d),
              `The domain uses ${policy} with endpointAccessMode BASIC: switch to STRICT`,
              evidence,
              'low',
            );
          } else {
            ctx.manual(
              ref.domain(d),
              `The domain uses ${policy} but its endpointAccessMode was not reported: check it is STRICT`,
              evidence,
            );
          }
          break;
        }
        default:
          ctx.manual(
            ref.domain(d),
            `Unknown security policy ${policy}: check which TLS versions and ciphers it allows`,
            evidence,
          );
      }
    }
  },
});
