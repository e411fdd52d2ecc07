/**
 * The slice table: every piece of data a scan collects, the AWS operations that fetch it, the
 * scope it belongs to and the IAM permission each operation needs. It is the one place a new
 * slice is declared. The `Slice` type, `emptyRegion()`, the region part of
 * schemas/snapshot.schema.json, docs/permissions.md and `SCAN_OPERATIONS` come from it (or are
 * checked against it by a test), and src/collect/ joins a collector to every region row.
 *
 * It lives here, not in src/collect/, because checks name slices and must not import collectors.
 *
 * Row order is the key order of a region in snapshot.json. A region row may only depend on region
 * rows above it, which keeps the dependency graph acyclic by construction.
 */

/** What one slice's data is about: one per ... */
export type SliceScope =
  | 'scan'
  | 'account'
  | 'region'
  | 'restApi'
  | 'v2Api'
  | 'domainName'
  | 'v2DomainName'
  | 'webAcl'
  | 'trail';

/** What one call is made for: one per ... (a scope, or a resource within one). */
export type CallPer =
  SliceScope | 'role' | 'usagePlan' | 'function' | 'certificate' | 'deployment' | 'v2Stage';

export interface SliceOperation {
  /** `service:Operation`, as the SDK command and the `stats.calls` keys spell it. */
  readonly call: string;
  /** The IAM action the call needs. */
  readonly iam: string;
  /** For apigateway:GET, the resource path (v2 paths start with /apis, not /v2). */
  readonly path?: string;
  readonly per: CallPer;
  /** Made once per account for the whole scan, however many regions see the resource. */
  readonly sharedByRegions?: boolean;
  /** A permission of the principal that starts the scan, not of the audited account. */
  readonly caller?: boolean;
  /** A failure stops the scan (exit 2: nothing could be scanned) instead of being recorded. */
  readonly stopsScan?: boolean;
  /** When it is made, if not always; paging; parameters that matter ('' when nothing to add). */
  readonly note: string;
}

export interface SliceRow {
  readonly scope: SliceScope;
  /** For a sub-slice: the region slice whose items carry it. */
  readonly parent?: string;
  /** Region rows: the region slices whose data the collector reads (references it follows). */
  readonly dependsOn?: readonly string[];
  /** Region rows: what an empty, successful collection looks like. */
  readonly shape?: 'list' | 'map' | 'object';
  /** The first one's service is what a CollectorError for the slice names. */
  readonly operations: readonly SliceOperation[];
}

const GET = 'apigateway:GET';

export const SLICES = {
  identity: {
    scope: 'scan',
    operations: [
      {
        call: 'sts:GetCallerIdentity',
        iam: 'sts:GetCallerIdentity',
        per: 'scan',
        stopsScan: true,
        note: 'start of every scan',
      },
      {
        call: 'sts:AssumeRole',
        iam: 'sts:AssumeRole',
        per: 'role',
        caller: true,
        note: '`--role-arn` or `--org` given: once per account',
      },
    ],
  },
  organization: {
    scope: 'scan',
    operations: [
      {
        call: 'organizations:ListAccounts',
        iam: 'organizations:ListAccounts',
        per: 'scan',
        caller: true,
        stopsScan: true,
        note: '`--org`; +1 per 20 accounts',
      },
      {
        call: 'organizations:ListRoots',
        iam: 'organizations:ListRoots',
        per: 'scan',
        caller: true,
        stopsScan: true,
        note: '`--org`, to place each account in its OU',
      },
      {
        call: 'organizations:ListAccountsForParent',
        iam: 'organizations:ListAccountsForParent',
        per: 'scan',
        caller: true,
        stopsScan: true,
        note: '`--org`: once per root and OU',
      },
      {
        call: 'organizations:ListOrganizationalUnitsForParent',
        iam: 'organizations:ListOrganizationalUnitsForParent',
        per: 'scan',
        caller: true,
        stopsScan: true,
        note: '`--org`: once per root and OU',
      },
    ],
  },
  regions: {
    scope: 'account',
    operations: [
      {
        call: 'account:ListRegions',
        iam: 'account:ListRegions',
        per: 'account',
        note: '`--regions all`; +1 per 50 regions',
      },
      {
        call: 'ec2:DescribeRegions',
        iam: 'ec2:DescribeRegions',
        per: 'account',
        note: '`--regions all` and ListRegions failed',
      },
    ],
  },
  accountAlias: {
    scope: 'account',
    operations: [
      {
        call: 'iam:ListAccountAliases',
        iam: 'iam:ListAccountAliases',
        per: 'account',
        note: 'the account name the reports show when Organizations gives none',
      },
    ],
  },
  account: {
    scope: 'region',
    shape: 'object',
    operations: [
      {
        call: 'apigateway:GetAccount',
        iam: GET,
        path: '/account',
        per: 'region',
        note: '',
      },
    ],
  },
  restApis: {
    scope: 'region',
    shape: 'list',
    operations: [
      {
        call: 'apigateway:GetRestApis',
        iam: GET,
        path: '/restapis',
        per: 'region',
        note: '1 per 500 APIs',
      },
    ],
  },
  'restApi.resources': {
    scope: 'restApi',
    parent: 'restApis',
    operations: [
      {
        call: 'apigateway:GetResources',
        iam: GET,
        path: '/restapis/*/resources',
        per: 'restApi',
        note: '`embed=methods`, `limit=500`; 1 per 500 resources',
      },
    ],
  },
  'restApi.stages': {
    scope: 'restApi',
    parent: 'restApis',
    operations: [
      {
        call: 'apigateway:GetStages',
        iam: GET,
        path: '/restapis/*/stages',
        per: 'restApi',
        note: '1 (not paginated)',
      },
    ],
  },
  'restApi.deployments': {
    scope: 'restApi',
    parent: 'restApis',
    operations: [
      {
        call: 'apigateway:GetDeployment',
        iam: GET,
        path: '/restapis/*/deployments/*',
        per: 'deployment',
        note: "`embed=apisummary`; each distinct deployment a stage or a stage's canary serves",
      },
    ],
  },
  'restApi.authorizers': {
    scope: 'restApi',
    parent: 'restApis',
    operations: [
      {
        call: 'apigateway:GetAuthorizers',
        iam: GET,
        path: '/restapis/*/authorizers',
        per: 'restApi',
        note: '1 per 500 authorizers',
      },
    ],
  },
  'restApi.requestValidators': {
    scope: 'restApi',
    parent: 'restApis',
    operations: [
      {
        call: 'apigateway:GetRequestValidators',
        iam: GET,
        path: '/restapis/*/requestvalidators',
        per: 'restApi',
        note: '1 per 500 validators',
      },
    ],
  },
  'restApi.gatewayResponses': {
    scope: 'restApi',
    parent: 'restApis',
    operations: [
      {
        call: 'apigateway:GetGatewayResponses',
        iam: GET,
        path: '/restapis/*/gatewayresponses',
        per: 'restApi',
        note: '1 (not paginated)',
      },
    ],
  },
  v2Apis: {
    scope: 'region',
    shape: 'list',
    operations: [
      {
        call: 'apigatewayv2:GetApis',
        iam: GET,
        path: '/apis',
        per: 'region',
        note: '1 per 500 APIs',
      },
    ],
  },
  'v2Api.stages': {
    scope: 'v2Api',
    parent: 'v2Apis',
    operations: [
      {
        call: 'apigatewayv2:GetStages',
        iam: GET,
        path: '/apis/*/stages',
        per: 'v2Api',
        note: '1 per 500 stages',
      },
    ],
  },
  'v2Api.routes': {
    scope: 'v2Api',
    parent: 'v2Apis',
    operations: [
      {
        call: 'apigatewayv2:GetRoutes',
        iam: GET,
        path: '/apis/*/routes',
        per: 'v2Api',
        note: '1 per 500 routes',
      },
    ],
  },
  'v2Api.integrations': {
    scope: 'v2Api',
    parent: 'v2Apis',
    operations: [
      {
        call: 'apigatewayv2:GetIntegrations',
        iam: GET,
        path: '/apis/*/integrations',
        per: 'v2Api',
        note: '1 per 500 integrations',
      },
    ],
  },
  'v2Api.authorizers': {
    scope: 'v2Api',
    parent: 'v2Apis',
    operations: [
      {
        call: 'apigatewayv2:GetAuthorizers',
        iam: GET,
        path: '/apis/*/authorizers',
        per: 'v2Api',
        note: '1 per 500 authorizers',
      },
    ],
  },
  'v2Api.exports': {
    scope: 'v2Api',
    parent: 'v2Apis',
    operations: [
      {
        call: 'apigatewayv2:ExportApi',
        iam: GET,
        path: '/apis/*/exports/*',
        per: 'v2Stage',
        note: 'HTTP API stages that do not auto-deploy; OAS30, JSON, with extensions',
      },
    ],
  },
  domainNames: {
    scope: 'region',
    shape: 'list',
    operations: [
      {
        call: 'apigateway:GetDomainNames',
        iam: GET,
        path: '/domainnames',
        per: 'region',
        note: 'twice: the own domains, and `resourceOwner=OTHER_ACCOUNTS` (private domains shared with the account); 1 per 500 domains each',
      },
    ],
  },
  'domainName.basePathMappings': {
    scope: 'domainName',
    parent: 'domainNames',
    operations: [
      {
        call: 'apigateway:GetBasePathMappings',
        iam: GET,
        path: '/domainnames/*/basepathmappings',
        per: 'domainName',
        note: '1 per 500 mappings',
      },
    ],
  },
  domainNameAccessAssociations: {
    scope: 'region',
    shape: 'list',
    operations: [
      {
        call: 'apigateway:GetDomainNameAccessAssociations',
        iam: GET,
        path: '/domainnameaccessassociations',
        per: 'region',
        note: '`resourceOwner` SELF and OTHER_ACCOUNTS: the VPC endpoints that may reach private custom domains; 1 each per 500',
      },
    ],
  },
  v2DomainNames: {
    scope: 'region',
    shape: 'list',
    operations: [
      {
        call: 'apigatewayv2:GetDomainNames',
        iam: GET,
        path: '/domainnames',
        per: 'region',
        note: '1 per 500 domains',
      },
    ],
  },
  'v2DomainName.apiMappings': {
    scope: 'v2DomainName',
    parent: 'v2DomainNames',
    operations: [
      {
        call: 'apigatewayv2:GetApiMappings',
        iam: GET,
        path: '/domainnames/*/apimappings',
        per: 'v2DomainName',
        note: '1 per 500 mappings',
      },
    ],
  },
  usagePlans: {
    scope: 'region',
    shape: 'list',
    operations: [
      {
        call: 'apigateway:GetUsagePlans',
        iam: GET,
        path: '/usageplans',
        per: 'region',
        note: '1 per 500 plans',
      },
      {
        call: 'apigateway:GetUsagePlanKeys',
        iam: GET,
        path: '/usageplans/*/keys',
        per: 'usagePlan',
        note: '1 per 500 keys; only the key ids are kept',
      },
    ],
  },
  apiKeys: {
    scope: 'region',
    shape: 'list',
    operations: [
      {
        call: 'apigateway:GetApiKeys',
        iam: GET,
        path: '/apikeys',
        per: 'region',
        note: 'no `includeValues`; 1 per 500 keys',
      },
    ],
  },
  clientCertificates: {
    scope: 'region',
    shape: 'list',
    operations: [
      {
        call: 'apigateway:GetClientCertificates',
        iam: GET,
        path: '/clientcertificates',
        per: 'region',
        note: '1 per 500 certificates',
      },
    ],
  },
  vpcLinks: {
    scope: 'region',
    shape: 'list',
    operations: [
      {
        call: 'apigateway:GetVpcLinks',
        iam: GET,
        path: '/vpclinks',
        per: 'region',
        note: '1 per 500 links',
      },
    ],
  },
  v2VpcLinks: {
    scope: 'region',
    shape: 'list',
    operations: [
      {
        call: 'apigatewayv2:GetVpcLinks',
        iam: GET,
        path: '/vpclinks',
        per: 'region',
        note: '1 per 500 links',
      },
    ],
  },
  webAcls: {
    scope: 'region',
    shape: 'list',
    dependsOn: ['restApis'],
    operations: [
      {
        call: 'wafv2:GetWebACL',
        iam: 'wafv2:GetWebACL',
        per: 'webAcl',
        note: 'each distinct `webAclArn` on a REST stage; Name, Id, Scope REGIONAL',
      },
    ],
  },
  'webAcl.loggingConfiguration': {
    scope: 'webAcl',
    parent: 'webAcls',
    operations: [
      {
        call: 'wafv2:GetLoggingConfiguration',
        iam: 'wafv2:GetLoggingConfiguration',
        per: 'webAcl',
        note: 'each distinct `webAclArn` on a REST stage',
      },
    ],
  },
  trails: {
    scope: 'region',
    shape: 'list',
    operations: [
      {
        call: 'cloudtrail:DescribeTrails',
        iam: 'cloudtrail:DescribeTrails',
        per: 'region',
        note: '`includeShadowTrails`',
      },
    ],
  },
  'trail.status': {
    scope: 'trail',
    parent: 'trails',
    operations: [
      {
        call: 'cloudtrail:GetTrailStatus',
        iam: 'cloudtrail:GetTrailStatus',
        per: 'trail',
        sharedByRegions: true,
        note: "in the trail's home region",
      },
    ],
  },
  'trail.eventSelectors': {
    scope: 'trail',
    parent: 'trails',
    operations: [
      {
        call: 'cloudtrail:GetEventSelectors',
        iam: 'cloudtrail:GetEventSelectors',
        per: 'trail',
        sharedByRegions: true,
        note: "in the trail's home region",
      },
    ],
  },
  lambdaPolicies: {
    scope: 'region',
    shape: 'map',
    dependsOn: ['restApis', 'v2Apis'],
    operations: [
      {
        call: 'lambda:GetPolicy',
        iam: 'lambda:GetPolicy',
        per: 'function',
        sharedByRegions: true,
        note: 'functions that integrations and authorizers invoke, in their region',
      },
    ],
  },
  certificates: {
    scope: 'region',
    shape: 'map',
    dependsOn: ['domainNames', 'v2DomainNames'],
    operations: [
      {
        call: 'acm:DescribeCertificate',
        iam: 'acm:DescribeCertificate',
        per: 'certificate',
        sharedByRegions: true,
        note: 'certificates of custom domains, in their region (edge: us-east-1)',
      },
    ],
  },
} as const satisfies Record<string, SliceRow>;

type Table = typeof SLICES;

/**
 * Names of the pieces of data a collector fetches. A collection error names its slice; a
 * check declares the slices it reads.
 */
export type Slice = keyof Table;

/** The slices a region snapshot has as its own fields, each run by one region collector. */
export type RegionSlice = { [K in Slice]: Table[K]['scope'] extends 'region' ? K : never }[Slice];

/** The region slices a region slice's collector waits for. */
export type DependsOn<K extends RegionSlice> = Table[K] extends { dependsOn: readonly (infer D)[] }
  ? D & RegionSlice
  : never;

export const SLICE_NAMES = Object.keys(SLICES) as Slice[];

export const REGION_SLICES = SLICE_NAMES.filter(
  (s): s is RegionSlice => SLICES[s].scope === 'region',
);

/** The row of a slice, widened to the row type (the `as const` literal types are for `Slice`). */
export function sliceRow(slice: Slice): SliceRow {
  return SLICES[slice];
}

/** Every AWS operation a scan may call, as `service:Operation`, in table order. */
/** The operations whose failure stops the scan rather than becoming a collection error. */
export const SCAN_STOPPING_OPERATIONS: readonly string[] = SLICE_NAMES.flatMap((s) =>
  sliceRow(s)
    .operations.filter((o) => o.stopsScan)
    .map((o) => o.call),
);

export const SCAN_OPERATIONS: readonly string[] = [
  ...new Set(SLICE_NAMES.flatMap((s) => sliceRow(s).operations.map((o) => o.call))),
];
