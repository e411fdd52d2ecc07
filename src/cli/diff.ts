/** `apigw-audit diff OLD.json NEW.json`: what changed between two reports. */
import { compareReports } from '../baseline/compare.js';
import { diffMarkdown } from '../baseline/diff-markdown.js';
import { diffText } from '../baseline/diff-text.js';
import type { Report } from '../engine/types.js';
import { UsageError } from '../errors.js';
import { readValidated } from '../util/json-file.js';
import { logSettings, type ParsedOptions } from './options.js';
import type { RunResult } from './run.js';

function outputKind(opts: ParsedOptions): 'text' | 'json' | 'md' {
  const format = opts.format;
  if (format === undefined) return opts.json ? 'json' : 'text';
  if (format.length !== 1 || (format[0] !== 'md' && format[0] !== 'json')) {
    throw new UsageError(`diff --format must be md or json (got "${format.join(',')}")`);
  }
  if (opts.json && format[0] !== 'json') {
    throw new UsageError('diff: give --json or --format md, not both');
  }
  return format[0];
}

export function runDiff(oldPath: string, newPath: string, opts: ParsedOptions): RunResult {
  const kind = outputKind(opts);
  const before = readValidated<Report>(oldPath, 'report');
  const after = readValidated<Report>(newPath, 'report');
  const c = compareReports(before, after);
  const stdout =
    kind === 'json'
      ? JSON.stringify(c, null, 2) + '\n'
      : kind === 'md'
        ? diffMarkdown(c)
        : diffText(c, oldPath, newPath);
  return { exitCode: 0, stdout, notes: [], log: logSettings(opts), written: [] };
}
