import { describe } from 'vitest';
import check from '../../checks/resource-policy-public.js';
import { checkTable } from '../helpers/check-table.js';
import { ACCOUNT, collectionError, region, restApi, snapshot } from '../helpers/snapshot.js';

const pol = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const open = {
  Sid: 'Open',
  Effect: 'Allow',
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: 'execute-api:/*',
};
const api = (id: string, policy?: string) =>
  restApi({ id, name: id, ...(policy ? { policy } : {}) });

describe('resource-policy-public', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'an API with no policy: not applicable',
      snapshot: snapshot([region({ restApis: [api('nopolicy')] })]),
      expect: [],
    },
    {
      name: 'FAIL: Principal * or {AWS:*} with no condition, Action * too',
      snapshot: snapshot([
        region({
          restApis: [
            api('star', pol(open)),
            api('awsstar', pol({ ...open, Sid: 'AwsStar', Principal: { AWS: '*' }, Action: '*' })),
            api('escaped', pol(open).replace(/"/g, '\\"').replace(/\//g, '\\/')),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'star',
          status: 'FAIL',
          severity: 'medium',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        {
          resource: 'awsstar',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['AwsStar'] },
        },
        { resource: 'escaped', status: 'FAIL' },
      ],
    },
    {
      name: 'not flagged: IpAddress, SourceVpce, SourceVpc, PrincipalOrgID conditions; Deny limiting callers; same-account principals',
      snapshot: snapshot([
        region({
          restApis: [
            api(
              'ip',
              pol({ ...open, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }),
            ),
            api(
              'vpce',
              pol({ ...open, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }),
            ),
            api('vpc', pol({ ...open, Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } })),
            api(
              'org',
              pol({ ...open, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }),
            ),
            api(
              'deny',
              pol(open, {
                ...open,
                Sid: 'DenyIp',
                Effect: 'Deny',
                Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
              }),
            ),
            api('own', pol({ ...open, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })),
          ],
        }),
      ]),
      expect: [
        { resource: 'ip', status: 'PASS' },
        { resource: 'vpce', status: 'PASS' },
        { resource: 'vpc', status: 'PASS' },
        { resource: 'org', status: 'PASS' },
        { resource: 'deny', status: 'PASS', evidence: { denyLimitsCallers: true } },
        { resource: 'own', status: 'PASS', evidence: { otherAccountPrincipals: [] } },
      ],
    },
    {
      name: 'MANUAL: another account principal; public with an unjudged condition',
      snapshot: snapshot([
        region({
          restApis: [
            api(
              'cross',
              pol({ ...open, Principal: { AWS: ['arn:aws:iam::999988887777:role/partner'] } }),
            ),
            api('ua', pol({ ...open, Condition: { StringEquals: { 'aws:UserAgent': 'app' } } })),
          ],
        }),
        region(
          { restApis: [api('acct', pol({ ...open, Principal: { AWS: '999988887777' } }))] },
          'us-east-1',
        ),
      ]),
      expect: [
        {
          resource: 'cross',
          status: 'MANUAL',
          evidence: { otherAccountPrincipals: ['999988887777'] },
        },
        {
          resource: 'ua',
          status: 'MANUAL',
          evidence: { publicAllowsWithOtherConditions: ['Open'] },
        },
        { resource: 'acct', status: 'MANUAL' },
      ],
    },
    {
      name: 'unparsable policy: MANUAL',
      snapshot: snapshot([region({ restApis: [api('bad', 'not json')] })]),
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
