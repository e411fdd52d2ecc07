/**
 * A scan's accounts evaluated one at a time (src/report-io/account-spools.ts): the report, every
 * format and snapshot.json are what evaluating the whole snapshot at once gives, whatever order
 * the accounts finished in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { syntheticSnapshot } from '../../bench/evaluate.js';
import { BaselineMarker } from '../../src/baseline/annotate.js';
import { auditConfig } from '../../src/config/load.js';
import { evaluateSnapshot } from '../../src/engine/evaluate.js';
import type { ReportView } from '../../src/engine/types.js';
import { withBaseline } from '../../src/baseline/annotate.js';
import { RENDERERS, rendererFor } from '../../src/render/index.js';
import { AccountSpools } from '../../src/report-io/account-spools.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { collectionError } from '../helpers/snapshot.js';

const now = new Date('2026-11-30T12:00:00.000Z');
const dir = mkdtempSync(join(tmpdir(), 'apigw-audit-account-spools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Three accounts of the synthetic bench snapshot, each with a failed call of its own. */
function estate(): Snapshot {
  const ids = ['333333333333', '111111111111', '222222222222'];
  const accounts = ids.map((accountId, i) => {
    const one = syntheticSnapshot(4 + i).accounts[0]!;
    return {
      ...one,
      accountId,
      accountName: `acct-${i}`,
      regions: one.regions.map((r) => ({
        ...JSON.parse(JSON.stringify(r).replaceAll(one.accountId, accountId)),
      })),
    };
  });
  const base = syntheticSnapshot(1);
  return {
    ...base,
    accounts,
    collectionErrors: ids.map((accountId) =>
      collectionError({ slice: 'clientCertificates', accountId, region: 'eu-west-1' }),
    ),
  };
}

function joined(report: ReportView, format: string) {
  return [...rendererFor(format)!.outputs(report, {})]
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((o) => ({ path: o.path, content: [...o.chunks].join('') }));
}

describe('AccountSpools', () => {
  it('gives the report, every format and snapshot.json of one evaluation of all accounts', () => {
    const snapshot = estate();
    const config = auditConfig({}, [{ checkId: 'rest-xray-tracing', reason: 'accepted' }]);
    const earlier = evaluateSnapshot(snapshot, ALL_CHECKS, auditConfig(), { now });
    const whole = withBaseline(
      evaluateSnapshot(snapshot, ALL_CHECKS, config, { now, options: { a: 1 } }),
      earlier,
      'before.json',
    );
    const spools = new AccountSpools(
      dir,
      ALL_CHECKS,
      config,
      now,
      new BaselineMarker(earlier.findings, {
        file: 'before.json',
        generatedAt: earlier.scan.evaluatedAt,
      }),
    );
    // The accounts finish in another order than the snapshot lists them.
    const stubs = new Map(
      [...snapshot.accounts].reverse().map((a) => [
        a.accountId,
        spools.add(
          () => a,
          snapshot.collectionErrors.filter((e) => e.accountId === a.accountId),
        ),
      ]),
    );
    const stand: Snapshot = {
      ...snapshot,
      accounts: snapshot.accounts.map((a) => stubs.get(a.accountId)!),
    };
    expect(JSON.stringify(stand).length).toBeLessThan(JSON.stringify(snapshot).length / 20);
    const spooled = spools.report(stand, now, { a: 1 });
    try {
      const { report } = spooled;
      expect(Object.keys(report)).toEqual(Object.keys(whole));
      expect([...report.findings]).toEqual(whole.findings);
      expect([...report.inventory]).toEqual(whole.inventory);
      expect(report.summary).toEqual(whole.summary);
      expect(Object.keys(report.summary.byAccount!)).toEqual(
        snapshot.accounts.map((a) => a.accountId),
      );
      expect(report.baseline).toEqual(whole.baseline);
      for (const { format } of RENDERERS) {
        expect(joined(report, format), format).toEqual(rendererFor(format)!.files(whole, {}));
      }
      expect([...spooled.snapshotJson].join('')).toBe(JSON.stringify(snapshot, null, 2) + '\n');
    } finally {
      spooled.dispose();
    }
  });
});
