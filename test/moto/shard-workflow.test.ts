/**
 * examples/github-actions-shards.yml works: its matrix covers shards 1..SHARDS, and its scan and
 * merge scripts, run by bash as the runner would run them (the matrix value substituted, the
 * artifacts laid out as download-artifact lays them, `npx apigw-audit` being this build),
 * scan moto's Organization shard by shard and merge every account into one report.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/types.js';
import { packageRoot } from '../../src/paths.js';
import { CLI } from '../helpers/cli.js';
import { TEST_CREDENTIALS, useMoto } from '../helpers/moto.js';
import { seedOrg } from '../helpers/org.js';

const moto = useMoto();

interface Step {
  name?: string;
  id?: string;
  run?: string;
}
interface Workflow {
  env: Record<string, string>;
  jobs: {
    scan: { strategy: { matrix: { shard: number[] } }; steps: Step[] };
    merge: { steps: Step[] };
  };
}

function workflow(): Workflow {
  // PyYAML comes with cfn-lint in the test virtualenv.
  const out = spawnSync(
    join(packageRoot, '.venv', 'bin', 'python'),
    [
      '-c',
      'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))',
      join(packageRoot, 'examples', 'github-actions-shards.yml'),
    ],
    { encoding: 'utf8' },
  );
  expect(out.stderr).toBe('');
  return JSON.parse(out.stdout) as Workflow;
}

/** A bin directory whose `npx apigw-audit ...` runs this build's CLI. */
function npxShim(): string {
  const bin = mkdtempSync(join(tmpdir(), 'apigw-audit-bin-'));
  const npx = join(bin, 'npx');
  writeFileSync(
    npx,
    `#!/bin/sh\n[ "$1" = apigw-audit ] || exit 127\nshift\nexec "${process.execPath}" "${CLI}" "$@"\n`,
  );
  chmodSync(npx, 0o755);
  return bin;
}

function bash(script: string, cwd: string, env: Record<string, string>) {
  return spawnSync('bash', ['-eo', 'pipefail', '-c', script], { cwd, encoding: 'utf8', env });
}

describe('examples/github-actions-shards.yml', () => {
  it('covers every shard, and its scripts scan and merge the whole organization', async () => {
    const wf = workflow();
    const shards = Number(wf.env.SHARDS);
    expect(wf.jobs.scan.strategy.matrix.shard).toEqual(
      Array.from({ length: shards }, (_, i) => i + 1),
    );
    const org = await seedOrg(moto, [
      ['payments', 'Prod'],
      ['web', 'Prod/Web'],
      ['sandbox', ''],
      ['data', 'Prod'],
    ]);
    const members = ['payments', 'web', 'sandbox', 'data'].map(org.account).sort();

    const root = mkdtempSync(join(tmpdir(), 'apigw-audit-workflow-'));
    const env = {
      PATH: `${npxShim()}:${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? '/tmp',
      ...wf.env,
      EXTERNAL_ID: 'x-123',
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: moto.endpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const scanStep = wf.jobs.scan.steps.find((s) => s.name?.startsWith('Scan shard'))!;
    const downloaded = join(root, 'merge', 'shards');
    for (const shard of wf.jobs.scan.strategy.matrix.shard) {
      const job = join(root, `scan-${shard}`);
      mkdirSync(job, { recursive: true });
      // --regions all would ask moto for every region: one keeps the test short.
      const script = scanStep
        .run!.replaceAll('${{ matrix.shard }}', String(shard))
        .replace('--regions all', '--regions us-east-1');
      const r = bash(script, job, env);
      expect(r.stderr, `shard ${shard}`).not.toMatch(/\n\s+at /);
      expect(r.status, `shard ${shard}: ${r.stderr}`).toBe(0);
      cpSync(join(job, 'shard'), join(downloaded, `shard-${shard}`), { recursive: true });
    }

    const mergeStep = wf.jobs.merge.steps.find((s) => s.id === 'merge')!;
    const out = join(root, 'merge');
    const outputs = join(root, 'github-output');
    const summary = join(root, 'step-summary');
    writeFileSync(outputs, '');
    writeFileSync(summary, '');
    const m = bash(mergeStep.run!, out, {
      ...env,
      GITHUB_OUTPUT: outputs,
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(m.stderr).not.toMatch(/\n\s+at /);
    expect(m.status, m.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'merged', 'report.json'), 'utf8')) as Report;
    expect(report.scan.accounts).toEqual(members);
    expect(report.scan.options).not.toHaveProperty('shard');
    // moto lacks GetClientCertificates: every account's coverage is short, so the run exits 3.
    expect(readFileSync(outputs, 'utf8')).toBe('code=3\n');
    expect(readFileSync(summary, 'utf8')).toContain('# API Gateway security audit');
    expect(readFileSync(join(out, 'merged', 'report.sarif'), 'utf8')).toContain('"version"');
  }, 240_000);
});
