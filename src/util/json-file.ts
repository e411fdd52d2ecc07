/** The JSON files apigw-audit itself writes and reads back: reports, snapshots, manifests. */
import {
  parseJsonText,
  readJsonValidated,
  readTextFile,
  schemaPartValidator as partValidatorFor,
  schemaValidator as validatorFor,
} from './schema-file.js';
import type { ValidateFunction } from 'ajv';

export type ShippedSchema = 'report' | 'snapshot' | 'manifest' | 'config';

export function schemaValidator(name: ShippedSchema): ValidateFunction {
  return validatorFor(name);
}

/** The validator of one part of a shipped schema, by JSON pointer fragment ("#/properties/..."). */
export function schemaPartValidator(
  name: ShippedSchema,
  fragment: string,
  opts: { fast?: boolean } = {},
): ValidateFunction {
  return partValidatorFor(name, fragment, opts);
}

/** Reads and parses a JSON file; any failure is one line that names the file. */
export function readJsonFile(path: string): unknown {
  return parseJsonText(path, readTextFile(path));
}

/** Parses and validates against a shipped schema; the message names the file, place and want. */
export function readValidated<T>(path: string, schema: ShippedSchema): T {
  return readJsonValidated<T>(path, schema);
}
