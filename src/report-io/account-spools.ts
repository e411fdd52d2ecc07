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
import { evaluateFindings } from '../engine/evaluate.js';
import { inventoryRows } from '../engine/inventory.js';
import type { Finding, InventoryRow } from '../engine/types.js';
import { jsonChunks, streamedArray } from '../render/json-chunks.js';
import type { AccountSnapshot, CollectionError, Snapshot } from '../snapshot/types.js';
import { settleHeap } from '../util/heap-pacer.js';
import { kWayMerge } from '../util/k-way.js';
import { snapshotJsonChunks } from './snapshot-json.js';
import {
  EvaluationPass,
  spoolFindings,
  spoolJsonLines,
  type SpooledReport,
} from './spooled-report.js';
import { writeChunks } from './write-chunks.js';

/** An account inside snapshot.json: its members down to the region items, one at a time. */
const ACCOUNT_JSON_DEPTH = 5;

interface Spooled {
  accountId: string;
  /** The account's data, as snapshot.json holds it. */
  data: string;
  findings: Iterable<Finding>;
  inventory: Iterable<InventoryRow>;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class AccountSpools {
  private readonly root: string;
  private readonly spooled = new Map<string, Spooled>();
  private readonly pass: EvaluationPass;

  constructor(
    dir: string,
    private readonly checks: readonly Check[],
    private readonly config: AuditConfig,
    private readonly now: Date,
    baseline?: BaselineMarker,
  ) {
    this.root = mkdtempSync(join(dir, '.apigw-audit-accounts-'));
    this.pass = new EvaluationPass([], config, now, baseline);
  }

  /**
   * Takes an account whose collection has ended (with its failed calls) and gives back its
   * stand-in: the account's own members, and its regions by name only.
   */
  add(take: () => AccountSnapshot, errors: CollectionError[]): AccountSnapshot {
    const n = this.spooled.size;
    const data = join(this.root, `${n}.account.json`);
    // The collected account lives only while it is written: nothing here holds it after.
    const stub = writeAccount(take(), data);
    settleHeap();
    const parsed = JSON.parse(readFileSync(data, 'utf8')) as AccountSnapshot;
    const one = {
      accounts: [parsed],
      collectionErrors: errors,
    } as unknown as Snapshot;
    this.spooled.set(stub.accountId, {
      accountId: stub.accountId,
      data,
      findings: spoolFindings(
        join(this.root, `${n}.findings.jsonl`),
        this.pass.seen(evaluateFindings(one, this.checks, this.config, this.now)),
      ),
      inventory: spoolJsonLines(join(this.root, `${n}.inventory.jsonl`), inventoryRows([parsed])),
    });
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
    const lists = ids.map((id) => this.spooled.get(id)!.findings);
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
    const inventories = ids.map((id) => this.spooled.get(id)!.inventory);
    const inventory: Iterable<InventoryRow> = {
      *[Symbol.iterator]() {
        for (const rows of inventories) yield* rows;
      },
    };
    const report = this.pass.report(snapshot, this.checks, {
      findings,
      inventory,
      now: evaluatedAt,
      options,
    });
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
