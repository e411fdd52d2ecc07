import { describe } from 'vitest';
import check from '../../checks/cache-key-authorization.js';
import { checkTable } from '../helpers/check-table.js';
import { collectionError, region, restApi, restStage, snapshot } from '../helpers/snapshot.js';
import type {
  MethodSetting,
  RestAuthorizer,
  RestMethod,
  RestResource,
} from '../../src/snapshot/types.js';

const CACHED: Record<string, MethodSetting> = { '*/*': { cachingEnabled: true } };
const AUTHORIZERS: RestAuthorizer[] = [
  {
    id: 'tok',
    name: 'token',
    type: 'TOKEN',
    identitySource: 'method.request.header.Authorization',
  },
  {
    id: 'req',
    name: 'request',
    type: 'REQUEST',
    identitySource: 'method.request.header.X-Tenant, method.request.querystring.key',
  },
  { id: 'ctx', name: 'context', type: 'REQUEST', identitySource: 'context.sourceIp' },
  {
    id: 'cog',
    name: 'users',
    type: 'COGNITO_USER_POOLS',
    identitySource: 'method.request.header.Authorization',
  },
];

const m = (
  authorizationType: string,
  cacheKeyParameters?: string[],
  authorizerId?: string,
): RestMethod => ({
  authorizationType,
  ...(authorizerId ? { authorizerId } : {}),
  methodIntegration: { type: 'HTTP_PROXY', ...(cacheKeyParameters ? { cacheKeyParameters } : {}) },
});
const api = (
  resources: RestResource[],
  opts: {
    methodSettings?: Record<string, MethodSetting>;
    cacheClusterEnabled?: boolean;
    id?: string;
  } = {},
) =>
  restApi({
    id: opts.id ?? 'a1',
    name: opts.id ?? 'orders',
    authorizers: AUTHORIZERS,
    resources,
    stages: [
      restStage({
        stageName: 'prod',
        cacheClusterEnabled: opts.cacheClusterEnabled ?? true,
        methodSettings: opts.methodSettings ?? CACHED,
      }),
    ],
  });

describe('cache-key-authorization', () => {
  checkTable(check, [
    { name: 'no APIs: no result', snapshot: snapshot(), expect: [] },
    {
      name: 'identity sources in the cache key (IAM, TOKEN, Cognito, header case ignored): PASS',
      snapshot: snapshot([
        region({
          restApis: [
            api([
              {
                id: 'r1',
                path: '/iam',
                resourceMethods: { GET: m('AWS_IAM', ['method.request.header.authorization']) },
              },
              {
                id: 'r2',
                path: '/tok',
                resourceMethods: {
                  GET: m('CUSTOM', ['method.request.header.Authorization'], 'tok'),
                },
              },
              {
                id: 'r3',
                path: '/cog',
                resourceMethods: {
                  GET: m(
                    'COGNITO_USER_POOLS',
                    ['method.request.header.Authorization', 'method.request.path.id'],
                    'cog',
                  ),
                },
              },
            ]),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders GET /iam',
          status: 'PASS',
          evidence: { cachedOnStages: ['prod (*/*)'], missingFromCacheKey: [] },
        },
        { resource: 'orders GET /tok', status: 'PASS', evidence: { 'authorizer.type': 'TOKEN' } },
        { resource: 'orders GET /cog', status: 'PASS' },
      ],
    },
    {
      name: 'identity missing from the cache key: FAIL (high)',
      snapshot: snapshot([
        region({
          restApis: [
            api([
              { id: 'r1', path: '/iam', resourceMethods: { GET: m('AWS_IAM') } },
              {
                id: 'r2',
                path: '/req',
                resourceMethods: { GET: m('CUSTOM', ['method.request.header.X-Tenant'], 'req') },
              },
            ]),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders GET /iam',
          status: 'FAIL',
          severity: 'high',
          evidence: {
            missingFromCacheKey: ['method.request.header.Authorization'],
            'methodIntegration.cacheKeyParameters': [],
          },
        },
        {
          resource: 'orders GET /req',
          status: 'FAIL',
          evidence: {
            missingFromCacheKey: ['method.request.querystring.key'],
            'authorizer.identitySource':
              'method.request.header.X-Tenant, method.request.querystring.key',
          },
        },
      ],
    },
    {
      name: 'a POST cached by its own override: FAIL; a POST under stage-wide caching is not cached',
      snapshot: snapshot([
        region({
          restApis: [
            api(
              [
                { id: 'r1', path: '/a', resourceMethods: { POST: m('AWS_IAM') } },
                { id: 'r2', path: '/b', resourceMethods: { POST: m('AWS_IAM') } },
              ],
              {
                methodSettings: {
                  '*/*': { cachingEnabled: true },
                  '~1a/POST': { cachingEnabled: true },
                },
              },
            ),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders POST /a',
          status: 'FAIL',
          evidence: { cachedOnStages: ['prod (POST /a)'] },
        },
      ],
    },
    {
      name: 'an authorizer with only context sources, or one not found: MANUAL',
      snapshot: snapshot([
        region({
          restApis: [
            api([
              { id: 'r1', path: '/ctx', resourceMethods: { GET: m('CUSTOM', [], 'ctx') } },
              { id: 'r2', path: '/gone', resourceMethods: { GET: m('CUSTOM', [], 'deleted') } },
            ]),
          ],
        }),
      ]),
      expect: [
        {
          resource: 'orders GET /ctx',
          status: 'MANUAL',
          evidence: { 'authorizer.identitySource': 'context.sourceIp' },
        },
        { resource: 'orders GET /gone', status: 'MANUAL', evidence: { authorizerId: 'deleted' } },
      ],
    },
    {
      name: 'not applicable: NONE methods, uncached methods, stages without a cluster',
      snapshot: snapshot([
        region({
          restApis: [
            api(
              [
                { id: 'r1', path: '/open', resourceMethods: { GET: m('NONE') } },
                { id: 'r2', path: '/off', resourceMethods: { GET: m('AWS_IAM') } },
              ],
              {
                methodSettings: {
                  '*/*': { cachingEnabled: true },
                  '~1off/GET': { cachingEnabled: false },
                },
              },
            ),
            api([{ id: 'r3', path: '/x', resourceMethods: { GET: m('AWS_IAM') } }], {
              id: 'nocluster',
              cacheClusterEnabled: false,
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
            api([
              {
                id: 'r1',
                path: '/a',
                resourceMethods: { GET: m('AWS_IAM', ['method.request.header.Authorization']) },
              },
              { id: 'r2', path: '/b', resourceMethods: { GET: m('AWS_IAM') } },
            ]),
          ],
        }),
        region(
          {
            restApis: [
              api([{ id: 'r1', path: '/c', resourceMethods: { GET: m('AWS_IAM') } }], {
                id: 'billing',
              }),
            ],
          },
          'us-east-1',
        ),
      ]),
      expect: [
        { resource: 'orders GET /a', status: 'PASS' },
        { resource: 'orders GET /b', status: 'FAIL' },
        { resource: 'billing GET /c', status: 'FAIL' },
      ],
    },
    {
      name: 'failed collections: stages, resources, authorizers: ERROR',
      snapshot: snapshot(
        [
          region({
            restApis: [
              restApi({ id: 's', name: 'nostages', stages: undefined }),
              { ...api([], { id: 'nores' }), resources: undefined },
              {
                ...api(
                  [{ id: 'r1', path: '/t', resourceMethods: { GET: m('CUSTOM', [], 'tok') } }],
                  { id: 'noauth' },
                ),
                authorizers: undefined,
              },
            ],
          }),
        ],
        [
          collectionError({ slice: 'restApi.stages', resourceId: 's' }),
          collectionError({
            slice: 'restApi.resources',
            operation: 'GetResources',
            resourceId: 'nores',
          }),
          collectionError({
            slice: 'restApi.authorizers',
            operation: 'GetAuthorizers',
            resourceId: 'noauth',
          }),
        ],
      ),
      expect: [
        { resource: 'nostages', status: 'ERROR', evidence: { missing: 'restApi.stages' } },
        { resource: 'nores', status: 'ERROR', evidence: { missing: 'restApi.resources' } },
        {
          resource: 'noauth GET /t',
          status: 'ERROR',
          evidence: { missing: 'restApi.authorizers' },
        },
      ],
    },
  ]);
});
