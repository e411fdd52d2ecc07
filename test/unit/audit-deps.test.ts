/** CI's dependency audit (scripts/audit-deps.mjs) on saved `npm audit --json` answers. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'apigw-audit-npm-audit-'));

function audit(answer: object | string, env: Record<string, string> = {}) {
  const file = join(dir, `answer-${Math.random()}.json`);
  writeFileSync(file, typeof answer === 'string' ? answer : JSON.stringify(answer));
  const r = spawnSync(process.execPath, [join(packageRoot, 'scripts', 'audit-deps.mjs')], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', AUDIT_JSON: file, ...env },
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

const report = (counts: Record<string, number>, vulnerabilities: object = {}) => ({
  auditReportVersion: 2,
  vulnerabilities,
  metadata: {
    vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts },
    dependencies: { prod: 120, dev: 0, optional: 0, peer: 0, peerOptional: 0, total: 120 },
  },
});

describe('scripts/audit-deps.mjs', () => {
  it('fails on a high or critical advisory, naming the package', () => {
    const r = audit(
      report({ high: 1, moderate: 1 }, { handlebars: { name: 'handlebars', severity: 'high' } }),
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('handlebars (high)');
    expect(audit(report({ critical: 2 })).code).toBe(1);
  });

  it('passes with moderate and low advisories only', () => {
    const r = audit(report({ moderate: 3, low: 1 }));
    expect(r.code).toBe(0);
    expect(r.out).toContain('no high or critical advisory');
  });

  it('warns, without failing, when the advisory service cannot be reached; fails if required', () => {
    const unreachable = { message: '405 Method Not Allowed', statusCode: 405, error: {} };
    const open = audit(unreachable);
    expect(open.code).toBe(0);
    expect(open.out).toContain('were NOT checked');
    expect(audit(unreachable, { AUDIT_REQUIRED: '1' }).code).toBe(1);
    expect(audit('not json', { AUDIT_REQUIRED: '1' }).code).toBe(1);
  });
});
