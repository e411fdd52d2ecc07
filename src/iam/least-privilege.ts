/**
 * The least-privilege IAM policy of a scan, generated from the slice table: `apigateway:GET` on
 * exactly the resource paths the collectors read, and every other read action by name. A new
 * slice row changes the policy, the `iam-policy` command and docs/permissions.md together.
 */
import { SLICE_NAMES, sliceRow, type SliceOperation } from '../snapshot/slices.js';
import {
  ALWAYS_ALLOWED,
  MANAGED_POLICIES,
  allowsAction,
  allowsApiGatewayGet,
  type ManagedPolicy,
} from './managed-policies.js';

export const API_GATEWAY_GET = 'apigateway:GET';

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Array<{
    Sid: string;
    Effect: 'Allow';
    Action: string | string[];
    Resource: string | string[];
  }>;
}

function operations(): SliceOperation[] {
  return SLICE_NAMES.flatMap((slice) => sliceRow(slice).operations);
}

/** The API Gateway resource paths a scan reads, sorted and without repeats. */
export function apiGatewayPaths(): string[] {
  return [
    ...new Set(
      operations()
        .filter((o) => !o.caller && o.iam === API_GATEWAY_GET)
        .map((o) => o.path!),
    ),
  ].sort();
}

/** Every IAM action a scan needs in the audited account other than apigateway:GET. */
export function readActions(): string[] {
  return [
    ...new Set(
      operations()
        .filter((o) => !o.caller && o.iam !== API_GATEWAY_GET)
        .map((o) => o.iam),
    ),
  ].sort();
}

/** Actions the principal that starts a multi-account scan needs (sts:AssumeRole). */
export function callerActions(): string[] {
  return [
    ...new Set(
      operations()
        .filter((o) => o.caller)
        .map((o) => o.iam),
    ),
  ].sort();
}

/** The policy for the principal a scan runs as (or each audit role with --role-arn). */
export function scanPolicy(partition = 'aws'): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ApiGatewayRead',
        Effect: 'Allow',
        Action: API_GATEWAY_GET,
        Resource: apiGatewayPaths().map((p) => `arn:${partition}:apigateway:*::${p}`),
      },
      {
        Sid: 'ReferencedResourcesRead',
        Effect: 'Allow',
        Action: readActions(),
        Resource: '*',
      },
    ],
  };
}

/** The Organizations reads of --org, made by the principal that starts the scan. */
export function organizationsActions(): string[] {
  return callerActions().filter((a) => a.startsWith('organizations:'));
}

/**
 * What the principal that starts a multi-account scan needs besides (example role ARNs): to
 * assume the audit roles, and with --org to list the organization.
 */
export function callerPolicy(roleArns: readonly string[]): PolicyDocument {
  const assume = callerActions().filter((a) => a.startsWith('sts:'));
  const organizations = organizationsActions();
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AssumeAuditRoles',
        Effect: 'Allow',
        Action: assume.length === 1 ? assume[0]! : assume,
        Resource: [...roleArns],
      },
      ...(organizations.length
        ? [
            {
              Sid: 'ListOrganizationAccounts',
              Effect: 'Allow' as const,
              Action: organizations,
              Resource: '*',
            },
          ]
        : []),
    ],
  };
}

export interface ComparisonRow {
  /** `apigateway:GET /path` or the action. */
  permission: string;
  /** Per managed policy name: granted, or not. */
  granted: Record<ManagedPolicy['name'], boolean>;
  /** Needs no permission at all (sts:GetCallerIdentity). */
  alwaysAllowed: boolean;
}

/** Each permission of scanPolicy() against SecurityAudit and ReadOnlyAccess. */
export function managedPolicyComparison(): ComparisonRow[] {
  const row = (permission: string, test: (p: ManagedPolicy) => boolean): ComparisonRow => ({
    permission,
    granted: Object.fromEntries(MANAGED_POLICIES.map((p) => [p.name, test(p)])) as Record<
      ManagedPolicy['name'],
      boolean
    >,
    alwaysAllowed: ALWAYS_ALLOWED.includes(permission),
  });
  return [
    ...apiGatewayPaths().map((path) =>
      row(`${API_GATEWAY_GET} ${path}`, (p) => allowsApiGatewayGet(p, path)),
    ),
    ...readActions().map((action) => row(action, (p) => allowsAction(p, action))),
  ];
}

/** The permissions a managed policy lacks for a scan (always-allowed ones aside). */
export function missingFrom(policy: ManagedPolicy['name']): string[] {
  return managedPolicyComparison()
    .filter((r) => !r.granted[policy] && !r.alwaysAllowed)
    .map((r) => r.permission);
}

/** The inline policy to attach beside SecurityAudit: the permissions it lacks. */
export function securityAuditSupplement(partition = 'aws'): PolicyDocument {
  const missing = missingFrom('SecurityAudit');
  const paths = missing
    .filter((p) => p.startsWith(`${API_GATEWAY_GET} `))
    .map((p) => `arn:${partition}:apigateway:*::${p.slice(API_GATEWAY_GET.length + 1)}`);
  const actions = missing.filter((p) => !p.startsWith(`${API_GATEWAY_GET} `));
  return {
    Version: '2012-10-17',
    Statement: [
      ...(paths.length
        ? [
            {
              Sid: 'ApiGatewayPathsMissingFromSecurityAudit',
              Effect: 'Allow' as const,
              Action: API_GATEWAY_GET,
              Resource: paths,
            },
          ]
        : []),
      ...(actions.length
        ? [
            {
              Sid: 'ReadsMissingFromSecurityAudit',
              Effect: 'Allow' as const,
              Action: actions,
              Resource: '*',
            },
          ]
        : []),
    ],
  };
}
