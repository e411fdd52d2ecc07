/**
 * Files a user writes by hand (--config, --suppressions): JSON when the name ends in .json,
 * YAML otherwise (YAML 1.2, so `2026-12-31` stays a string and JSON also reads as YAML).
 * Every failure is one line naming the file.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { InputFileError } from '../errors.js';
import { readJsonFile } from '../util/json-file.js';

export function readUserFile(path: string): unknown {
  if (path.toLowerCase().endsWith('.json')) return readJsonFile(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputFileError(`${path}: no such file`);
    if (code === 'EISDIR') throw new InputFileError(`${path}: is a directory, not a YAML file`);
    throw new InputFileError(`${path}: cannot read (${code ?? String(err)})`);
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    // yaml's message runs on with a drawing of the line: the first line says it all.
    throw new InputFileError(`${path}: not valid YAML (${problem.message.split('\n')[0]})`);
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new InputFileError(`${path}: not valid YAML (${(err as Error).message})`);
  }
}
