import { describe } from 'vitest';
import check from '../../checks/private-api-vpce-policy.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, snapshot } from '../helpers/snapshot.js';

const pol = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allowAll = {
  Sid: 'Open',
  Effect: 'Allow',
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: 'execute-api:/*',
};
const allowVpce = {
  ...allowAll,
  Sid: 'Vpce',
  Condition: { StringEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } },
};
const allowVpc = {
  ...allowAll,
  Sid: 'Vpc',
  Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } },
};
const denyOthers = {
  ...allowAll,
  Sid: 'DenyOthers',
  Effect: 'Deny',
  Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } },
};
const priv = (id: string, policy?: string) =>
  restApi({
    id,
    name: id,
    endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-1'] },
    ...(policy ? { policy } : {}),
  });

describe('private-api-vpce-policy', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'REGIONAL and EDGE APIs: not applicable',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({ id: 'r', policy: pol(allowAll) }),
            restApi({ id: 'e', endpointConfiguration: { types: ['EDGE'] } }),
          ],
        }),
      ]),
      expect: [],
    },
    {
      name: 'PASS: Allow limited by SourceVpce, by SourceVpc, or open Allow with Deny for others',
      snapshot: snapshot([
        region({
          restApis: [
            priv('vpce', pol(allowVpce)),
            priv('vpc', pol(allowVpc)),
            priv('deny', pol(allowAll, denyOthers)),
          ],
        }),
      ]),
      expect: [
        { resource: 'vpce', status: 'PASS', evidence: { allowsLimitedByVpce: ['Vpce'] } },
        { resource: 'vpc', status: 'PASS' },
        { resource: 'deny', status: 'PASS', evidence: { denyAllOtherVpces: ['DenyOthers'] } },
      ],
    },
    {
      name: 'FAIL: no policy, open Allow, open Allow beside a limited one',
      snapshot: snapshot([
        region({
          restApis: [
            priv('none'),
            priv('open', pol(allowAll)),
            priv('mixed', pol(allowVpce, allowAll)),
          ],
        }),
        region(
          { restApis: [priv('escaped', pol(allowAll).replace(/"/g, '\\"').replace(/\//g, '\\/'))] },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'none', status: 'FAIL', severity: 'high', evidence: { policy: null } },
        {
          resource: 'open',
          status: 'FAIL',
          severity: 'high',
          evidence: { allowsNotLimitedByVpce: ['Open'] },
        },
        {
          resource: 'mixed',
          status: 'FAIL',
          evidence: { allowsNotLimitedByVpce: ['Open'], allowsLimitedByVpce: ['Vpce'] },
        },
        { resource: 'escaped', status: 'FAIL', evidence: { allowsNotLimitedByVpce: ['Open'] } },
      ],
    },
    {
      name: 'unparsable policy: MANUAL',
      snapshot: snapshot([region({ restApis: [priv('bad', '{"Statement": [')] })]),
      expect: [{ resource: 'bad', status: 'MANUAL' }],
    },
    {
      name: 'REST API listing failed: ERROR',
      snapshot: snapshot(
        [region({ restApis: undefined })],
        [collectionError({ slice: 'restApis', operation: 'GetRestApis' })],
      ),
      expect: [{ resource: 'REST APIs in eu-west-1', status: 'ERROR' }],
    },
  ]);
});
