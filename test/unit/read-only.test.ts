/**
 * Provably read-only: every AWS operation the shipped code can send is listed here, from the
 * slice table and from the `*Command` imports of every shipped source, and each must be a Get,
 * List or Describe call (or sts:AssumeRole / sts:GetCallerIdentity).
 *
 * The two writers are documented opt-ins, listed apart: `export security-hub` imports findings
 * into Security Hub, and `--evidence s3://...` writes a bundle to S3. Neither is loaded by the
 * program at start: each sits behind a dynamic import() that only its own option reaches, which
 * the import graph below checks. test/moto/read-only-scan.test.ts records what a real scan
 * sends, with and without `--evidence s3://`.
 */
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCAN_OPERATIONS } from '../../src/snapshot/slices.js';
import {
  commandsImported,
  moduleSpecifiers,
  readSource,
  shippedSources,
} from '../helpers/sdk-imports.js';

/** The writers, the one file each may be imported from, and what a user does to run it. */
const OPT_IN_WRITERS: Record<string, { file: string; reachedBy: string }> = {
  'securityhub:BatchImportFindings': {
    file: 'src/export/security-hub.ts',
    reachedBy: 'apigw-audit export security-hub REPORT.json',
  },
  's3:PutObject': {
    file: 'src/export/s3.ts',
    reachedBy: 'scan or evaluate with --evidence s3://bucket/prefix',
  },
};

export const isReadOperation = (op: string): boolean =>
  /^[a-z0-9]+:(Get|List|Describe)[A-Z]\w*$/.test(op) ||
  op === 'sts:AssumeRole' ||
  op === 'sts:GetCallerIdentity' ||
  // GET /apis/{id}/exports/{specification}: a read (apigateway:GET) despite its name.
  op === 'apigatewayv2:ExportApi';

/** service:Operation -> the shipped files that import its command. */
function importedOperations(): Map<string, string[]> {
  const byOp = new Map<string, string[]>();
  for (const file of shippedSources()) {
    for (const op of commandsImported(readSource(file))) {
      byOp.set(op, [...(byOp.get(op) ?? []), file]);
    }
  }
  return byOp;
}

function resolveLocal(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return normalize(join(dirname(from), spec)).replace(/\.js$/, '.ts');
}

/** Files reachable from `entry` through static imports only. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of moduleSpecifiers(readSource(file)).static) {
      const target = resolveLocal(file, spec);
      if (target) todo.push(target);
    }
  }
  return seen;
}

describe('every AWS operation the shipped code can send', () => {
  const imported = importedOperations();
  const all = [...new Set([...SCAN_OPERATIONS, ...imported.keys()])].sort();

  it('is found: the scan reads dozens of operations, and the writers are seen too', () => {
    expect(all.length).toBeGreaterThanOrEqual(SCAN_OPERATIONS.length);
    expect(SCAN_OPERATIONS.length).toBeGreaterThan(20);
    for (const op of Object.keys(OPT_IN_WRITERS)) expect(all, op).toContain(op);
  });

  it('is a Get, List or Describe call, or one of the opt-in writers', () => {
    const writes = all.filter((op) => !isReadOperation(op));
    expect(writes.sort()).toEqual(Object.keys(OPT_IN_WRITERS).sort());
  });

  it('has every writer imported only by its own module under src/export/', () => {
    for (const [op, writer] of Object.entries(OPT_IN_WRITERS)) {
      expect(imported.get(op), `${op} (${writer.reachedBy})`).toEqual([writer.file]);
    }
  });

  it('includes everything a scan calls: the slice table holds only reads', () => {
    for (const op of SCAN_OPERATIONS) expect(isReadOperation(op), op).toBe(true);
  });

  it('tells reads from writes (the classifier the tests above rely on)', () => {
    for (const op of ['apigateway:GetRestApis', 'ec2:DescribeRegions', 'sts:AssumeRole'])
      expect(isReadOperation(op), op).toBe(true);
    for (const op of [
      'apigateway:CreateRestApi',
      'apigateway:UpdateStage',
      's3:PutObject',
      'wafv2:AssociateWebACL',
      'sts:AssumeRoleWithWebIdentity',
      'lambda:GetPolicyX:Delete',
    ])
      expect(isReadOperation(op), op).toBe(false);
  });
});

describe('how the SDK is reached', () => {
  const sources = shippedSources();

  it('only through client packages and the credential providers, imported statically', () => {
    for (const file of sources) {
      const { static: stat, dynamic } = moduleSpecifiers(readSource(file));
      for (const spec of stat.filter((s) => s.startsWith('@aws-sdk/')))
        expect(spec, file).toMatch(/^@aws-sdk\/(client-[a-z0-9-]+|credential-providers)$/);
      // A client loaded with import() would escape the Command scan above.
      for (const spec of dynamic)
        expect(spec.startsWith('@aws-sdk/client-'), `${file}: import('${spec}')`).toBe(false);
    }
  });

  it('never through paginators or other helpers that send commands of their own', () => {
    for (const file of sources) {
      const text = readSource(file);
      const fromSdk = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/client-[a-z0-9-]+'/g;
      for (const [, names] of text.matchAll(fromSdk))
        expect(names, file).not.toMatch(/\bpaginate[A-Z]|\bwaitUntil[A-Z]/);
    }
  });
});

describe('the writers are opt-in', () => {
  const main = 'src/cli/main.ts';
  const closure = staticClosure(main);

  it('are not loaded when the program starts (no static import path from the entry point)', () => {
    expect(closure.has('src/cli/run.ts')).toBe(true);
    for (const writer of Object.values(OPT_IN_WRITERS))
      expect(closure.has(writer.file), writer.file).toBe(false);
  });

  it('are loaded by import() only from the command or option that runs them', () => {
    const loaders = new Map<string, string[]>();
    for (const file of shippedSources()) {
      for (const spec of moduleSpecifiers(readSource(file)).dynamic) {
        const target = resolveLocal(file, spec);
        if (!target) continue;
        // What a dynamic import brings in statically.
        for (const reached of staticClosure(target)) {
          loaders.set(reached, [...new Set([...(loaders.get(reached) ?? []), file])]);
        }
      }
    }
    expect(loaders.get('src/export/security-hub.ts')).toEqual(['src/cli/export.ts']);
    expect(loaders.get('src/export/s3.ts')).toEqual(['src/cli/evidence.ts']);
    // The export command's module is only loaded by the entry point for `export`, never by scan.
    expect(staticClosure('src/cli/run.ts').has('src/cli/export.ts')).toBe(false);
  });

  it('S3 is loaded only for an s3:// evidence location', () => {
    const text = readSource('src/cli/evidence.ts');
    const guard = text.indexOf('if (!isS3Url(location)) return directoryStore(location);');
    const load = text.indexOf("import('../export/s3.js')");
    expect(guard).toBeGreaterThan(0);
    expect(load).toBeGreaterThan(guard);
  });
});
