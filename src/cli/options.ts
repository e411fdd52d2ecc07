/**
 * Every command-line option, once: its flags, help, allowed values, parser, default and the
 * config-file key that can supply it. main.ts builds commander's options from this table, the
 * README's option table is generated from it, and run.ts settles each value from it
 * (command line, then config file, then the default written here).
 */
import { DEFAULT_REGION_CONCURRENCY } from '../collect/defaults.js';
import type { ConfigFile } from '../config/load.js';
import { loadFrameworks } from '../engine/compliance.js';
import { SEVERITIES, type Severity } from '../engine/types.js';
import { InputFileError, UsageError } from '../errors.js';
import { LOG_FORMATS, type LogFormat } from './log.js';
import { FORMAT_NAMES } from '../render/index.js';
import { isKnownRegion } from '../snapshot/regions.js';
import { sanitizeForTerminal } from '../util/terminal.js';

export type CommandName =
  | 'scan'
  | 'evaluate'
  | 'render'
  | 'diff'
  | 'merge'
  | 'checks'
  | 'export'
  | 'verify'
  | 'config'
  | 'iam-policy';
export const COMMANDS: readonly CommandName[] = [
  'scan',
  'evaluate',
  'render',
  'diff',
  'merge',
  'checks',
  'export',
  'verify',
  'config',
  'iam-policy',
];

/** Commands that take every option `scan` takes (config --print shows what a scan would use). */
const TAKES_SCAN_OPTIONS: readonly CommandName[] = ['config'];

export interface OptionSpec<T> {
  flags: string;
  description: string;
  commands: readonly CommandName[];
  /** The values a user may type; for list options, the values each list item may take. */
  choices?: readonly string[];
  /** Turns what was typed into the value; throws UsageError on a bad value. */
  parse?: (value: string, previous: T | undefined) => T;
  defaultValue?: T;
  /** The commands the default is for, when not all of them (the others have their own). */
  defaultFor?: readonly CommandName[];
  /** Commands where the option must be given (and so shows no default). */
  requiredFor?: readonly CommandName[];
  /** The config-file setting that applies when the option is not on the command line. */
  config?: ConfigSource<T>;
}

export interface ConfigSource<T> {
  key: keyof ConfigFile;
  /** Checks the file's value (the schema only knows its JSON type) and converts it. */
  check?: (value: never) => T;
}

/** The config-file value of an option, checked like a typed one. */
function fromConfig<T>(source: ConfigSource<T> | undefined, file: ConfigFile): T | undefined {
  if (!source || file[source.key] === undefined) return undefined;
  const value = file[source.key];
  return source.check ? source.check(value as never) : (value as T);
}

/**
 * Checks every option value the config file holds, as the command line's would be, so a bad
 * one is reported before any work, naming the file and the key.
 */
export function checkConfigValues(file: ConfigFile, path: string): void {
  for (const spec of Object.values(OPTIONS) as OptionSpec<unknown>[]) {
    try {
      fromConfig(spec.config, file);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      throw new InputFileError(
        `${path}: invalid configuration: key "${spec.config!.key}": ${err.message}`,
      );
    }
  }
}

/** Keeps each entry's value type, so ParsedOptions can be derived from the table. */
const option = <T>(spec: OptionSpec<T>): OptionSpec<T> => spec;

const quote = (v: string) => `"${sanitizeForTerminal(v)}"`;

function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

function oneOf<T extends string>(flag: string, choices: readonly T[]) {
  return (value: string): T => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw new UsageError(`${flag} must be one of ${choices.join(', ')} (got ${quote(value)})`);
  };
}

const FORMAT_CHOICES = [...FORMAT_NAMES, 'all'];

export function checkFormats(list: string[]): string[] {
  if (list.length === 0)
    throw new UsageError(`--format is empty (one or more of: ${FORMAT_CHOICES.join(', ')})`);
  if (list.includes('all')) return [...FORMAT_NAMES];
  for (const f of list) {
    if (!(FORMAT_NAMES as readonly string[]).includes(f)) {
      throw new UsageError(`unknown format ${quote(f)} (known: ${FORMAT_CHOICES.join(', ')})`);
    }
  }
  return [...new Set(list)];
}

export function checkRegions(list: string[]): string[] | 'all' {
  // An empty --regions "" has always meant every enabled region, like "all".
  if (list.length === 0 || (list.length === 1 && list[0] === 'all')) return 'all';
  for (const r of list) {
    if (r === 'all') throw new UsageError('--regions: "all" cannot be combined with region names');
    if (!isKnownRegion(r)) throw new UsageError(`unknown region ${quote(r)}`);
  }
  return [...new Set(list)];
}

function integer(flag: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new UsageError(
        `${flag} must be a whole number from ${min} to ${max} (got ${quote(value)})`,
      );
    }
    return n;
  };
}

function httpUrl(value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return value;
  } catch {
    // fall through to the usage error
  }
  throw new UsageError(`--endpoint-url must be an http(s) URL (got ${quote(value)})`);
}

export function checkRoleArn(value: string): string {
  if (!/^arn:[a-z-]+:iam::\d{12}:role\/.+/.test(value)) {
    throw new UsageError(`--role-arn ${quote(value)} is not an IAM role ARN`);
  }
  return value;
}

/** An account ID, or an Organizations root or OU ID (which only --org can resolve). */
const ACCOUNT_ID = /^\d{12}$/;
const OU_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
export const isAccountId = (v: string) => ACCOUNT_ID.test(v);

function accountList(flag: string) {
  return (value: string): string[] => {
    const list = splitList(value);
    if (!list.length) throw new UsageError(`${flag} is empty (account IDs or OU IDs)`);
    for (const v of list) {
      if (!ACCOUNT_ID.test(v) && !OU_ID.test(v)) {
        throw new UsageError(
          `${flag}: ${quote(v)} is neither a 12-digit account ID nor an OU ID (ou-... or r-...)`,
        );
      }
    }
    return list;
  };
}

function roleName(value: string): string {
  if (!/^[\w+=,.@-]{1,64}$/.test(value)) {
    throw new UsageError(`--org-role-name ${quote(value)} is not an IAM role name (no path)`);
  }
  return value;
}

export function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index < 1 || count < 1 || index > count) {
    throw new UsageError(`--shard must be K/N with 1 <= K <= N (got ${quote(value)})`);
  }
  return { index, count };
}

const FRAMEWORK_IDS = loadFrameworks().map((f) => f.framework);
const SCANNING: readonly CommandName[] = ['scan', 'evaluate'];
/** Every command that writes to stderr as it works. */
const LOGGING: readonly CommandName[] = ['scan', 'evaluate', 'render', 'diff', 'export', 'verify'];
const FAIL_ON_CHOICES: readonly (Severity | 'none')[] = [...SEVERITIES, 'none'];

export const OPTIONS = {
  profile: option<string>({
    flags: '--profile <name>',
    description:
      'AWS shared-config profile to read credentials from; without it, the standard credential chain',
    commands: ['scan', 'evaluate', 'export', 'verify'],
    config: { key: 'profile' },
  }),
  regions: option<string[] | 'all'>({
    flags: '--regions <list>',
    description: '"all" (every region enabled for the account) or a comma-separated list',
    commands: ['scan'],
    parse: (v) => checkRegions(splitList(v)),
    defaultValue: 'all',
    config: {
      key: 'regions',
      check: (v: string[] | 'all') => checkRegions(v === 'all' ? ['all'] : v),
    },
  }),
  roleArn: option<string[]>({
    flags: '--role-arn <arn>',
    description:
      'role to assume in each account to scan (export: to import into); repeat for several accounts',
    commands: ['scan', 'export'],
    parse: (v, previous) => [...(previous ?? []), checkRoleArn(v)],
    config: { key: 'roleArns', check: (v: string[]) => v.map(checkRoleArn) },
  }),
  org: option<boolean>({
    flags: '--org',
    description:
      "scan every active account of the caller's AWS Organization (run from the management account or a delegated administrator); the caller's own account only when --accounts names it",
    commands: ['scan'],
  }),
  orgRoleName: option<string>({
    flags: '--org-role-name <name>',
    description: 'with --org: the role to assume in each account',
    commands: ['scan'],
    parse: roleName,
    defaultValue: 'OrganizationAccountAccessRole',
  }),
  accounts: option<string[]>({
    flags: '--accounts <list>',
    description:
      'scan only these accounts: account IDs, or with --org OU IDs (every account beneath, at any depth)',
    commands: ['scan'],
    parse: accountList('--accounts'),
  }),
  excludeAccounts: option<string[]>({
    flags: '--exclude-accounts <list>',
    description: 'leave out these accounts: account IDs, or with --org OU IDs',
    commands: ['scan'],
    parse: accountList('--exclude-accounts'),
  }),
  shard: option<{ index: number; count: number }>({
    flags: '--shard <k/n>',
    description:
      'scan shard K of N: the accounts whose ID hashes to K, so N machines share the accounts without overlap; combine with merge',
    commands: ['scan'],
    parse: parseShard,
  }),
  externalId: option<string>({
    flags: '--external-id <id>',
    description: 'external ID to pass when assuming the role in each account',
    commands: ['scan', 'export'],
    config: { key: 'externalId' },
  }),
  endpointUrl: option<string>({
    flags: '--endpoint-url <url>',
    description: 'send every AWS call to this endpoint (an emulator such as moto)',
    commands: ['scan', 'evaluate', 'export', 'verify'],
    parse: httpUrl,
    config: { key: 'endpointUrl', check: httpUrl },
  }),
  concurrency: option<number>({
    flags: '--concurrency <n>',
    description:
      'account-region pairs collected at once (1 to 64); each pair is paced by its own quota buckets',
    commands: ['scan'],
    parse: integer('--concurrency', 1, 64),
    defaultValue: DEFAULT_REGION_CONCURRENCY,
    config: {
      key: 'concurrency',
      check: (v: number) => integer('--concurrency', 1, 64)(String(v)),
    },
  }),
  format: option<string[]>({
    flags: '--format <list>',
    description: 'output formats, comma-separated, or "all" (diff: md or json; text without it)',
    commands: ['scan', 'evaluate', 'render', 'diff', 'merge'],
    choices: FORMAT_CHOICES,
    parse: (v) => checkFormats(splitList(v)),
    defaultValue: ['json', 'html'],
    defaultFor: ['scan', 'evaluate', 'render', 'config'],
    requiredFor: ['render'],
    config: { key: 'formats', check: checkFormats },
  }),
  out: option<string>({
    flags: '--out <dir>',
    description: 'directory to write the outputs to',
    commands: ['scan', 'evaluate', 'render', 'merge'],
    defaultValue: 'apigw-audit-report',
    config: { key: 'out' },
  }),
  failOn: option<Severity | 'none'>({
    flags: '--fail-on <severity>',
    description: 'exit 1 when an unsuppressed FAIL of this severity or above exists',
    commands: ['scan', 'evaluate', 'merge'],
    choices: FAIL_ON_CHOICES,
    parse: oneOf('--fail-on', FAIL_ON_CHOICES),
    defaultValue: 'high',
    config: { key: 'failOn' },
  }),
  failOnNew: option<boolean>({
    flags: '--fail-on-new',
    description:
      'with --baseline: exit 1 only for --fail-on findings the baseline did not have open',
    commands: SCANNING,
    config: { key: 'failOnNew' },
  }),
  baseline: option<string>({
    flags: '--baseline <report>',
    description:
      'an earlier report.json: mark each finding new, changed or unchanged and list the resolved ones',
    commands: SCANNING,
    config: { key: 'baseline' },
  }),
  suppressions: option<string>({
    flags: '--suppressions <file>',
    description:
      "YAML or JSON file of suppression rules (check ID, resource, reason, expires, owner, ticket), added to the config's",
    commands: SCANNING,
  }),
  config: option<string>({
    flags: '--config <file>',
    description:
      'YAML or JSON configuration file: any scan option, expectPrivate, requiredTags, thresholds, suppressions',
    commands: SCANNING,
  }),
  print: option<boolean>({
    flags: '--print',
    description:
      'print the effective configuration (command line over config file over defaults) as JSON',
    commands: ['config'],
  }),
  logFormat: option<LogFormat>({
    flags: '--log-format <format>',
    description: 'stderr as text lines, or one JSON object per line for log pipelines',
    commands: LOGGING,
    choices: LOG_FORMATS,
    parse: oneOf('--log-format', LOG_FORMATS),
    defaultValue: 'text',
    config: { key: 'logFormat' },
  }),
  quiet: option<boolean>({
    flags: '--quiet',
    description: 'only warnings and errors on stderr; no progress display',
    commands: LOGGING,
    config: { key: 'quiet' },
  }),
  evidence: option<string>({
    flags: '--evidence <location>',
    description:
      'also write a compliance evidence bundle (report, snapshot, SHA-256 manifest) to a new directory or s3://bucket/prefix',
    commands: SCANNING,
    config: { key: 'evidence' },
  }),
  csvFlattenNewlines: option<boolean>({
    flags: '--csv-flatten-newlines',
    description:
      'CSV: write line breaks inside a cell as spaces, so every record is one line (for wc -l, grep, line-based loaders)',
    commands: ['scan', 'evaluate', 'render', 'merge'],
    config: { key: 'csvFlattenNewlines' },
  }),
  ocsfIncludePass: option<boolean>({
    flags: '--ocsf-include-pass',
    description:
      'OCSF: also write an event per PASS result (status_code PASS), for tracking compliance state',
    commands: ['scan', 'evaluate', 'render', 'merge'],
    config: { key: 'ocsfIncludePass' },
  }),
  json: option<boolean>({
    flags: '--json',
    description:
      'print the catalog (export: the import result; diff: new, resolved, changed, unchanged; iam-policy: the policy document alone) as JSON on stdout',
    commands: ['checks', 'export', 'diff', 'iam-policy'],
  }),
  framework: option<string>({
    flags: '--framework <id>',
    description: 'list the controls of a compliance framework and the checks behind each',
    commands: ['checks'],
    choices: FRAMEWORK_IDS,
    parse: oneOf('--framework', FRAMEWORK_IDS),
  }),
};

export type OptionKey = keyof typeof OPTIONS;
type ValueOf<S> = S extends OptionSpec<infer T> ? T : never;

/** Values as parsed: only what the user gave on the command line (defaults are not applied). */
export type ParsedOptions = { [K in OptionKey]?: ValueOf<(typeof OPTIONS)[K]> };

/** Options whose values are lists of items, each one of `choices` (commander checks whole values). */
export const isListOption = (spec: { flags: string }) => spec.flags.endsWith('<list>');

export function optionsFor(command: CommandName): [OptionKey, OptionSpec<unknown>][] {
  const scanToo = TAKES_SCAN_OPTIONS.includes(command);
  return (Object.entries(OPTIONS) as [OptionKey, OptionSpec<unknown>][]).filter(
    ([, o]) => o.commands.includes(command) || (scanToo && o.commands.includes('scan')),
  );
}

/** The default as help and the README show it: lists comma-joined, as a user would type them. */
export function displayDefault(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** The value a command runs with: the command line, else the config file, else the default. */
export function settle<K extends OptionKey>(
  key: K,
  given: ParsedOptions,
  file: ConfigFile = {},
): ParsedOptions[K] {
  return settleWithSource(key, given, file).value;
}

export type ValueSource = 'command line' | 'config file' | 'default';

/** settle(), and where the value came from (for config --print). */
export function settleWithSource<K extends OptionKey>(
  key: K,
  given: ParsedOptions,
  file: ConfigFile = {},
): { value: ParsedOptions[K]; source?: ValueSource } {
  const spec = OPTIONS[key] as OptionSpec<ParsedOptions[K]>;
  if (given[key] !== undefined) return { value: given[key], source: 'command line' };
  const fromFile = fromConfig(spec.config, file);
  if (fromFile !== undefined) return { value: fromFile, source: 'config file' };
  if (spec.defaultValue !== undefined) return { value: spec.defaultValue, source: 'default' };
  return { value: undefined };
}

/** settle() for an option that has a default, so always has a value. */
export function settled<K extends OptionKey>(
  key: K,
  given: ParsedOptions,
  file: ConfigFile = {},
): NonNullable<ParsedOptions[K]> {
  const v = settle(key, given, file);
  if (v === undefined || v === null) throw new Error(`option ${key} has no default`);
  return v as NonNullable<ParsedOptions[K]>;
}

/** How a command writes its stderr lines: --log-format and --quiet, settled. */
export function logSettings(
  given: ParsedOptions,
  file: ConfigFile = {},
): { format: LogFormat; quiet: boolean } {
  return {
    format: settled('logFormat', given, file),
    quiet: Boolean(settle('quiet', given, file)),
  };
}
