import { describe } from 'vitest';
import check from '../../checks/domain-tls-policy.js';
import type { DomainNameSnapshot, V2DomainNameSnapshot } from '../../src/snapshot/types.js';
import { checkTable } from '../helpers/check-table.js';
import { ACCOUNT, REGION, collectionError, region, snapshot, v2Api } from '../helpers/snapshot.js';

const v1 = (domainName: string, parts: Partial<DomainNameSnapshot> = {}): DomainNameSnapshot => ({
  domainName,
  basePathMappings: [],
  ...parts,
});
const v2 = (DomainName: string, ...policies: string[]): V2DomainNameSnapshot => ({
  DomainName,
  DomainNameConfigurations: policies.map((SecurityPolicy) => ({ SecurityPolicy })),
  apiMappings: [],
});

describe('domain-tls-policy', () => {
  checkTable(check, [
    { name: 'no domains: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'Not: enhanced policies in STRICT mode (regional and edge): PASS',
      snapshot: snapshot([
        region({
          domainNames: [
            v1('a.example.com', {
              securityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09',
              endpointAccessMode: 'STRICT',
            }),
            v1('b.example.com', {
              securityPolicy: 'SecurityPolicy_TLS13_1_2_2021_06',
              endpointAccessMode: 'STRICT',
            }),
            v1('c.example.com', {
              securityPolicy: 'SecurityPolicy_TLS13_2025_EDGE',
              endpointAccessMode: 'STRICT',
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'a.example.com',
          status: 'PASS',
          evidence: { policyInForce: 'SecurityPolicy_TLS13_1_3_2025_09', policySource: 'v1' },
        },
        { resource: 'b.example.com', status: 'PASS' },
        { resource: 'c.example.com', status: 'PASS' },
      ],
    },
    {
      name: "a private domain another account shares: that account's to judge, no result",
      snapshot: snapshot([
        region({
          domainNames: [
            v1('mine.internal.example', {
              domainNameArn: `arn:aws:apigateway:${REGION}:${ACCOUNT}:/domainnames/mine.internal.example+a1`,
              securityPolicy: 'TLS_1_0',
            }),
            v1('theirs.internal.example', {
              domainNameArn: `arn:aws:apigateway:${REGION}:444455556666:/domainnames/theirs.internal.example+b2`,
              securityPolicy: 'TLS_1_0',
            }),
          ],
        }),
      ]),
      expect: [{ resource: 'mine.internal.example', status: 'FAIL', severity: 'high' }],
    },
    {
      name: 'TLS_1_0: FAIL high (v1 and v2-only domains)',
      snapshot: snapshot([
        region({
          domainNames: [v1('old.example.com', { securityPolicy: 'TLS_1_0' })],
          v2DomainNames: [v2('v2old.example.com', 'TLS_1_2', 'TLS_1_0')],
        }),
      ]),
      expect: [
        {
          resource: 'old.example.com',
          status: 'FAIL',
          severity: 'high',
          evidence: { securityPolicy: 'TLS_1_0' },
        },
        {
          resource: 'v2old.example.com',
          status: 'FAIL',
          severity: 'high',
          evidence: {
            'DomainNameConfigurations[].SecurityPolicy': ['TLS_1_2', 'TLS_1_0'],
            policySource: 'v2',
          },
        },
      ],
    },
    {
      name: 'legacy TLS_1_2, or no policy reported: FAIL low',
      snapshot: snapshot([
        region({
          domainNames: [
            v1('legacy.example.com', { securityPolicy: 'TLS_1_2' }),
            v1('bare.example.com'),
          ],
        }),
      ]),
      expect: [
        { resource: 'legacy.example.com', status: 'FAIL', severity: 'low' },
        {
          resource: 'bare.example.com',
          status: 'FAIL',
          severity: 'low',
          evidence: { securityPolicy: null, policyInForce: 'TLS_1_2', policySource: 'none' },
        },
      ],
    },
    {
      name: 'enhanced policy with BASIC: FAIL low; access mode not reported: MANUAL',
      snapshot: snapshot([
        region({
          domainNames: [
            v1('basic.example.com', {
              securityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09',
              endpointAccessMode: 'BASIC',
            }),
            v1('nomode.example.com', { securityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09' }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'basic.example.com',
          status: 'FAIL',
          severity: 'low',
          evidence: { endpointAccessMode: 'BASIC' },
        },
        { resource: 'nomode.example.com', status: 'MANUAL' },
      ],
    },
    {
      name: 'one domain in both listings: one result, the v1 enhanced policy wins over v2 TLS_1_2',
      snapshot: snapshot([
        region({
          domainNames: [
            v1('api.example.com', {
              securityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09',
              endpointAccessMode: 'STRICT',
            }),
          ],
          v2DomainNames: [v2('api.example.com', 'TLS_1_2')],
        }),
      ]),
      expect: [
        {
          resource: 'api.example.com',
          status: 'PASS',
          evidence: {
            'DomainNameConfigurations[].SecurityPolicy': ['TLS_1_2'],
            policySource: 'v1',
          },
        },
      ],
    },
    {
      name: 'TLS_1_2 on a domain that cannot go enhanced (mutual TLS, HTTP API mapping): PASS',
      snapshot: snapshot([
        region({
          v2Apis: [v2Api({ ApiId: 'h1' })],
          domainNames: [
            v1('mtls.example.com', {
              securityPolicy: 'TLS_1_2',
              mutualTlsAuthentication: { truststoreUri: 's3://b/ts.pem' },
            }),
          ],
          v2DomainNames: [
            { ...v2('http.example.com', 'TLS_1_2'), apiMappings: [{ ApiId: 'h1', Stage: 'p' }] },
          ],
        }),
      ]),
      expect: [
        {
          resource: 'mtls.example.com',
          status: 'PASS',
          evidence: { enhancedPolicyUnavailableBecause: 'mutual TLS' },
        },
        {
          resource: 'http.example.com',
          status: 'PASS',
          evidence: { enhancedPolicyUnavailableBecause: 'HTTP or WebSocket API mappings' },
        },
      ],
    },
    {
      name: 'an unknown policy name: MANUAL',
      snapshot: snapshot([
        region({ domainNames: [v1('x.example.com', { securityPolicy: 'TLS_9' })] }),
      ]),
      expect: [{ resource: 'x.example.com', status: 'MANUAL' }],
    },
    {
      name: 'many domains across regions',
      snapshot: snapshot([
        region({ domainNames: [v1('a.example.com', { securityPolicy: 'TLS_1_0' })] }),
        region({ v2DomainNames: [v2('b.example.com', 'TLS_1_2')] }, 'us-east-1'),
      ]),
      expect: [
        { resource: 'a.example.com', status: 'FAIL', severity: 'high' },
        { resource: 'b.example.com', status: 'FAIL', severity: 'low' },
      ],
    },
    {
      name: 'a domain listing failed: ERROR for the region, the other listing still assessed',
      snapshot: snapshot(
        [
          region({
            domainNames: undefined,
            v2DomainNames: [v2('b.example.com', 'TLS_1_0')],
          }),
        ],
        [collectionError({ slice: 'domainNames', operation: 'GetDomainNames' })],
      ),
      expect: [
        {
          resource: 'custom domains in eu-west-1',
          status: 'ERROR',
          evidence: { missing: 'domainNames' },
        },
        { resource: 'b.example.com', status: 'FAIL' },
      ],
    },
    {
      name: 'TLS_1_2 whose mappings or whose mapped API kind was not read: ERROR, not a low FAIL',
      snapshot: snapshot(
        [
          region({
            domainNames: [
              v1('nomap.example.com', { securityPolicy: 'TLS_1_2', basePathMappings: undefined }),
              v1('mapped.example.com', {
                securityPolicy: 'TLS_1_2',
                basePathMappings: [{ restApiId: 'h1', stage: '$default' }],
              }),
              // Enhanced: mappings do not matter, so the verdict stands.
              v1('strong.example.com', {
                securityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09',
                endpointAccessMode: 'STRICT',
                basePathMappings: undefined,
              }),
            ],
            v2DomainNames: [{ ...v2('v2map.example.com', 'TLS_1_2'), apiMappings: undefined }],
            v2Apis: undefined,
          }),
        ],
        [
          collectionError({
            slice: 'domainName.basePathMappings',
            resourceId: 'nomap.example.com',
          }),
          collectionError({
            slice: 'v2DomainName.apiMappings',
            service: 'apigatewayv2',
            resourceId: 'v2map.example.com',
          }),
          collectionError({ slice: 'v2Apis', service: 'apigatewayv2', operation: 'GetApis' }),
        ],
      ),
      expect: [
        {
          resource: 'nomap.example.com',
          status: 'ERROR',
          evidence: { missing: 'domainName.basePathMappings' },
        },
        { resource: 'mapped.example.com', status: 'ERROR', evidence: { missing: 'v2Apis' } },
        { resource: 'strong.example.com', status: 'PASS' },
        {
          resource: 'v2map.example.com',
          status: 'ERROR',
          evidence: { missing: 'v2DomainName.apiMappings' },
        },
      ],
    },
    {
      name: 'one listing failed: TLS_1_2 from the other view is ERROR (the missing view may name an enhanced policy or an HTTP API mapping)',
      snapshot: snapshot(
        [
          region({
            domainNames: undefined,
            v2DomainNames: [v2('legacy.example.com', 'TLS_1_2')],
          }),
          region(
            {
              domainNames: [
                v1('v1legacy.example.com', { securityPolicy: 'TLS_1_2' }),
                v1('v1old.example.com', { securityPolicy: 'TLS_1_0' }),
              ],
              v2DomainNames: undefined,
            },
            'us-east-1',
          ),
        ],
        [
          collectionError({ slice: 'domainNames', operation: 'GetDomainNames' }),
          collectionError({
            slice: 'v2DomainNames',
            service: 'apigatewayv2',
            operation: 'GetDomainNames',
            region: 'us-east-1',
          }),
        ],
      ),
      expect: [
        { resource: 'custom domains in eu-west-1', status: 'ERROR' },
        { resource: 'custom domains in us-east-1', status: 'ERROR' },
        { resource: 'legacy.example.com', status: 'ERROR', evidence: { missing: 'domainNames' } },
        {
          resource: 'v1legacy.example.com',
          status: 'ERROR',
          evidence: { missing: 'v2DomainNames' },
        },
        // TLS 1.0 accepted is a FAIL whatever the other view says.
        { resource: 'v1old.example.com', status: 'FAIL', severity: 'high' },
      ],
    },
  ]);
});
