/**
 * Evaluation in bounded memory: the findings go to a JSON Lines file in a private temporary
 * folder (inside the output directory when given one: a system temporary directory may be held
 * in memory, tmpfs) as the checks make them, the counts are kept as they pass, and the report handed to
 * the renderers reads its findings back from that file each time one iterates them. Only the
 * snapshot (the input) and the inventory stay in memory.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditConfig } from '../config/types.js';
import type { Check } from '../engine/check.js';
import type { BaselineMarker } from '../baseline/annotate.js';
import {
  evaluateFindings,
  FindingTally,
  reportAround,
  suppressionReview,
  type EvaluateOptions,
} from '../engine/evaluate.js';
import { lazyInventory } from '../engine/inventory.js';
import type { Finding, InventoryRow, ReportView } from '../engine/types.js';
import type { Snapshot } from '../snapshot/types.js';
import { paceHeap, settleHeap } from '../util/heap-pacer.js';
import { FindingLines } from './finding-lines.js';
import { textLines } from './lines.js';
import { writeChunks } from './write-chunks.js';

const BLOCK = 1 << 20;

export interface SpooledReport {
  report: ReportView;
  /** Removes the spool file; the report's findings cannot be read after it. */
  dispose(): void;
}

export function evaluateSpooled(
  snapshot: Snapshot,
  checks: readonly Check[],
  config: AuditConfig,
  opts: EvaluateOptions & { spoolIn?: string; baseline?: BaselineMarker | undefined } = {},
): SpooledReport {
  const now = opts.now ?? new Date();
  // What collecting or parsing the snapshot left behind goes before evaluation adds to it.
  settleHeap();
  const dir = mkdtempSync(join(opts.spoolIn ?? tmpdir(), '.apigw-audit-findings-'));
  const path = join(dir, 'findings.jsonl');
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  const tally = new FindingTally(snapshot.accounts.map((a) => a.accountId));
  const review = suppressionReview(config, now);
  const { baseline } = opts;
  const lines = new FindingLines();
  try {
    const fd = openSync(path, 'w');
    try {
      let pending: string[] = [];
      let size = 0;
      for (const evaluated of evaluateFindings(snapshot, checks, config, now)) {
        const f = baseline ? baseline.mark(evaluated) : evaluated;
        tally.add(f);
        review?.see(f);
        // JSON.stringify never writes a raw line break: one finding, one line.
        const line = lines.write(f) + '\n';
        pending.push(line);
        size += line.length;
        if (size >= BLOCK) {
          writeSync(fd, pending.join(''));
          paceHeap();
          pending = [];
          size = 0;
        }
      }
      if (pending.length) writeSync(fd, pending.join(''));
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    dispose();
    throw err;
  }
  const findings: Iterable<Finding> = {
    *[Symbol.iterator]() {
      for (const line of textLines(path)) if (line) yield lines.read(line);
    },
  };
  const around: ReportView = reportAround(snapshot, checks, tally, {
    findings,
    inventory: lazyInventory(snapshot.accounts),
    now,
    ...(opts.options ? { options: opts.options } : {}),
    review,
  });
  const report = baseline ? { ...around, ...baseline.members(around) } : around;
  return { report, dispose };
}

/**
 * A report read from a file, its findings and inventory copied once into a spool (in `dir`),
 * the findings as packed lines: every format then reads those instead of parsing report.json's
 * text again, and the outputs may replace the file they came from.
 */
export function spoolReport(view: ReportView, dir: string): SpooledReport {
  const spool = mkdtempSync(join(dir, '.apigw-audit-report-'));
  const findingsPath = join(spool, 'findings.jsonl');
  const inventoryPath = join(spool, 'inventory.jsonl');
  const dispose = () => rmSync(spool, { recursive: true, force: true });
  const lines = new FindingLines({ byValue: true });
  try {
    writeChunks(
      findingsPath,
      (function* () {
        for (const f of view.findings) yield lines.write(f) + '\n';
      })(),
    );
    writeChunks(
      inventoryPath,
      (function* () {
        for (const row of view.inventory) yield JSON.stringify(row) + '\n';
      })(),
    );
  } catch (err) {
    dispose();
    throw err;
  }
  const findings: Iterable<Finding> = {
    *[Symbol.iterator]() {
      for (const line of textLines(findingsPath)) if (line) yield lines.read(line);
    },
  };
  const inventory: Iterable<InventoryRow> = {
    *[Symbol.iterator]() {
      for (const line of textLines(inventoryPath)) if (line) yield JSON.parse(line) as InventoryRow;
    },
  };
  return { report: { ...view, findings, inventory }, dispose };
}
