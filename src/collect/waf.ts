/**
 * Web ACLs associated with REST stages. The stage's own `webAclArn` (from GetStages) says which
 * ACL protects it, so no per-stage WAF call is made (GetWebACLForResource is 1 rps): each
 * distinct ACL is read once with GetWebACL, plus its GetLoggingConfiguration. WAF Classic ACLs
 * (arn:aws:waf-regional:..., end of support 2025-09-30) are recorded as such and not read.
 * ListResourcesForWebACL is not needed: the association is already known from the stages.
 */
import { GetLoggingConfigurationCommand, GetWebACLCommand } from '@aws-sdk/client-wafv2';
import type { RestApiSnapshot, WebAclSnapshot } from '../snapshot/types.js';
import type { CallSpec, RegionContext } from './context.js';
import { plain } from './plain.js';

/** Fields of a WAFv2 web ACL ARN: arn:PARTITION:wafv2:REGION:ACCOUNT:regional/webacl/NAME/ID. */
export function parseWebAclArn(
  arn: string,
):
  | { kind: 'wafv2'; region: string; scope: 'REGIONAL' | 'CLOUDFRONT'; name: string; id: string }
  | { kind: 'waf-classic' }
  | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const service = parts[2];
  if (service === 'waf-regional' || service === 'waf') return { kind: 'waf-classic' };
  if (service !== 'wafv2') return undefined;
  const m = /^(regional|global)\/webacl\/([^/]+)\/([^/]+)$/.exec(parts.slice(5).join(':'));
  if (!m) return undefined;
  return {
    kind: 'wafv2',
    region: parts[3]!,
    scope: m[1] === 'global' ? 'CLOUDFRONT' : 'REGIONAL',
    name: m[2]!,
    id: m[3]!,
  };
}

/** The distinct web ACL ARNs on the REST stages collected in this region, in order. */
export function webAclArnsOf(restApis: RestApiSnapshot[] | undefined): string[] {
  const arns = new Set<string>();
  for (const api of restApis ?? []) {
    for (const stage of api.stages ?? []) if (stage.webAclArn) arns.add(stage.webAclArn);
  }
  return [...arns];
}

export async function collectWebAcls(
  ctx: RegionContext,
  restApis: RestApiSnapshot[] | undefined,
): Promise<WebAclSnapshot[]> {
  const arns = webAclArnsOf(restApis);
  ctx.found('webAcls', arns.length);
  return Promise.all(arns.map((arn) => collectWebAcl(ctx, arn)));
}

async function collectWebAcl(ctx: RegionContext, arn: string): Promise<WebAclSnapshot> {
  const parsed = parseWebAclArn(arn);
  if (parsed?.kind === 'waf-classic') return { arn, kind: 'waf-classic' };
  const aclSpec: CallSpec = {
    slice: 'webAcls',
    service: 'wafv2',
    operation: 'GetWebACL',
    resourceId: arn,
  };
  if (!parsed) {
    ctx.recordError(aclSpec, 'UnrecognizedArn', `not a web ACL ARN: ${arn}`);
    return { arn, kind: 'wafv2' };
  }
  const region = parsed.region;
  const waf = ctx.clientsIn(region).wafv2;
  const logSpec: CallSpec = {
    slice: 'webAcl.loggingConfiguration',
    service: 'wafv2',
    operation: 'GetLoggingConfiguration',
    resourceId: arn,
    region,
  };
  const [acl, logging] = await Promise.all([
    ctx.send(
      { ...aclSpec, region },
      waf,
      new GetWebACLCommand({ Name: parsed.name, Id: parsed.id, Scope: parsed.scope }),
    ),
    ctx.attemptSend(logSpec, waf, new GetLoggingConfigurationCommand({ ResourceArn: arn })),
  ]);
  if (acl && !acl.WebACL) {
    ctx.recordError({ ...aclSpec, region }, 'MalformedResponse', 'GetWebACL returned no WebACL');
  }
  let loggingConfiguration: WebAclSnapshot['loggingConfiguration'];
  if (logging.ok) {
    loggingConfiguration = logging.value.LoggingConfiguration
      ? plain<Record<string, unknown>>(logging.value.LoggingConfiguration)
      : null;
  } else if (logging.code === 'WAFNonexistentItemException') {
    loggingConfiguration = null; // the documented answer for "no logging configured"
  } else {
    ctx.recordError(logSpec, logging.code, logging.message);
  }
  return {
    arn,
    kind: 'wafv2',
    ...(acl?.WebACL ? { webAcl: plain<WebAclSnapshot['webAcl']>(acl.WebACL) } : {}),
    ...(loggingConfiguration !== undefined ? { loggingConfiguration } : {}),
  };
}
