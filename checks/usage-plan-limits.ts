import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';
import { hasLimit } from '../src/snapshot/throttling.js';

export default defineCheck({
  meta: {
    id: 'usage-plan-limits',
    title: 'Usage plans set both a throttle and a quota',
    family: 'throttling',
    severity: 'low',
    resourceType: 'AWS::ApiGateway::UsagePlan',
    description:
      'A usage plan limits what each API key in it may use: a throttle (rate and burst per ' +
      'second) and a quota (requests per day, week or month). A plan must set both a plan-wide ' +
      'throttle and a quota.',
    risk:
      'A plan without a throttle lets one key flood the API; a plan without a quota lets one key ' +
      'scrape or run up cost without bound. A leaked key is then limited only by the account.',
    remediation: {
      text: 'Set a throttle and a quota on the usage plan that match what a client should use.',
      cli:
        'aws apigateway update-usage-plan --usage-plan-id <usage-plan-id> --patch-operations ' +
        'op=replace,path=/throttle/rateLimit,value=<rps> op=replace,path=/throttle/burstLimit,value=<burst> ' +
        'op=replace,path=/quota/limit,value=<requests> op=replace,path=/quota/period,value=DAY',
    },
    references: [
      {
        title: 'Usage plans and API keys for REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html',
      },
    ],
    reads: ['usagePlans'],
    anchors: [],
  },
  evaluate(ctx) {
    for (const u of ctx.usagePlans()) {
      const { plan } = u;
      const throttle = plan.throttle && hasLimit(plan.throttle);
      const quota = typeof plan.quota?.limit === 'number' && plan.quota.limit >= 0;
      const evidence = {
        throttle: plan.throttle && Object.keys(plan.throttle).length ? plan.throttle : null,
        quota: plan.quota && Object.keys(plan.quota).length ? plan.quota : null,
      };
      const lacks = [...(throttle ? [] : ['throttle']), ...(quota ? [] : ['quota'])];
      if (lacks.length) {
        ctx.fail(
          ref.usagePlan(u, plan),
          `The usage plan has no ${lacks.join(' and no ')}`,
          evidence,
        );
      } else {
        ctx.pass(ref.usagePlan(u, plan), 'The usage plan sets a throttle and a quota', evidence);
      }
    }
  },
});
