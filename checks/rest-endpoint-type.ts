import type { CheckConfig } from '../src/config/types.js';
import type { RestApi } from '../src/snapshot/types.js';
import { matchesStarPattern } from '../src/util/glob.js';
import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';

/** The first expectPrivate rule the API matches ("tag team=internal", "name internal-*"). */
function expectPrivateMatch(api: RestApi, rule: CheckConfig['expectPrivate']): string | undefined {
  for (const [key, value] of Object.entries(rule.tags).sort(([a], [b]) => a.localeCompare(b))) {
    if (api.tags?.[key] === value) return `tag ${key}=${value}`;
  }
  const name = api.name ?? api.id;
  for (const pattern of rule.namePatterns) {
    if (matchesStarPattern(pattern, name)) return `name ${pattern}`;
  }
  return undefined;
}

export default defineCheck({
  meta: {
    id: 'rest-endpoint-type',
    title: 'REST APIs that must stay inside the network use a PRIVATE endpoint',
    family: 'exposure',
    severity: 'high',
    resourceType: 'AWS::ApiGateway::RestApi',
    description:
      'An EDGE or REGIONAL REST API is reachable from the internet; a PRIVATE one only through an ' +
      'interface VPC endpoint. Every internet-facing API is reported at severity info so the ' +
      'exposure is on record; an API that matches the expectPrivate rule of the configuration ' +
      '(a tag key=value, or a name pattern with * wildcards) but is not PRIVATE is high.',
    risk:
      'An internal API published on the internet can be reached, probed and brute-forced by anyone; ' +
      'its authorization becomes the only barrier, and the attack surface grows without anyone ' +
      'having chosen it.',
    remediation: {
      text:
        'Switch APIs that serve only internal callers to the PRIVATE endpoint type, attach a ' +
        'resource policy that limits them to your VPC endpoints, and redeploy. For APIs that are ' +
        'meant to be public, nothing needs to change.',
      cli:
        'aws apigateway update-rest-api --rest-api-id <rest-api-id> --patch-operations ' +
        'op=replace,path=/endpointConfiguration/types/<EDGE|REGIONAL>,value=PRIVATE',
    },
    references: [
      {
        title: 'API endpoint types for REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-endpoint-types.html',
      },
      {
        title: 'Private REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html',
      },
    ],
    reads: ['restApis'],
    anchors: [
      'Prowler apigateway_restapi_public',
      'Config api-gw-endpoint-type-check',
      'seed note',
    ],
    notFlagged: 'PRIVATE APIs.',
  },
  evaluate(ctx) {
    for (const a of ctx.restApis()) {
      // CreateRestApi defaults to EDGE when no endpoint configuration is given.
      const types = a.api.endpointConfiguration?.types ?? [];
      const evidence: Record<string, unknown> = {
        'endpointConfiguration.types': a.api.endpointConfiguration?.types ?? null,
      };
      if (types.some((t) => t.toUpperCase() === 'PRIVATE')) {
        ctx.pass(ref.restApi(a), 'The API has a PRIVATE endpoint', evidence);
        continue;
      }
      const type = types[0] ?? 'EDGE (default)';
      const match = expectPrivateMatch(a.api, ctx.config.expectPrivate);
      evidence.expectPrivateMatch = match ?? null;
      if (match) {
        ctx.fail(
          ref.restApi(a),
          `The API is internet-facing (${type}) but matches the expectPrivate rule (${match})`,
          evidence,
          'high',
        );
      } else {
        ctx.fail(ref.restApi(a), `The API is internet-facing (${type})`, evidence, 'info');
      }
    }
  },
});
