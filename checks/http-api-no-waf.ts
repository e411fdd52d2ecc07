import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'http-api-no-waf',
    title: 'HTTP APIs that need a web application firewall sit behind CloudFront with AWS WAF',
    family: 'exposure',
    severity: 'info',
    resourceType: 'AWS::ApiGatewayV2::Api',
    description:
      'AWS WAF cannot be associated with an HTTP API: only REST API stages, among API Gateway ' +
      'resources, accept a web ACL. Each HTTP API with at least one stage is listed for review ' +
      '(MANUAL): whether a CloudFront distribution with a web ACL fronts it, and whether the ' +
      'execute-api endpoint is disabled so the distribution cannot be bypassed, is not visible ' +
      'from API Gateway.',
    risk:
      'An HTTP API with no firewall in front receives injection payloads, known bad inputs and ' +
      'request floods unfiltered, and offers no quick way to block an abusive client.',
    remediation: {
      text:
        'Put a CloudFront distribution with a CLOUDFRONT-scope web ACL in front of the API (origin: ' +
        'a custom domain or the execute-api endpoint), let the API accept only requests from it ' +
        '(for example a secret header checked by an authorizer), or move the API to a REST API ' +
        'with a regional web ACL.',
      cli:
        'aws cloudfront update-distribution --id <distribution-id> --if-match <etag> ' +
        '--distribution-config file://<distribution-config-with-WebACLId>.json',
    },
    references: [
      {
        title: 'Choose between REST APIs and HTTP APIs',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html',
      },
      {
        title: 'Use AWS WAF protections (Amazon CloudFront)',
        url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-web-awswaf.html',
      },
    ],
    reads: ['v2Apis', 'v2Api.stages'],
    anchors: [],
  },
  evaluate(ctx) {
    for (const a of ctx.v2Apis('HTTP')) {
      const stages = ctx.need(a.api.stages, 'v2Api.stages', ref.v2Api(a), a.api.ApiId);
      if (!stages?.length) continue;
      ctx.manual(
        ref.v2Api(a),
        'AWS WAF cannot protect an HTTP API directly: check that a CloudFront distribution with a ' +
          'web ACL fronts it and that the execute-api endpoint cannot be used to bypass it',
        {
          stages: stages.map((s) => s.StageName).sort(),
          ApiEndpoint: a.api.ApiEndpoint ?? null,
          DisableExecuteApiEndpoint: a.api.DisableExecuteApiEndpoint ?? false,
        },
      );
    }
  },
});
