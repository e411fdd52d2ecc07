/**
 * Evaluation in bounded memory: the findings go to a JSON Lines file in a private temporary
 * folder (inside the output directory when given one: a system temporary directory may be held
 * in memory, tmpfs) as the checks make them, the counts are kept as they pass, and the report
 * handed to the renderers reads its findings back from that file each time one iterates them.
 * Only the snapshot (the input) stays in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
import { settleHeap } from '../util/heap-pacer.js';
import { FindingLines } from './finding-lines.js';
import { textLines } from './lines.js';
import { writeChunks } from './write-chunks.js';

export interface SpooledReport {
  report: ReportView;
  /** Removes the spool file; the report's findings cannot be read after it. */
  dispose(): void;
}

/** Items written to a JSON Lines file now, and read back from it each time they are iterated. */
export function spoolJsonLines<T>(path: string, items: Iterable<T>): Iterable<T> {
  return spooled(
    path,
    items,
    (item) => JSON.stringify(item),
    (line) => JSON.parse(line) as T,
  );
}

/** Findings spooled as packed lines (finding-lines.ts): written now, read back when iterated. */
export function spoolFindings(
  path: string,
  findings: Iterable<Finding>,
  lines = new FindingLines(),
): Iterable<Finding> {
  return spooled(
    path,
    findings,
    (f) => lines.write(f),
    (line) => lines.read(line),
  );
}

function spooled<T>(
  path: string,
  items: Iterable<T>,
  write: (item: T) => string,
  read: (line: string) => T,
): Iterable<T> {
  writeChunks(
    path,
    (function* () {
      // JSON.stringify never writes a raw line break: one item, one line.
      for (const item of items) yield write(item) + '\n';
    })(),
  );
  return {
    *[Symbol.iterator]() {
      for (const line of textLines(path)) if (line) yield read(line);
    },
  };
}

/**
 * What sees every finding once as it is made: the baseline's mark, the counts and the
 * suppression review; then the report around the findings and inventory.
 */
export class EvaluationPass {
  private readonly tally: FindingTally;
  private readonly review;

  constructor(
    accountIds: readonly string[],
    config: AuditConfig,
    now: Date,
    private readonly baseline?: BaselineMarker,
  ) {
    this.tally = new FindingTally(accountIds);
    this.review = suppressionReview(config, now);
  }

  /** The finding as the report holds it (with its baseline mark), counted and reviewed. */
  see(evaluated: Finding): Finding {
    const f = this.baseline ? this.baseline.mark(evaluated) : evaluated;
    this.tally.add(f);
    this.review?.see(f);
    return f;
  }

  /** Every finding of `evaluateFindings`, seen. */
  *seen(findings: Iterable<Finding>): Generator<Finding> {
    for (const f of findings) yield this.see(f);
  }

  report(
    snapshot: Snapshot,
    checks: readonly Check[],
    parts: {
      findings: Iterable<Finding>;
      inventory: Iterable<InventoryRow>;
      now: Date;
      options?: Record<string, unknown> | undefined;
    },
  ): ReportView {
    const around: ReportView = reportAround(snapshot, checks, this.tally, {
      findings: parts.findings,
      inventory: parts.inventory,
      now: parts.now,
      ...(parts.options ? { options: parts.options } : {}),
      review: this.review,
    });
    return this.baseline ? { ...around, ...this.baseline.members(around) } : around;
  }
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
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  const pass = new EvaluationPass(
    snapshot.accounts.map((a) => a.accountId),
    config,
    now,
    opts.baseline,
  );
  let findings: Iterable<Finding>;
  try {
    findings = spoolFindings(
      join(dir, 'findings.jsonl'),
      pass.seen(evaluateFindings(snapshot, checks, config, now)),
    );
  } catch (err) {
    dispose();
    throw err;
  }
  const report = pass.report(snapshot, checks, {
    findings,
    inventory: lazyInventory(snapshot.accounts),
    now,
    options: opts.options,
  });
  return { report, dispose };
}

/**
 * A report read from a file, its findings and inventory copied once into a spool (in `dir`),
 * the findings as packed lines: every format then reads those instead of parsing report.json's
 * text again, and the outputs may replace the file they came from.
 */
export function spoolReport(view: ReportView, dir: string): SpooledReport {
  const spool = mkdtempSync(join(dir, '.apigw-audit-report-'));
  const dispose = () => rmSync(spool, { recursive: true, force: true });
  try {
    const findings = spoolFindings(
      join(spool, 'findings.jsonl'),
      view.findings,
      new FindingLines({ byValue: true }),
    );
    const inventory = spoolJsonLines(join(spool, 'inventory.jsonl'), view.inventory);
    return { report: { ...view, findings, inventory }, dispose };
  } catch (err) {
    dispose();
    throw err;
  }
}
