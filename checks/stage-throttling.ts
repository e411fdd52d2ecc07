import type { ResourceRef } from '../src/engine/types.js';
import type { CheckContext, RegionScope } from './lib/context.js';
import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';
import {
  accountLimits,
  limitsBelowAccount,
  restStageLimits,
  usagePlanLimits,
  v2StageLimits,
  type LimitEntry,
} from '../src/snapshot/throttling.js';

const show = (e: LimitEntry) => ({
  where: e.where,
  rateLimit: e.rateLimit ?? null,
  burstLimit: e.burstLimit ?? null,
});

/**
 * PASS when one of `candidates` is below the account limit. Returns false when it recorded
 * nothing because no candidate counts (the caller goes on), true when it recorded a result.
 */
function passIfBelowAccount(
  ctx: CheckContext,
  scope: RegionScope,
  resource: ResourceRef,
  candidates: LimitEntry[],
  evidence: Record<string, unknown>,
): boolean {
  if (candidates.length === 0) return false;
  const account = ctx.need(scope.region.account, 'account', resource);
  if (!account) return true;
  const limits = accountLimits(account);
  evidence['account.throttleSettings'] = account.throttleSettings ?? null;
  const effective = candidates.filter((c) => limitsBelowAccount(c, limits));
  if (effective.length === 0) return false;
  evidence.effectiveLimits = effective.map(show);
  ctx.pass(
    resource,
    `Throttled below the account limit by ${effective.map((e) => e.where).join(', ')}`,
    evidence,
  );
  return true;
}

export default defineCheck({
  meta: {
    id: 'stage-throttling',
    title: 'API stages set throttling limits below the account-level limit',
    family: 'throttling',
    severity: 'low',
    resourceType: 'AWS::ApiGateway::Stage',
    description:
      'A stage must carry a rate or burst limit below the account-level limit of its region: ' +
      'stage-wide or per method (REST method settings), per route (HTTP and WebSocket ' +
      'DefaultRouteSettings or RouteSettings), or (REST) through a usage plan with a throttle ' +
      'that includes the stage. A limit equal to or above the account limit ' +
      '(GetAccount throttleSettings) counts as none: method settings show such values by default.',
    risk:
      'Every API of an account in a region shares one request budget (by default 10,000 requests ' +
      'per second with a burst of 5,000). One unthrottled API, flooded by a client or an attacker, ' +
      'can use it all up and get every other API of the region throttled.',
    remediation: {
      text:
        'Set stage-wide throttling to what the API needs (REST: the "*/*" throttling settings; ' +
        'HTTP and WebSocket: DefaultRouteSettings), or attach a usage plan with a throttle.',
      cli:
        'aws apigateway update-stage --rest-api-id <rest-api-id> --stage-name <stage> ' +
        '--patch-operations op=replace,path=/*/*/throttling/rateLimit,value=<rps> ' +
        'op=replace,path=/*/*/throttling/burstLimit,value=<burst>',
    },
    references: [
      {
        title: 'Throttle requests to your REST APIs for better throughput in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html',
      },
      {
        title: 'Throttle requests to your HTTP APIs for better throughput in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html',
      },
    ],
    reads: ['account', 'restApis', 'restApi.stages', 'usagePlans', 'v2Apis', 'v2Api.stages'],
    anchors: ['cdk-nag serverless', 'Prowler request #12629'],
  },
  evaluate(ctx) {
    for (const s of ctx.restStages()) {
      const resource = ref.restStage(s);
      const stageLimits = restStageLimits(s.stage);
      const evidence: Record<string, unknown> = { methodSettingsThrottling: stageLimits.map(show) };
      if (passIfBelowAccount(ctx, s, resource, stageLimits, evidence)) continue;
      const plans = ctx.need(s.region.usagePlans, 'usagePlans', resource);
      if (!plans) continue;
      const planLimits = usagePlanLimits(plans, s.api.id, s.stage.stageName);
      evidence.usagePlanThrottling = planLimits.map(show);
      if (passIfBelowAccount(ctx, s, resource, planLimits, evidence)) continue;
      ctx.fail(
        resource,
        'No stage, method or usage plan throttle below the account-level limit',
        evidence,
      );
    }
    for (const s of ctx.v2Stages()) {
      const resource = ref.v2Stage(s);
      const limits = v2StageLimits(s.stage);
      const evidence: Record<string, unknown> = { routeSettingsThrottling: limits.map(show) };
      if (passIfBelowAccount(ctx, s, resource, limits, evidence)) continue;
      ctx.fail(resource, 'No stage or route throttle below the account-level limit', evidence);
    }
  },
});
