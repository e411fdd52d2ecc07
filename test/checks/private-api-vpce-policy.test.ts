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
      // Only a positive, exact test on aws:SourceVpce / aws:SourceVpc confines an Allow; a Deny
      // confines only when a caller can escape it by no other means than the right endpoint.
      name: 'each VPC condition judged on what it admits',
      snapshot: snapshot([
        region({
          restApis: [
            priv(
              'ifexists',
              pol({
                ...allowAll,
                Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } },
              }),
            ),
            priv(
              'likestar',
              pol({ ...allowAll, Condition: { StringLike: { 'aws:SourceVpce': '*' } } }),
            ),
            priv(
              'likevpce',
              pol({ ...allowAll, Condition: { StringLike: { 'aws:SourceVpce': 'vpce-*' } } }),
            ),
            priv(
              'notvpce',
              pol({
                ...allowAll,
                Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-bad' } },
              }),
            ),
            priv(
              'nullvpce',
              pol({ ...allowAll, Condition: { Null: { 'aws:SourceVpce': 'false' } } }),
            ),
            priv(
              'forall',
              pol({
                ...allowAll,
                Condition: { 'ForAllValues:StringEquals': { 'aws:SourceVpce': 'vpce-1' } },
              }),
            ),
            priv(
              'uaonly',
              pol({ ...allowAll, Condition: { StringEquals: { 'aws:UserAgent': 'internal' } } }),
            ),
            priv(
              'orgonly',
              pol({ ...allowAll, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }),
            ),
            priv(
              'likeexact',
              pol({ ...allowAll, Condition: { StringLike: { 'aws:SourceVpce': 'vpce-0abc*' } } }),
            ),
            priv(
              'anyvalue',
              pol({
                ...allowAll,
                Condition: { 'ForAnyValue:StringEquals': { 'aws:SourceVpc': 'vpc-1' } },
              }),
            ),
            priv(
              'vpceandua',
              pol({
                ...allowAll,
                Condition: {
                  StringEquals: { 'aws:SourceVpce': 'vpce-1', 'aws:UserAgent': 'internal' },
                },
              }),
            ),
            priv(
              'denyua',
              pol(allowAll, {
                ...denyOthers,
                Condition: { StringNotEquals: { 'aws:UserAgent': 'internal' } },
              }),
            ),
            priv(
              'denystar',
              pol(allowAll, {
                ...denyOthers,
                Condition: { StringNotLike: { 'aws:SourceVpce': '*' } },
              }),
            ),
            priv(
              'denyacct',
              pol(allowAll, {
                ...denyOthers,
                Condition: {
                  StringNotEquals: {
                    'aws:SourceVpce': 'vpce-1',
                    'aws:PrincipalAccount': '111122223333',
                  },
                },
              }),
            ),
            priv(
              'denyany',
              pol(allowAll, {
                ...denyOthers,
                Condition: { 'ForAnyValue:StringNotEquals': { 'aws:SourceVpce': 'vpce-1' } },
              }),
            ),
            priv(
              'denypositive',
              pol(allowAll, {
                ...denyOthers,
                Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-bad' } },
              }),
            ),
            priv(
              'denyvpcs',
              pol(allowAll, {
                ...denyOthers,
                Condition: { StringNotEquals: { 'aws:SourceVpc': ['vpc-1', 'vpc-2'] } },
              }),
            ),
            priv(
              'denyifexists',
              pol(allowAll, {
                ...denyOthers,
                Condition: { StringNotEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } },
              }),
            ),
          ],
        }),
      ]),
      expect: [
        { resource: 'ifexists', status: 'FAIL' },
        { resource: 'likestar', status: 'FAIL' },
        { resource: 'likevpce', status: 'FAIL' },
        { resource: 'notvpce', status: 'FAIL' },
        { resource: 'nullvpce', status: 'FAIL' },
        { resource: 'forall', status: 'FAIL' },
        { resource: 'uaonly', status: 'FAIL' },
        { resource: 'orgonly', status: 'FAIL' },
        { resource: 'likeexact', status: 'PASS' },
        { resource: 'anyvalue', status: 'PASS' },
        { resource: 'vpceandua', status: 'PASS' },
        { resource: 'denyua', status: 'FAIL' },
        { resource: 'denystar', status: 'FAIL' },
        { resource: 'denyacct', status: 'FAIL' },
        { resource: 'denyany', status: 'FAIL' },
        { resource: 'denypositive', status: 'FAIL' },
        { resource: 'denyvpcs', status: 'PASS' },
        { resource: 'denyifexists', status: 'PASS' },
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
