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
            api(
              'mfa',
              pol({ ...open, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
            ),
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
          resource: 'mfa',
          status: 'MANUAL',
          evidence: { publicAllowsWithOtherConditions: ['Open'] },
        },
        { resource: 'acct', status: 'MANUAL' },
      ],
    },
    {
      // FAIL: conditions that only look like restrictions; PASS: conditions that narrow who calls.
      name: 'each condition key and operator judged on what it admits',
      snapshot: snapshot([
        region({
          restApis: [
            api(
              'useragent',
              pol({ ...open, Condition: { StringEquals: { 'aws:UserAgent': 'app' } } }),
            ),
            api(
              'referer',
              pol({
                ...open,
                Condition: { StringLike: { 'aws:Referer': 'https://shop.example/*' } },
              }),
            ),
            api(
              'reqtag',
              pol({ ...open, Condition: { StringEquals: { 'aws:RequestTag/team': 'blue' } } }),
            ),
            api(
              'tagkeys',
              pol({
                ...open,
                Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } },
              }),
            ),
            api(
              'custom',
              pol({ ...open, Condition: { StringEquals: { 'app:client': 'mobile' } } }),
            ),
            api('tls', pol({ ...open, Condition: { Bool: { 'aws:SecureTransport': 'true' } } })),
            api(
              'window',
              pol({
                ...open,
                Condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } },
              }),
            ),
            api(
              'epoch',
              pol({ ...open, Condition: { NumericLessThan: { 'aws:EpochTime': '1900000000' } } }),
            ),
            api(
              'anyip4',
              pol({
                ...open,
                Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '0.0.0.0/0'] } },
              }),
            ),
            api('anyip6', pol({ ...open, Condition: { IpAddress: { 'aws:SourceIp': '::/0' } } })),
            api(
              'notip',
              pol({ ...open, Condition: { NotIpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } }),
            ),
            api(
              'notorg',
              pol({ ...open, Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-bad' } } }),
            ),
            api(
              'ifexists',
              pol({ ...open, Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } } }),
            ),
            api('nullkey', pol({ ...open, Condition: { Null: { 'aws:SourceVpce': 'false' } } })),
            api(
              'forall',
              pol({
                ...open,
                Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc' } },
              }),
            ),
            api('likestar', pol({ ...open, Condition: { StringLike: { 'aws:SourceVpce': '*' } } })),
            api(
              'likevpce',
              pol({ ...open, Condition: { StringLike: { 'aws:SourceVpce': 'vpce-*' } } }),
            ),
            api(
              'arnanyacct',
              pol({
                ...open,
                Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/deploy' } },
              }),
            ),
            api(
              'acctstar',
              pol({ ...open, Condition: { StringLike: { 'aws:PrincipalAccount': '*' } } }),
            ),
            api(
              'tlsandua',
              pol({
                ...open,
                Condition: {
                  Bool: { 'aws:SecureTransport': 'true' },
                  StringEquals: { 'aws:UserAgent': 'app' },
                },
              }),
            ),
            api(
              'account',
              pol({
                ...open,
                Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } },
              }),
            ),
            api(
              'arn',
              pol({
                ...open,
                Condition: {
                  ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/deploy' },
                },
              }),
            ),
            api(
              'arnlike',
              pol({
                ...open,
                Condition: {
                  ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci-*' },
                },
              }),
            ),
            api(
              'orgpaths',
              pol({
                ...open,
                Condition: {
                  'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-abc/r-1/ou-2/*' },
                },
              }),
            ),
            api(
              'anyvalue',
              pol({
                ...open,
                Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': 'o-abc' } },
              }),
            ),
            api(
              'userid',
              pol({ ...open, Condition: { StringLike: { 'aws:userid': 'AROAEXAMPLE:*' } } }),
            ),
            api(
              'username',
              pol({ ...open, Condition: { StringEquals: { 'aws:username': 'alice' } } }),
            ),
            api(
              'sourcearn',
              pol({
                ...open,
                Condition: {
                  ArnEquals: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:111122223333:rule/r' },
                },
              }),
            ),
            api(
              'sourceacct',
              pol({
                ...open,
                Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
              }),
            ),
            api(
              'vpceandua',
              pol({
                ...open,
                Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1', 'aws:UserAgent': 'app' } },
              }),
            ),
            api(
              'vpcsourceip',
              pol({ ...open, Condition: { IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' } } }),
            ),
            api(
              'ipv6',
              pol({ ...open, Condition: { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } } }),
            ),
            api(
              'literalstar',
              pol({ ...open, Condition: { StringEquals: { 'aws:SourceVpce': '*' } } }),
            ),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'useragent',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        {
          resource: 'referer',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        {
          resource: 'reqtag',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        {
          resource: 'tagkeys',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        {
          resource: 'custom',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        { resource: 'tls', status: 'FAIL', evidence: { publicAllowsWithoutCondition: ['Open'] } },
        {
          resource: 'window',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        { resource: 'epoch', status: 'FAIL', evidence: { publicAllowsWithoutCondition: ['Open'] } },
        {
          resource: 'anyip4',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        {
          resource: 'anyip6',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        { resource: 'notip', status: 'FAIL', evidence: { publicAllowsWithoutCondition: ['Open'] } },
        {
          resource: 'notorg',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        {
          resource: 'ifexists',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        {
          resource: 'nullkey',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        {
          resource: 'forall',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        {
          resource: 'likestar',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        {
          resource: 'likevpce',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        {
          resource: 'arnanyacct',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        {
          resource: 'acctstar',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        {
          resource: 'tlsandua',
          status: 'FAIL',
          evidence: { publicAllowsWithoutCondition: ['Open'] },
        },
        { resource: 'account', status: 'PASS' },
        { resource: 'arn', status: 'PASS' },
        { resource: 'arnlike', status: 'PASS' },
        { resource: 'orgpaths', status: 'PASS' },
        { resource: 'anyvalue', status: 'PASS' },
        { resource: 'userid', status: 'PASS' },
        { resource: 'username', status: 'PASS' },
        { resource: 'sourcearn', status: 'PASS' },
        { resource: 'sourceacct', status: 'PASS' },
        { resource: 'vpceandua', status: 'PASS' },
        { resource: 'vpcsourceip', status: 'PASS' },
        { resource: 'ipv6', status: 'PASS' },
        { resource: 'literalstar', status: 'PASS' },
      ],
    },
    {
      name: 'the FAIL names each condition that narrows nothing and why',
      snapshot: snapshot([
        region({
          restApis: [
            api('ua', pol({ ...open, Condition: { StringEquals: { 'aws:UserAgent': 'app' } } })),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'ua',
          status: 'FAIL',
          message:
            'no condition that narrows who can call (StringEquals aws:useragent: the caller sets aws:useragent)',
          evidence: {
            conditionsThatNarrowNothing: [
              {
                statement: 'Open',
                clause: 'StringEquals aws:useragent',
                judgement: 'nothing',
                reason: 'the caller sets aws:useragent',
              },
            ],
          },
        },
      ],
    },
    {
      name: 'a Deny the caller can step around does not confine; one it cannot does',
      snapshot: snapshot([
        region({
          restApis: [
            api(
              'denyua',
              pol(open, {
                ...open,
                Sid: 'DenyUa',
                Effect: 'Deny',
                Condition: { StringNotEquals: { 'aws:UserAgent': 'app' } },
              }),
            ),
            api(
              'denyvpcestar',
              pol(open, {
                ...open,
                Sid: 'DenyAnyVpce',
                Effect: 'Deny',
                Condition: { StringNotLike: { 'aws:SourceVpce': '*' } },
              }),
            ),
            api(
              'denyandua',
              pol(open, {
                ...open,
                Sid: 'DenyOthersUnlessUa',
                Effect: 'Deny',
                Condition: {
                  StringNotEquals: { 'aws:SourceVpce': 'vpce-1', 'aws:UserAgent': 'app' },
                },
              }),
            ),
            api(
              'denyorg',
              pol(open, {
                ...open,
                Sid: 'DenyOutsideOrg',
                Effect: 'Deny',
                Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } },
              }),
            ),
          ],
        }),
      ]),
      expect: [
        { resource: 'denyua', status: 'FAIL', evidence: { denyLimitsCallers: false } },
        { resource: 'denyvpcestar', status: 'FAIL', evidence: { denyLimitsCallers: false } },
        { resource: 'denyandua', status: 'FAIL', evidence: { denyLimitsCallers: false } },
        { resource: 'denyorg', status: 'PASS', evidence: { denyLimitsCallers: true } },
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
