import { defineCheck } from './lib/define.js';
import { assessVpcePolicy, isPrivateRestApi } from './lib/auth.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'private-api-vpce-policy',
    title: 'PRIVATE REST APIs confine callers to given VPC endpoints or VPCs',
    family: 'exposure',
    severity: 'high',
    resourceType: 'AWS::ApiGateway::RestApi',
    description:
      'A PRIVATE REST API is reached through execute-api interface VPC endpoints, in any VPC of ' +
      'any account that its resource policy allows. The policy must confine invocation with ' +
      'aws:SourceVpce or aws:SourceVpc: every Allow for execute-api:Invoke carries such a ' +
      'condition, or a Deny for everyone else (StringNotEquals on those keys) covers the API. ' +
      'Only a test that names endpoints or VPCs counts: IfExists, ForAllValues, Null, a negated ' +
      'test in an Allow and a pattern such as "vpce-*" admit callers of any VPC, and a Deny that ' +
      'another clause (aws:UserAgent, an account) lets a caller step around confines nothing.',
    risk:
      'An Allow with no VPC endpoint or VPC condition lets callers from any VPC endpoint, ' +
      'including endpoints in other accounts, invoke the "private" API; without a policy the API ' +
      'cannot be invoked at all, a sign the intended restriction was never written.',
    remediation: {
      text:
        'Write a resource policy that allows execute-api:Invoke only when aws:SourceVpce equals your ' +
        'endpoint IDs (or denies every other endpoint), then redeploy the API.',
      cli:
        'aws apigateway update-rest-api --rest-api-id <rest-api-id> --patch-operations ' +
        'op=replace,path=/policy,value=<policy-json-with-aws:SourceVpce-condition>',
    },
    references: [
      {
        title: 'Private REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html',
      },
      {
        title: 'Example: Allow private API traffic based on source VPC or VPC endpoint',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html',
      },
    ],
    reads: ['restApis'],
    anchors: ['seed note'],
  },
  evaluate(ctx) {
    for (const a of ctx.restApis()) {
      if (!isPrivateRestApi(a.api)) continue;
      const v = assessVpcePolicy(a.api);
      const evidence: Record<string, unknown> = {
        'endpointConfiguration.types': a.api.endpointConfiguration?.types ?? [],
        'endpointConfiguration.vpcEndpointIds': a.api.endpointConfiguration?.vpcEndpointIds ?? [],
        policy: v.state === 'none' ? null : 'present',
        allowsLimitedByVpce: v.limitedAllows,
        allowsNotLimitedByVpce: v.unlimitedAllows,
        denyAllOtherVpces: v.denyAllOthers,
      };
      switch (v.state) {
        case 'none':
          ctx.fail(ref.restApi(a), 'The PRIVATE API has no resource policy', evidence);
          break;
        case 'unparsable':
          ctx.manual(
            ref.restApi(a),
            `The resource policy could not be parsed (${v.error}); read it by hand`,
            {
              ...evidence,
              parseError: v.error,
            },
          );
          break;
        case 'limited':
          ctx.pass(
            ref.restApi(a),
            'Invocation is confined to given VPC endpoints or VPCs',
            evidence,
          );
          break;
        default:
          ctx.fail(
            ref.restApi(a),
            v.unlimitedAllows.length
              ? `Allow statement(s) ${v.unlimitedAllows.join(', ')} are not limited by aws:SourceVpce or aws:SourceVpc, and no Deny covers other endpoints`
              : 'The resource policy allows no invocation limited by aws:SourceVpce or aws:SourceVpc',
            evidence,
          );
      }
    }
  },
});
