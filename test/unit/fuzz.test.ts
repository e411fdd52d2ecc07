/**
 * Property-based tests (fast-check): random and malformed input for the file loaders, the
 * resource-policy parser and the CORS and throttling helpers. The contract: a loader returns
 * the data or throws an InputFileError of one clean line naming the file; a helper returns;
 * nothing else escapes, and nothing hangs (each property has a time budget).
 *
 * A fixed seed keeps CI reproducible; FUZZ_SEED=<n> explores further, FUZZ_RUNS=<n> longer.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import {
  classifyOrigin,
  corsConditions,
  credentialsParameterTrue,
  parseOriginParameter,
} from '../../checks/lib/cors.js';
import {
  conditionsOn,
  isAnyonePrincipal,
  parsePolicy,
  statementCoversAction,
  statementLabel,
} from '../../checks/lib/policy.js';
import { auditConfig } from '../../src/config/load.js';
import { evaluateSnapshot } from '../../src/engine/evaluate.js';
import type { Report } from '../../src/engine/types.js';
import { InputFileError } from '../../src/errors.js';
import { packageRoot } from '../../src/paths.js';
import { RENDERERS } from '../../src/render/index.js';
import {
  accountLimits,
  restMethodThrottle,
  restStageLimits,
  usagePlanLimits,
  v2RouteThrottle,
  v2StageLimits,
} from '../../src/snapshot/throttling.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { parseJsonText, validateAgainstSchema } from '../../src/util/schema-file.js';
import { runCli } from '../helpers/cli.js';
import { TERMINAL_UNSAFE, HOSTILE_STRINGS } from '../helpers/hostile.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const scale = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => ({ seed: SEED, numRuns: Math.max(1, Math.round(n * scale)) });

const FILE = '/tmp/in put.json';

/** A loader's failure: the one-line, named, clean InputFileError, and nothing else. */
function expectCleanFailure(err: unknown): void {
  expect(err).toBeInstanceOf(InputFileError);
  const message = (err as Error).message;
  expect(message.startsWith(`${FILE}: `), message).toBe(true);
  expect(message).not.toContain('\n');
  expect(TERMINAL_UNSAFE.test(message), message).toBe(false);
  expect(message.length).toBeLessThan(1200);
}

const demoText = readFileSync(join(packageRoot, 'examples', 'demo-snapshot.json'), 'utf8');
const demoSnapshot = JSON.parse(demoText) as Snapshot;
const demoReport = evaluateSnapshot(demoSnapshot, ALL_CHECKS, auditConfig(), {
  now: new Date('2026-11-01T00:00:00Z'),
});

/** Strings a hostile or broken file would hold. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...Object.values(HOSTILE_STRINGS).map((s) => s.slice(0, 2000))),
);
const anyJson = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue({ maxDepth: 3 }),
  nastyString,
  fc.constantFrom(null, -1, 0, 1e308, -0.5, true, [], {}),
);

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (out.length > 5000) return out;
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  out.push(prefix);
  return out;
}

/** `doc` with the value at one path deleted or replaced. */
function mutated(doc: unknown, path: Path, replacement: unknown, remove: boolean): unknown {
  const copy = structuredClone(doc);
  if (path.length === 0) return replacement;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

const mutation = (doc: unknown) => {
  const all = paths(doc);
  return fc.record({
    path: fc.constantFrom(...all),
    replacement: anyJson,
    remove: fc.boolean(),
  });
};

describe('JSON files: random text', () => {
  it('parses or fails with one clean line naming the file and a line and column', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json(), nastyString), (text) => {
        try {
          parseJsonText(FILE, text);
        } catch (err) {
          expectCleanFailure(err);
          expect((err as Error).message).toMatch(/: line \d+, column \d+: expected valid JSON \(/);
        }
      }),
      runs(1000),
    );
  });

  it('a real snapshot cut short or with a byte changed: the position is inside the file', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: demoText.length - 1 }),
        fc.constantFrom('', '}', '"', ',', '\u0000', 'x', '\\'),
        (at, insert) => {
          const text = demoText.slice(0, at) + insert + demoText.slice(at + 1);
          try {
            parseJsonText(FILE, text);
          } catch (err) {
            expectCleanFailure(err);
            const [, line] = /line (\d+)/.exec((err as Error).message)!;
            expect(Number(line)).toBeLessThanOrEqual(text.split('\n').length);
          }
        },
      ),
      runs(150),
    );
  });
});

describe('schema validation: random documents', () => {
  for (const schema of ['snapshot', 'report', 'config', 'manifest']) {
    it(`${schema}: valid, or one line naming the JSON path and what was expected`, () => {
      fc.assert(
        fc.property(fc.oneof(anyJson, fc.dictionary(nastyString, anyJson)), (doc) => {
          try {
            validateAgainstSchema(FILE, doc, schema);
          } catch (err) {
            expectCleanFailure(err);
            expect((err as Error).message).toMatch(/: \/.*: expected /);
          }
        }),
        runs(400),
      );
    });
  }
});

describe('a real snapshot and report with one value broken', () => {
  it('snapshot: rejected with a named path, or evaluated and rendered without an exception', () => {
    fc.assert(
      fc.property(mutation(demoSnapshot), ({ path, replacement, remove }) => {
        const doc = mutated(demoSnapshot, path, replacement, remove);
        let snap: Snapshot;
        try {
          snap = validateAgainstSchema<Snapshot>(FILE, doc, 'snapshot');
        } catch (err) {
          expectCleanFailure(err);
          return;
        }
        const report = evaluateSnapshot(snap, ALL_CHECKS, auditConfig(), {
          now: new Date('2026-11-01T00:00:00Z'),
        });
        expect(Array.isArray(report.findings)).toBe(true);
      }),
      runs(80),
    );
  });

  it('report: rejected with a named path, or rendered in every format without an exception', () => {
    fc.assert(
      fc.property(mutation(demoReport), ({ path, replacement, remove }) => {
        const doc = mutated(demoReport, path, replacement, remove);
        let report: Report;
        try {
          report = validateAgainstSchema<Report>(FILE, doc, 'report');
        } catch (err) {
          expectCleanFailure(err);
          return;
        }
        for (const r of RENDERERS) expect(r.files(report, {}).length, r.format).toBeGreaterThan(0);
      }),
      runs(40),
    );
  });
});

describe('resource-policy parser', () => {
  const policyLike = fc.record(
    {
      Version: fc.oneof(fc.constant('2012-10-17'), anyJson),
      Statement: fc.oneof(
        anyJson,
        fc.array(
          fc.record(
            {
              Sid: anyJson,
              Effect: fc.oneof(fc.constantFrom('Allow', 'Deny'), anyJson),
              Principal: fc.oneof(fc.constant('*'), fc.record({ AWS: anyJson }), anyJson),
              NotPrincipal: anyJson,
              Action: fc.oneof(
                fc.constantFrom('execute-api:Invoke', '*', 'execute-api:*'),
                anyJson,
              ),
              NotAction: anyJson,
              Resource: anyJson,
              Condition: fc.oneof(
                fc.dictionary(
                  fc.constantFrom(
                    'StringEquals',
                    'ForAnyValue:StringLike',
                    'IpAddressIfExists',
                    'Null',
                    'x',
                  ),
                  fc.dictionary(
                    fc.constantFrom('aws:SourceVpce', 'aws:SourceIp', 'aws:PrincipalOrgID'),
                    anyJson,
                  ),
                ),
                anyJson,
              ),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 4 },
        ),
      ),
    },
    { requiredKeys: [] },
  );

  it('returns a result (never throws) for any text, JSON, escaped JSON or policy-shaped value', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          nastyString,
          fc.json(),
          policyLike.map((p) => JSON.stringify(p)),
          policyLike.map((p) => JSON.stringify(JSON.stringify(p)).slice(1, -1)),
        ),
        (text) => {
          const parsed = parsePolicy(text);
          if (parsed?.ok) {
            for (const st of parsed.statements) {
              statementCoversAction(st, 'execute-api:Invoke');
              isAnyonePrincipal(st);
              conditionsOn(st, 'aws:sourcevpce');
              expect(typeof statementLabel(st)).toBe('string');
            }
          } else if (parsed) {
            expect(typeof parsed.error).toBe('string');
          }
        },
      ),
      runs(1000),
    );
  });
});

describe('CORS helpers', () => {
  it('classify and judge any origin, header value and configuration', () => {
    const origin = fc.oneof(
      nastyString,
      fc.webUrl(),
      fc.constantFrom('*', 'null', "'*'", "'https://a.example'", 'method.request.header.Origin'),
    );
    fc.assert(
      fc.property(
        fc.array(origin, { maxLength: 5 }),
        fc.boolean(),
        fc.array(nastyString, { maxLength: 3 }),
        fc.option(nastyString, { nil: undefined }),
        (origins, allowCredentials, authorizedRoutes, credentials) => {
          const classified = origins.map((o) => {
            classifyOrigin(o);
            return parseOriginParameter(o);
          });
          credentialsParameterTrue(credentials);
          const out = corsConditions({ origins: classified, allowCredentials, authorizedRoutes });
          for (const c of out) expect(['high', 'medium', 'low']).toContain(c.severity);
        },
      ),
      runs(1000),
    );
  });
});

describe('throttling helpers', () => {
  const limit = fc.option(
    fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-1, 0, Number.MAX_SAFE_INTEGER)),
    { nil: undefined },
  );
  const settingKey = fc.oneof(
    fc.constantFrom('*/*', '~1pets/GET', '~1pets~1{id}/*', '*/POST', '/'),
    fc.string({ maxLength: 12 }),
  );
  const methodSettings = fc.dictionary(
    settingKey,
    fc.record({ throttlingRateLimit: limit, throttlingBurstLimit: limit }, { requiredKeys: [] }),
    { maxKeys: 4 },
  );
  const routeSettings = fc.dictionary(
    fc.oneof(
      fc.constantFrom('GET /pets', '$default', 'ANY /{proxy+}'),
      fc.string({ maxLength: 12 }),
    ),
    fc.record({ ThrottlingRateLimit: limit, ThrottlingBurstLimit: limit }, { requiredKeys: [] }),
    { maxKeys: 4 },
  );

  it('return limits for any settings, plans and account values', () => {
    fc.assert(
      fc.property(
        methodSettings,
        routeSettings,
        fc.record(
          {
            throttleSettings: fc.record(
              { rateLimit: limit, burstLimit: limit },
              { requiredKeys: [] },
            ),
          },
          { requiredKeys: [] },
        ),
        fc.array(
          fc.record({
            id: fc.string({ maxLength: 6 }),
            name: fc.option(nastyString, { nil: undefined }),
            apiStages: fc.array(
              fc.record({
                apiId: fc.constantFrom('a1', 'b2'),
                stage: fc.constantFrom('prod', 'dev'),
                throttle: fc.option(
                  fc.dictionary(
                    settingKey,
                    fc.record({ rateLimit: limit, burstLimit: limit }, { requiredKeys: [] }),
                  ),
                  { nil: undefined },
                ),
              }),
              { maxLength: 2 },
            ),
            throttle: fc.option(
              fc.record({ rateLimit: limit, burstLimit: limit }, { requiredKeys: [] }),
              { nil: undefined },
            ),
          }),
          { maxLength: 3 },
        ),
        fc.string({ maxLength: 12 }),
        fc.constantFrom('GET', 'POST', '*', 'ANY'),
        (ms, rs, account, plans, path, httpMethod) => {
          const stage = { stageName: 'prod', methodSettings: ms };
          const v2 = { StageName: 'prod', RouteSettings: rs, DefaultRouteSettings: rs['$default'] };
          const acct = accountLimits(account);
          expect(acct).toBeDefined();
          restStageLimits(stage);
          v2StageLimits(v2);
          usagePlanLimits(plans, 'a1', 'prod');
          restMethodThrottle({ stage, apiId: 'a1', path: `/${path}`, httpMethod, plans, account });
          v2RouteThrottle({ stage: v2, routeKey: `GET /${path}`, account });
        },
      ),
      runs(1000),
    );
  });
});

/** Random JSON can happen to be a valid (empty) configuration, which is not an error. */
function isValidConfig(text: string): boolean {
  try {
    validateAgainstSchema(FILE, JSON.parse(text), 'config');
    return true;
  } catch {
    return false;
  }
}

describe('the built CLI on malformed files', () => {
  it('exits 2 with one clean line naming the file, for every kind of file it reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-audit-fuzz-'));
    const contents = fc.sample(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
        fc.constant('{"schemaVersion": "1.0.0", "accounts": [null]}'),
      ),
      { seed: SEED, numRuns: 3 },
    );
    let n = 0;
    for (const text of contents) {
      const file = join(dir, `in${n++}.json`);
      writeFileSync(file, text);
      const bundle = join(dir, `bundle${n}`);
      mkdirSync(bundle);
      writeFileSync(join(bundle, 'manifest.json'), text);
      for (const [args, named] of [
        [['evaluate', file, '--out', join(dir, 'out')], file],
        [['render', file, '--format', 'md', '--out', join(dir, 'out')], file],
        [['evaluate', join(packageRoot, 'examples', 'demo-snapshot.json'), '--config', file], file],
        [['verify', bundle], join(bundle, 'manifest.json')],
      ] as const) {
        if (args.includes('--config') && isValidConfig(text)) continue;
        const r = await runCli([...args]);
        const lines = r.stderr.trimEnd().split('\n');
        expect(r.code, `${args[0]} ${JSON.stringify(text)}: ${r.stderr}`).toBe(2);
        expect(lines, r.stderr).toHaveLength(1);
        expect(lines[0]!.startsWith(`apigw-audit: error: ${named}: `), r.stderr).toBe(true);
        expect(TERMINAL_UNSAFE.test(r.stderr)).toBe(false);
      }
    }
  }, 60_000);
});
