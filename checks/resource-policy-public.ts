import { defineCheck } from './lib/define.js';
import { judgeAllow, type ClauseJudgement } from './lib/conditions.js';
import {
  INVOKE,
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
      'Principal "*" or {"AWS": "*"} with no condition that narrows who can call, and no Deny ' +
      'confines it. Conditions narrow when they test where the call comes from or who makes it ' +
      '(aws:SourceIp, aws:SourceVpce, aws:SourceVpc, aws:PrincipalOrgID, aws:PrincipalAccount, ' +
      'aws:PrincipalArn...) with a positive operator and a value that is not a wildcard; a value ' +
      'the caller sets (aws:UserAgent, aws:Referer, request tags), one every caller meets ' +
      '(aws:SecureTransport, time windows, 0.0.0.0/0), a negated test, IfExists or ' +
      'ForAllValues (a caller without the key passes) and Null narrow nothing. An Allow to a ' +
      'principal of another account, or a public Allow with conditions it cannot judge, is ' +
      'MANUAL: a person must confirm it is intended.',
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
      'Statements limited by IpAddress (aws:SourceIp), aws:SourceVpce, aws:SourceVpc, aws:PrincipalOrgID or other conditions that narrow who can call.',
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
      const denyAll = parsed.statements.some((s) => isDenyAllOthers(s));
      const allows = parsed.statements.filter(isInvokeAllow);
      const open = allows.filter((s) => isAnyonePrincipal(s) && !denyAll);
      const judged = open.map((s) => ({ s, j: judgeAllow(s) }));
      const publicNoCondition = judged
        .filter(({ j }) => j.judgement === 'nothing')
        .map(({ s }) => statementLabel(s));
      const publicOtherCondition = judged
        .filter(({ j }) => j.judgement === 'unjudged')
        .map(({ s }) => statementLabel(s));
      // Why conditions on a public Allow do not count: each clause that narrows nothing, and why.
      const ineffective: Array<ClauseJudgement & { statement: string }> = judged
        .filter(({ j }) => j.judgement === 'nothing')
        .flatMap(({ s, j }) => j.clauses.map((c) => ({ statement: statementLabel(s), ...c })));
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
        conditionsThatNarrowNothing: ineffective,
        otherAccountPrincipals: crossAccount,
        denyLimitsCallers: denyAll,
        allowsCoverWholeApi: allows.some((s) => coversWholeApi(s.resources)),
      };
      if (publicNoCondition.length) {
        ctx.fail(
          ref.restApi(a),
          `Statement(s) ${publicNoCondition.join(', ')} allow anyone to invoke the API with no condition` +
            (ineffective.length
              ? ` that narrows who can call (${ineffective.map((c) => `${c.clause}: ${c.reason}`).join('; ')})`
              : ''),
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
