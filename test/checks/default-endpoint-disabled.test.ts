import { describe } from 'vitest';
import check from '../../checks/default-endpoint-disabled.js';
import type { DomainNameSnapshot, V2DomainNameSnapshot } from '../../src/snapshot/types.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, snapshot, v2Api } from '../helpers/snapshot.js';

const v1Domain = (name: string, maps: Array<[string, string]>): DomainNameSnapshot => ({
  domainName: name,
  basePathMappings: maps.map(([restApiId, basePath]) => ({ restApiId, basePath, stage: 'prod' })),
});
const v2Domain = (name: string, maps: Array<[string, string]>): V2DomainNameSnapshot => ({
  DomainName: name,
  apiMappings: maps.map(([ApiId, ApiMappingKey]) => ({ ApiId, ApiMappingKey, Stage: 'prod' })),
});

describe('default-endpoint-disabled', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'mapped APIs with the endpoint disabled: PASS (REST via v1, HTTP via v2)',
      snapshot: snapshot([
        region({
          restApis: [restApi({ id: 'r1', name: 'orders', disableExecuteApiEndpoint: true })],
          v2Apis: [v2Api({ ApiId: 'h1', Name: 'mobile', DisableExecuteApiEndpoint: true })],
          domainNames: [v1Domain('api.example.com', [['r1', 'orders']])],
          v2DomainNames: [v2Domain('m.example.com', [['h1', '']])],
        }),
      ]),
      expect: [
        {
          resource: 'orders',
          status: 'PASS',
          evidence: {
            disableExecuteApiEndpoint: true,
            customDomainMappings: ['api.example.com/orders -> prod'],
          },
        },
        { resource: 'mobile', status: 'PASS', evidence: { DisableExecuteApiEndpoint: true } },
      ],
    },
    {
      name: 'mapped APIs with the endpoint on: FAIL (REST, HTTP via a v1 mapping, WebSocket)',
      snapshot: snapshot([
        region({
          restApis: [restApi({ id: 'r1', name: 'orders' })],
          v2Apis: [
            v2Api({ ApiId: 'h1', Name: 'mobile', DisableExecuteApiEndpoint: false }),
            v2Api({ ApiId: 'w1', Name: 'chat', ProtocolType: 'WEBSOCKET' }),
          ],
          domainNames: [
            v1Domain('api.example.com', [
              ['r1', '(none)'],
              ['h1', 'm'],
            ]),
          ],
          v2DomainNames: [
            v2Domain('api.example.com', [['r1', '']]),
            v2Domain('ws.example.com', [['w1', '']]),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders',
          status: 'FAIL',
          severity: 'medium',
          evidence: {
            disableExecuteApiEndpoint: false,
            customDomainMappings: ['api.example.com/ -> prod'],
          },
        },
        {
          resource: 'mobile',
          status: 'FAIL',
          evidence: {
            DisableExecuteApiEndpoint: false,
            customDomainMappings: ['api.example.com/m -> prod'],
          },
        },
        { resource: 'chat', status: 'FAIL' },
      ],
    },
    {
      name: 'APIs with no mapping: not applicable',
      snapshot: snapshot([
        region({
          restApis: [restApi({ id: 'r1', name: 'orders' })],
          v2Apis: [v2Api({ ApiId: 'h1', Name: 'mobile' })],
          domainNames: [v1Domain('api.example.com', [['other', 'x']])],
        }),
      ]),
      expect: [],
    },
    {
      name: 'many APIs across regions: mappings are per region',
      snapshot: snapshot([
        region({
          restApis: [restApi({ id: 'r1', name: 'orders' }), restApi({ id: 'r2', name: 'users' })],
          domainNames: [v1Domain('api.example.com', [['r1', 'o']])],
        }),
        region(
          {
            restApis: [restApi({ id: 'r3', name: 'billing', disableExecuteApiEndpoint: true })],
            v2DomainNames: [
              v2Domain('pay.example.com', [
                ['r3', ''],
                ['r1', 'x'],
              ]),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'orders', status: 'FAIL' },
        { resource: 'billing', status: 'PASS' },
      ],
    },
    {
      name: 'a domain listing failed: ERROR for APIs not known to be mapped, mapped ones assessed',
      snapshot: snapshot(
        [
          region({
            restApis: [restApi({ id: 'r1', name: 'orders' }), restApi({ id: 'r2', name: 'users' })],
            domainNames: [v1Domain('api.example.com', [['r1', 'o']])],
            v2DomainNames: undefined,
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
        { resource: 'orders', status: 'FAIL' },
        {
          resource: 'users',
          status: 'ERROR',
          evidence: { missing: 'v2DomainNames' },
          message: 'apigatewayv2:GetDomainNames failed',
        },
      ],
    },
    {
      name: "one domain's mappings failed: ERROR naming that domain",
      snapshot: snapshot(
        [
          region({
            v2Apis: [v2Api({ ApiId: 'h1', Name: 'mobile' })],
            domainNames: [{ domainName: 'api.example.com', basePathMappings: undefined }],
          }),
        ],
        [
          collectionError({
            slice: 'domainName.basePathMappings',
            operation: 'GetBasePathMappings',
            resourceId: 'api.example.com',
          }),
        ],
      ),
      expect: [
        {
          resource: 'mobile',
          status: 'ERROR',
          evidence: { missing: 'domainName.basePathMappings', resourceId: 'api.example.com' },
        },
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
