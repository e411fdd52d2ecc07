import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH']);

export default defineCheck({
  meta: {
    id: 'rest-request-validation',
    title: 'REST API methods that accept a body validate requests',
    family: 'auth',
    severity: 'low',
    resourceType: 'AWS::ApiGateway::Method',
    description:
      'POST, PUT and PATCH methods should name a request validator, so API Gateway checks required ' +
      'parameters and the body against the method model before invoking the backend. A validator ' +
      'that validates neither the body nor the parameters counts as none (when the validators were ' +
      'collected).',
    risk:
      'Without validation, malformed or oversized input reaches the backend unchecked: more ' +
      'attack surface for injection and parsing bugs, and backend invocations paid for junk.',
    remediation: {
      text: 'Create a request validator (body and parameters) and attach it to the method with a request model.',
      cli:
        'aws apigateway update-method --rest-api-id <rest-api-id> --resource-id <resource-id> ' +
        '--http-method <method> --patch-operations op=replace,path=/requestValidatorId,value=<validator-id>',
    },
    references: [
      {
        title: 'Request validation for REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html',
      },
    ],
    reads: ['restApis', 'restApi.resources', 'restApi.requestValidators'],
    anchors: ['cdk-nag APIG2', 'Checkov CKV2_AWS_53'],
  },
  evaluate(ctx) {
    for (const m of ctx.restMethods()) {
      if (!WRITES.has(m.verb.toUpperCase())) continue;
      const id = m.method.requestValidatorId;
      // What a validator checks is in the validator listing: without it no verdict.
      if (
        id &&
        !ctx.need(m.api.requestValidators, 'restApi.requestValidators', ref.restMethod(m), m.api.id)
      )
        continue;
      const validator = id ? m.api.requestValidators?.find((v) => v.id === id) : undefined;
      const evidence: Record<string, unknown> = { requestValidatorId: id ?? null };
      if (validator) {
        evidence['requestValidator.validateRequestBody'] = Boolean(validator.validateRequestBody);
        evidence['requestValidator.validateRequestParameters'] = Boolean(
          validator.validateRequestParameters,
        );
      }
      if (!id) {
        ctx.fail(ref.restMethod(m), 'The method has no request validator', evidence);
      } else if (
        validator &&
        !validator.validateRequestBody &&
        !validator.validateRequestParameters
      ) {
        ctx.fail(
          ref.restMethod(m),
          `The request validator ${validator.name ?? id} validates neither body nor parameters`,
          evidence,
        );
      } else {
        ctx.pass(
          ref.restMethod(m),
          'Requests are validated before the backend is invoked',
          evidence,
        );
      }
    }
  },
});
