import { describe } from 'vitest';
import check from '../../checks/domain-mtls-truststore.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, snapshot } from '../helpers/snapshot.js';

const WARNING = 'Certificate arn:... is expired';

describe('domain-mtls-truststore', () => {
  checkTable(check, [
    { name: 'no domains: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'mutual TLS without warnings: PASS (v1 and v2)',
      snapshot: snapshot([
        region({
          domainNames: [
            {
              domainName: 'a.example.com',
              mutualTlsAuthentication: { truststoreUri: 's3://b/a.pem', truststoreWarnings: [] },
            },
          ],
          v2DomainNames: [
            {
              DomainName: 'b.example.com',
              MutualTlsAuthentication: { TruststoreUri: 's3://b/b.pem' },
            },
          ],
        }),
      ]),
      expect: [
        {
          resource: 'a.example.com',
          status: 'PASS',
          evidence: { truststoreUri: 's3://b/a.pem', truststoreWarnings: [] },
        },
        { resource: 'b.example.com', status: 'PASS' },
      ],
    },
    {
      name: 'warnings in either view of the domain: FAIL medium, one result',
      snapshot: snapshot([
        region({
          domainNames: [
            {
              domainName: 'a.example.com',
              mutualTlsAuthentication: { truststoreUri: 's3://b/a.pem' },
            },
          ],
          v2DomainNames: [
            {
              DomainName: 'a.example.com',
              MutualTlsAuthentication: {
                TruststoreUri: 's3://b/a.pem',
                TruststoreWarnings: [WARNING],
              },
            },
          ],
        }),
      ]),
      expect: [
        {
          resource: 'a.example.com',
          status: 'FAIL',
          severity: 'medium',
          evidence: { truststoreWarnings: [WARNING] },
        },
      ],
    },
    {
      name: 'not applicable: domains without mutual TLS',
      snapshot: snapshot([
        region({
          domainNames: [{ domainName: 'a.example.com' }],
          v2DomainNames: [{ DomainName: 'b.example.com' }],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many domains across regions',
      snapshot: snapshot([
        region({
          domainNames: [
            {
              domainName: 'a.example.com',
              mutualTlsAuthentication: { truststoreUri: 's3://x', truststoreWarnings: [WARNING] },
            },
          ],
        }),
        region(
          {
            domainNames: [
              { domainName: 'b.example.com', mutualTlsAuthentication: { truststoreUri: 's3://y' } },
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'a.example.com', status: 'FAIL' },
        { resource: 'b.example.com', status: 'PASS' },
      ],
    },
    {
      name: 'a domain listing failed: ERROR for the region',
      snapshot: snapshot(
        [region({ domainNames: undefined })],
        [collectionError({ slice: 'domainNames', operation: 'GetDomainNames' })],
      ),
      expect: [
        {
          resource: 'custom domains in eu-west-1',
          status: 'ERROR',
          evidence: { missing: 'domainNames' },
        },
      ],
    },
    {
      name: 'the v1 listing failed: a v2 domain with warnings still FAILs; one without is ERROR (v1 may hold warnings)',
      snapshot: snapshot(
        [
          region({
            domainNames: undefined,
            v2DomainNames: [
              {
                DomainName: 'clean.example.com',
                MutualTlsAuthentication: { TruststoreUri: 's3://b/c.pem' },
              },
              {
                DomainName: 'warned.example.com',
                MutualTlsAuthentication: {
                  TruststoreUri: 's3://b/w.pem',
                  TruststoreWarnings: [WARNING],
                },
              },
            ],
          }),
        ],
        [collectionError({ slice: 'domainNames', operation: 'GetDomainNames' })],
      ),
      expect: [
        { resource: 'custom domains in eu-west-1', status: 'ERROR' },
        { resource: 'clean.example.com', status: 'ERROR', evidence: { missing: 'domainNames' } },
        { resource: 'warned.example.com', status: 'FAIL' },
      ],
    },
  ]);
});
