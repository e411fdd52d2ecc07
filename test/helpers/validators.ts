/**
 * Runs the consumers' own validators (Python packages pinned in requirements-test.txt, installed
 * into .venv by scripts/setup-test-env.sh) on a rendered file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { motoPython } from '../../bench/moto.js';
import { packageRoot } from '../../src/paths.js';

export interface ValidatorResult {
  ok: boolean;
  summary: Record<string, unknown> & { problems: string[] };
  stderr: string;
}

/** Writes `content` to a temporary file and runs test/validators/<script> on it. */
export function runValidator(script: string, content: string, ...args: string[]): ValidatorResult {
  return runValidatorOn(script, [{ path: 'input', content }], args);
}

/** Writes each file under its own base name (the ASFF check reads the names) and validates all. */
export function runValidatorOn(
  script: string,
  files: Array<{ path: string; content: string }>,
  args: string[] = [],
): ValidatorResult {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-audit-validate-'));
  const paths = files.map((f) => {
    const file = join(dir, basename(f.path));
    writeFileSync(file, f.content);
    return file;
  });
  const r = spawnSync(
    motoPython(),
    [join(packageRoot, 'test/validators', script), ...paths, ...args],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (r.error) throw r.error;
  let summary: ValidatorResult['summary'];
  try {
    summary = JSON.parse(r.stdout) as ValidatorResult['summary'];
  } catch {
    throw new Error(`${script} crashed: ${r.stderr}`);
  }
  return { ok: r.status === 0, summary, stderr: r.stderr };
}

export const fixture = (name: string) => join(packageRoot, 'test/fixtures/schemas', name);
