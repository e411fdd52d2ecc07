import { defineCheck } from './lib/define.js';
import { restAuthorizersInUse, v2AuthorizersInUse } from './lib/auth.js';
import { ref } from './lib/resources.js';

export default defineCheck({
  meta: {
    id: 'unused-authorizer',
    title: 'Every authorizer is used by a method or route',
    family: 'auth',
    severity: 'info',
    resourceType: 'AWS::ApiGateway::Authorizer',
    description:
      'An authorizer protects only the methods or routes that name it. An authorizer that no ' +
      'method or route uses protects nothing; its presence says nothing about the API being ' +
      'protected (the mistake some scanners make when they pass an API because it has one).',
    risk:
      'An unused authorizer often means a method or route meant to be protected was deployed ' +
      'without it, and it leaves dead configuration (and an invokable Lambda) behind.',
    remediation: {
      text: 'Attach the authorizer to the methods or routes it was meant for, or delete it.',
      cli: 'aws apigateway delete-authorizer --rest-api-id <rest-api-id> --authorizer-id <authorizer-id>',
    },
    references: [
      {
        title: 'Control and manage access to REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html',
      },
    ],
    reads: [
      'restApis',
      'restApi.authorizers',
      'restApi.resources',
      'v2Apis',
      'v2Api.authorizers',
      'v2Api.routes',
    ],
    anchors: ['corrects Prowler / CloudSploit logic'],
  },
  evaluate(ctx) {
    const restUsed = new Map<string, Set<string>>();
    for (const a of ctx.restAuthorizers()) {
      if (!a.api.resources) {
        ctx.error(ref.restAuthorizer(a), 'restApi.resources', a.api.id);
        continue;
      }
      let used = restUsed.get(a.api.id);
      if (!used) restUsed.set(a.api.id, (used = restAuthorizersInUse(a.api)));
      const evidence = {
        id: a.authorizer.id,
        type: a.authorizer.type ?? null,
        usedBy: used.has(a.authorizer.id),
      };
      if (used.has(a.authorizer.id))
        ctx.pass(ref.restAuthorizer(a), 'At least one method uses the authorizer', evidence);
      else ctx.fail(ref.restAuthorizer(a), 'No method uses the authorizer', evidence);
    }
    const v2Used = new Map<string, Set<string>>();
    for (const a of ctx.v2Authorizers()) {
      if (!a.api.routes) {
        ctx.error(ref.v2Authorizer(a), 'v2Api.routes', a.api.ApiId);
        continue;
      }
      let used = v2Used.get(a.api.ApiId);
      if (!used) v2Used.set(a.api.ApiId, (used = v2AuthorizersInUse(a.api)));
      const id = a.authorizer.AuthorizerId;
      const evidence = {
        AuthorizerId: id,
        AuthorizerType: a.authorizer.AuthorizerType ?? null,
        usedBy: used.has(id),
      };
      if (used.has(id))
        ctx.pass(ref.v2Authorizer(a), 'At least one route uses the authorizer', evidence);
      else ctx.fail(ref.v2Authorizer(a), 'No route uses the authorizer', evidence);
    }
  },
});
