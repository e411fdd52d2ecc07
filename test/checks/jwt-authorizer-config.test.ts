import { describe } from 'vitest';
import check from '../../checks/jwt-authorizer-config.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, snapshot, v2Api } from '../helpers/snapshot.js';

describe('jwt-authorizer-config', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'one result per JWT authorizer',
      snapshot: snapshot([
        region({
          v2Apis: [
            v2Api({
              ApiId: 'h1',
              Name: 'shop',
              authorizers: [
                {
                  AuthorizerId: '1',
                  Name: 'good',
                  AuthorizerType: 'JWT',
                  JwtConfiguration: {
                    Issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/pool',
                    Audience: ['client'],
                  },
                },
                {
                  AuthorizerId: '2',
                  Name: 'http-issuer',
                  AuthorizerType: 'JWT',
                  JwtConfiguration: { Issuer: 'http://idp.example.com', Audience: ['client'] },
                },
                {
                  AuthorizerId: '3',
                  Name: 'no-aud',
                  AuthorizerType: 'JWT',
                  JwtConfiguration: { Issuer: 'https://idp.example.com', Audience: [] },
                },
                { AuthorizerId: '4', Name: 'both', AuthorizerType: 'JWT', JwtConfiguration: {} },
                { AuthorizerId: '5', Name: 'lambda', AuthorizerType: 'REQUEST' },
              ],
            }),
          ],
        }),
        region(
          {
            v2Apis: [
              v2Api({
                ApiId: 'w',
                Name: 'ws',
                ProtocolType: 'WEBSOCKET',
                authorizers: [{ AuthorizerId: '1', Name: 'x', AuthorizerType: 'REQUEST' }],
              }),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'shop/good', status: 'PASS' },
        {
          resource: 'shop/http-issuer',
          status: 'FAIL',
          severity: 'high',
          evidence: { 'JwtConfiguration.Issuer': 'http://idp.example.com' },
        },
        {
          resource: 'shop/no-aud',
          status: 'FAIL',
          severity: 'high',
          evidence: { 'JwtConfiguration.Audience': [] },
        },
        {
          resource: 'shop/both',
          status: 'FAIL',
          severity: 'high',
          message: 'issuer is missing and audience is empty',
        },
      ],
    },
    {
      name: 'authorizers not collected: ERROR',
      snapshot: snapshot(
        [region({ v2Apis: [v2Api({ ApiId: 'h1', Name: 'shop', authorizers: undefined })] })],
        [
          collectionError({
            slice: 'v2Api.authorizers',
            service: 'apigatewayv2',
            operation: 'GetAuthorizers',
            resourceId: 'h1',
          }),
        ],
      ),
      expect: [{ resource: 'shop', status: 'ERROR' }],
    },
  ]);
});
