import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';
import { accountLimits, limitsAboveAccount, restStageLimits } from '../src/snapshot/throttling.js';

export default defineCheck({
  meta: {
    id: 'stage-throttle-exceeds-account',
    title: 'REST stage and method throttling limits stay within the account-level limit',
    family: 'throttling',
    severity: 'info',
    resourceType: 'AWS::ApiGateway::Stage',
    description:
      'For each REST stage whose method settings carry throttling values, stage-wide ("*/*") ' +
      'and per method, compares the rate and burst limits with the account-level limit of the ' +
      'region (GetAccount throttleSettings). A limit above it has no effect: the account limit ' +
      'applies first.',
    risk:
      'A limit above the account limit looks like a protection but throttles nothing: the stage ' +
      'can still take the whole regional budget, and capacity planning based on it is wrong.',
    remediation: {
      text:
        'Lower the limit to what the stage or method should get, below the account-level limit ' +
        '(or ask AWS to raise the account limit if the stage really needs more).',
      cli:
        'aws apigateway update-stage --rest-api-id <rest-api-id> --stage-name <stage> ' +
        '--patch-operations op=replace,path=/*/*/throttling/rateLimit,value=<rps>',
    },
    references: [
      {
        title: 'Throttle requests to your REST APIs for better throughput in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html',
      },
    ],
    reads: ['account', 'restApis', 'restApi.stages'],
    anchors: [],
  },
  evaluate(ctx) {
    for (const s of ctx.restStages()) {
      const limits = restStageLimits(s.stage);
      if (limits.length === 0) continue;
      const resource = ref.restStage(s);
      const account = ctx.need(s.region.account, 'account', resource);
      if (!account) continue;
      const above = limits.filter((l) => limitsAboveAccount(l, accountLimits(account)));
      const evidence = {
        'account.throttleSettings': account.throttleSettings ?? null,
        limitsAboveAccount: above.map((l) => ({
          where: l.where,
          rateLimit: l.rateLimit ?? null,
          burstLimit: l.burstLimit ?? null,
        })),
      };
      if (above.length) {
        ctx.fail(
          resource,
          `Throttling above the account-level limit has no effect: ${above.map((l) => l.where).join(', ')}`,
          evidence,
        );
      } else {
        ctx.pass(resource, 'Every throttling limit is within the account-level limit', evidence);
      }
    }
  },
});
