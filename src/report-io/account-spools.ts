/**
 * A scan of many accounts in the memory of one: each account, as its collection ends, is
 * written out, parsed back (as `evaluate` would read it), evaluated, and let go. Its findings
 * go to a spool of its own, its inventory rows to another, its data to a file snapshot.json is
 * later assembled from. Only small stand-ins for the accounts stay in the snapshot.
 *
 * The report reads the accounts' spools together (a k-way merge, check by check and account
 * by account), which is the order evaluating all of them at once gives: checks see one
 * account at a time anyway, and each check's results are ordered by account first.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BaselineMarker } from '../baseline/annotate.js';
import type { AuditConfig } from '../config/types.js';
import type { Check } from '../engine/check.js';
import {
  evaluateFindings,
  FindingTally,
  reportAround,
  suppressionReview,
} from '../engine/evaluate.js';
import { inventoryRows } from '../engine/inventory.js';
import type { Finding, InventoryRow, ReportView } from '../engine/types.js';
import { jsonChunks, streamedArray } from '../render/json-chunks.js';
import type { AccountSnapshot, CollectionError, Snapshot } from '../snapshot/types.js';
import { settleHeap } from '../util/heap-pacer.js';
import { kWayMerge } from '../util/k-way.js';
import { FindingLines } from './finding-lines.js';
import { textLines } from './lines.js';
import { snapshotJsonChunks } from './snapshot-json.js';
import type { SpooledReport } from './spooled-report.js';
import { writeChunks } from './write-chunks.js';

/** An account inside snapshot.json: its members down to the region items, one at a time. */
const ACCOUNT_JSON_DEPTH = 5;

interface Spooled {
  accountId: string;
  data: string;
  findings: string;
  inventory: string;
  lines: FindingLines;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class AccountSpools {
  private readonly root: string;
  private readonly spooled = new Map<string, Spooled>();
  private readonly tally = new FindingTally([]);
  private readonly review;

  constructor(
    dir: string,
    private readonly checks: readonly Check[],
    private readonly config: AuditConfig,
    private readonly now: Date,
    private readonly baseline?: BaselineMarker,
  ) {
    this.root = mkdtempSync(join(dir, '.apigw-audit-accounts-'));
    this.review = suppressionReview(config, now);
  }

  /**
   * Takes an account whose collection has ended (with its failed calls) and gives back its
   * stand-in: the account's own members, and its regions by name only.
   */
  add(take: () => AccountSnapshot, errors: CollectionError[]): AccountSnapshot {
    const n = this.spooled.size;
    const files = {
      data: join(this.root, `${n}.account.json`),
      findings: join(this.root, `${n}.findings.jsonl`),
      inventory: join(this.root, `${n}.inventory.jsonl`),
    };
    // The collected account lives only while it is written: nothing here holds it after.
    const stub = writeAccount(take(), files.data);
    const s: Spooled = { accountId: stub.accountId, ...files, lines: new FindingLines() };
    this.spooled.set(stub.accountId, s);
    settleHeap();
    const parsed = JSON.parse(readFileSync(s.data, 'utf8')) as AccountSnapshot;
    const one: Snapshot = {
      schemaVersion: '',
      tool: { name: '', version: '' },
      scan: { startedAt: '', finishedAt: '', requestedRegions: [] },
      accounts: [parsed],
      collectionErrors: errors,
    } as unknown as Snapshot;
    const { tally, review, baseline } = this;
    const { lines } = s;
    writeChunks(
      s.findings,
      (function* (checks, config, now) {
        for (const evaluated of evaluateFindings(one, checks, config, now)) {
          const f = baseline ? baseline.mark(evaluated) : evaluated;
          tally.add(f);
          review?.see(f);
          yield lines.write(f) + '\n';
        }
      })(this.checks, this.config, this.now),
    );
    writeChunks(
      s.inventory,
      (function* () {
        for (const row of inventoryRows([parsed])) yield JSON.stringify(row) + '\n';
      })(),
    );
    settleHeap();
    return stub;
  }

  /**
   * The report of `snapshot` (whose accounts are the stand-ins `add` gave), its findings and
   * inventory read from the spools, and snapshot.json assembled an account at a time.
   */
  report(
    snapshot: Snapshot,
    evaluatedAt: Date,
    options?: Record<string, unknown>,
  ): SpooledReport & { snapshotJson: Iterable<string> } {
    const ids = [...this.spooled.keys()].sort(byText);
    const order = new Map(ids.map((id, i) => [id, i]));
    const checkOrder = new Map(this.checks.map((c, i) => [c.meta.id, i]));
    const lists = ids.map((id) => spoolFindings(this.spooled.get(id)!));
    const findings: Iterable<Finding> = {
      [Symbol.iterator]: () =>
        kWayMerge(
          lists,
          (f) =>
            (checkOrder.get(f.checkId) ?? 0) * (ids.length + 1) +
            (order.get(f.resource.accountId) ?? 0),
          (i) => new Error(`account spool ${ids[i]}: findings out of check order`),
        ),
    };
    const inventoryFiles = ids.map((id) => this.spooled.get(id)!.inventory);
    const inventory: Iterable<InventoryRow> = {
      *[Symbol.iterator]() {
        for (const file of inventoryFiles)
          for (const line of textLines(file)) if (line) yield JSON.parse(line) as InventoryRow;
      },
    };
    const around: ReportView = reportAround(snapshot, this.checks, this.tally, {
      findings,
      inventory,
      now: evaluatedAt,
      ...(options ? { options } : {}),
      review: this.review,
    });
    const report = this.baseline ? { ...around, ...this.baseline.members(around) } : around;
    const accounts = snapshot.accounts;
    const data = (id: string) => this.spooled.get(id)?.data;
    const snapshotJson: Iterable<string> = {
      [Symbol.iterator]: () =>
        snapshotJsonChunks({
          ...snapshot,
          accounts: streamedArray(
            (function* () {
              for (const a of accounts) {
                const path = data(a.accountId);
                yield path ? (JSON.parse(readFileSync(path, 'utf8')) as AccountSnapshot) : a;
              }
            })(),
          ) as unknown as AccountSnapshot[],
        })[Symbol.iterator](),
    };
    return { report, snapshotJson, dispose: () => this.dispose() };
  }

  /** Removes the spools (the report's lists cannot be read after it). */
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Writes the account to `path` and gives its stand-in: its own members, its regions by name. */
function writeAccount(account: AccountSnapshot, path: string): AccountSnapshot {
  writeChunks(path, jsonChunks(account, ACCOUNT_JSON_DEPTH));
  const { regions, ...own } = account;
  return {
    ...own,
    regions: regions.map((r) => ({ region: r.region }) as AccountSnapshot['regions'][number]),
  };
}

function spoolFindings(s: Spooled): Iterable<Finding> {
  return {
    *[Symbol.iterator]() {
      for (const line of textLines(s.findings)) if (line) yield s.lines.read(line);
    },
  };
}
