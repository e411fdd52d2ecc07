import { describe } from 'vitest';
import check from '../../checks/rest-endpoint-type.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, snapshot } from '../helpers/snapshot.js';

const api = (id: string, types: string[] | undefined, extra: Record<string, unknown> = {}) =>
  restApi({ id, name: id, endpointConfiguration: types ? { types } : undefined, ...extra });

describe('rest-endpoint-type', () => {
  checkTable(check, [
    { name: 'no REST APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'PRIVATE API: PASS',
      snapshot: snapshot([region({ restApis: [api('internal', ['PRIVATE'])] })]),
      expect: [
        {
          resource: 'internal',
          status: 'PASS',
          evidence: { 'endpointConfiguration.types': ['PRIVATE'] },
        },
      ],
    },
    {
      name: 'REGIONAL and EDGE APIs with no expectPrivate rule: FAIL info',
      snapshot: snapshot([
        region({ restApis: [api('orders', ['REGIONAL']), api('shop', ['EDGE'])] }),
      ]),
      expect: [
        {
          resource: 'orders',
          status: 'FAIL',
          severity: 'info',
          evidence: { 'endpointConfiguration.types': ['REGIONAL'], expectPrivateMatch: null },
        },
        { resource: 'shop', status: 'FAIL', severity: 'info', message: 'internet-facing (EDGE)' },
      ],
    },
    {
      name: 'no endpoint configuration: EDGE by default, FAIL info',
      snapshot: snapshot([region({ restApis: [api('legacy', undefined)] })]),
      expect: [
        {
          resource: 'legacy',
          status: 'FAIL',
          severity: 'info',
          message: 'EDGE (default)',
          evidence: { 'endpointConfiguration.types': null },
        },
      ],
    },
    {
      name: 'expectPrivate by tag: FAIL high only for the API with the tag value',
      config: { expectPrivate: { tags: { exposure: 'internal' }, namePatterns: [] } },
      snapshot: snapshot([
        region({
          restApis: [
            api('payroll', ['REGIONAL'], { tags: { exposure: 'internal' } }),
            api('storefront', ['REGIONAL'], { tags: { exposure: 'public' } }),
            api('hr', ['PRIVATE'], { tags: { exposure: 'internal' } }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'payroll',
          status: 'FAIL',
          severity: 'high',
          evidence: { expectPrivateMatch: 'tag exposure=internal' },
        },
        { resource: 'storefront', status: 'FAIL', severity: 'info' },
        { resource: 'hr', status: 'PASS' },
      ],
    },
    {
      name: 'expectPrivate by name pattern with * wildcards (regex characters are literal)',
      config: { expectPrivate: { tags: {}, namePatterns: ['internal-*', '*.admin'] } },
      snapshot: snapshot([
        region({
          restApis: [
            api('internal-billing', ['EDGE']),
            api('ops.admin', ['REGIONAL']),
            api('opsXadmin', ['REGIONAL']),
            api('public-internal-x', ['REGIONAL']),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'internal-billing',
          status: 'FAIL',
          severity: 'high',
          evidence: { expectPrivateMatch: 'name internal-*' },
        },
        { resource: 'ops.admin', status: 'FAIL', severity: 'high' },
        { resource: 'opsXadmin', status: 'FAIL', severity: 'info' },
        { resource: 'public-internal-x', status: 'FAIL', severity: 'info' },
      ],
    },
    {
      name: 'many APIs across regions: one result each',
      snapshot: snapshot([
        region({ restApis: [api('a', ['REGIONAL']), api('b', ['PRIVATE'])] }),
        region({ restApis: [api('c', ['EDGE'])] }, 'us-east-1'),
      ]),
      expect: [
        { resource: 'a', status: 'FAIL', severity: 'info' },
        { resource: 'b', status: 'PASS' },
        { resource: 'c', status: 'FAIL', severity: 'info' },
      ],
    },
    {
      name: 'the REST API listing failed: ERROR for the region',
      snapshot: snapshot(
        [region({ restApis: undefined })],
        [collectionError({ slice: 'restApis', operation: 'GetRestApis' })],
      ),
      expect: [
        { resource: 'REST APIs in eu-west-1', status: 'ERROR', evidence: { missing: 'restApis' } },
      ],
    },
  ]);
});
