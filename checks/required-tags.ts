import type { ResourceRef } from '../src/engine/types.js';
import type { CheckContext } from './lib/context.js';
import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';
import { missingTags } from './lib/tags.js';

function judge(
  ctx: CheckContext,
  resource: ResourceRef,
  tags: Record<string, string> | undefined,
  field: string,
): void {
  const missing = missingTags(tags, ctx.config.requiredTags);
  const evidence = { [field]: Object.keys(tags ?? {}).sort(), missingTags: missing };
  if (missing.length) {
    ctx.fail(resource, `Missing required tag(s): ${missing.join(', ')}`, evidence);
  } else {
    ctx.pass(resource, 'Every required tag is present', evidence);
  }
}

/**
 * An API whose stages were not collected: the walkers would put an ERROR on the API itself,
 * which would give it two results. It gets one: FAIL when its own tags already fail (the
 * stages are named as not assessed), ERROR otherwise. A FAIL on the API says nothing of its
 * stages, so they get an ERROR of their own, on a stand-in for the missing stage listing.
 */
function judgeApiWithoutStages(
  ctx: CheckContext,
  resource: ResourceRef,
  stages: ResourceRef,
  tags: Record<string, string> | undefined,
  field: string,
  slice: 'restApi.stages' | 'v2Api.stages',
  apiId: string,
): void {
  const missing = missingTags(tags, ctx.config.requiredTags);
  if (missing.length === 0) {
    ctx.error(resource, slice, apiId);
    return;
  }
  ctx.fail(resource, `Missing required tag(s): ${missing.join(', ')} (stages not assessed)`, {
    [field]: Object.keys(tags ?? {}).sort(),
    missingTags: missing,
    stagesNotCollected: slice,
  });
  ctx.error(stages, slice, apiId);
}

export default defineCheck({
  meta: {
    id: 'required-tags',
    title: 'APIs and stages carry the required tags',
    family: 'data',
    severity: 'low',
    resourceType: 'AWS::ApiGateway::Stage',
    description:
      'Only when the configuration lists requiredTags: every REST API, HTTP or WebSocket API, ' +
      'and each of their stages must carry each listed tag key (keys are case-sensitive; values ' +
      'are not checked). The evidence lists tag keys only.',
    risk:
      'Untagged APIs have no known owner, environment or data classification: they are missed ' +
      'by cost, access and incident processes, and nobody answers for them when they are exposed.',
    remediation: {
      text: 'Add the missing tags to the API or stage.',
      cli: 'aws apigateway tag-resource --resource-arn <resource-arn> --tags <key>=<value>',
    },
    references: [
      {
        title: 'Tagging your API Gateway resources',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-tagging.html',
      },
    ],
    reads: ['restApis', 'restApi.stages', 'v2Apis', 'v2Api.stages'],
    anchors: ['Config api-gw-stage-tagged'],
    notFlagged: 'Anything, when requiredTags is empty (the default).',
  },
  evaluate(ctx) {
    if (ctx.config.requiredTags.length === 0) return;
    for (const a of ctx.restApis()) {
      if (!a.api.stages) {
        judgeApiWithoutStages(
          ctx,
          ref.restApi(a),
          ref.restStageListing(a),
          a.api.tags,
          'tags',
          'restApi.stages',
          a.api.id,
        );
        continue;
      }
      judge(ctx, ref.restApi(a), a.api.tags, 'tags');
      for (const stage of a.api.stages) {
        judge(ctx, ref.restStage({ ...a, stage }), stage.tags, 'tags');
      }
    }
    for (const a of ctx.v2Apis()) {
      if (!a.api.stages) {
        judgeApiWithoutStages(
          ctx,
          ref.v2Api(a),
          ref.v2StageListing(a),
          a.api.Tags,
          'Tags',
          'v2Api.stages',
          a.api.ApiId,
        );
        continue;
      }
      judge(ctx, ref.v2Api(a), a.api.Tags, 'Tags');
      for (const stage of a.api.stages) {
        judge(ctx, ref.v2Stage({ ...a, stage }), stage.Tags, 'Tags');
      }
    }
  },
});
