/**
 * Reading a report.json without holding it: `openReport` checks the whole file once (the head
 * against the report schema, each finding and inventory row against its part of it) and gives
 * back a ReportView whose findings and inventory are read from the file again, one at a time,
 * each time they are iterated.
 *
 * It relies on the layout this tool writes (`JSON.stringify(report, null, 2)`, which
 * report-io/write-chunks and render/json-chunks reproduce piece by piece): top-level members
 * at an indent of two spaces, array elements at four. JSON text never holds a raw line break
 * inside a string, so a line's indent alone tells where an element starts and ends, and the
 * file is cut into elements by looking at the first bytes of each line, with no JSON
 * tokenizer. A report in any other layout (minified by jq -c, or hand-written) is read whole
 * and checked the same way, as before.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import type { Finding, InventoryRow, ReportHead, ReportView } from '../engine/types.js';
import { InputFileError } from '../errors.js';
import { readValidated, schemaPartValidator } from '../util/json-file.js';
import { describeSchemaErrors, shown, validateAgainstSchema } from '../util/schema-file.js';
import { Lines } from './lines.js';

const OPENS = new Set([0x7b, 0x5b]); // { [
const CLOSES = new Set([0x7d, 0x5d]); // } ]

const withoutComma = (text: string) => (text.endsWith(',') ? text.slice(0, -1) : text);

class Layout extends Error {}

/**
 * The elements of an array whose `[` ended the line before: each element's JSON text, until
 * the line that closes the array at `indent - 2`.
 */
function* elements(lines: Lines, indent: number): Generator<string> {
  for (;;) {
    if (!lines.next()) throw new Layout('the file ends inside an array');
    const at = lines.indent();
    if (at === indent - 2 && CLOSES.has(lines.byte(at)!)) return;
    if (at !== indent) throw new Layout(`an element is not indented by ${indent}`);
    if (OPENS.has(lines.last()!) && lines.e - lines.s === indent + 1) {
      lines.hold();
      for (;;) {
        if (!lines.next()) throw new Layout('the file ends inside an element');
        if (lines.indent() === indent && CLOSES.has(lines.byte(indent)!)) break;
      }
      yield withoutComma(lines.release());
    } else {
      yield withoutComma(lines.text());
    }
  }
}

const STREAMED = ['findings', 'inventory'] as const;
type Streamed = (typeof STREAMED)[number];

interface Scanned {
  head: Record<string, unknown>;
  ranges: Record<Streamed, { from: number; to: number; count: number }>;
}

function parse(text: string, what: () => string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputFileError(`${what()}: not valid JSON (${(err as Error).message})`);
  }
}

/** One pass over the file: the head parsed, the two lists checked and located. */
function scan(
  path: string,
  fd: number,
  size: number,
  check: Record<Streamed, (item: unknown, index: number) => void>,
): Scanned {
  const lines = new Lines(fd, 0, size);
  if (!lines.next() || lines.text() !== '{') throw new Layout('no "{" line first');
  const head: Record<string, unknown> = {};
  const ranges: Partial<Scanned['ranges']> = {};
  for (;;) {
    if (!lines.next()) throw new Layout('the file ends inside the report');
    if (lines.indent() === 0 && lines.byte(0) === 0x7d) break;
    if (lines.indent() !== 2 || lines.byte(2) !== 0x22)
      throw new Layout('a member not at indent 2');
    const line = lines.text();
    const name = /^ {2}("(?:[^"\\]|\\.)*"): /.exec(line);
    if (!name) throw new Layout('a member line without a name');
    const key = parse(name[1]!, () => `${path}: a member name`) as string;
    const list = (STREAMED as readonly string[]).includes(key) ? (key as Streamed) : undefined;
    if (list && line.endsWith(': [')) {
      const from = lines.after();
      let count = 0;
      for (const text of elements(lines, 4)) {
        check[list](
          parse(text, () => `${path}: ${list}[${count}]`),
          count,
        );
        count++;
      }
      ranges[list] = { from, to: lines.start(), count };
      head[key] = []; // keeps the member's place; validated apart
      continue;
    }
    let text: string;
    if (OPENS.has(lines.last()!)) {
      lines.hold();
      for (;;) {
        if (!lines.next()) throw new Layout('the file ends inside a member');
        if (lines.indent() === 2 && CLOSES.has(lines.byte(2)!)) break;
      }
      text = lines.release();
    } else {
      text = line;
    }
    const member = parse(`{${withoutComma(text)}}`, () => `${path}: ${key}`) as Record<
      string,
      unknown
    >;
    head[key] = member[key];
    if (list && Array.isArray(member[key])) {
      // A list on one line stays in the head (`[]`, or a hand-made file).
      (member[key] as unknown[]).forEach((item, i) => check[list](item, i));
      ranges[list] = { from: 0, to: 0, count: (member[key] as unknown[]).length };
    }
  }
  for (const list of STREAMED) ranges[list] ??= { from: 0, to: 0, count: 0 };
  return { head, ranges: ranges as Scanned['ranges'] };
}

/** The message the whole-file check gives, for an item checked on its own at `where`. */
function invalid(path: string, where: string, v: ValidateFunction): InputFileError {
  const { path: inner, expected } = describeSchemaErrors(v.errors ?? []);
  return new InputFileError(
    `${shown(path, 200)}: ${where}${inner === '/' ? '' : inner}: expected ${expected}`,
  );
}

/** A report read from a file, its findings and inventory left in the file. */
export interface ReportFile extends ReportView {
  /** How many findings and inventory rows the file holds. */
  counts: { findings: number; inventory: number };
}

function fileList<T>(
  path: string,
  range: { from: number; to: number },
  block: number | undefined,
): Iterable<T> {
  return {
    *[Symbol.iterator]() {
      if (range.to <= range.from) return;
      const fd = openSync(path, 'r');
      try {
        // The range starts after the array's "[" line.
        for (const text of elements(new Lines(fd, range.from, range.to + 4, block), 4))
          yield JSON.parse(text) as T;
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** A report that did not come in this tool's layout: parsed whole, checked like any other. */
function whole(path: string): ReportFile {
  const report = readValidated<ReportView & { findings: Finding[]; inventory: InventoryRow[] }>(
    path,
    'report',
  );
  return withCounts({ ...report }, report.findings.length, report.inventory.length);
}

/** Not enumerable: a view spread into an output must carry the report's members only. */
function withCounts(view: ReportView, findings: number, inventory: number): ReportFile {
  return Object.defineProperty(view, 'counts', {
    value: { findings, inventory },
    enumerable: false,
  }) as ReportFile;
}

/**
 * Opens report.json for rendering or merging. Any problem is one InputFileError naming the
 * file and the first thing wrong, as `readValidated` gives.
 */
export function openReport(path: string, opts: { block?: number } = {}): ReportFile {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return whole(path); // the whole-file reader words the error (no such file, a directory...)
  }
  let scanned: Scanned;
  try {
    const size = fstatSync(fd).size;
    if (fstatSync(fd).isDirectory()) throw new Layout('a directory');
    const FINDING = '#/properties/findings/items';
    const ROW = '#/properties/inventory/items';
    const finding = schemaPartValidator('report', FINDING, { fast: true });
    const row = schemaPartValidator('report', ROW, { fast: true });
    // The quick check on every item; the wording of the first failure from the full one.
    const fail = (fragment: string, where: string, item: unknown) => {
      const full = schemaPartValidator('report', fragment);
      full(item);
      return invalid(path, where, full);
    };
    scanned = scan(path, fd, size, {
      findings: (item, i) => {
        if (!finding(item)) throw fail(FINDING, `/findings/${i}`, item);
      },
      inventory: (item, i) => {
        if (!row(item)) throw fail(ROW, `/inventory/${i}`, item);
      },
    });
  } catch (err) {
    if (err instanceof Layout) return whole(path);
    throw err;
  } finally {
    closeSync(fd);
  }
  validateAgainstSchema(path, scanned.head, 'report');
  const head = scanned.head as unknown as ReportHead;
  const { findings, inventory } = scanned.ranges;
  const view: ReportView = {
    ...head,
    findings:
      findings.to > findings.from
        ? fileList<Finding>(path, findings, opts.block)
        : (scanned.head['findings'] as Finding[]),
    inventory:
      inventory.to > inventory.from
        ? fileList<InventoryRow>(path, inventory, opts.block)
        : (scanned.head['inventory'] as InventoryRow[]),
  };
  return withCounts(view, findings.count, inventory.count);
}
