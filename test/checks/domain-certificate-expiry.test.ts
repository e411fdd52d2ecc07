import { describe } from 'vitest';
import check from '../../checks/domain-certificate-expiry.js';
import type { CertificateSnapshot } from '../../src/snapshot/types.js';
import { checkTable, NOW } from '../helpers/check-table.js';
import { collectionError, region, snapshot } from '../helpers/snapshot.js';

const DAY = 86_400_000;
const inDays = (d: number) => new Date(NOW.getTime() + d * DAY).toISOString();
const arn = (id: string, r = 'eu-west-1') => `arn:aws:acm:${r}:111122223333:certificate/${id}`;
const cert = (id: string, days: number | undefined, r = 'eu-west-1'): CertificateSnapshot => ({
  CertificateArn: arn(id, r),
  ...(days === undefined ? {} : { NotAfter: inDays(days) }),
});
const certs = (...list: CertificateSnapshot[]) =>
  Object.fromEntries(list.map((c) => [c.CertificateArn, c]));

describe('domain-certificate-expiry', () => {
  checkTable(check, [
    { name: 'no domains: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'certificates valid for months: PASS (v1 regional, v2 configuration)',
      snapshot: snapshot([
        region({
          domainNames: [{ domainName: 'a.example.com', regionalCertificateArn: arn('a') }],
          v2DomainNames: [
            {
              DomainName: 'b.example.com',
              DomainNameConfigurations: [{ CertificateArn: arn('b') }],
            },
          ],
          certificates: certs(cert('a', 200), cert('b', 90)),
        }),
      ]),
      expect: [
        {
          resource: 'a.example.com',
          status: 'PASS',
          evidence: { certificateArns: [arn('a')], NotAfter: { [arn('a')]: inDays(200) } },
        },
        { resource: 'b.example.com', status: 'PASS' },
      ],
    },
    {
      name: 'expired: FAIL high; expiring within 30 days: FAIL medium',
      snapshot: snapshot([
        region({
          domainNames: [
            { domainName: 'old.example.com', certificateArn: arn('old') },
            { domainName: 'soon.example.com', regionalCertificateArn: arn('soon') },
          ],
          certificates: certs(cert('old', -1), cert('soon', 12)),
        }),
      ]),
      expect: [
        { resource: 'old.example.com', status: 'FAIL', severity: 'high' },
        { resource: 'soon.example.com', status: 'FAIL', severity: 'medium', message: '12 day(s)' },
      ],
    },
    {
      name: 'one domain in both listings with two certificates: one result, the worst',
      snapshot: snapshot([
        region({
          domainNames: [{ domainName: 'api.example.com', regionalCertificateArn: arn('new') }],
          v2DomainNames: [
            {
              DomainName: 'api.example.com',
              DomainNameConfigurations: [
                { CertificateArn: arn('new') },
                { CertificateArn: arn('old') },
              ],
            },
          ],
          certificates: certs(cert('new', 300), cert('old', -3)),
        }),
      ]),
      expect: [
        {
          resource: 'api.example.com',
          status: 'FAIL',
          severity: 'high',
          evidence: { certificateArns: [arn('new'), arn('old')] },
        },
      ],
    },
    {
      name: 'the threshold comes from the configuration',
      config: { thresholds: { certificateExpiryDays: 7 } },
      snapshot: snapshot([
        region({
          domainNames: [{ domainName: 'a.example.com', regionalCertificateArn: arn('a') }],
          certificates: certs(cert('a', 12)),
        }),
      ]),
      expect: [{ resource: 'a.example.com', status: 'PASS' }],
    },
    {
      name: 'no ACM certificate, or no NotAfter: MANUAL',
      snapshot: snapshot([
        region({
          domainNames: [
            { domainName: 'iam.example.com', certificateName: 'legacy-iam-cert' },
            { domainName: 'nodate.example.com', regionalCertificateArn: arn('n') },
          ],
          certificates: certs(cert('n', undefined)),
        }),
      ]),
      expect: [
        { resource: 'iam.example.com', status: 'MANUAL' },
        { resource: 'nodate.example.com', status: 'MANUAL' },
      ],
    },
    {
      name: 'many domains across regions (edge certificates filed under the domain region)',
      snapshot: snapshot([
        region({
          domainNames: [{ domainName: 'a.example.com', certificateArn: arn('edge', 'us-east-1') }],
          certificates: certs(cert('edge', 100, 'us-east-1')),
        }),
        region(
          {
            domainNames: [
              { domainName: 'b.example.com', regionalCertificateArn: arn('b', 'us-east-1') },
            ],
            certificates: certs(cert('b', -10, 'us-east-1')),
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'a.example.com', status: 'PASS' },
        { resource: 'b.example.com', status: 'FAIL', severity: 'high' },
      ],
    },
    {
      name: 'certificate data missing: ERROR naming the certificate; a known failure still FAILs',
      snapshot: snapshot(
        [
          region({
            domainNames: [
              { domainName: 'a.example.com', regionalCertificateArn: arn('gone') },
              {
                domainName: 'b.example.com',
                regionalCertificateArn: arn('gone'),
                certificateArn: arn('old'),
              },
            ],
            certificates: certs(cert('old', -1)),
          }),
          region(
            {
              domainNames: [{ domainName: 'c.example.com', regionalCertificateArn: arn('c') }],
              certificates: undefined,
            },
            'us-east-1',
          ),
        ],
        [
          collectionError({
            slice: 'certificates',
            service: 'acm',
            operation: 'DescribeCertificate',
            resourceId: arn('gone'),
          }),
        ],
      ),
      expect: [
        {
          resource: 'a.example.com',
          status: 'ERROR',
          evidence: { missing: 'certificates', resourceId: arn('gone') },
          message: 'acm:DescribeCertificate failed',
        },
        {
          resource: 'b.example.com',
          status: 'FAIL',
          severity: 'high',
          evidence: { notCollected: [arn('gone')] },
        },
        { resource: 'c.example.com', status: 'ERROR', evidence: { missing: 'certificates' } },
      ],
    },
    {
      name: 'a domain listing failed: ERROR for the region',
      snapshot: snapshot(
        [region({ v2DomainNames: undefined })],
        [
          collectionError({
            slice: 'v2DomainNames',
            service: 'apigatewayv2',
            operation: 'GetDomainNames',
          }),
        ],
      ),
      expect: [{ resource: 'custom domains in eu-west-1', status: 'ERROR' }],
    },
    {
      name: 'the v2 listing failed: an expiring v1 certificate still FAILs; a valid one is ERROR (v2 may name another)',
      snapshot: snapshot(
        [
          region({
            domainNames: [
              { domainName: 'ok.example.com', regionalCertificateArn: arn('ok') },
              { domainName: 'soon.example.com', regionalCertificateArn: arn('soon') },
            ],
            v2DomainNames: undefined,
            certificates: certs(cert('ok', 200), cert('soon', 10)),
          }),
        ],
        [
          collectionError({
            slice: 'v2DomainNames',
            service: 'apigatewayv2',
            operation: 'GetDomainNames',
          }),
        ],
      ),
      expect: [
        { resource: 'custom domains in eu-west-1', status: 'ERROR' },
        { resource: 'ok.example.com', status: 'ERROR', evidence: { missing: 'v2DomainNames' } },
        { resource: 'soon.example.com', status: 'FAIL' },
      ],
    },
  ]);
});
