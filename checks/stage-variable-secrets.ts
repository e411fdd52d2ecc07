import type { ResourceRef } from '../src/engine/types.js';
import type { CheckContext } from './lib/context.js';
import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';
import { findSecrets, REASON_TEXT } from '../src/snapshot/secrets.js';

/** Never puts a value in a result: names, reasons and redactions only. */
function judge(
  ctx: CheckContext,
  resource: ResourceRef,
  variables: Record<string, string> | undefined,
  field: string,
): void {
  const names = Object.keys(variables ?? {}).sort();
  if (names.length === 0) return;
  const suspects = findSecrets(variables);
  const evidence = {
    [field]: names,
    suspectVariables: suspects.map((s) => ({
      name: s.name,
      value: s.value,
      reasons: s.reasons.map((r) => REASON_TEXT[r]),
    })),
  };
  if (suspects.length) {
    ctx.fail(
      resource,
      `Stage variable(s) that look like secrets: ${suspects.map((s) => s.name).join(', ')}`,
      evidence,
    );
  } else {
    ctx.pass(
      resource,
      `None of the ${names.length} stage variable(s) looks like a secret`,
      evidence,
    );
  }
}

export default defineCheck({
  meta: {
    id: 'stage-variable-secrets',
    title: 'Stage variables hold no secrets',
    family: 'data',
    severity: 'high',
    resourceType: 'AWS::ApiGateway::Stage',
    description:
      'Looks at every REST stage variable (variables) and canary override ' +
      '(canarySettings.stageVariableOverrides), and every HTTP or WebSocket stage variable ' +
      '(StageVariables) for a secret: a name such as password, secret, token, api_key, ' +
      'private_key or credential holding a value, or a value that is an AWS access key ID, a ' +
      'JSON Web Token, a PEM block, a URL with credentials, or a long random-looking string ' +
      '(a run of 16 or more characters, 20 or more in all, with high Shannon entropy and no ' +
      'word-like parts). Results show the variable name and the value length, never the value.',
    risk:
      'Stage variables are plain configuration: anyone who can read the API configuration ' +
      '(apigateway:GET, read-only auditors, CI logs, exported templates) reads the secret.',
    remediation: {
      text:
        'Move the secret to AWS Secrets Manager or SSM Parameter Store, read it from the ' +
        'integration (or use an IAM role instead), remove the stage variable, and rotate the ' +
        'secret since it has been exposed.',
      cli:
        'aws apigateway update-stage --rest-api-id <rest-api-id> --stage-name <stage> ' +
        '--patch-operations op=remove,path=/variables/<name>',
    },
    references: [
      {
        title: 'Use stage variables for a REST API in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html',
      },
      {
        title: 'What is AWS Secrets Manager?',
        url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html',
      },
    ],
    reads: ['restApis', 'restApi.stages', 'v2Apis', 'v2Api.stages'],
    anchors: ['Prowler apigateway_restapi_no_secrets_in_stage_variables'],
    notFlagged:
      'Names that point to a secret rather than hold it (secretArn, passwordParameterName, ' +
      'tokenUrl, authType), secret-like names whose value is an ARN, a dynamic reference, an SSM ' +
      'parameter path, a boolean or a number, and values that are ARNs, URLs without ' +
      'credentials, hostnames, UUIDs, hexadecimal digests or generated resource names.',
  },
  evaluate(ctx) {
    for (const s of ctx.restStages()) {
      judge(ctx, ref.restStage(s), s.stage.variables, 'variables');
      // A canary's overrides reach its share of the traffic like stage variables do.
      const overrides = s.stage.canarySettings?.stageVariableOverrides;
      judge(ctx, ref.restCanary(s), overrides, 'canarySettings.stageVariableOverrides');
    }
    for (const s of ctx.v2Stages()) {
      judge(ctx, ref.v2Stage(s), s.stage.StageVariables, 'StageVariables');
    }
  },
});
