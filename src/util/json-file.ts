import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { InputFileError } from '../errors.js';
import { schemasDir } from '../paths.js';

// ajv-formats ships CommonJS with a default export property.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

type SchemaName = 'report' | 'snapshot' | 'manifest';

const validators = new Map<string, ValidateFunction>();
const compilers = new Map<SchemaName, { ajv: Ajv; id: string }>();

function compiler(name: SchemaName): { ajv: Ajv; id: string } {
  let c = compilers.get(name);
  if (!c) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(join(schemasDir, `${name}.schema.json`), 'utf8'));
    ajv.addSchema(schema);
    c = { ajv, id: schema.$id as string };
    compilers.set(name, c);
  }
  return c;
}

export function schemaValidator(name: SchemaName): ValidateFunction {
  return schemaPartValidator(name, '');
}

/** The validator of one part of a schema, by JSON pointer fragment ("#/properties/..."). */
export function schemaPartValidator(name: SchemaName, fragment: string): ValidateFunction {
  const key = `${name}${fragment}`;
  let v = validators.get(key);
  if (!v) {
    const { ajv, id } = compiler(name);
    v = ajv.getSchema(`${id}${fragment}`);
    if (!v) throw new Error(`schemas/${name}.schema.json: no part ${fragment}`);
    validators.set(key, v);
  }
  return v;
}

/** Reads and parses a JSON file; any failure is one line that names the file. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputFileError(`${path}: no such file`);
    if (code === 'EISDIR') throw new InputFileError(`${path}: is a directory, not a JSON file`);
    throw new InputFileError(`${path}: cannot read (${code ?? String(err)})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputFileError(`${path}: not valid JSON (${(err as Error).message})`);
  }
}

/** Parses and validates against a shipped schema; the first violation is the message. */
export function readValidated<T>(path: string, schema: 'report' | 'snapshot'): T {
  const data = readJsonFile(path);
  const validate = schemaValidator(schema);
  if (!validate(data)) {
    const e = validate.errors?.[0];
    const where = e?.instancePath || '(top level)';
    throw new InputFileError(
      `${path}: not an apigw-audit ${schema} (${where} ${e?.message ?? 'is invalid'})`,
    );
  }
  return data as T;
}
