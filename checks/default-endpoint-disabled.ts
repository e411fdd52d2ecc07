import type { RegionSnapshot } from '../src/snapshot/types.js';
import { defineCheck } from './lib/define.js';
import { domainMappings, type DomainMappingIndex } from './lib/domains.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'default-endpoint-disabled',
    title: 'APIs served through a custom domain have the execute-api endpoint disabled',
    family: 'exposure',
    severity: 'medium',
    resourceType: 'AWS::ApiGateway::RestApi',
    description:
      'An API mapped to a custom domain (a v1 base path mapping or a v2 API mapping, either of ' +
      'which can route to a REST or an HTTP API) still answers on its default ' +
      'https://{api-id}.execute-api.{region}.amazonaws.com endpoint unless ' +
      'disableExecuteApiEndpoint (REST) or DisableExecuteApiEndpoint (HTTP, WebSocket) is true. ' +
      'APIs with no mapping get no result; when mapping data could not be collected, the APIs it ' +
      'might cover are ERROR.',
    risk:
      'Callers who use the default endpoint bypass everything configured on the domain: its TLS ' +
      'security policy, mutual TLS client authentication, and any firewall or CDN placed in front ' +
      'of the domain name.',
    remediation: {
      text:
        'Disable the default endpoint once every client uses the custom domain, then redeploy the ' +
        'API (REST) or let auto-deploy apply it (HTTP). For HTTP and WebSocket APIs use ' +
        '"aws apigatewayv2 update-api --api-id <api-id> --disable-execute-api-endpoint".',
      cli:
        'aws apigateway update-rest-api --rest-api-id <rest-api-id> --patch-operations ' +
        "op=replace,path=/disableExecuteApiEndpoint,value='True'",
    },
    references: [
      {
        title: 'Disable the default endpoint for REST APIs',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-disable-default-endpoint.html',
      },
      {
        title: 'Disable the default endpoint for HTTP APIs',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-disable-default-endpoint.html',
      },
    ],
    reads: [
      'restApis',
      'v2Apis',
      'domainNames',
      'domainName.basePathMappings',
      'v2DomainNames',
      'v2DomainName.apiMappings',
    ],
    anchors: ['CloudSploit (partial)', 'ScoutSuite request #1599'],
    notFlagged: 'APIs with no custom domain mapping.',
  },
  evaluate(ctx) {
    const indexes = new Map<RegionSnapshot, DomainMappingIndex>();
    const indexOf = (r: RegionSnapshot) => {
      let i = indexes.get(r);
      if (!i) indexes.set(r, (i = domainMappings(r)));
      return i;
    };
    const assess = (
      resource: ReturnType<typeof ref.restApi>,
      region: RegionSnapshot,
      apiId: string,
      field: string,
      disabled: boolean | undefined,
    ) => {
      const index = indexOf(region);
      const mappings = index.mapped.get(apiId);
      if (!mappings) {
        if (index.missing) ctx.error(resource, index.missing.slice, index.missing.resourceId);
        return;
      }
      const evidence = { [field]: disabled ?? false, customDomainMappings: mappings };
      if (disabled) {
        ctx.pass(resource, 'The execute-api endpoint is disabled', evidence);
      } else {
        ctx.fail(
          resource,
          `The API is mapped to a custom domain (${mappings.join('; ')}) but still answers on its ` +
            'execute-api endpoint',
          evidence,
        );
      }
    };
    for (const a of ctx.restApis()) {
      assess(
        ref.restApi(a),
        a.region,
        a.api.id,
        'disableExecuteApiEndpoint',
        a.api.disableExecuteApiEndpoint,
      );
    }
    for (const a of ctx.v2Apis()) {
      assess(
        ref.v2Api(a),
        a.region,
        a.api.ApiId,
        'DisableExecuteApiEndpoint',
        a.api.DisableExecuteApiEndpoint,
      );
    }
  },
});
