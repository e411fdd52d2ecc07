/**
 * What the AWS managed policies `SecurityAudit` and `ReadOnlyAccess` grant, for the services this
 * tool reads: the facts the `iam-policy` comparison and docs/permissions.md rest on. Only the
 * grants of those services are kept (each policy has hundreds more). Recorded from the policy
 * versions named below, as published in the public history of AWS managed policies; a newer
 * version can grant more, which would only turn a "no" into a "yes".
 */

export interface ManagedPolicy {
  name: 'SecurityAudit' | 'ReadOnlyAccess';
  arn: string;
  version: string;
  date: string;
  /** Action patterns allowed on every resource (`*` wildcards, as IAM writes them). */
  actions: readonly string[];
  /** Resources `apigateway:GET` is allowed on; ['*'] when unrestricted. */
  apiGatewayGet: readonly string[];
}

export const SECURITY_AUDIT: ManagedPolicy = {
  name: 'SecurityAudit',
  arn: 'arn:aws:iam::aws:policy/SecurityAudit',
  version: 'v85',
  date: '2026-03-02',
  actions: [
    'account:GetAccountInformation',
    'account:GetAlternateContact',
    'account:GetPrimaryEmail',
    'account:GetRegionOptStatus',
    'acm:Describe*',
    'acm:List*',
    'cloudtrail:DescribeTrails',
    'cloudtrail:GetEventSelectors',
    'cloudtrail:GetInsightSelectors',
    'cloudtrail:GetTrail',
    'cloudtrail:GetTrailStatus',
    'cloudtrail:ListTags',
    'cloudtrail:ListTrails',
    'cloudtrail:LookupEvents',
    'ec2:Describe*',
    'iam:Get*',
    'iam:List*',
    'lambda:GetAccountSettings',
    'lambda:GetFunctionConfiguration',
    'lambda:GetPolicy',
    'lambda:List*',
    'organizations:Describe*',
    'organizations:List*',
    'sts:GetAccessKeyInfo',
    'wafv2:GetLoggingConfiguration',
    'wafv2:GetWebACL',
    'wafv2:GetWebACLForResource',
    'wafv2:ListLoggingConfigurations',
    'wafv2:ListResourcesForWebACL',
    'wafv2:ListWebACLs',
  ],
  apiGatewayGet: [
    '/apis',
    '/apis/*/authorizers',
    '/apis/*/authorizers/*',
    '/apis/*/cors',
    '/apis/*/deployments',
    '/apis/*/deployments/*',
    '/apis/*/exports/*',
    '/apis/*/integrations',
    '/apis/*/integrations/*',
    '/apis/*/models',
    '/apis/*/models/*',
    '/apis/*/routes',
    '/apis/*/routes/*',
    '/apis/*/stages',
    '/apis/*/stages/*',
    '/clientcertificates',
    '/clientcertificates/*',
    '/domainnames',
    '/domainnames/*/apimappings',
    '/restapis',
    '/restapis/*/authorizers',
    '/restapis/*/authorizers/*',
    '/restapis/*/deployments',
    '/restapis/*/deployments/*',
    '/restapis/*/documentation/parts',
    '/restapis/*/documentation/parts/*',
    '/restapis/*/documentation/versions',
    '/restapis/*/documentation/versions/*',
    '/restapis/*/gatewayresponses',
    '/restapis/*/gatewayresponses/*',
    '/restapis/*/models',
    '/restapis/*/models/*',
    '/restapis/*/requestvalidators',
    '/restapis/*/requestvalidators/*',
    '/restapis/*/resources',
    '/restapis/*/resources/*',
    '/restapis/*/stages',
    '/restapis/*/stages/*',
    '/tags/*',
    '/vpclinks',
  ],
};

export const READ_ONLY_ACCESS: ManagedPolicy = {
  name: 'ReadOnlyAccess',
  arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
  version: 'v178',
  date: '2026-02-12',
  actions: [
    'account:GetAccountInformation',
    'account:GetAlternateContact',
    'account:GetContactInformation',
    'account:GetPrimaryEmail',
    'account:GetRegionOptStatus',
    'account:ListRegions',
    'acm:Describe*',
    'acm:Get*',
    'acm:List*',
    'cloudtrail:Describe*',
    'cloudtrail:Get*',
    'cloudtrail:List*',
    'cloudtrail:LookupEvents',
    'ec2:Describe*',
    'ec2:Get*',
    'iam:Generate*',
    'iam:Get*',
    'iam:List*',
    'iam:Simulate*',
    'lambda:Get*',
    'lambda:List*',
    'organizations:Describe*',
    'organizations:List*',
    'sts:GetAccessKeyInfo',
    'sts:GetCallerIdentity',
    'sts:GetSessionToken',
    'wafv2:CheckCapacity',
    'wafv2:Describe*',
    'wafv2:Get*',
    'wafv2:List*',
  ],
  apiGatewayGet: ['*'],
};

export const MANAGED_POLICIES: readonly ManagedPolicy[] = [SECURITY_AUDIT, READ_ONLY_ACCESS];

/**
 * Actions any authenticated principal may call whatever its policies say (AWS documents that
 * GetCallerIdentity needs no permission and works even when explicitly denied).
 */
export const ALWAYS_ALLOWED: readonly string[] = ['sts:GetCallerIdentity'];

/** IAM's wildcard match: `*` any run of characters, `?` one; actions are case-insensitive. */
export function iamWildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

/** Does the policy allow the action (on any resource)? */
export function allowsAction(policy: ManagedPolicy, action: string): boolean {
  return policy.actions.some((p) => iamWildcardMatch(p, action, true));
}

/**
 * Does the policy allow `apigateway:GET` on every resource the path pattern stands for? A `*`
 * segment of ours stands for any id, so it is tried as an id ("x"), which each of the policy's
 * patterns must then match the way IAM would match a real request's resource.
 */
export function allowsApiGatewayGet(policy: ManagedPolicy, path: string): boolean {
  const sample = path.replace(/\*/g, 'x');
  return policy.apiGatewayGet.some((p) => p === '*' || iamWildcardMatch(p, sample));
}
