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

function leaf(value: unknown, indent: string, pretty: boolean): string {
  if (!pretty) return JSON.stringify(value) ?? 'null';
  // JSON text never holds a raw line break inside a string, so every \n is layout.
  return (JSON.stringify(value, null, 2) ?? 'null').replace(/\n/g, `\n${indent}`);
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
    yield leaf(value, indent, pretty);
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
