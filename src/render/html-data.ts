/**
 * The data part of report.html, written piece by piece: the report's head as JSON, then its
 * findings and inventory as gzip-compressed, base64-encoded batches in <template> elements, so
 * that neither the renderer nor the page ever holds the whole report as one string.
 *
 * Unsuppressed PASS findings go into batches of their own that the page inflates only when the
 * user asks for PASS results; a small summary of them (counts per check, account, region and
 * compliance mapping) lets the page show counts, filter options and compliance without them.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Finding, InventoryRow, Report } from '../engine/types.js';
import { inlineJson } from './inline-json.js';
import { PACKED_FINDING_FIELDS, type PackedFindingField } from './page-contract.js';

/** The report without its findings and inventory: what the page reads synchronously. */
export type ReportHead = Omit<Report, 'findings' | 'inventory'>;

/**
 * A finding as the page embeds it: its PACKED_FINDING_FIELDS are left out when they equal its
 * check's (they always do for engine output), which halves the size of large reports.
 */
export type PackedFinding = Omit<Finding, PackedFindingField> &
  Partial<Pick<Finding, PackedFindingField>>;

/** What each batch holds; the page inflates 'open' and 'inventory' at once, 'pass' on demand. */
export type BatchKind = 'open' | 'pass' | 'inventory' | 'pass-summary';

/** One batch of findings: `at` gives each finding's position in report.findings, delta-coded. */
export interface FindingBatch {
  at: number[];
  findings: PackedFinding[];
}

/** Unsuppressed PASS findings of one check, account and region (and own mapping, if any). */
export interface PassGroup {
  checkId: string;
  accountId: string;
  region: string;
  count: number;
  /** Only when the findings' mapping differs from their check's. */
  compliance?: Record<string, string[]>;
}

/** Batches close at whichever comes first, so one piece stays bounded whatever the volume. */
export const BATCH_MAX_ITEMS = 2000;
export const BATCH_MAX_JSON_CHARS = 2_000_000;

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

export function packFinding(f: Finding, checks: Report['checks']): PackedFinding {
  const check = checks[f.checkId];
  if (!check) return f;
  const packed: PackedFinding = { ...f };
  for (const field of PACKED_FINDING_FIELDS) {
    if (same(f[field], check[field])) delete packed[field];
  }
  return packed;
}

export function unpackFinding(f: PackedFinding, checks: Report['checks']): Finding {
  const check = checks[f.checkId];
  const out = { ...f } as Record<PackedFindingField, unknown>;
  for (const field of PACKED_FINDING_FIELDS) out[field] = f[field] ?? check![field];
  return out as unknown as Finding;
}

/** Whether the page leaves this finding compressed until PASS results are asked for. */
export function isDeferred(f: Pick<Finding, 'status' | 'suppressed'>): boolean {
  return f.status === 'PASS' && !f.suppressed;
}

/** base64 of one gzip member: only [A-Za-z0-9+/=], so it is inert inside any element. */
function element(kind: BatchKind, value: unknown): string {
  const b64 = gzipSync(JSON.stringify(value)).toString('base64');
  return `<template data-report-batch="${kind}">${b64}</template>\n`;
}

/** Collects items until a bound is reached; `take` hands the batch over and starts anew. */
class Batch<T> {
  items: T[] = [];
  at: number[] = [];
  chars = 0;
  private last = -1;

  add(item: T, position: number): boolean {
    this.items.push(item);
    this.at.push(position - this.last);
    this.last = position;
    this.chars += JSON.stringify(item).length;
    return this.items.length >= BATCH_MAX_ITEMS || this.chars >= BATCH_MAX_JSON_CHARS;
  }

  take(): { items: T[]; at: number[] } {
    const out = { items: this.items, at: this.at };
    this.items = [];
    this.at = [];
    this.chars = 0;
    return out;
  }
}

function findingElement(kind: 'open' | 'pass', batch: Batch<PackedFinding>): string {
  const { items, at } = batch.take();
  const value: FindingBatch = { at, findings: items };
  return element(kind, value);
}

/**
 * The data elements of report.html, in the order the page expects: the head, then batches of
 * findings and inventory rows, then the summary of deferred PASS findings. Each yielded piece
 * holds at most one batch.
 */
export function* htmlDataChunks(
  head: ReportHead,
  findings: Iterable<Finding>,
  inventory: Iterable<InventoryRow>,
): Generator<string> {
  // Drop findings/inventory even if the caller passed a whole report as the head.
  const { findings: _f, inventory: _i, ...rest } = head as ReportHead & Partial<Report>;
  yield `<script type="application/json" id="report-data">${inlineJson(rest)}</script>\n`;

  const open = new Batch<PackedFinding>();
  const pass = new Batch<PackedFinding>();
  const groups = new Map<string, PassGroup>();
  let position = 0;
  for (const f of findings) {
    const packed = packFinding(f, head.checks);
    if (isDeferred(f)) {
      countPass(groups, packed);
      if (pass.add(packed, position)) yield findingElement('pass', pass);
    } else if (open.add(packed, position)) yield findingElement('open', open);
    position++;
  }
  if (open.items.length) yield findingElement('open', open);
  if (pass.items.length) yield findingElement('pass', pass);

  const rows = new Batch<InventoryRow>();
  let n = 0;
  for (const row of inventory) {
    if (rows.add(row, n++)) yield element('inventory', rows.take().items);
  }
  if (rows.items.length) yield element('inventory', rows.take().items);

  yield element('pass-summary', [...groups.values()]);
}

function countPass(groups: Map<string, PassGroup>, f: PackedFinding): void {
  const own = f.compliance ? JSON.stringify(f.compliance) : '';
  const key = JSON.stringify([f.checkId, f.resource.accountId, f.resource.region, own]);
  const g = groups.get(key);
  if (g) {
    g.count++;
    return;
  }
  groups.set(key, {
    checkId: f.checkId,
    accountId: f.resource.accountId,
    region: f.resource.region,
    count: 1,
    ...(f.compliance ? { compliance: f.compliance } : {}),
  });
}

/** What htmlDataChunks wrote, decoded: the head, the packed findings in order, the inventory. */
export interface HtmlData {
  head: ReportHead;
  findings: PackedFinding[];
  inventory: InventoryRow[];
  passSummary: PassGroup[];
}

export function readHtmlData(html: string): HtmlData {
  const head = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
  if (!head) throw new Error('report.html: no embedded report data');
  const findings: PackedFinding[] = [];
  const inventory: InventoryRow[] = [];
  let passSummary: PassGroup[] = [];
  const next = { open: -1, pass: -1 };
  for (const m of html.matchAll(/<template data-report-batch="([a-z-]+)">([^<]*)<\/template>/g)) {
    const kind = m[1] as BatchKind;
    const value: unknown = JSON.parse(gunzipSync(Buffer.from(m[2]!, 'base64')).toString('utf8'));
    if (kind === 'open' || kind === 'pass') {
      const batch = value as FindingBatch;
      batch.findings.forEach((f, i) => {
        next[kind] += batch.at[i]!;
        findings[next[kind]] = f;
      });
    } else if (kind === 'inventory') inventory.push(...(value as InventoryRow[]));
    else if (kind === 'pass-summary') passSummary = value as PassGroup[];
  }
  return { head: JSON.parse(head[1]!) as ReportHead, findings, inventory, passSummary };
}
