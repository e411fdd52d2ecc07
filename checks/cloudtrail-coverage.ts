import { defineCheck } from './lib/define.js';
import { trailVerdict } from './lib/logging.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'cloudtrail-coverage',
    title: 'A logging CloudTrail trail records management events in every region with APIs',
    family: 'logging',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::Account',
    description:
      'Every API Gateway configuration change (new stages, deleted authorizers, changed ' +
      'resource policies) is a management event. Each account and region holding an API must be ' +
      'covered by a trail that is logging (GetTrailStatus IsLogging), spans the region ' +
      '(multi-region, or home region = the region) and records management write events (classic ' +
      'selectors with IncludeManagementEvents and ReadWriteType All or WriteOnly, or an advanced ' +
      'selector on eventCategory Management). Organization trails count.',
    risk:
      'Without a trail, who opened an API to the internet, removed its authorizer or attached a ' +
      'permissive resource policy cannot be established, and such changes raise no alert.',
    remediation: {
      text:
        'Create a multi-region trail that records management events (or extend an existing ' +
        'trail to all regions) and start logging on it.',
      cli:
        'aws cloudtrail create-trail --name <trail-name> --s3-bucket-name <bucket> ' +
        '--is-multi-region-trail',
    },
    references: [
      {
        title: 'Logging Amazon API Gateway API calls using AWS CloudTrail',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/cloudtrail.html',
      },
      {
        title: 'Logging management events',
        url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html',
      },
    ],
    reads: ['restApis', 'v2Apis', 'trails', 'trail.status', 'trail.eventSelectors'],
    anchors: ['seed note'],
  },
  evaluate(ctx) {
    for (const r of ctx.regions()) {
      const resource = ref.region(r);
      const rest = r.region.restApis;
      const v2 = r.region.v2Apis;
      const apis = (rest?.length ?? 0) + (v2?.length ?? 0);
      if (apis === 0) {
        // Holds no API, unless a listing that failed would have shown one.
        if (!rest) ctx.error(resource, 'restApis');
        else if (!v2) ctx.error(resource, 'v2Apis');
        continue;
      }
      const trails = ctx.need(r.region.trails, 'trails', resource);
      if (!trails) continue;
      const verdicts = trails.map((t) => ({ trail: t, verdict: trailVerdict(t, r.regionName) }));
      const evidence = {
        apis,
        trails: verdicts.map(({ trail, verdict }) => ({
          Name: trail.Name ?? trail.TrailARN ?? null,
          HomeRegion: trail.HomeRegion ?? null,
          IsMultiRegionTrail: trail.IsMultiRegionTrail ?? null,
          IsOrganizationTrail: trail.IsOrganizationTrail ?? null,
          IsLogging: trail.status?.IsLogging ?? null,
          covers: verdict.covers,
          reason: verdict.reason,
        })),
      };
      const covering = verdicts.find((v) => v.verdict.covers === true);
      if (covering) {
        ctx.pass(
          resource,
          `Trail ${covering.trail.Name ?? covering.trail.TrailARN} records management events here`,
          evidence,
        );
        continue;
      }
      const unknown = verdicts.find((v) => v.verdict.covers === 'unknown');
      if (unknown && unknown.verdict.covers === 'unknown') {
        ctx.error(resource, unknown.verdict.missing, unknown.trail.TrailARN ?? unknown.trail.Name);
        continue;
      }
      ctx.fail(
        resource,
        trails.length
          ? 'No trail that is logging and records management events covers this region'
          : 'No CloudTrail trail covers this region',
        evidence,
      );
    }
  },
});
