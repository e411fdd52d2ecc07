import { describe } from 'vitest';
import check from '../../checks/rest-api-tls-policy.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, snapshot } from '../helpers/snapshot.js';

describe('rest-api-tls-policy', () => {
  checkTable(check, [
    { name: 'no REST APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'TLS_1_2 and enhanced policies: PASS',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({ id: 'a1', name: 'tls12', securityPolicy: 'TLS_1_2' }),
            restApi({
              id: 'a2',
              name: 'tls13',
              securityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09',
              endpointAccessMode: 'STRICT',
            }),
          ],
        }),
      ]),
      expect: [
        { resource: 'tls12', status: 'PASS', evidence: { securityPolicy: 'TLS_1_2' } },
        { resource: 'tls13', status: 'PASS', evidence: { endpointAccessMode: 'STRICT' } },
      ],
    },
    {
      name: 'TLS_1_0, or absent on REGIONAL and EDGE: FAIL medium',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({ id: 'a1', name: 'old', securityPolicy: 'TLS_1_0' }),
            restApi({ id: 'a2', name: 'regional' }),
            restApi({ id: 'a3', name: 'edge', endpointConfiguration: { types: ['EDGE'] } }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'old',
          status: 'FAIL',
          severity: 'medium',
          evidence: { securityPolicy: 'TLS_1_0' },
        },
        {
          resource: 'regional',
          status: 'FAIL',
          severity: 'medium',
          evidence: { securityPolicy: null, 'endpointConfiguration.types': ['REGIONAL'] },
        },
        { resource: 'edge', status: 'FAIL' },
      ],
    },
    {
      name: 'Not: PRIVATE API with no policy (TLS_1_2 default): PASS; PRIVATE with TLS_1_0: FAIL',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({ id: 'a1', name: 'private', endpointConfiguration: { types: ['PRIVATE'] } }),
            restApi({
              id: 'a2',
              name: 'private-old',
              endpointConfiguration: { types: ['PRIVATE'] },
              securityPolicy: 'TLS_1_0',
            }),
          ],
        }),
      ]),
      expect: [
        { resource: 'private', status: 'PASS' },
        { resource: 'private-old', status: 'FAIL' },
      ],
    },
    {
      name: 'Not: APIs with the execute-api endpoint disabled',
      snapshot: snapshot([
        region({
          restApis: [restApi({ id: 'a1', name: 'behind-domain', disableExecuteApiEndpoint: true })],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many APIs across regions',
      snapshot: snapshot([
        region({ restApis: [restApi({ id: 'a1', name: 'a', securityPolicy: 'TLS_1_2' })] }),
        region({ restApis: [restApi({ id: 'b1', name: 'b' })] }, 'us-east-1'),
      ]),
      expect: [
        { resource: 'a', status: 'PASS' },
        { resource: 'b', status: 'FAIL' },
      ],
    },
    {
      name: 'the REST API listing failed: ERROR for the region',
      snapshot: snapshot(
        [region({ restApis: undefined })],
        [collectionError({ slice: 'restApis', operation: 'GetRestApis' })],
      ),
      expect: [{ resource: 'REST APIs in eu-west-1', status: 'ERROR' }],
    },
  ]);
});
