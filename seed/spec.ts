/**
 * Declarative seeding: an account described as data (APIs by name, with what hangs off them),
 * created through the builders in this folder. The demo account and the benchmark fixtures are
 * such specs; things refer to each other by name, and the ids moto hands out are resolved here.
 */
import type {
  Cors,
  CreateAuthorizerRequest,
  CreateIntegrationRequest,
  CreateStageRequest,
} from '@aws-sdk/client-apigatewayv2';
import type { GatewayResponseType, QuotaPeriodType } from '@aws-sdk/client-api-gateway';
import type { ReadWriteType } from '@aws-sdk/client-cloudtrail';
import type { Runtime } from '@aws-sdk/client-lambda';
import type { ClientFactory, Clients } from '../src/collect/clients.js';
import { seedIamRole, seedLambdaFunction, seedTrail } from './account.js';
import {
  seedApiMapping,
  seedBasePathMapping,
  seedCertificate,
  seedDomainName,
  seedImportedCertificate,
  seedV2DomainName,
} from './domains.js';
import { seedAccountCloudWatchRole, seedApiKey, seedUsagePlan } from './plans.js';
import {
  importRestApi,
  replace,
  seedAuthorizer,
  seedCanary,
  deleteMethod,
  seedDeployment,
  seedGatewayResponse,
  seedMethod,
  seedRequestValidator,
  seedResource,
  seedRestApi,
  seedStage,
  restStageArn,
  type AuthorizerInput,
  type IntegrationInput,
  type SeededRestApi,
} from './rest.js';
import {
  seedHttpApi,
  seedV2Authorizer,
  seedV2Integration,
  seedV2Route,
  seedV2Stage,
  seedWebSocketApi,
} from './v2.js';
import { seedWebAcl, seedWebAclAssociation, seedWebAclLogging, type WebAclInput } from './waf.js';

// ------------------------------------------------------------------ REST

export interface MethodSpec {
  auth?: 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'COGNITO_USER_POOLS';
  /** The name of one of the API's `authorizers`. */
  authorizer?: string;
  apiKey?: boolean;
  /** The name of one of the API's `validators`. */
  validator?: string;
  /**
   * `httpMethod` defaults to POST for AWS_PROXY and to the method's own verb otherwise (GET for
   * OPTIONS); a MOCK integration answers 200 unless it brings its own `requestTemplates`.
   */
  integration: IntegrationInput;
  corsOrigin?: string;
}

export interface RestStageSpec {
  name: string;
  tags?: Record<string, string>;
  /** Patch path -> value, applied with `replace` after the deployment. */
  settings?: Record<string, string>;
  /** A canary serving a deployment taken after the API's `draftChanges`. */
  canary?: { percentTraffic: number; stageVariableOverrides?: Record<string, string> };
}

export interface RestApiSpec {
  name: string;
  description?: string;
  endpointType?: 'REGIONAL' | 'EDGE' | 'PRIVATE';
  policy?: object;
  tags?: Record<string, string>;
  disableExecuteApiEndpoint?: boolean;
  authorizers?: Array<AuthorizerInput & { name: string }>;
  validators?: Array<{ name: string; body: boolean; params: boolean }>;
  /** Path -> verb -> method; parents are created before children, in the order given. */
  resources?: Record<string, Record<string, MethodSpec>>;
  gatewayResponses?: Array<{
    type: GatewayResponseType;
    statusCode?: string;
    responseParameters?: Record<string, string>;
  }>;
  stages?: RestStageSpec[];
  /** All stages on one deployment, as a pipeline promoting one build would leave them. */
  sharedDeployment?: boolean;
  /**
   * Edits to the draft after the stages were deployed (path -> verb -> the method as it becomes,
   * or null to delete it): the stages keep serving the API as it was, until redeployed.
   */
  draftChanges?: Record<string, Record<string, MethodSpec | null>>;
  /**
   * Create resources and methods with one ImportRestApi call (MOCK and HTTP integrations, no
   * authorization) rather than one call each: for fixtures with thousands of methods.
   */
  importAsOpenApi?: boolean;
}

const MOCK_200 = { 'application/json': '{"statusCode": 200}' };

function integrationFor(verb: string, i: IntegrationInput): IntegrationInput {
  if (i.type === 'MOCK') return { requestTemplates: MOCK_200, ...i };
  const httpMethod = i.type === 'AWS_PROXY' ? 'POST' : verb === 'OPTIONS' ? 'GET' : verb;
  return { httpMethod, ...i };
}

function openApiPaths(spec: RestApiSpec): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(spec.resources ?? {}).map(([path, methods]) => [
      path,
      Object.fromEntries(
        Object.entries(methods).map(([verb, m]) => {
          if (
            (m.auth ?? 'NONE') !== 'NONE' ||
            m.authorizer ||
            m.validator ||
            m.corsOrigin ||
            m.apiKey
          )
            throw new Error(`${spec.name} ${verb} ${path}: importAsOpenApi takes plain methods`);
          const i = integrationFor(verb, m.integration);
          return [
            verb.toLowerCase(),
            {
              responses: { '200': { description: 'ok' } },
              'x-amazon-apigateway-integration': {
                type: i.type,
                httpMethod: i.httpMethod ?? verb,
                uri: i.uri ?? '',
              },
            },
          ];
        }),
      ),
    ]),
  );
}

async function seedRestApiSpec(
  c: Clients,
  spec: RestApiSpec,
  concurrent: boolean,
): Promise<SeededRestApi> {
  if (spec.importAsOpenApi) {
    const dropped = (
      [
        'endpointType',
        'policy',
        'tags',
        'authorizers',
        'validators',
        'gatewayResponses',
        'draftChanges',
      ] as const
    ).filter((k) => spec[k] !== undefined);
    if (dropped.length)
      throw new Error(`${spec.name}: importAsOpenApi does not set ${dropped.join(', ')}`);
    const api = await importRestApi(c, spec.name, {
      ...(spec.description ? { description: spec.description } : {}),
      paths: openApiPaths(spec),
    });
    await seedRestStages(c, api, spec, concurrent);
    return api;
  }
  const api = await seedRestApi(c, spec.name, {
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.endpointType ? { endpointType: spec.endpointType } : {}),
    ...(spec.policy ? { policy: JSON.stringify(spec.policy) } : {}),
    ...(spec.tags ? { tags: spec.tags } : {}),
    ...(spec.disableExecuteApiEndpoint !== undefined
      ? { disableExecuteApiEndpoint: spec.disableExecuteApiEndpoint }
      : {}),
  });
  const authorizers = new Map<string, string>();
  for (const a of spec.authorizers ?? []) authorizers.set(a.name, await seedAuthorizer(c, api, a));
  const validators = new Map<string, string>();
  for (const v of spec.validators ?? [])
    validators.set(v.name, await seedRequestValidator(c, api, v.name, v.body, v.params));
  const resourceIds = new Map<string, string>([['/', api.rootId]]);
  const resourceAt = async (path: string): Promise<string> => {
    const known = resourceIds.get(path);
    if (known) return known;
    const cut = path.lastIndexOf('/');
    const parent = await resourceAt(cut ? path.slice(0, cut) : '/');
    const id = await seedResource(c, api, parent, path.slice(cut + 1));
    resourceIds.set(path, id);
    return id;
  };
  const putMethod = (path: string, verb: string, m: MethodSpec) =>
    seedMethod(c, api, resourceIds.get(path)!, null, verb, {
      authorizationType: m.auth ?? 'NONE',
      ...(m.authorizer ? { authorizerId: lookup(authorizers, m.authorizer, spec.name) } : {}),
      ...(m.validator ? { requestValidatorId: lookup(validators, m.validator, spec.name) } : {}),
      ...(m.apiKey ? { apiKeyRequired: true } : {}),
      integration: integrationFor(verb, m.integration),
      ...(m.corsOrigin ? { corsOrigin: m.corsOrigin } : {}),
    });
  const paths = Object.entries(spec.resources ?? {});
  for (const [path] of paths) await resourceAt(path);
  for (const [path, methods] of paths) {
    for (const [verb, m] of Object.entries(methods)) await putMethod(path, verb, m);
  }
  for (const r of spec.gatewayResponses ?? []) {
    const { type, ...rest } = r;
    await seedGatewayResponse(c, api, type, rest);
  }
  await seedRestStages(c, api, spec, concurrent);
  // After the stages' deployments, so that they lag the draft.
  for (const [path, methods] of Object.entries(spec.draftChanges ?? {})) {
    await resourceAt(path);
    for (const [verb, m] of Object.entries(methods)) {
      if (m) await putMethod(path, verb, m);
      else await deleteMethod(c, api, resourceIds.get(path)!, verb);
    }
  }
  for (const s of spec.stages ?? []) {
    if (s.canary) await seedCanary(c, api, s.name, s.canary);
  }
  return api;
}

async function seedRestStages(
  c: Clients,
  api: SeededRestApi,
  spec: RestApiSpec,
  concurrent: boolean,
) {
  const stages = spec.stages ?? [];
  const deploymentId =
    spec.sharedDeployment && stages.length ? await seedDeployment(c, api) : undefined;
  await each(stages, concurrent, (s) =>
    seedStage(
      c,
      api,
      s.name,
      Object.entries(s.settings ?? {}).map(([path, value]) => replace(path, value)),
      { ...(s.tags ? { tags: s.tags } : {}), ...(deploymentId ? { deploymentId } : {}) },
    ),
  );
}

// ------------------------------------------------------------------ HTTP and WebSocket

export interface V2ApiSpec {
  name: string;
  protocol: 'HTTP' | 'WEBSOCKET';
  cors?: Cors;
  tags?: Record<string, string>;
  disableExecuteApiEndpoint?: boolean;
  /** By name; routes refer to them by that name. */
  integrations?: Record<string, Omit<CreateIntegrationRequest, 'ApiId'>>;
  authorizers?: Array<Omit<CreateAuthorizerRequest, 'ApiId'> & { Name: string }>;
  routes?: Array<{
    key: string;
    integration?: string;
    auth?: 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'JWT';
    /** The `Name` of one of the API's `authorizers`. */
    authorizer?: string;
    apiKey?: boolean;
  }>;
  stages?: Array<Omit<CreateStageRequest, 'ApiId'>>;
}

export interface SeededV2Api {
  id: string;
  name: string;
  /** What was created, with moto's ids: moto cannot list v2 authorizers back. */
  authorizers: Array<Omit<CreateAuthorizerRequest, 'ApiId'> & { AuthorizerId: string }>;
}

async function seedV2ApiSpec(
  c: Clients,
  spec: V2ApiSpec,
  concurrent: boolean,
): Promise<SeededV2Api> {
  const id =
    spec.protocol === 'HTTP'
      ? await seedHttpApi(c, spec.name, {
          ...(spec.cors ? { cors: spec.cors } : {}),
          ...(spec.tags ? { tags: spec.tags } : {}),
          ...(spec.disableExecuteApiEndpoint !== undefined
            ? { disableExecuteApiEndpoint: spec.disableExecuteApiEndpoint }
            : {}),
        })
      : await seedWebSocketApi(c, spec.name);
  const integrations = new Map(
    await each(Object.entries(spec.integrations ?? {}), concurrent, async ([name, input]) => {
      return [name, await seedV2Integration(c, id, input)] as const;
    }),
  );
  const authorizers: SeededV2Api['authorizers'] = [];
  for (const a of spec.authorizers ?? [])
    authorizers.push({ AuthorizerId: await seedV2Authorizer(c, id, a), ...a });
  const authorizerIds = new Map(authorizers.map((a) => [a.Name!, a.AuthorizerId]));
  await each(spec.routes ?? [], concurrent, (r) =>
    seedV2Route(c, id, r.key, {
      ...(r.integration ? { integrationId: lookup(integrations, r.integration, spec.name) } : {}),
      ...(r.auth ? { authorizationType: r.auth } : {}),
      ...(r.authorizer ? { authorizerId: lookup(authorizerIds, r.authorizer, spec.name) } : {}),
      ...(r.apiKey !== undefined ? { apiKeyRequired: r.apiKey } : {}),
    }),
  );
  await each(spec.stages ?? [], concurrent, (s) => seedV2Stage(c, id, s));
  return { id, name: spec.name, authorizers };
}

// ------------------------------------------------------------------ a region, an account

/** A stage of a REST API of the same region, by the API's name. */
export interface RestStageRef {
  restApi: string;
  stage: string;
}

export interface RegionSpec {
  /** The role API Gateway writes CloudWatch logs with (UpdateAccount). */
  cloudWatchRoleArn?: string;
  restApis?: RestApiSpec[];
  v2Apis?: V2ApiSpec[];
  lambdas?: Array<{
    name: string;
    roleArn?: string;
    runtime?: Runtime;
    /** Invoke permissions for API Gateway, scoped to `sourceArn` or to a path of a REST API. */
    permissions?: Array<{
      sid: string;
      sourceArn?: string;
      sourceRestApi?: { restApi: string; path: string };
    }>;
  }>;
  webAcls?: Array<
    WebAclInput & { name: string; logDestinationArn?: string; associate?: RestStageRef[] }
  >;
  /** By domain name; custom domains refer to them by it. `validDays`: imported, expiring. */
  certificates?: Array<{ domainName: string; validDays?: number }>;
  domainNames?: Array<{
    domainName: string;
    endpointType?: 'EDGE' | 'REGIONAL';
    certificate?: string;
    securityPolicy?: string;
    mappings?: Array<RestStageRef & { basePath?: string }>;
  }>;
  v2DomainNames?: Array<{
    domainName: string;
    certificate?: string;
    securityPolicy?: 'TLS_1_0' | 'TLS_1_2';
    mappings?: Array<{ api: string; stage: string; key?: string }>;
  }>;
  apiKeys?: Array<{ name: string; enabled?: boolean; value?: string }>;
  usagePlans?: Array<{
    name: string;
    apiStages?: RestStageRef[];
    throttle?: { rateLimit?: number; burstLimit?: number };
    quota?: { limit?: number; period?: QuotaPeriodType };
    /** Names of `apiKeys`. */
    keys?: string[];
  }>;
  trails?: Array<{
    name: string;
    bucket?: string;
    multiRegion?: boolean;
    logging?: boolean;
    readWriteType?: ReadWriteType;
    includeManagementEvents?: boolean;
  }>;
}

export interface AccountSpec {
  account: string;
  /** IAM roles (global) created first, trusted by Lambda. */
  iamRoles?: string[];
  regions: Record<string, RegionSpec>;
}

export interface SeededRegion {
  restApis: Map<string, SeededRestApi>;
  v2Apis: Map<string, SeededV2Api>;
}

export interface SeedOptions {
  /**
   * Create the regions, their APIs and each API's stages, routes and integrations concurrently
   * (throughput for large fixtures; `clients` should bound the calls in flight). Sequential by
   * default, so that every list moto returns comes back in the order of the spec.
   */
  concurrent?: boolean;
}

function lookup(ids: Map<string, string>, name: string, where: string): string {
  const id = ids.get(name);
  if (id === undefined) throw new Error(`seed spec: ${where} refers to unknown ${name}`);
  return id;
}

async function each<T, R>(items: T[], concurrent: boolean, fn: (t: T) => Promise<R>): Promise<R[]> {
  if (concurrent) return Promise.all(items.map(fn));
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}

export async function seedRegion(
  c: Clients,
  region: string,
  account: string,
  spec: RegionSpec,
  opts: SeedOptions = {},
): Promise<SeededRegion> {
  const concurrent = opts.concurrent ?? false;
  if (spec.cloudWatchRoleArn) await seedAccountCloudWatchRole(c, spec.cloudWatchRoleArn);
  const restDone = each(spec.restApis ?? [], concurrent, (a) => seedRestApiSpec(c, a, concurrent));
  // In order, REST APIs come first: moto lists things back in the order they were created.
  const v2Done = concurrent
    ? each(spec.v2Apis ?? [], true, (a) => seedV2ApiSpec(c, a, true))
    : restDone.then(() => each(spec.v2Apis ?? [], false, (a) => seedV2ApiSpec(c, a, false)));
  const [rest, v2Apis] = await Promise.all([restDone, v2Done]);
  const restApis = new Map(rest.map((a) => [a.name, a]));
  const restIds = new Map(rest.map((a) => [a.name, a.id]));
  const v2Ids = new Map(v2Apis.map((a) => [a.name, a.id]));
  const stageArn = (ref: RestStageRef) =>
    restStageArn(region, lookup(restIds, ref.restApi, region), ref.stage);

  for (const fn of spec.lambdas ?? []) {
    await seedLambdaFunction(c, fn.name, {
      ...(fn.roleArn ? { roleArn: fn.roleArn } : {}),
      ...(fn.runtime ? { runtime: fn.runtime } : {}),
      permissions: (fn.permissions ?? []).map((p) => ({
        sid: p.sid,
        ...(p.sourceArn ? { sourceArn: p.sourceArn } : {}),
        ...(p.sourceRestApi
          ? {
              sourceArn: `arn:aws:execute-api:${region}:${account}:${lookup(restIds, p.sourceRestApi.restApi, fn.name)}${p.sourceRestApi.path}`,
            }
          : {}),
      })),
    });
  }
  await each(spec.webAcls ?? [], concurrent, async (w) => {
    const { name, logDestinationArn, associate, ...input } = w;
    const acl = await seedWebAcl(c, name, input);
    if (logDestinationArn) await seedWebAclLogging(c, acl.arn, logDestinationArn);
    for (const ref of associate ?? []) await seedWebAclAssociation(c, acl.arn, stageArn(ref));
  });
  const certificates = new Map<string, string>();
  for (const cert of spec.certificates ?? []) {
    certificates.set(
      cert.domainName,
      cert.validDays !== undefined
        ? await seedImportedCertificate(c, cert.domainName, cert.validDays)
        : await seedCertificate(c, cert.domainName),
    );
  }
  const certificateArn = (name?: string) =>
    name ? { certificateArn: lookup(certificates, name, region) } : {};
  await each(spec.domainNames ?? [], concurrent, async (d) => {
    await seedDomainName(c, d.domainName, {
      ...(d.endpointType ? { endpointType: d.endpointType } : {}),
      ...certificateArn(d.certificate),
      ...(d.securityPolicy ? { securityPolicy: d.securityPolicy } : {}),
    });
    for (const m of d.mappings ?? []) {
      const apiId = lookup(restIds, m.restApi, d.domainName);
      await seedBasePathMapping(c, d.domainName, apiId, m.stage, m.basePath);
    }
  });
  await each(spec.v2DomainNames ?? [], concurrent, async (d) => {
    await seedV2DomainName(c, d.domainName, {
      ...certificateArn(d.certificate),
      ...(d.securityPolicy ? { securityPolicy: d.securityPolicy } : {}),
    });
    for (const m of d.mappings ?? [])
      await seedApiMapping(c, d.domainName, lookup(v2Ids, m.api, d.domainName), m.stage, m.key);
  });
  const keys = new Map<string, string>();
  for (const k of spec.apiKeys ?? []) {
    const { name, ...opts } = k;
    keys.set(name, await seedApiKey(c, name, opts));
  }
  for (const p of spec.usagePlans ?? []) {
    await seedUsagePlan(c, p.name, {
      ...(p.apiStages
        ? {
            apiStages: p.apiStages.map((s) => ({
              apiId: lookup(restIds, s.restApi, p.name),
              stage: s.stage,
            })),
          }
        : {}),
      ...(p.throttle ? { throttle: p.throttle } : {}),
      ...(p.quota ? { quota: p.quota } : {}),
      keyIds: (p.keys ?? []).map((k) => lookup(keys, k, p.name)),
    });
  }
  for (const t of spec.trails ?? []) {
    const { name, ...opts } = t;
    await seedTrail(c, name, opts);
  }
  return { restApis, v2Apis: new Map(v2Apis.map((a) => [a.name, a])) };
}

/** Seeds every region of `spec` through `clients` (which must point at moto). */
export async function seedAccount(
  clients: ClientFactory,
  spec: AccountSpec,
  opts: SeedOptions = {},
): Promise<Map<string, SeededRegion>> {
  const regions = Object.entries(spec.regions);
  for (const role of spec.iamRoles ?? []) await seedIamRole(clients(regions[0]![0]), role);
  const seeded = await each(regions, opts.concurrent ?? false, async ([region, r]) => {
    return [region, await seedRegion(clients(region), region, spec.account, r, opts)] as const;
  });
  return new Map(seeded);
}
