import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'api-key-hygiene',
    title: 'Enabled API keys belong to a usage plan',
    family: 'throttling',
    severity: 'low',
    resourceType: 'AWS::ApiGateway::ApiKey',
    description:
      'An API key is only useful in a usage plan, which ties it to stages and limits it. An ' +
      'enabled key that is in no usage plan is a leftover: it should be deleted, disabled or ' +
      'added to a plan.',
    risk:
      'Forgotten enabled keys are credentials nobody tracks: if one is added to a plan later, or ' +
      'was handed out, it grants access that no one remembers giving.',
    remediation: {
      text: 'Delete or disable the key if nobody uses it; otherwise add it to the right usage plan.',
      cli:
        'aws apigateway update-api-key --api-key <api-key-id> ' +
        '--patch-operations op=replace,path=/enabled,value=false',
    },
    references: [
      {
        title: 'Usage plans and API keys for REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html',
      },
    ],
    reads: ['apiKeys', 'usagePlans'],
    anchors: [],
  },
  evaluate(ctx) {
    for (const k of ctx.apiKeys()) {
      const { key } = k;
      if (key.enabled !== true) continue;
      const resource = ref.apiKey(k, key);
      const plans = ctx.need(k.region.usagePlans, 'usagePlans', resource);
      if (!plans) continue;
      const inPlans = plans.filter((p) => p.keyIds?.includes(key.id));
      const unknown = plans.filter((p) => p.keyIds === undefined);
      const evidence = {
        enabled: key.enabled,
        usagePlans: inPlans.map((p) => p.name ?? p.id),
        stageKeys: key.stageKeys ?? [],
      };
      if (inPlans.length) {
        ctx.pass(
          resource,
          `The key is in usage plan(s) ${evidence.usagePlans.join(', ')}`,
          evidence,
        );
      } else if (unknown.length) {
        // The keys of some plans were not read: the key may be in one of them.
        ctx.error(resource, 'usagePlans', unknown[0]!.id);
      } else {
        ctx.fail(resource, 'The enabled key is in no usage plan', evidence);
      }
    }
  },
});
