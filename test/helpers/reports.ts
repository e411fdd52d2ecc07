/** Reports for renderer tests: one made by the engine, one built by hand with hostile strings. */
import { join } from 'node:path';
import { ALL_CHECKS } from '../../checks/index.js';
import { auditConfig, readConfigFile } from '../../src/config/load.js';
import { evaluateSnapshot } from '../../src/engine/evaluate.js';
import type { CheckInfo, Finding, Report, Severity, Status } from '../../src/engine/types.js';
import { packageRoot } from '../../src/paths.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { readValidated } from '../../src/util/json-file.js';
import { collectionError, region, restApi, restStage, snapshot } from './snapshot.js';

/** Strings that break naive CSV, XML, HTML, Markdown and spreadsheets. */
export const HOSTILE = {
  formula: "=cmd|' /C calc'!A0",
  script: '</script><img src=x onerror=alert(1)>',
  cdata: 'x]]><evil/>',
  quotes: `say "hi", it's <b>bold</b> & co`,
  newlines: 'line one\nline two\r\nline three',
  controls: 'bell\u0007 nul\u0000 esc\u001b[31m red \uFFFE end',
  markdown: '| pipe | `tick` *star* _under_ [link](http://evil) @someone #1',
  plus: '+SUM(1,1)',
  minus: '-2+3',
  at: '@SUM(A1)',
  tab: '\tleading tab',
};

/** The engine's report over two accounts and regions: PASS, FAIL, suppressed FAIL and ERROR. */
export function engineReport(): Report {
  const now = new Date('2026-11-01T00:02:00.000Z');
  const a = snapshot([
    region({
      restApis: [
        restApi({
          id: 'a1',
          name: HOSTILE.script,
          stages: [
            restStage({ stageName: 'prod' }),
            restStage({ stageName: 'dev', methodSettings: { '*/*': { loggingLevel: 'INFO' } } }),
            restStage({ stageName: HOSTILE.formula }),
          ],
        }),
      ],
    }),
    region({ restApis: [restApi({ id: 'b2', name: 'orders', stages: undefined })] }, 'us-east-1'),
  ]);
  a.collectionErrors.push(
    collectionError({ slice: 'restApi.stages', region: 'us-east-1', resourceId: 'b2' }),
  );
  const b = snapshot(
    [
      region({
        restApis: [
          restApi({
            id: 'c3',
            name: HOSTILE.markdown,
            stages: [restStage({ stageName: 'live' })],
          }),
        ],
      }),
    ],
    [],
    '444455556666',
  );
  const merged = { ...a, accounts: [...a.accounts, ...b.accounts] };
  const config = auditConfig({
    suppressions: [
      {
        checkId: 'rest-execution-logging',
        resource: '*/stages/live',
        reason: `accepted, see "RISK-1", ${HOSTILE.formula}`,
        expires: '2027-01-01',
      },
    ],
  });
  return evaluateSnapshot(merged, ALL_CHECKS, config, { now });
}

function check(id: string, severity: Severity, over: Partial<CheckInfo> = {}): CheckInfo {
  return {
    id,
    title: `Title of ${id}`,
    family: 'logging',
    severity,
    resourceType: 'AWS::ApiGateway::Stage',
    description: `Description of ${id}.`,
    risk: 'Risk text.',
    remediation: { text: 'Fix it.', cli: 'aws apigateway update-stage --rest-api-id x' },
    references: [{ title: 'Docs', url: 'https://docs.aws.amazon.com/apigateway/' }],
    reads: ['restApis'],
    anchors: ['FSBP APIGateway.1'],
    docsPath: `docs/checks/${id}.md`,
    compliance: { fsbp: ['APIGateway.1'] },
    ...over,
  };
}

let n = 0;
function finding(
  checkId: string,
  status: Status,
  severity: Severity,
  res: Partial<Finding['resource']>,
  over: Partial<Finding> = {},
): Finding {
  n++;
  const resource = {
    arn: `arn:aws:apigateway:eu-west-1::/restapis/api${n}/stages/s${n}`,
    type: 'AWS::ApiGateway::Stage',
    name: `api${n}/s${n}`,
    accountId: '111122223333',
    region: 'eu-west-1',
    ...res,
  };
  return {
    id: `f${String(n).padStart(23, '0')}`,
    checkId,
    status,
    severity,
    title: `Title of ${checkId}`,
    message: `${status} message ${n}`,
    resource,
    evidence: { field: n },
    remediation: { text: 'Fix it.', cli: 'aws apigateway update-stage --rest-api-id x' },
    compliance: checkId === 'check-a' ? { fsbp: ['APIGateway.1'], cis: ['4.1', '4.2'] } : {},
    suppressed: false,
    ...over,
  };
}

/** Every status, suppression, three accounts, four regions, two partitions, hostile strings. */
export function handReport(): Report {
  n = 0;
  const findings: Finding[] = [
    finding('check-a', 'FAIL', 'critical', { name: HOSTILE.formula }, { message: HOSTILE.quotes }),
    finding('check-a', 'FAIL', 'high', { name: HOSTILE.script, region: 'us-east-1' }),
    finding(
      'check-a',
      'FAIL',
      'medium',
      { name: HOSTILE.markdown },
      {
        message: HOSTILE.newlines,
        evidence: { note: HOSTILE.controls, cdata: HOSTILE.cdata, nested: { a: [1, 2] } },
      },
    ),
    finding('check-a', 'PASS', 'medium', { name: HOSTILE.plus }),
    finding(
      'check-a',
      'FAIL',
      'high',
      { name: HOSTILE.at, accountId: '444455556666' },
      {
        suppressed: true,
        suppression: {
          reason: HOSTILE.minus + ' ' + HOSTILE.quotes,
          expires: '2027-01-01',
          rule: 0,
        },
      },
    ),
    finding('check-b', 'MANUAL', 'medium', { name: HOSTILE.tab }, { message: HOSTILE.cdata }),
    finding(
      'check-b',
      'ERROR',
      'low',
      {
        name: HOSTILE.controls,
        arn: 'arn:aws-cn:apigateway:cn-north-1::/restapis/cn1',
        type: 'AWS::ApiGateway::RestApi',
        region: 'cn-north-1',
        accountId: '777788889999',
      },
      { message: 'AccessDeniedException: ' + HOSTILE.controls },
    ),
    finding(
      'check-b',
      'FAIL',
      'info',
      { type: 'AWS::ApiGateway::Method', name: 'orders GET /items' },
      { title: 'T'.repeat(400), message: 'M'.repeat(3000) },
    ),
    finding(
      'check-b',
      'FAIL',
      'low',
      {
        type: 'AWS::Lambda::Function',
        arn: 'arn:aws:lambda:eu-central-1:111122223333:function:fn',
        name: 'fn',
        region: 'eu-central-1',
      },
      { remediation: { text: 'R'.repeat(900), cli: HOSTILE.formula } },
    ),
  ];
  const byStatus = { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0 };
  const failBySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  const byCheck: Report['summary']['byCheck'] = {};
  for (const f of findings) {
    (byCheck[f.checkId] ??= { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0 })[f.status]++;
    if (f.suppressed) continue;
    byStatus[f.status]++;
    if (f.status === 'FAIL') failBySeverity[f.severity]++;
  }
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'apigw-audit', version: '0.1.0' },
    scan: {
      startedAt: '2026-11-01T00:00:00.000Z',
      finishedAt: '2026-11-01T00:01:00.000Z',
      evaluatedAt: '2026-11-01T00:02:00.000Z',
      accounts: ['111122223333', '444455556666', '777788889999'],
      // An --org run's OU paths: hostile, and only for some accounts.
      ouPaths: {
        '444455556666': `Root/${HOSTILE.quotes}/${HOSTILE.cdata}`,
        '777788889999': `Root/${HOSTILE.formula}`,
      },
      regions: ['cn-north-1', 'eu-central-1', 'eu-west-1', 'us-east-1'],
      options: {},
    },
    summary: {
      total: findings.length,
      byStatus,
      failBySeverity,
      suppressed: findings.filter((f) => f.suppressed).length,
      notApplicable: ['check-c'],
      byCheck,
    },
    checks: {
      'check-a': check('check-a', 'high', {
        compliance: { fsbp: ['APIGateway.1'], cis: ['4.1', '4.2'] },
      }),
      'check-b': check('check-b', 'medium', { references: [], compliance: {} }),
      'check-c': check('check-c', 'low'),
    },
    findings,
    inventory: [],
    collectionErrors: [
      {
        slice: 'restApis',
        service: 'apigateway',
        operation: 'GetRestApis',
        accountId: '777788889999',
        region: 'cn-north-1',
        errorCode: 'AccessDeniedException',
        message: HOSTILE.markdown,
      },
    ],
    coverage: {
      complete: false,
      percent: 88.88,
      errorResults: 1,
      collectionErrors: 1,
      gaps: [{ accountId: '777788889999', region: 'cn-north-1', slices: ['restApis'] }],
    },
  };
}

/** The bundled demo account, evaluated with its configuration (what `npm run demo` shows). */
export function demoReport(): Report {
  const snap = readValidated<Snapshot>(
    join(packageRoot, 'examples/demo-snapshot.json'),
    'snapshot',
  );
  const config = auditConfig(
    readConfigFile(
      join(packageRoot, 'examples/demo-config.json'),
      new Set(ALL_CHECKS.map((c) => c.meta.id)),
    ),
  );
  return evaluateSnapshot(snap, ALL_CHECKS, config, { now: new Date('2026-11-01T00:02:00.000Z') });
}

/** The demo and the hand-built report with hostile names in every field: what CI validates. */
export function consumerReports(): Array<[string, Report]> {
  return [
    ['demo report', demoReport()],
    ['hostile-names report', handReport()],
    ['engine report', engineReport()],
  ];
}

/** Both reports, for tests that hold for any report. */
export function sampleReports(): Array<[string, Report]> {
  return [
    ['engine report', engineReport()],
    ['hand-built report', handReport()],
  ];
}
