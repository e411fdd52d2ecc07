/**
 * Suppression rules, from the config file's `suppressions` key or a --suppressions file (YAML or
 * JSON: a list, or an object with a `suppressions` list). Both go through one check, so a bad
 * entry reads the same wherever it is: the file, the entry and the field.
 */
import { InputFileError } from '../errors.js';
import { readUserFile } from './file-format.js';
import type { SuppressionRule } from './types.js';

export const MIN_REASON_LENGTH = 10;

const FIELDS = [
  'checkId',
  'resource',
  'accountId',
  'region',
  'reason',
  'expires',
  'owner',
  'ticket',
] as const;

function realDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Checks each entry and tags it with its file and place; throws on the first bad one. */
export function checkSuppressions(
  entries: unknown,
  source: string,
  knownCheckIds: ReadonlySet<string>,
): SuppressionRule[] {
  if (!Array.isArray(entries)) {
    throw new InputFileError(`${source}: suppressions must be a list of entries`);
  }
  return entries.map((entry: unknown, index) => {
    const where = (field?: string) =>
      `${source}: suppressions[${index}]` + (field ? ` field "${field}"` : '');
    const fail = (field: string | undefined, problem: string): never => {
      throw new InputFileError(`${where(field)}: ${problem}`);
    };
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return fail(undefined, 'must be an object with checkId, reason, ...');
    }
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!(FIELDS as readonly string[]).includes(key)) {
        fail(key, `unknown field (known: ${FIELDS.join(', ')})`);
      }
    }
    for (const key of FIELDS) {
      if (e[key] !== undefined && typeof e[key] !== 'string') fail(key, 'must be a string');
    }
    const checkId = e.checkId as string | undefined;
    if (!checkId) return fail('checkId', 'is required');
    if (checkId !== '*' && !knownCheckIds.has(checkId)) {
      fail('checkId', `unknown check ID "${checkId}" (see apigw-audit checks)`);
    }
    const reason = ((e.reason as string | undefined) ?? '').trim();
    if (!reason) fail('reason', 'is required: say why the risk is accepted');
    if (reason.length < MIN_REASON_LENGTH) {
      fail('reason', `must be at least ${MIN_REASON_LENGTH} characters (got "${reason}")`);
    }
    const expires = e.expires as string | undefined;
    if (expires !== undefined && !realDate(expires)) {
      fail('expires', `must be a date as YYYY-MM-DD (got "${expires}")`);
    }
    if (e.accountId !== undefined && !/^\d{12}$/.test(e.accountId as string)) {
      fail('accountId', `must be a 12-digit account ID (got "${String(e.accountId)}")`);
    }
    const rule: SuppressionRule = { checkId, reason, source, index };
    for (const key of ['resource', 'accountId', 'region', 'expires', 'owner', 'ticket'] as const) {
      if (e[key] !== undefined) rule[key] = e[key] as string;
    }
    return rule;
  });
}

export function readSuppressionsFile(
  path: string,
  knownCheckIds: ReadonlySet<string>,
): SuppressionRule[] {
  const data = readUserFile(path);
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const other = Object.keys(data).find((k) => k !== 'suppressions');
    if (other) {
      throw new InputFileError(
        `${path}: unknown key "${other}" (a suppressions file has only "suppressions")`,
      );
    }
    return checkSuppressions(
      (data as { suppressions?: unknown }).suppressions ?? [],
      path,
      knownCheckIds,
    );
  }
  // An empty file is no rules.
  return checkSuppressions(data ?? [], path, knownCheckIds);
}
