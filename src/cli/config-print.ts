/**
 * `apigw-audit config --print`: the configuration a scan given the same options would run with,
 * each value with where it came from, after the same checks a scan makes (so it is also a way
 * to validate a config file in CI).
 */
import { auditConfig } from '../config/load.js';
import { describeRule } from '../engine/suppress.js';
import { UsageError } from '../errors.js';
import { optionsFor, settleWithSource, type ParsedOptions, type ValueSource } from './options.js';
import { loadConfig, loadSuppressions, type RunResult } from './run.js';

/** Options about this command itself, not about the scan. */
const NOT_SCAN_SETTINGS = new Set(['print', 'config', 'suppressions']);

export function runConfigPrint(opts: ParsedOptions): RunResult {
  if (!opts.print) {
    throw new UsageError('config: nothing to do (use --print to show the effective configuration)');
  }
  const file = loadConfig(opts);
  const suppressions = loadSuppressions(opts);
  const options: Record<string, unknown> = {};
  const sources: Record<string, ValueSource> = {};
  for (const [key, spec] of optionsFor('scan')) {
    if (NOT_SCAN_SETTINGS.has(key)) continue;
    const { value, source } = settleWithSource(key, opts, file);
    // A flag not given is off; any other option not given has no value.
    options[key] = value ?? (spec.flags.includes('<') ? null : false);
    if (source) sources[key] = source;
  }
  const { suppressions: rules, failOn: _failOn, ...checks } = auditConfig(file, suppressions);
  const effective = {
    configFile: opts.config ?? null,
    suppressionsFile: opts.suppressions ?? null,
    options,
    sources,
    checks,
    suppressions: rules.map(describeRule),
  };
  return { exitCode: 0, stdout: JSON.stringify(effective, null, 2) + '\n', notes: [], written: [] };
}
