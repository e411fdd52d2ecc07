/**
 * Every file the tool reads is checked against a JSON Schema here, and a file that fails gives
 * one line: the file, the JSON pointer of the offending value inside it, and what was expected
 * there, e.g. `config.json: /suppressions/0/reason: expected a non-empty string`.
 *
 * The message never quotes the offending value: a file can hold secrets or terminal escape
 * sequences, and an error line is printed to a terminal and kept in CI logs. Property names are
 * part of the path, so they are sanitized and shortened.
 *
 * Loaders of other formats (YAML, ...) parse first, then call `validateAgainstSchema`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { InputFileError } from '../errors.js';
import { schemasDir } from '../paths.js';
import { sanitizeForTerminal } from './terminal.js';

// ajv-formats ships CommonJS with a default export property.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** A schema shipped in schemas/ (`NAME.schema.json`), or a schema object. */
export type SchemaRef = string | object;

const compiled = new Map<string, ValidateFunction>();
const compiledObjects = new WeakMap<object, ValidateFunction>();

function newAjv(): Ajv {
  // allErrors: the message picks the most specific error, which needs all of them;
  // verbose: the error then carries its schema, for "known properties" and alternatives.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
  addFormats(ajv);
  return ajv;
}

export function schemaValidator(schema: SchemaRef): ValidateFunction {
  if (typeof schema === 'string') {
    let v = compiled.get(schema);
    if (!v) {
      const text = readFileSync(join(schemasDir, `${schema}.schema.json`), 'utf8');
      v = newAjv().compile(JSON.parse(text));
      compiled.set(schema, v);
    }
    return v;
  }
  let v = compiledObjects.get(schema);
  if (!v) {
    v = newAjv().compile(schema);
    compiledObjects.set(schema, v);
  }
  return v;
}

const parts = new Map<string, ValidateFunction>();
const partCompilers = new Map<string, { ajv: Ajv; id: string }>();

/**
 * The validator of one part of a shipped schema, by JSON pointer fragment
 * ("#/properties/findings/items"): a reader that streams a file checks it item by item.
 * `fast`: stops at the first error and keeps no detail, several times quicker over 200,000
 * items; run the default one on a failing item for the message.
 */
export function schemaPartValidator(
  name: string,
  fragment: string,
  { fast = false }: { fast?: boolean } = {},
): ValidateFunction {
  const key = `${fast ? 'fast:' : ''}${name}${fragment}`;
  let v = parts.get(key);
  if (!v) {
    const compilerKey = `${fast ? 'fast:' : ''}${name}`;
    let c = partCompilers.get(compilerKey);
    if (!c) {
      const ajv = fast ? new Ajv({ allErrors: false, strict: false }) : newAjv();
      if (fast) addFormats(ajv);
      const schema = JSON.parse(readFileSync(join(schemasDir, `${name}.schema.json`), 'utf8'));
      ajv.addSchema(schema);
      c = { ajv, id: schema.$id as string };
      partCompilers.set(compilerKey, c);
    }
    v = c.ajv.getSchema(`${c.id}${fragment}`);
    if (!v) throw new Error(`schemas/${name}.schema.json: no part ${fragment}`);
    parts.set(key, v);
  }
  return v;
}

/** Shown for a file name or a property name: no control sequences, at most `max` characters. */
export function shown(text: string, max = 80): string {
  // U+2028 and U+2029 end a line in many log viewers: the message stays one line.
  const clean = sanitizeForTerminal(text).replace(/[\u2028\u2029\n]/g, '?');
  const chars = [...clean];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : clean;
}

function pointer(instancePath: string, extra?: string): string {
  const parts = instancePath === '' ? [] : instancePath.split('/').slice(1);
  if (extra !== undefined) parts.push(extra.replace(/~/g, '~0').replace(/\//g, '~1'));
  return '/' + parts.map((p) => shown(p, 40)).join('/');
}

const TYPE_NAMES: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  integer: 'an integer',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

const FORMAT_NAMES: Record<string, string> = {
  date: 'a date (YYYY-MM-DD)',
  'date-time': 'a date and time (RFC 3339, e.g. 2026-01-31T12:00:00Z)',
  uri: 'a URI',
  uuid: 'a UUID',
  email: 'an email address',
};

const literal = (v: unknown): string => shown(JSON.stringify(v) ?? String(v), 40);

function listOf(values: readonly unknown[]): string {
  const shownValues = values.slice(0, 12).map(literal);
  return shownValues.join(', ') + (values.length > 12 ? ', ...' : '');
}

/** What the schema wanted where this error is, in words; without the value found. */
function expectation(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const types = String(p.type).split(',');
      return types.map((t) => TYPE_NAMES[t] ?? t).join(' or ');
    }
    case 'required':
      return 'to be present';
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      return known.length ? `no such property (known: ${listOf(known)})` : 'no such property';
    }
    case 'enum':
      return `one of ${listOf(p.allowedValues as unknown[])}`;
    case 'const':
      return literal(p.allowedValue);
    case 'pattern':
      return `a string matching ${shown(String(p.pattern), 60)}`;
    case 'format':
      return FORMAT_NAMES[String(p.format)] ?? `a ${String(p.format)}`;
    case 'minLength':
      return p.limit === 1 ? 'a non-empty string' : `a string of at least ${p.limit} characters`;
    case 'maxLength':
      return `a string of at most ${p.limit} characters`;
    case 'minItems':
      return p.limit === 1 ? 'a non-empty array' : `an array of at least ${p.limit} items`;
    case 'maxItems':
      return `an array of at most ${p.limit} items`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `a number ${String(p.comparison)} ${String(p.limit)}`;
    case 'uniqueItems':
      return 'no duplicate items';
    case 'multipleOf':
      return `a multiple of ${String(p.multipleOf)}`;
    default:
      return shown((e.message ?? 'a valid value').replace(/^must /, 'to '), 100);
  }
}

/** Where an error points: a missing or unknown property is named in the path. */
function errorPath(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return pointer(e.instancePath, String(p.missingProperty));
  if (e.keyword === 'additionalProperties')
    return pointer(e.instancePath, String(p.additionalProperty));
  return pointer(e.instancePath);
}

/** Errors that only summarize the branch errors beside them. */
const SUMMARY = new Set(['oneOf', 'anyOf', 'if', 'not']);

/**
 * One line from ajv's errors: the deepest path (the most specific complaint), and every
 * distinct expectation at it ("expected "all" or an array": the branches of a oneOf).
 */
export function describeSchemaErrors(errors: readonly ErrorObject[]): {
  path: string;
  expected: string;
} {
  if (errors.length === 0) return { path: '/', expected: 'a valid document' };
  const located = errors.map((e) => ({ e, path: errorPath(e) }));
  const depth = (p: string) => (p === '/' ? 0 : p.split('/').length - 1);
  const deepest = Math.max(...located.map((l) => depth(l.path)));
  let here = located.filter((l) => depth(l.path) === deepest);
  const firstPath = here[0]!.path;
  here = here.filter((l) => l.path === firstPath);
  const specific = here.filter((l) => !SUMMARY.has(l.e.keyword));
  const chosen = specific.length ? specific : here;
  const expected = [...new Set(chosen.map((l) => expectation(l.e)))];
  return { path: firstPath, expected: expected.join(' or ') };
}

/**
 * Checks parsed data against a schema; on failure throws one line naming the file, the place in
 * it and what was expected. `file` is what the user should look at: a path or an s3:// URL.
 */
export function validateAgainstSchema<T>(file: string, data: unknown, schema: SchemaRef): T {
  const validate = schemaValidator(schema);
  if (!validate(data)) {
    const { path, expected } = describeSchemaErrors(validate.errors ?? []);
    throw new InputFileError(`${shown(file, 200)}: ${path}: expected ${expected}`);
  }
  return data as T;
}

/** Line and column (1-based) of a character offset, for JSON syntax errors. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** Why parsing `text` fails, and where; undefined when it parses. */
function jsonError(text: string): { message: string; at?: number } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    const message = (err as Error).message;
    const at = /at position (\d+)/.exec(message);
    return at ? { message, at: Number(at[1]) } : { message };
  }
}

/**
 * The offset of the first character that makes `text` invalid JSON. V8 gives no position for
 * an unexpected token, so this finds the shortest prefix that already fails for a reason other
 * than ending too early (a prefix cut before the fault only runs out of input).
 */
function errorOffset(text: string): number {
  const definite = (n: number): boolean => {
    const e = jsonError(text.slice(0, n));
    return e !== undefined && !/Unexpected end/.test(e.message) && e.at !== n;
  };
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (definite(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/**
 * JSON.parse with a one-line error naming the file and the line and column where it goes wrong.
 * V8's own message quotes a piece of the text, which is not repeated (it may hold a secret).
 */
export function parseJsonText(file: string, text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (err) {
    const message = (err as Error).message;
    const offset = /Unexpected end/.test(message)
      ? body.length
      : (jsonError(body)?.at ?? errorOffset(body));
    const what =
      body.trim() === ''
        ? 'the file is empty'
        : offset >= body.length
          ? 'the file ends too early'
          : `unexpected ${literal(body[offset])}`;
    throw new InputFileError(
      `${shown(file, 200)}: ${lineColumn(body, offset)}: expected valid JSON (${what})`,
    );
  }
}

/** Reads a file as UTF-8 text; a missing, unreadable or directory path is one line. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const name = shown(path, 200);
    if (code === 'ENOENT') throw new InputFileError(`${name}: no such file`);
    if (code === 'EISDIR') throw new InputFileError(`${name}: is a directory, not a file`);
    throw new InputFileError(`${name}: cannot read (${code ?? 'unknown error'})`);
  }
}

/** Reads, parses and validates a JSON file against a schema. */
export function readJsonValidated<T>(path: string, schema: SchemaRef): T {
  return validateAgainstSchema<T>(path, parseJsonText(path, readTextFile(path)), schema);
}
