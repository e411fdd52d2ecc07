/**
 * Hostile strings, and a snapshot holding them in every field AWS lets a user set: names,
 * descriptions, tags, stage names, route keys, domain names, resource policies, authorizer
 * and usage-plan names, and the messages of failed calls.
 */
import type { Snapshot } from '../../src/snapshot/types.js';
import { collectionError, region, restApi, restStage, snapshot, v2Api } from './snapshot.js';

export const HOSTILE_STRINGS = {
  scriptEnd: '</script><script>window.__pwned=11</script>',
  styleEnd: '</style></title></textarea><img src=x onerror="window.__pwned=12">',
  jsUrl: 'javascript:window.__pwned=13//',
  osc: '\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007\u001b]0;owned\u0007',
  csi: '\u001b[2J\u001b[31mred\u001b[0m',
  c1: 'c1\u009b31m\u0085next',
  bidi: 'invoice\u202Efdp.exe\u2066x\u2069\u200F',
  nul: 'nul\u0000byte',
  formula: '=HYPERLINK("http://evil.example","x")',
  cdata: ']]><x/><!--',
  markdown: '[x](javascript:alert(1)) | <b>bold</b> `tick`',
  separators: 'a\u2028b\u2029c',
  long: 'L'.repeat(100_000),
};

/** One string with every hostile part, for fields where a single value fits. */
export const HOSTILE_ALL = Object.entries(HOSTILE_STRINGS)
  .filter(([k]) => k !== 'long')
  .map(([, v]) => v)
  .join(' ');

/** Characters no terminal line may carry: C0 (but tab and LF), DEL, C1, bidi controls. */
export const TERMINAL_UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const H = HOSTILE_STRINGS;

const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: H.scriptEnd,
      Effect: 'Allow',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: `execute-api:/*/${H.jsUrl}`,
      Condition: { StringEquals: { [H.osc]: H.bidi } },
    },
  ],
});

/** A snapshot with hostile strings in every user-settable field the collectors keep. */
export function hostileSnapshot(): Snapshot {
  const methods = {
    GET: {
      authorizationType: 'NONE',
      operationName: H.markdown,
      methodIntegration: { type: 'HTTP', uri: H.jsUrl },
    },
  };
  const names = Object.values(H);
  const snap = snapshot(
    [
      region({
        restApis: names.map((name, i) =>
          restApi({
            id: `hostile${i}`,
            name,
            description: HOSTILE_ALL,
            policy,
            tags: { [H.formula]: H.osc, owner: name },
            resources: [{ id: `r${i}`, path: `/${name}`, resourceMethods: methods }],
            stages: [
              restStage({
                stageName: name,
                description: name,
                variables: { [H.bidi]: H.nul },
                tags: { owner: name },
              }),
            ],
            authorizers: [
              {
                id: `au${i}`,
                name,
                type: 'TOKEN',
                identitySource: `method.request.header.${name}`,
                authorizerUri: H.jsUrl,
              },
            ],
          }),
        ),
        v2Apis: names.map((name, i) =>
          v2Api({
            ApiId: `v2h${i}`,
            Name: name,
            Description: HOSTILE_ALL,
            Tags: { owner: name },
            routes: [
              { RouteId: `rt${i}`, RouteKey: `GET /${name}`, AuthorizationType: 'NONE' },
              { RouteId: `rd${i}`, RouteKey: name, AuthorizationType: 'NONE' },
            ],
            stages: [{ StageName: name, StageVariables: { [H.csi]: H.c1 } }],
          }),
        ),
        domainNames: [
          {
            domainName: `${H.jsUrl}.example.com`,
            endpointConfiguration: { types: ['REGIONAL'] },
            securityPolicy: H.formula,
            tags: { owner: H.scriptEnd },
            basePathMappings: [{ basePath: H.markdown, restApiId: 'hostile0', stage: H.osc }],
          },
        ],
        usagePlans: [{ id: 'up1', name: H.formula, description: HOSTILE_ALL, apiStages: [] }],
        apiKeys: [{ id: 'k1', name: H.scriptEnd, description: HOSTILE_ALL, enabled: true }],
      }),
    ],
    [
      collectionError({
        slice: 'restApi.stages',
        resourceId: 'hostile0',
        message: `Denied ${HOSTILE_ALL}`,
        errorCode: H.osc,
      }),
    ],
  );
  snap.scan.principal = `arn:aws:sts::111122223333:assumed-role/Audit/${H.bidi}`;
  return snap;
}
