import { describe } from 'vitest';
import check from '../../checks/backend-https.js';
import type { RestIntegration, RestResource, V2Integration } from '../../src/snapshot/types.js';
import { checkTable } from '../helpers/check-table.js';
import {
  collectionError,
  region,
  restApi,
  restStage,
  snapshot,
  v2Api,
} from '../helpers/snapshot.js';

const res = (path: string, verb: string, methodIntegration: RestIntegration): RestResource => ({
  id: path,
  path,
  resourceMethods: { [verb]: { httpMethod: verb, methodIntegration } },
});
const integ = (id: string, parts: Partial<V2Integration>): V2Integration => ({
  IntegrationId: id,
  ...parts,
});

describe('backend-https', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'https URIs: PASS (REST HTTP_PROXY, REST HTTP, HTTP API HTTP_PROXY)',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              resources: [
                res('/a', 'GET', { type: 'HTTP_PROXY', uri: 'https://backend.example.com/a' }),
                res('/b', 'POST', { type: 'HTTP', uri: 'HTTPS://backend.example.com/b' }),
              ],
            }),
          ],
          v2Apis: [
            v2Api({
              ApiId: 'h1',
              Name: 'mobile',
              integrations: [
                integ('i1', { IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://x.example' }),
              ],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders GET /a',
          status: 'PASS',
          evidence: { 'methodIntegration.uri': 'https://backend.example.com/a' },
        },
        { resource: 'orders POST /b', status: 'PASS' },
        { resource: 'mobile/integration i1', status: 'PASS' },
      ],
    },
    {
      name: 'http URIs: FAIL medium',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              resources: [
                res('/a', 'GET', { type: 'HTTP_PROXY', uri: 'http://backend.example.com/a' }),
              ],
            }),
          ],
          v2Apis: [
            v2Api({
              ApiId: 'h1',
              Name: 'mobile',
              integrations: [
                integ('i1', {
                  IntegrationType: 'HTTP_PROXY',
                  ConnectionType: 'INTERNET',
                  IntegrationUri: 'http://x.example',
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
          evidence: { 'methodIntegration.uri': 'http://backend.example.com/a' },
        },
        {
          resource: 'mobile/integration i1',
          status: 'FAIL',
          evidence: { IntegrationUri: 'http://x.example' },
        },
      ],
    },
    {
      name: 'scheme from a stage variable: resolved per stage',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'mixed',
              resources: [res('/a', 'GET', { type: 'HTTP', uri: '${stageVariables.backend}/a' })],
              stages: [
                restStage({ stageName: 'prod', variables: { backend: 'https://p.example' } }),
                restStage({ stageName: 'dev', variables: { backend: 'http://d.example' } }),
              ],
            }),
            restApi({
              id: 'a2',
              name: 'safe',
              resources: [res('/a', 'GET', { type: 'HTTP', uri: '${stageVariables.backend}/a' })],
              stages: [
                restStage({ stageName: 'prod', variables: { backend: 'https://p.example' } }),
              ],
            }),
            restApi({
              id: 'a3',
              name: 'unset',
              resources: [res('/a', 'GET', { type: 'HTTP', uri: '${stageVariables.backend}/a' })],
              stages: [restStage({ stageName: 'prod' })],
            }),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'mixed GET /a',
          status: 'FAIL',
          evidence: { schemeByStage: { prod: 'https', dev: 'http' } },
        },
        { resource: 'safe GET /a', status: 'PASS' },
        {
          resource: 'unset GET /a',
          status: 'MANUAL',
          evidence: { schemeByStage: { prod: 'unresolved' } },
        },
      ],
    },
    {
      name: 'scheme from a stage variable, stages not collected: ERROR; a literal scheme still judged',
      snapshot: snapshot(
        [
          region({
            restApis: [
              restApi({
                id: 'a1',
                name: 'vars',
                resources: [
                  res('/a', 'GET', { type: 'HTTP', uri: '${stageVariables.backend}/a' }),
                  res('/b', 'GET', { type: 'HTTP', uri: 'http://b.example' }),
                ],
                stages: undefined,
              }),
            ],
            v2Apis: [
              v2Api({
                ApiId: 'h1',
                Name: 'http',
                integrations: [
                  integ('i1', {
                    IntegrationType: 'HTTP_PROXY',
                    IntegrationUri: '${stageVariables.backend}/x',
                  }),
                ],
                stages: undefined,
              }),
            ],
          }),
        ],
        [
          collectionError({ slice: 'restApi.stages', resourceId: 'a1' }),
          collectionError({
            slice: 'v2Api.stages',
            service: 'apigatewayv2',
            resourceId: 'h1',
          }),
        ],
      ),
      expect: [
        { resource: 'vars GET /a', status: 'ERROR', evidence: { missing: 'restApi.stages' } },
        { resource: 'vars GET /b', status: 'FAIL' },
        { resource: 'http/integration i1', status: 'ERROR', evidence: { missing: 'v2Api.stages' } },
      ],
    },
    {
      name: 'not applicable: VPC link, Lambda, AWS, MOCK integrations and WebSocket APIs',
      snapshot: snapshot([
        region({
          restApis: [
            restApi({
              id: 'a1',
              name: 'orders',
              resources: [
                res('/vpc', 'GET', {
                  type: 'HTTP_PROXY',
                  connectionType: 'VPC_LINK',
                  uri: 'http://nlb.internal/a',
                }),
                res('/fn', 'GET', { type: 'AWS_PROXY', uri: 'arn:aws:apigateway:...' }),
                res('/mock', 'GET', { type: 'MOCK' }),
              ],
            }),
          ],
          v2Apis: [
            v2Api({
              ApiId: 'h1',
              integrations: [
                integ('vpc', {
                  IntegrationType: 'HTTP_PROXY',
                  ConnectionType: 'VPC_LINK',
                  IntegrationUri: 'arn:aws:elasticloadbalancing:...',
                }),
                integ('fn', { IntegrationType: 'AWS_PROXY', IntegrationUri: 'arn:aws:lambda:...' }),
              ],
            }),
            v2Api({
              ApiId: 'w1',
              ProtocolType: 'WEBSOCKET',
              integrations: [integ('ws', { IntegrationType: 'HTTP', IntegrationUri: 'http://x' })],
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
              resources: [res('/x', 'GET', { type: 'HTTP', uri: 'http://x' })],
            }),
          ],
        }),
        region(
          {
            restApis: [
              restApi({
                id: 'b1',
                name: 'b',
                resources: [res('/y', 'GET', { type: 'HTTP', uri: 'https://y' })],
              }),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'a GET /x', status: 'FAIL' },
        { resource: 'b GET /y', status: 'PASS' },
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
            slice: 'restApi.resources',
            operation: 'GetResources',
            resourceId: 'a1',
          }),
        ],
      ),
      expect: [
        { resource: 'orders', status: 'ERROR', message: 'GetResources failed' },
        { resource: 'mobile', status: 'ERROR', evidence: { missing: 'v2Api.integrations' } },
      ],
    },
  ]);
});
