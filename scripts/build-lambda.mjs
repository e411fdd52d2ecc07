#!/usr/bin/env node
/**
 * Builds the Lambda artifact deploy/audit-stack.json references (ArtifactKey, default
 * apigw-audit-lambda.zip): the compiled package as npm would publish it (package.json "files":
 * dist/src, dist/checks, templates, schemas, compliance) plus its production dependencies, taken
 * from node_modules as installed (`npm ls --omit=dev`), so the build needs no network.
 *
 *   npm run build:lambda [-- --out DIR]     (default: dist-lambda/)
 *
 * Run after `npm run build`. Prints the zip's path.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const ARTIFACT = 'apigw-audit-lambda.zip';
const root = resolve(fileURLToPath(import.meta.resolve('../package.json')), '..');

export function buildLambda(outDir = join(root, 'dist-lambda')) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const stage = mkdtempSync(join(tmpdir(), 'apigw-audit-lambda-'));
  try {
    for (const entry of ['dist/src', 'dist/checks', 'templates', 'schemas', 'compliance']) {
      cpSync(join(root, entry), join(stage, entry), {
        recursive: true,
        // Source maps and type stubs are of no use to the function.
        filter: (src) => !/\.(map|d\.ts)$/.test(src),
      });
    }
    // ESM, as the compiled code is; no scripts, no dev dependencies.
    const { name, version, type, dependencies } = pkg;
    writeFileSync(
      join(stage, 'package.json'),
      JSON.stringify({ name, version, type, private: true, dependencies }, null, 2) + '\n',
    );
    const paths = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((p) => p && p !== root);
    for (const p of paths) {
      cpSync(p, join(stage, relative(root, p)), { recursive: true, dereference: true });
    }
    mkdirSync(outDir, { recursive: true });
    const zip = join(outDir, ARTIFACT);
    rmSync(zip, { force: true });
    execFileSync('zip', ['-q', '-r', '-X', zip, '.'], { cwd: stage });
    return zip;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  process.stdout.write(buildLambda(values.out ? resolve(values.out) : undefined) + '\n');
}
