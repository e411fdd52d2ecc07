/**
 * Runs the consumers' own validators (Python packages pinned in requirements-test.txt, installed
 * into .venv by scripts/setup-test-env.sh) on a rendered file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { motoPython } from '../../bench/moto.js';
import { packageRoot } from '../../src/paths.js';

export interface ValidatorResult {
  ok: boolean;
  summary: Record<string, unknown> & { problems: string[] };
  stderr: string;
}

/** Writes `content` to a temporary file and runs test/validators/<script> on it. */
export function runValidator(script: string, content: string, ...args: string[]): ValidatorResult {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-audit-validate-'));
  const file = join(dir, 'input');
  writeFileSync(file, content);
  const r = spawnSync(motoPython(), [join(packageRoot, 'test/validators', script), file, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
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
