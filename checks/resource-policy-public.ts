import { defineCheck } from './lib/define.js';
import {
  INVOKE,
  LIMITING_KEYS,
  coversWholeApi,
  isDenyAllOthers,
  isInvokeAllow,
  restEndpointTypes,
} from './lib/auth.js';
import { isAnyonePrincipal, parsePolicy, principalAccount, statementLabel } from './lib/policy.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'resource-policy-public',
    title: 'REST API resource policies do not open the API to everyone',
    family: 'exposure',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::RestApi',
    description:
      `A REST API resource policy fails when an Allow for ${INVOKE} (or a wildcard action) names ` +
      'Principal "*" or {"AWS": "*"} with no Condition and no Deny confines it. Statements ' +
      'limited by aws:SourceIp, aws:SourceVpce, aws:SourceVpc, aws:PrincipalOrgID or ' +
      'aws:PrincipalAccount are not flagged. An Allow to a principal of another account, or a public ' +
      'Allow with other conditions, is MANUAL: a person must confirm it is intended.',
    risk:
      'A public Allow with no condition states that anyone may invoke the API: for an API that ' +
      'relies on its resource policy (IAM authorization, private APIs), that removes the only gate.',
    remediation: {
      text:
        'Limit the Allow with a condition (source IP ranges, VPC endpoints, organization ID) or name ' +
        'the principals that may invoke the API, then redeploy.',
      cli:
        'aws apigateway update-rest-api --rest-api-id <rest-api-id> --patch-operations ' +
        'op=replace,path=/policy,value=<restricted-policy-json>',
    },
    references: [
      {
        title: 'Control access to a REST API with API Gateway resource policies',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html',
      },
      {
        title: 'API Gateway resource policy examples',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html',
      },
    ],
    reads: ['restApis'],
    anchors: ['Cloud Custodian cross-account'],
    notFlagged:
      'Statements limited by IpAddress (aws:SourceIp), aws:SourceVpce, aws:SourceVpc or aws:PrincipalOrgID conditions.',
  },
  evaluate(ctx) {
    for (const a of ctx.restApis()) {
      const parsed = parsePolicy(a.api.policy);
      if (!parsed) continue;
      const base = { 'endpointConfiguration.types': restEndpointTypes(a.api) };
      if (!parsed.ok) {
        ctx.manual(
          ref.restApi(a),
          `The resource policy could not be parsed (${parsed.error}); read it by hand`,
          {
            ...base,
            parseError: parsed.error,
          },
        );
        continue;
      }
      const denyAll = parsed.statements.some((s) => isDenyAllOthers(s, LIMITING_KEYS));
      const allows = parsed.statements.filter(isInvokeAllow);
      const limited = (s: (typeof allows)[number]) =>
        s.conditions.some((c) => LIMITING_KEYS.includes(c.key));
      const publicNoCondition = allows
        .filter((s) => isAnyonePrincipal(s) && s.conditions.length === 0 && !denyAll)
        .map(statementLabel);
      const publicOtherCondition = allows
        .filter((s) => isAnyonePrincipal(s) && s.conditions.length > 0 && !limited(s) && !denyAll)
        .map(statementLabel);
      const crossAccount = [
        ...new Set(
          allows
            .flatMap((s) => s.principal?.aws ?? [])
            .map((p) => principalAccount(p) ?? p)
            .filter((acct) => acct !== a.accountId),
        ),
      ];
      const evidence = {
        ...base,
        publicAllowsWithoutCondition: publicNoCondition,
        publicAllowsWithOtherConditions: publicOtherCondition,
        otherAccountPrincipals: crossAccount,
        denyLimitsCallers: denyAll,
        allowsCoverWholeApi: allows.some((s) => coversWholeApi(s.resources)),
      };
      if (publicNoCondition.length) {
        ctx.fail(
          ref.restApi(a),
          `Statement(s) ${publicNoCondition.join(', ')} allow anyone to invoke the API with no condition`,
          evidence,
        );
      } else if (publicOtherCondition.length || crossAccount.length) {
        const parts = [];
        if (publicOtherCondition.length)
          parts.push(
            `public statement(s) ${publicOtherCondition.join(', ')} are limited only by conditions this check cannot judge`,
          );
        if (crossAccount.length)
          parts.push(`principals of other accounts may invoke it (${crossAccount.join(', ')})`);
        ctx.manual(ref.restApi(a), `Confirm the policy is intended: ${parts.join('; ')}`, evidence);
      } else {
        ctx.pass(
          ref.restApi(a),
          'The resource policy does not allow unconditional public invocation',
          evidence,
        );
      }
    }
  },
});
