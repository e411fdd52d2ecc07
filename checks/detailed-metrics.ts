import { defineCheck } from './lib/define.js';
import {
  DEFAULT_ROUTE,
  describeSetting,
  methodOverrides,
  stageWideSetting,
} from '../src/snapshot/method-settings.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'detailed-metrics',
    title: 'API stages publish detailed CloudWatch metrics',
    family: 'logging',
    severity: 'low',
    resourceType: 'AWS::ApiGateway::Stage',
    description:
      'Detailed metrics publish per-method (REST: metricsEnabled) or per-route (HTTP and ' +
      'WebSocket: DetailedMetricsEnabled) request counts, errors and latency to CloudWatch. They ' +
      'must be on stage-wide, and no method or route may turn them off.',
    risk:
      'With only API-level metrics, an attack or an outage on one method or route is averaged ' +
      'away: alarms stay quiet and the affected operation cannot be identified.',
    remediation: {
      text:
        'Turn detailed metrics on for the stage (REST: the "*/*" metrics setting; HTTP and ' +
        'WebSocket: DefaultRouteSettings.DetailedMetricsEnabled).',
      cli:
        'aws apigateway update-stage --rest-api-id <rest-api-id> --stage-name <stage> ' +
        '--patch-operations op=replace,path=/*/*/metrics/enabled,value=true',
    },
    references: [
      {
        title: 'Amazon API Gateway dimensions and metrics',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html',
      },
      {
        title: 'Monitor CloudWatch metrics for HTTP APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html',
      },
    ],
    reads: ['restApis', 'restApi.stages', 'v2Apis', 'v2Api.stages'],
    anchors: ['CloudSploit'],
  },
  evaluate(ctx) {
    for (const s of ctx.restStages()) {
      const stageWide = stageWideSetting(s.stage)?.metricsEnabled;
      const off = methodOverrides(s.stage)
        .filter((o) => o.setting.metricsEnabled === false)
        .map(describeSetting);
      const evidence = {
        'methodSettings["*/*"].metricsEnabled': stageWide ?? null,
        methodsWithMetricsOff: off,
      };
      if (stageWide !== true) {
        ctx.fail(ref.restStage(s), 'Detailed metrics are off for the stage', evidence);
      } else if (off.length) {
        ctx.fail(
          ref.restStage(s),
          `Detailed metrics are turned off for ${off.length} method(s): ${off.join(', ')}`,
          evidence,
        );
      } else {
        ctx.pass(ref.restStage(s), 'Detailed metrics are on for every method', evidence);
      }
    }
    for (const s of ctx.v2Stages()) {
      const stageWide = s.stage.DefaultRouteSettings?.DetailedMetricsEnabled;
      const off = Object.entries(s.stage.RouteSettings ?? {})
        .filter(([, r]) => r.DetailedMetricsEnabled === false)
        .map(([key]) => key)
        .sort();
      const evidence = {
        [`${DEFAULT_ROUTE}.DetailedMetricsEnabled`]: stageWide ?? null,
        routesWithMetricsOff: off,
      };
      if (stageWide !== true) {
        ctx.fail(ref.v2Stage(s), 'Detailed metrics are off for the stage', evidence);
      } else if (off.length) {
        ctx.fail(
          ref.v2Stage(s),
          `Detailed metrics are turned off for ${off.length} route(s): ${off.join(', ')}`,
          evidence,
        );
      } else {
        ctx.pass(ref.v2Stage(s), 'Detailed metrics are on for every route', evidence);
      }
    }
  },
});
