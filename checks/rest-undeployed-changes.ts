import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';
import {
  diffDraft,
  draftMethodSnapshots,
  draftRouteAuthorization,
  restServings,
  routeAuthorization,
  v2Servings,
  type DraftDiff,
} from '../src/snapshot/deployed.js';

function summary(d: DraftDiff): string {
  const parts = [
    d.added.length ? `${d.added.length} added (${d.added.join(', ')})` : '',
    d.removed.length ? `${d.removed.length} removed (${d.removed.join(', ')})` : '',
    d.changed.length
      ? `${d.changed.length} with different authorization (${d.changed.map((c) => c.key).join(', ')})`
      : '',
  ];
  return parts.filter(Boolean).join('; ');
}

const differs = (d: DraftDiff) => d.added.length + d.removed.length + d.changed.length > 0;

export default defineCheck({
  meta: {
    id: 'rest-undeployed-changes',
    title: 'Stages serve the API as its draft describes it',
    family: 'auth',
    severity: 'low',
    resourceType: 'AWS::ApiGateway::Stage',
    description:
      'A REST stage serves a deployment, a snapshot of the API taken when it was deployed, and ' +
      'an HTTP API stage that does not auto-deploy serves its last deployment, while the console ' +
      'and GetResources show the draft. The check compares each stage with the draft: methods or ' +
      'routes added to the draft and not deployed, deployed ones since removed from it, and ones ' +
      'whose authorization (or REST API key requirement) differs, and lists them.',
    appliesTo:
      "REST stage (its own deployment; a canary's deployment is judged by the authorization " +
      'checks); HTTP API stage that does not auto-deploy (from its export).',
    failWhen:
      'The draft has a method or route the stage does not serve, the stage serves one the draft ' +
      'no longer has, or the authorization type or API key requirement differs between them.',
    risk:
      'A fix that is not deployed is not a fix: a method whose authorization was tightened in the ' +
      'draft still answers anyone on the stage until it is redeployed, and a review of the draft ' +
      'misses what callers really meet. Removed methods keep answering, too.',
    notFlagged:
      'HTTP API stages that auto-deploy and WebSocket APIs (no export); differences in ' +
      'integrations and settings, which a deployment summary does not carry.',
    remediation: {
      text:
        'Review the differences, then deploy the draft to the stage (or revert the draft if the ' +
        'stage is right).',
      cli: 'aws apigateway create-deployment --rest-api-id <rest-api-id> --stage-name <stage>',
    },
    references: [
      {
        title: 'Deploy REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-deploy-api.html',
      },
      {
        title: 'Deploy HTTP APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html',
      },
    ],
    reads: [
      'restApis',
      'restApi.resources',
      'restApi.stages',
      'restApi.deployments',
      'v2Apis',
      'v2Api.routes',
      'v2Api.stages',
      'v2Api.exports',
    ],
    anchors: [],
  },
  evaluate(ctx) {
    for (const a of ctx.restApis()) {
      const api = a.api;
      const stages = ctx.need(api.stages, 'restApi.stages', ref.restApi(a), api.id);
      if (!stages) continue;
      if (!ctx.need(api.resources, 'restApi.resources', ref.restApi(a), api.id)) continue;
      const deployments = ctx.need(api.deployments, 'restApi.deployments', ref.restApi(a), api.id);
      if (!deployments) continue;
      const draft = draftMethodSnapshots(api);
      for (const serving of restServings(api)) {
        if (serving.canary) continue;
        const stage = stages.find((s) => s.stageName === serving.stageName)!;
        const r = ref.restStage({ ...a, stage });
        if (!serving.methods) {
          ctx.error(r, 'restApi.deployments', `${api.id}/${serving.deploymentId}`);
          continue;
        }
        const diff = diffDraft(draft, serving.methods);
        const deployment = deployments.find((d) => d.id === serving.deploymentId);
        const evidence = {
          deploymentId: serving.deploymentId ?? null,
          'deployment.createdDate': deployment?.createdDate ?? null,
          ...diff,
        };
        if (differs(diff)) {
          ctx.fail(r, `The stage does not serve the draft: ${summary(diff)}`, evidence);
        } else {
          ctx.pass(r, 'The stage serves the methods and authorization of the draft', evidence);
        }
      }
    }
    for (const a of ctx.v2Apis('HTTP')) {
      const api = a.api;
      const stages = ctx.need(api.stages, 'v2Api.stages', ref.v2Api(a), api.ApiId);
      if (!stages) continue;
      if (!ctx.need(api.routes, 'v2Api.routes', ref.v2Api(a), api.ApiId)) continue;
      if (!ctx.need(api.exports, 'v2Api.exports', ref.v2Api(a), api.ApiId)) continue;
      const draft = draftRouteAuthorization(api);
      for (const serving of v2Servings(api)) {
        if (serving.source === 'draft') continue;
        const stage = stages.find((s) => s.StageName === serving.stageName)!;
        const r = ref.v2Stage({ ...a, stage });
        if (!serving.routes) {
          ctx.error(r, 'v2Api.exports', `${api.ApiId}/${serving.stageName}`);
          continue;
        }
        const diff = diffDraft(draft, routeAuthorization(serving.routes));
        const evidence = { DeploymentId: stage.DeploymentId ?? null, ...diff };
        if (differs(diff)) {
          ctx.fail(r, `The stage does not serve the draft: ${summary(diff)}`, evidence);
        } else {
          ctx.pass(r, 'The stage serves the routes and authorization of the draft', evidence);
        }
      }
    }
  },
});
