import { defineCheck } from './lib/define.js';
import { lambdaFunctionArn } from '../src/snapshot/lambda-arn.js';
import { wildcardsEveryApi } from './lib/auth.js';
import type { RegionScope } from './lib/context.js';
import {
  conditionsOn,
  hasServicePrincipal,
  isAnyonePrincipal,
  isPositiveOperator,
  parsePolicy,
  statementCoversAction,
  statementLabel,
  type Statement,
} from './lib/policy.js';
import { ref } from './lib/resources.js';

const APIGW = 'apigateway.amazonaws.com';

/** Why a statement lets API Gateway invoke the function without naming the API, or undefined. */
function weakness(st: Statement): string | undefined {
  if (st.effect !== 'Allow') return undefined;
  if (!hasServicePrincipal(st, APIGW) && !isAnyonePrincipal(st)) return undefined;
  if (!statementCoversAction(st, 'lambda:InvokeFunction')) return undefined;
  const sourceArns = conditionsOn(st, 'aws:SourceArn').filter(
    (c) => isPositiveOperator(c) && !c.ifExists,
  );
  if (sourceArns.length === 0) return 'no aws:SourceArn condition';
  const values = sourceArns.flatMap((c) => c.values);
  if (values.length === 0 || values.some(wildcardsEveryApi)) {
    return `aws:SourceArn ${values.join(', ')} matches every API`;
  }
  return undefined;
}

export default defineCheck({
  meta: {
    id: 'lambda-permission-source-arn',
    title: 'Lambda functions behind API Gateway name the API allowed to invoke them',
    family: 'exposure',
    severity: 'medium',
    resourceType: 'AWS::Lambda::Function',
    description:
      'For each Lambda function used as an integration or authorizer, its resource policy must ' +
      'let apigateway.amazonaws.com invoke it only with an aws:SourceArn condition naming the ' +
      'API (arn:aws:execute-api:REGION:ACCOUNT:API_ID/...). A permission with no SourceArn, or ' +
      'one whose SourceArn wildcards the API id, fails. Functions named through stage variables ' +
      'are skipped (the function cannot be known from configuration).',
    risk:
      'Without a SourceArn naming the API, any API Gateway API (in any account, when no account ' +
      'is named) can be configured to invoke the function: a confused deputy that bypasses the ' +
      'authorization of the intended API.',
    remediation: {
      text:
        'Remove the broad permission and add one whose source ARN names the API (and, ideally, ' +
        'the stage and method).',
      cli:
        'aws lambda add-permission --function-name <function-arn> --statement-id <id> ' +
        '--action lambda:InvokeFunction --principal apigateway.amazonaws.com ' +
        '--source-arn arn:aws:execute-api:<region>:<account-id>:<api-id>/*',
    },
    references: [
      {
        title: 'Lambda resource-based policies: granting function access to other AWS services',
        url: 'https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html',
      },
      {
        title: 'The confused deputy problem',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
      },
    ],
    reads: [
      'restApis',
      'restApi.resources',
      'restApi.authorizers',
      'v2Apis',
      'v2Api.integrations',
      'v2Api.authorizers',
      'lambdaPolicies',
    ],
    anchors: ['none (CloudMapper #336 open since 2019)'],
  },
  evaluate(ctx) {
    // functionArn -> where it was found (first region and the uses), per account.
    const found = new Map<
      string,
      { scope: RegionScope; usedBy: string[]; regions: RegionScope[] }
    >();
    const note = (scope: RegionScope, uri: string | undefined, use: string) => {
      const fn = lambdaFunctionArn(uri);
      if (!fn) return;
      const key = `${scope.accountId}|${fn}`;
      const entry = found.get(key) ?? { scope, usedBy: [], regions: [] };
      entry.usedBy.push(use);
      if (!entry.regions.some((r) => r.regionName === scope.regionName)) entry.regions.push(scope);
      found.set(key, entry);
    };
    for (const m of ctx.restMethods()) {
      note(m, m.method.methodIntegration?.uri, `${m.api.id} ${m.verb} ${m.resource.path}`);
    }
    for (const a of ctx.restAuthorizers()) {
      note(
        a,
        a.authorizer.authorizerUri,
        `${a.api.id} authorizer ${a.authorizer.name ?? a.authorizer.id}`,
      );
    }
    for (const i of ctx.v2Integrations()) {
      note(
        i,
        i.integration.IntegrationUri,
        `${i.api.ApiId} integration ${i.integration.IntegrationId}`,
      );
    }
    for (const a of ctx.v2Authorizers()) {
      note(
        a,
        a.authorizer.AuthorizerUri,
        `${a.api.ApiId} authorizer ${a.authorizer.Name ?? a.authorizer.AuthorizerId}`,
      );
    }
    for (const [key, entry] of [...found.entries()].sort(([x], [y]) => x.localeCompare(y))) {
      const fn = key.slice(key.indexOf('|') + 1);
      const resource = ref.lambdaFunction(entry.scope, fn);
      const snap = entry.regions
        .map((r) => r.region.lambdaPolicies?.[fn])
        .find((p) => p !== undefined);
      if (!snap) {
        // Cite the collection error of the region that referenced the function.
        ctx.error(
          { ...resource, accountId: entry.scope.accountId, region: entry.scope.regionName },
          'lambdaPolicies',
          fn,
        );
        continue;
      }
      const usedBy = entry.usedBy.slice(0, 20);
      if (snap.policy === null) {
        ctx.pass(
          resource,
          'The function has no resource policy: API Gateway can only invoke it with an integration role',
          {
            policy: null,
            usedBy,
          },
        );
        continue;
      }
      const parsed = parsePolicy(snap.policy);
      if (!parsed || !parsed.ok) {
        ctx.manual(resource, 'The function policy could not be parsed; read it by hand', {
          parseError: parsed && !parsed.ok ? parsed.error : 'empty policy',
          usedBy,
        });
        continue;
      }
      const weak = parsed.statements
        .map((st) => ({ st, why: weakness(st) }))
        .filter((x): x is { st: Statement; why: string } => x.why !== undefined);
      const apigwStatements = parsed.statements
        .filter(
          (st) =>
            st.effect === 'Allow' && (hasServicePrincipal(st, APIGW) || isAnyonePrincipal(st)),
        )
        .map((st) => ({
          statement: statementLabel(st),
          'aws:SourceArn': conditionsOn(st, 'aws:SourceArn').flatMap((c) => c.values),
        }));
      const evidence = { apiGatewayStatements: apigwStatements, usedBy };
      if (weak.length) {
        ctx.fail(
          resource,
          `API Gateway may invoke the function on behalf of any API: ${weak
            .map((w) => `${statementLabel(w.st)} has ${w.why}`)
            .join('; ')}`,
          { ...evidence, weakStatements: weak.map((w) => statementLabel(w.st)) },
        );
      } else {
        ctx.pass(resource, 'Every API Gateway permission names the API in aws:SourceArn', evidence);
      }
    }
  },
});
