/**
 * JSON written piece by piece, the same text as `JSON.stringify(value, null, 2)`, so an output
 * of any size never exists as one string. Objects and arrays down to `depth` are opened and
 * written member by member; below it each value is stringified on its own (a finding, an
 * inventory row). A `streamedArray` is always written element by element, which lets a
 * renderer hand over a generator instead of building the array.
 */

const STREAMED = Symbol('streamedArray');

export interface StreamedArray<T> {
  readonly [STREAMED]: Iterable<T>;
}

/** An array whose elements come from `items` as they are written. */
export function streamedArray<T>(items: Iterable<T>): StreamedArray<T> {
  return {
    [STREAMED]: items,
    // Inside a value stringified whole it would silently be `{}`: refuse instead.
    toJSON() {
      throw new Error('jsonChunks: a streamedArray sits inside a value written whole');
    },
  } as StreamedArray<T>;
}

function isStreamed(value: unknown): value is StreamedArray<unknown> {
  return typeof value === 'object' && value !== null && STREAMED in value;
}

// What JSON.stringify leaves out of an object (and writes as null in an array).
const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

function opened(value: unknown, level: number, depth: number): boolean {
  if (isStreamed(value)) return true;
  if (level >= depth || typeof value !== 'object' || value === null) return false;
  return typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

function wrapped(value: unknown, level: number): unknown {
  let v = value;
  for (let i = 0; i < level; i++) v = [v];
  return v;
}

/** Where a value nested `level` arrays deep starts and how much follows it, pretty-printed. */
const frames: Array<{ before: number; after: number }> = [];
function frame(level: number): { before: number; after: number } {
  let f = frames[level];
  if (!f) {
    const text = JSON.stringify(wrapped(0, level), null, 2);
    const before = text.indexOf('0');
    f = frames[level] = { before, after: text.length - before - 1 };
  }
  return f;
}

function leaf(value: unknown, level: number, pretty: boolean): string {
  if (!pretty) return JSON.stringify(value) ?? 'null';
  if (level === 0) return JSON.stringify(value, null, 2) ?? 'null';
  // Stringified inside `level` arrays, the value comes out indented for its place, which spares
  // a pass over its text to indent it (and `undefined` comes out as null, as in an array).
  const text = JSON.stringify(wrapped(value, level), null, 2);
  const { before, after } = frame(level);
  return text.slice(before, text.length - after);
}

function* members(
  value: unknown,
  level: number,
  depth: number,
  pretty: boolean,
): Generator<string> {
  const indent = pretty ? '  '.repeat(level) : '';
  const inner = pretty ? indent + '  ' : '';
  const nl = pretty ? '\n' : '';
  if (!opened(value, level, depth)) {
    yield leaf(value, level, pretty);
    return;
  }
  const isArray = isStreamed(value) || Array.isArray(value);
  const entries: Iterable<[string | undefined, unknown]> = isArray
    ? (function* () {
        for (const item of isStreamed(value) ? value[STREAMED] : (value as unknown[]))
          yield [undefined, item] as [undefined, unknown];
      })()
    : Object.entries(value as object);
  let first = true;
  for (const [key, item] of entries) {
    if (key !== undefined && skipped(item)) continue;
    yield (first ? (isArray ? '[' : '{') : ',') + nl + inner;
    first = false;
    if (key !== undefined) yield `${JSON.stringify(key)}:${pretty ? ' ' : ''}`;
    if (skipped(item)) yield 'null';
    else yield* members(item, level + 1, depth, pretty);
  }
  yield first ? (isArray ? '[]' : '{}') : `${nl}${indent}${isArray ? ']' : '}'}`;
}

/** `JSON.stringify(value, null, 2) + '\n'`, in pieces. */
export function* jsonChunks(value: unknown, depth = 2): Generator<string> {
  yield* members(value, 0, depth, true);
  yield '\n';
}

/** `JSON.stringify(value)`, in pieces. */
export function compactJsonChunks(value: unknown, depth = 2): Generator<string> {
  return members(value, 0, depth, false);
}
