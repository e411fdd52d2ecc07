import { describe } from 'vitest';
import check from '../../checks/integration-tls-verification.js';
import type { RestIntegration, RestResource, V2Integration } from '../../src/snapshot/types.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, snapshot, v2Api } from '../helpers/snapshot.js';

const res = (path: string, methodIntegration: RestIntegration): RestResource => ({
  id: path,
  path,
  resourceMethods: { GET: { httpMethod: 'GET', methodIntegration } },
});
const integ = (id: string, parts: Partial<V2Integration>): V2Integration => ({
  IntegrationId: id,
  IntegrationType: 'HTTP_PROXY',
  ...parts,
});

describe('integration-tls-verification', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'verification on: PASS (REST https, REST VPC link, HTTP API with ServerNameToVerify)',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              resources: [
                res('/a', { type: 'HTTP_PROXY', uri: 'https://b.example/a' }),
                res('/b', {
                  type: 'HTTP',
                  uri: 'https://nlb.internal/b',
                  connectionType: 'VPC_LINK',
                  tlsConfig: { insecureSkipVerification: false },
                }),
              ],
            }),
          ],
          v2Apis: [
            v2Api({
              ApiId: 'h1',
              Name: 'mobile',
              integrations: [
                integ('i1', {
                  ConnectionType: 'VPC_LINK',
                  IntegrationUri: 'arn:aws:elasticloadbalancing:eu-west-1:1:listener/app/x/y/z',
                  TlsConfig: { ServerNameToVerify: 'backend.internal.example' },
                }),
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders GET /a',
          status: 'PASS',
          evidence: { 'methodIntegration.tlsConfig.insecureSkipVerification': false },
        },
        { resource: 'orders GET /b', status: 'PASS' },
        {
          resource: 'mobile/integration i1',
          status: 'PASS',
          evidence: { 'TlsConfig.ServerNameToVerify': 'backend.internal.example' },
        },
      ],
    },
    {
      name: 'REST insecureSkipVerification true: FAIL medium',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              resources: [
                res('/a', {
                  type: 'HTTP_PROXY',
                  uri: 'https://self-signed.example/a',
                  tlsConfig: { insecureSkipVerification: true },
                }),
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders GET /a',
          status: 'FAIL',
          severity: 'medium',
          evidence: { 'methodIntegration.tlsConfig.insecureSkipVerification': true },
        },
      ],
    },
    {
      name: 'HTTP API private integration without TlsConfig, or without a server name: FAIL',
      snapshot: snapshot([
        region({
          v2Apis: [
            v2Api({
              ApiId: 'h1',
              Name: 'mobile',
              integrations: [
                integ('plain', { ConnectionType: 'VPC_LINK', IntegrationUri: 'arn:listener' }),
                integ('noname', {
                  ConnectionType: 'VPC_LINK',
                  IntegrationUri: 'arn:listener',
                  TlsConfig: {},
                }),
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'mobile/integration plain',
          status: 'FAIL',
          severity: 'medium',
          message: 'plain HTTP',
          evidence: { 'TlsConfig.ServerNameToVerify': null },
        },
        { resource: 'mobile/integration noname', status: 'FAIL', message: 'host name' },
      ],
    },
    {
      name: 'not applicable: http:// REST URIs, Lambda/MOCK, HTTP API internet integrations, WebSocket',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              resources: [
                res('/plain', {
                  type: 'HTTP',
                  uri: 'http://b.example',
                  tlsConfig: { insecureSkipVerification: true },
                }),
                res('/fn', { type: 'AWS_PROXY', uri: 'arn:aws:apigateway:...' }),
                res('/mock', { type: 'MOCK' }),
              ],
            }),
          ],
          v2Apis: [
            v2Api({
              ApiId: 'h1',
              integrations: [integ('i1', { IntegrationUri: 'https://x.example' })],
            }),
            v2Api({
              ApiId: 'w1',
              ProtocolType: 'WEBSOCKET',
              integrations: [integ('i2', { ConnectionType: 'VPC_LINK', IntegrationType: 'HTTP' })],
            }),
          ],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many APIs across regions',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'a',
              resources: [
                res('/x', {
                  type: 'HTTP',
                  uri: 'https://x',
                  tlsConfig: { insecureSkipVerification: true },
                }),
              ],
            }),
          ],
        }),
        region(
          {
            v2Apis: [
              v2Api({
                ApiId: 'h2',
                Name: 'b',
                integrations: [
                  integ('i', {
                    ConnectionType: 'VPC_LINK',
                    TlsConfig: { ServerNameToVerify: 'y' },
                  }),
                ],
              }),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'a GET /x', status: 'FAIL' },
        { resource: 'b/integration i', status: 'PASS' },
      ],
    },
    {
      name: 'resources or integrations not collected: ERROR',
      snapshot: snapshot(
        [
          region({
            restApis: [restApi({ id: 'a1', name: 'orders', resources: undefined })],
            v2Apis: [v2Api({ ApiId: 'h1', Name: 'mobile', integrations: undefined })],
          }),
        ],
        [
          collectionError({
            slice: 'v2Api.integrations',
            service: 'apigatewayv2',
            operation: 'GetIntegrations',
            resourceId: 'h1',
          }),
        ],
      ),
      expect: [
        { resource: 'orders', status: 'ERROR', evidence: { missing: 'restApi.resources' } },
        { resource: 'mobile', status: 'ERROR', message: 'apigatewayv2:GetIntegrations failed' },
      ],
    },
  ]);
});
