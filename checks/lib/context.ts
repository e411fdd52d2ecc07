/**
 * What a check sees: the snapshot, the user's settings, the clock, and walkers over the
 * resources. A walker that meets a collection that failed records an ERROR result for the
 * resources that data would have covered and moves on, so no check can mistake missing data
 * for a PASS.
 */
import type { CheckResult } from '../../src/engine/check.js';
import type { ResourceRef, Severity, Status } from '../../src/engine/types.js';
import type { CheckConfig } from '../../src/config/types.js';
import type {
  AccountSnapshot,
  CollectionError,
  Partition,
  RegionSnapshot,
  ApiKey,
  ClientCertificate,
  DomainNameSnapshot,
  RestApiSnapshot,
  RestAuthorizer,
  RestMethod,
  RestResource,
  RestStage,
  Slice,
  Snapshot,
  UsagePlan,
  V2ApiSnapshot,
  V2Authorizer,
  V2DomainNameSnapshot,
  V2Integration,
  V2Route,
  V2Stage,
} from '../../src/snapshot/types.js';
import {
  draftMethods,
  restServings,
  v2Servings,
  type DraftMethod,
  type RestServing,
  type ServedMethod,
  type ServedRoute,
  type V2Serving,
} from '../../src/snapshot/deployed.js';
import { ref } from './resources.js';

// Check helpers and tests name the result type from here as well.
export type { CheckResult };

export interface RegionScope {
  account: AccountSnapshot;
  region: RegionSnapshot;
  accountId: string;
  regionName: string;
  partition: Partition;
}
export interface RestApiScope extends RegionScope {
  api: RestApiSnapshot;
}
export interface RestStageScope extends RestApiScope {
  stage: RestStage;
}
export interface RestMethodScope extends RestApiScope {
  resource: RestResource;
  verb: string;
  method: RestMethod;
}
export interface V2ApiScope extends RegionScope {
  api: V2ApiSnapshot;
}
export interface V2StageScope extends V2ApiScope {
  stage: V2Stage;
}
export interface V2RouteScope extends V2ApiScope {
  route: V2Route;
}

/** A REST method as the stages serve it: one per path and verb that any stage or canary serves. */
export interface RestServedMethodScope extends RestApiScope {
  key: string;
  verb: string;
  path: string;
  /** The method in the draft, when it is still there. */
  draft?: DraftMethod;
  /** Each stage and canary that serves it, with what it serves. */
  served: Array<{ serving: RestServing; method: ServedMethod }>;
}

/** An HTTP API route as the stages serve it: one per route key that any stage serves. */
export interface V2ServedRouteScope extends V2ApiScope {
  routeKey: string;
  /** The route in the draft, when it is still there. */
  draft?: V2Route;
  served: Array<{ serving: V2Serving; route: ServedRoute }>;
}

export interface RestAuthorizerScope extends RestApiScope {
  authorizer: RestAuthorizer;
}
export interface V2AuthorizerScope extends V2ApiScope {
  authorizer: V2Authorizer;
}
export interface V2IntegrationScope extends V2ApiScope {
  integration: V2Integration;
}
/**
 * A custom domain name, v1 and v2 views merged: the namespace is shared, so the same name can
 * come back from both APIs. Either view may be absent.
 */
export interface DomainScope extends RegionScope {
  name: string;
  v1?: DomainNameSnapshot;
  v2?: V2DomainNameSnapshot;
  /** The listing that failed in this region, which may hold this domain's other view. */
  missingView?: 'domainNames' | 'v2DomainNames';
}

export type Protocol = 'HTTP' | 'WEBSOCKET';

/** The account in an ARN (`arn:aws:apigateway:region:account:/...`), when it names one. */
const ownerOf = (arn: string | undefined): string | undefined => arn?.split(':')[4] || undefined;

export class CheckContext {
  readonly results: CheckResult[] = [];
  private readonly errored = new Set<string>();
  /** Resources judged on part of their data: a FAIL found stands, anything else is ERROR. */
  private readonly partial = new Map<string, { slice: Slice; resourceId?: string }>();

  constructor(
    readonly checkId: string,
    readonly defaultSeverity: Severity,
    readonly snapshot: Snapshot,
    readonly config: CheckConfig,
    readonly now: Date,
  ) {}

  // ------------------------------------------------------------------ results

  pass(resource: ResourceRef, message: string, evidence: Record<string, unknown> = {}): void {
    this.push('PASS', this.defaultSeverity, resource, message, evidence);
  }

  fail(
    resource: ResourceRef,
    message: string,
    evidence: Record<string, unknown>,
    severity: Severity = this.defaultSeverity,
  ): void {
    this.push('FAIL', severity, resource, message, evidence);
  }

  manual(resource: ResourceRef, message: string, evidence: Record<string, unknown> = {}): void {
    this.push('MANUAL', this.defaultSeverity, resource, message, evidence);
  }

  /**
   * ERROR for a resource whose data did not arrive. Cites the collection error for `slice`
   * (and `resourceId`, when the failed call was about one resource). One per resource.
   */
  error(resource: ResourceRef, slice: Slice, resourceId?: string): void {
    const key = `${resource.accountId}|${resource.region}|${resource.arn}`;
    if (this.errored.has(key)) return;
    this.errored.add(key);
    const cause = this.findCollectionError(slice, resource.accountId, resource.region, resourceId);
    const message = cause
      ? `Could not assess: ${cause.service}:${cause.operation} failed (${cause.errorCode}: ${cause.message})`
      : `Could not assess: ${slice} was not collected`;
    this.push('ERROR', this.defaultSeverity, resource, message, {
      missing: slice,
      ...(resourceId ? { resourceId } : {}),
      ...(cause ? { collectionError: cause } : {}),
    });
  }

  /** Returns `value`, or records ERROR for `resource` and returns undefined when it is missing. */
  need<T>(
    value: T | undefined,
    slice: Slice,
    resource: ResourceRef,
    resourceId?: string,
  ): T | undefined {
    if (value === undefined) this.error(resource, slice, resourceId);
    return value;
  }

  /** The check itself threw: one ERROR result that says so; the run goes on. */
  crashed(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.push(
      'ERROR',
      this.defaultSeverity,
      {
        arn: `apigw-audit:check/${this.checkId}`,
        type: 'apigw-audit::Check',
        name: this.checkId,
        accountId: '',
        region: '',
      },
      `The check failed while evaluating: ${message}`,
      { exception: message },
    );
  }

  findCollectionError(
    slice: Slice,
    accountId: string,
    region: string,
    resourceId?: string,
  ): CollectionError | undefined {
    const errs = this.snapshot.collectionErrors.filter(
      (e) =>
        e.slice === slice &&
        e.accountId === accountId &&
        (e.region === region || e.region === 'global'),
    );
    return (resourceId && errs.find((e) => e.resourceId === resourceId)) || errs[0];
  }

  /**
   * From now on, `resource` is judged on part of its data (`slice` is missing): a FAIL it gets
   * stands, since the missing part could only add to what fails; a PASS or MANUAL becomes ERROR.
   */
  judgedOnPart(resource: ResourceRef, slice: Slice, resourceId?: string): void {
    this.partial.set(`${resource.accountId}|${resource.region}|${resource.arn}`, {
      slice,
      ...(resourceId ? { resourceId } : {}),
    });
  }

  private push(
    status: Status,
    severity: Severity,
    resource: ResourceRef,
    message: string,
    evidence: Record<string, unknown>,
  ): void {
    const part = this.partial.get(`${resource.accountId}|${resource.region}|${resource.arn}`);
    if (part && (status === 'PASS' || status === 'MANUAL')) {
      this.error(resource, part.slice, part.resourceId);
      return;
    }
    this.results.push({ status, severity, resource, message, evidence });
  }

  // ------------------------------------------------------------------ walkers

  *regions(): Generator<RegionScope> {
    for (const account of this.snapshot.accounts) {
      for (const region of account.regions) {
        yield {
          account,
          region,
          accountId: account.accountId,
          regionName: region.region,
          partition: account.partition,
        };
      }
    }
  }

  *restApis(): Generator<RestApiScope> {
    for (const r of this.regions()) {
      if (!r.region.restApis) {
        this.error(ref.restApiListing(r), 'restApis');
        continue;
      }
      for (const api of r.region.restApis) yield { ...r, api };
    }
  }

  *restStages(): Generator<RestStageScope> {
    for (const a of this.restApis()) {
      if (!a.api.stages) {
        this.error(ref.restApi(a), 'restApi.stages', a.api.id);
        continue;
      }
      for (const stage of a.api.stages) yield { ...a, stage };
    }
  }

  *restMethods(): Generator<RestMethodScope> {
    for (const a of this.restApis()) {
      if (!a.api.resources) {
        this.error(ref.restApi(a), 'restApi.resources', a.api.id);
        continue;
      }
      for (const resource of a.api.resources) {
        for (const [verb, method] of Object.entries(resource.resourceMethods ?? {})) {
          yield { ...a, resource, verb, method };
        }
      }
    }
  }

  /**
   * The methods the stages and canaries serve, judged on their deployments rather than on the
   * draft: a method only in the draft is not served, and one deleted from the draft but still
   * deployed is. A stage whose deployment could not be read gets an ERROR of its own.
   */
  *restServedMethods(): Generator<RestServedMethodScope> {
    for (const a of this.restApis()) {
      const need: Array<[unknown, Slice]> = [
        [a.api.resources, 'restApi.resources'],
        [a.api.stages, 'restApi.stages'],
        [a.api.deployments, 'restApi.deployments'],
      ];
      const missing = need.find(([v]) => v === undefined);
      if (missing) {
        this.error(ref.restApi(a), missing[1], a.api.id);
        continue;
      }
      const servings = restServings(a.api);
      // A stage whose deployment could not be read may serve any method, better or worse than
      // the others: no method of the API gets a verdict, the API gets the ERROR.
      const unread = servings.find((s) => !s.methods);
      if (unread) {
        this.error(ref.restApi(a), 'restApi.deployments', `${a.api.id}/${unread.deploymentId}`);
        continue;
      }
      const draft = draftMethods(a.api);
      const keys = new Set(draft.keys());
      const deployedOnly = servings
        .flatMap((s) => [...(s.methods?.keys() ?? [])])
        .filter((k) => !keys.has(k))
        .sort();
      for (const k of deployedOnly) keys.add(k);
      for (const key of keys) {
        const served = servings.flatMap((serving) => {
          const method = serving.methods?.get(key);
          return method ? [{ serving, method }] : [];
        });
        if (!served.length) continue;
        const space = key.indexOf(' ');
        yield {
          ...a,
          key,
          verb: key.slice(0, space),
          path: key.slice(space + 1),
          draft: draft.get(key),
          served,
        };
      }
    }
  }

  /**
   * HTTP API routes as the stages serve them: auto-deploying stages serve the draft, the others
   * what their export shows. A stage whose export could not be read makes the API ERROR.
   */
  *httpServedRoutes(): Generator<V2ServedRouteScope> {
    for (const a of this.v2Apis('HTTP')) {
      const need: Array<[unknown, Slice]> = [
        [a.api.routes, 'v2Api.routes'],
        [a.api.stages, 'v2Api.stages'],
        [a.api.exports, 'v2Api.exports'],
      ];
      const missing = need.find(([v]) => v === undefined);
      if (missing) {
        this.error(ref.v2Api(a), missing[1], a.api.ApiId);
        continue;
      }
      const servings = v2Servings(a.api);
      // As for REST deployments: a stage whose export could not be read leaves every route of
      // the API undecided.
      const unread = servings.find((s) => !s.routes);
      if (unread) {
        this.error(ref.v2Api(a), 'v2Api.exports', `${a.api.ApiId}/${unread.stageName}`);
        continue;
      }
      const draft = new Map(a.api.routes!.map((r) => [r.RouteKey, r]));
      const keys = new Set(draft.keys());
      const deployedOnly = servings
        .flatMap((s) => [...(s.routes?.keys() ?? [])])
        .filter((k) => !keys.has(k))
        .sort();
      for (const k of deployedOnly) keys.add(k);
      for (const routeKey of keys) {
        const served = servings.flatMap((serving) => {
          const route = serving.routes?.get(routeKey);
          return route ? [{ serving, route }] : [];
        });
        if (!served.length) continue;
        yield { ...a, routeKey, draft: draft.get(routeKey), served };
      }
    }
  }

  *v2Apis(protocol?: Protocol): Generator<V2ApiScope> {
    for (const r of this.regions()) {
      if (!r.region.v2Apis) {
        this.error(ref.v2ApiListing(r), 'v2Apis');
        continue;
      }
      for (const api of r.region.v2Apis) {
        if (!protocol || api.ProtocolType === protocol) yield { ...r, api };
      }
    }
  }

  *v2Stages(protocol?: Protocol): Generator<V2StageScope> {
    for (const a of this.v2Apis(protocol)) {
      if (!a.api.stages) {
        this.error(ref.v2Api(a), 'v2Api.stages', a.api.ApiId);
        continue;
      }
      for (const stage of a.api.stages) yield { ...a, stage };
    }
  }

  *v2Routes(protocol?: Protocol): Generator<V2RouteScope> {
    for (const a of this.v2Apis(protocol)) {
      if (!a.api.routes) {
        this.error(ref.v2Api(a), 'v2Api.routes', a.api.ApiId);
        continue;
      }
      for (const route of a.api.routes) yield { ...a, route };
    }
  }

  *restAuthorizers(): Generator<RestAuthorizerScope> {
    for (const a of this.restApis()) {
      if (!a.api.authorizers) {
        this.error(ref.restApi(a), 'restApi.authorizers', a.api.id);
        continue;
      }
      for (const authorizer of a.api.authorizers) yield { ...a, authorizer };
    }
  }

  *v2Authorizers(protocol?: Protocol): Generator<V2AuthorizerScope> {
    for (const a of this.v2Apis(protocol)) {
      if (!a.api.authorizers) {
        this.error(ref.v2Api(a), 'v2Api.authorizers', a.api.ApiId);
        continue;
      }
      for (const authorizer of a.api.authorizers) yield { ...a, authorizer };
    }
  }

  *v2Integrations(protocol?: Protocol): Generator<V2IntegrationScope> {
    for (const a of this.v2Apis(protocol)) {
      if (!a.api.integrations) {
        this.error(ref.v2Api(a), 'v2Api.integrations', a.api.ApiId);
        continue;
      }
      for (const integration of a.api.integrations) yield { ...a, integration };
    }
  }

  /**
   * Custom domains, de-duplicated by name across the v1 and v2 listings, without the private
   * domains other accounts share with this one. When one listing
   * failed, the region gets an ERROR for it and the domains the other listing returned are
   * still yielded, marked `missingView`: the namespace is shared, so the failed listing may hold
   * the domain's other view. Such a domain keeps a FAIL (certificates and trust store warnings
   * are the union of both views, so the other view could only add to them); a PASS or MANUAL
   * on it becomes ERROR. A check where the other view could undo a FAIL must say so itself.
   */
  *domains(): Generator<DomainScope> {
    for (const r of this.regions()) {
      const byName = new Map<string, DomainScope>();
      if (!r.region.domainNames) this.error(ref.domainListing(r), 'domainNames');
      if (!r.region.v2DomainNames) this.error(ref.domainListing(r), 'v2DomainNames');
      const missingView = !r.region.domainNames
        ? ('domainNames' as const)
        : !r.region.v2DomainNames
          ? ('v2DomainNames' as const)
          : undefined;
      const scope = (name: string) => ({ ...r, name, ...(missingView ? { missingView } : {}) });
      for (const d of r.region.domainNames ?? []) {
        // A private domain another account shares is that account's to configure and judge.
        if (ownerOf(d.domainNameArn) !== undefined && ownerOf(d.domainNameArn) !== r.accountId)
          continue;
        byName.set(d.domainName, { ...scope(d.domainName), v1: d });
      }
      for (const d of r.region.v2DomainNames ?? []) {
        const known = byName.get(d.DomainName);
        if (known) known.v2 = d;
        else byName.set(d.DomainName, { ...scope(d.DomainName), v2: d });
      }
      for (const d of [...byName.values()].sort((a, b) => a.name.localeCompare(b.name))) {
        if (d.missingView) this.judgedOnPart(ref.domain(d), d.missingView);
        yield d;
      }
    }
  }

  *usagePlans(): Generator<RegionScope & { plan: UsagePlan }> {
    for (const r of this.regions()) {
      if (!r.region.usagePlans) {
        this.error(
          ref.listing(r, 'AWS::ApiGateway::UsagePlan', 'usage plans', 'usageplans'),
          'usagePlans',
        );
        continue;
      }
      for (const plan of r.region.usagePlans) yield { ...r, plan };
    }
  }

  *apiKeys(): Generator<RegionScope & { key: ApiKey }> {
    for (const r of this.regions()) {
      if (!r.region.apiKeys) {
        this.error(ref.listing(r, 'AWS::ApiGateway::ApiKey', 'API keys', 'apikeys'), 'apiKeys');
        continue;
      }
      for (const key of r.region.apiKeys) yield { ...r, key };
    }
  }

  *clientCertificates(): Generator<RegionScope & { cert: ClientCertificate }> {
    for (const r of this.regions()) {
      if (!r.region.clientCertificates) {
        this.error(
          ref.listing(
            r,
            'AWS::ApiGateway::ClientCertificate',
            'client certificates',
            'clientcertificates',
          ),
          'clientCertificates',
        );
        continue;
      }
      for (const cert of r.region.clientCertificates) yield { ...r, cert };
    }
  }
}
