/**
 * mergeReports / mergeSnapshots (src/engine/merge.ts): shard reports become the report that
 * evaluating all their accounts at once gives, and what cannot be one run is refused.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { auditConfig } from '../../src/config/load.js';
import { evaluateSnapshot } from '../../src/engine/evaluate.js';
import { mergeReports, mergeSnapshots } from '../../src/engine/merge.js';
import type { Report } from '../../src/engine/types.js';
import { UsageError } from '../../src/errors.js';
import { renderCsv } from '../../src/render/csv.js';
import { runCli } from '../helpers/cli.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { collectionError, region, restApi, restStage, snapshot } from '../helpers/snapshot.js';

const NOW = new Date('2026-11-02T00:00:00.000Z');
const evaluate = (s: Snapshot): Report =>
  evaluateSnapshot(s, ALL_CHECKS, auditConfig({}), { now: NOW, options: { org: true } });

function account(id: string, name: string): Snapshot {
  const s = snapshot(
    [
      region({
        restApis: [restApi({ id: `${name}1`, name, stages: [restStage({ stageName: 'prod' })] })],
      }),
    ],
    [collectionError({ slice: 'clientCertificates', accountId: id })],
    id,
  );
  s.accounts[0]!.accountName = name;
  s.accounts[0]!.ouPath = `Root/${name}`;
  return s;
}

const A = account('210000000001', 'alpha');
const B = account('210000000002', 'beta');
const C = account('210000000003', 'gamma');

describe('merge', () => {
  it('gives the report of one evaluation over all the accounts', () => {
    const whole = mergeSnapshots([A, B, C]);
    const single = evaluate(whole);
    // Shards given in any order.
    const merged = mergeReports([
      { name: 'c.json', value: evaluate(C) },
      { name: 'a.json', value: evaluate(A) },
      { name: 'b.json', value: evaluate(B) },
    ]);
    expect(merged).toEqual(single);
    expect(merged.summary.byAccount!['210000000002']!.total).toBeGreaterThan(0);
    expect(mergeSnapshots([C, A, B])).toEqual(whole);
  });

  it('refuses another tool version, another catalog, other options or a shared account', () => {
    const a = evaluate(A);
    const b = evaluate(B);
    const cases: Array<[Report, RegExp]> = [
      [{ ...b, tool: { ...b.tool, version: '9.9.9' } }, /written by apigw-audit 9\.9\.9/],
      [{ ...b, checks: {} }, /different check catalogs/],
      [{ ...b, scan: { ...b.scan, options: { org: false } } }, /different options/],
      [a, /account 210000000001 is in both a\.json and b\.json/],
    ];
    for (const [other, message] of cases) {
      const run = () =>
        mergeReports([
          { name: 'a.json', value: a },
          { name: 'b.json', value: other },
        ]);
      expect(run).toThrow(UsageError);
      expect(run).toThrow(message);
    }
    // Shards differ by --shard alone.
    const sharded = (r: Report, k: number) => ({
      ...r,
      scan: { ...r.scan, options: { ...r.scan.options, shard: `${k}/2` } },
    });
    const merged = mergeReports([
      { name: 'a.json', value: sharded(a, 1) },
      { name: 'b.json', value: sharded(b, 2) },
    ]);
    expect(merged.scan.options).toEqual({ org: true });
  });
});

describe('apigw-audit merge, shards read as streams', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-audit-merge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A shard as `scan --out` leaves it: report.json and snapshot.json side by side. */
  function shard(name: string, s: Snapshot, edit?: (r: Report) => Report): string {
    const out = join(dir, name);
    mkdirSync(out, { recursive: true });
    const r = evaluate(s);
    writeFileSync(join(out, 'report.json'), JSON.stringify(edit ? edit(r) : r, null, 2) + '\n');
    writeFileSync(join(out, 'snapshot.json'), JSON.stringify(s, null, 2) + '\n');
    return join(out, 'report.json');
  }

  it('writes what merging in memory gives, with shards whose accounts interleave', async () => {
    // One shard holds the first and last account, the other the middle one: the merged
    // findings interleave the two files check by check.
    const paths = [shard('ac', mergeSnapshots([A, C])), shard('b', B)];
    const out = join(dir, 'merged');
    const r = await runCli(['merge', ...paths, '--out', out, '--format', 'json,csv,md']);
    expect(r.stderr).toMatch(/merged 2 report\(s\): 3 account\(s\)/);
    // Each account has a failed call: coverage is incomplete, as a single run would say.
    expect(r.code).toBe(3);
    const whole = mergeSnapshots([A, B, C]);
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))).toEqual(evaluate(whole));
    expect(readFileSync(join(out, 'snapshot.json'), 'utf8')).toBe(
      JSON.stringify(whole, null, 2) + '\n',
    );
    const inMemory = mergeReports([
      { name: 'ac', value: evaluate(mergeSnapshots([A, C])) },
      { name: 'b', value: evaluate(B) },
    ]);
    expect(readFileSync(join(out, 'report.csv'), 'utf8')).toBe(renderCsv(inMemory));
  });

  it('refuses, in one line, a shard whose findings are not in the order the tool writes', async () => {
    const shuffled = shard('shuffled', A, (r) => ({ ...r, findings: [...r.findings].reverse() }));
    const r = await runCli(['merge', shuffled, shard('b2', B), '--out', join(dir, 'bad')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /shuffled\/report\.json: findings are not in the order apigw-audit writes them/,
    );
  });
});
