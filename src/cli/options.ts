/**
 * Every command-line option, once: the parser and the help text are both built from this table.
 */
import { FORMAT_NAMES } from '../render/index.js';

export type CommandName = 'scan' | 'evaluate' | 'render' | 'checks' | 'export';

export interface OptionSpec {
  /** Property name in the parsed options. */
  key: string;
  flags: string;
  description: string;
  commands: CommandName[];
  /** Repeatable options collect into an array. */
  repeatable?: boolean;
  defaultValue?: string | boolean;
}

export const OPTIONS: readonly OptionSpec[] = [
  {
    key: 'profile',
    flags: '--profile <name>',
    description: 'AWS shared-config profile to read credentials from (default: the standard chain)',
    commands: ['scan', 'export'],
  },
  {
    key: 'regions',
    flags: '--regions <list>',
    description: '"all" (every region enabled for the account) or a comma-separated list',
    commands: ['scan'],
  },
  {
    key: 'roleArn',
    flags: '--role-arn <arn>',
    description:
      'role to assume in each account to scan (export: to import into); repeat for several accounts',
    commands: ['scan', 'export'],
    repeatable: true,
  },
  {
    key: 'externalId',
    flags: '--external-id <id>',
    description: 'external ID to pass when assuming --role-arn roles',
    commands: ['scan', 'export'],
  },
  {
    key: 'endpointUrl',
    flags: '--endpoint-url <url>',
    description: 'send every AWS call to this endpoint (an emulator such as moto)',
    commands: ['scan', 'export'],
  },
  {
    key: 'concurrency',
    flags: '--concurrency <n>',
    description: 'regions collected at once across all accounts (default 4)',
    commands: ['scan'],
  },
  {
    key: 'format',
    flags: '--format <list>',
    description: `output formats, comma-separated, or "all": ${FORMAT_NAMES.join(',')} (default json,html)`,
    commands: ['scan', 'evaluate', 'render'],
  },
  {
    key: 'out',
    flags: '--out <dir>',
    description: 'directory to write the outputs to (default ./apigw-audit-report)',
    commands: ['scan', 'evaluate', 'render'],
  },
  {
    key: 'failOn',
    flags: '--fail-on <severity>',
    description:
      'exit 1 when an unsuppressed FAIL of this severity or above exists: critical|high|medium|low|info|none (default high)',
    commands: ['scan', 'evaluate'],
  },
  {
    key: 'config',
    flags: '--config <file>',
    description:
      'JSON configuration file (expectPrivate, requiredTags, thresholds, suppressions, ...)',
    commands: ['scan', 'evaluate'],
  },
  {
    key: 'csvFlattenNewlines',
    flags: '--csv-flatten-newlines',
    description:
      'CSV: write line breaks inside a cell as spaces, so every record is one line (for wc -l, grep, line-based loaders)',
    commands: ['scan', 'evaluate', 'render'],
  },
  {
    key: 'ocsfIncludePass',
    flags: '--ocsf-include-pass',
    description:
      'OCSF: also write an event per PASS result (status_code PASS), for tracking compliance state',
    commands: ['scan', 'evaluate', 'render'],
  },
  {
    key: 'json',
    flags: '--json',
    description: 'print the catalog (export: the import result) as JSON on stdout',
    commands: ['checks', 'export'],
  },
  {
    key: 'framework',
    flags: '--framework <id>',
    description:
      'list the controls of a compliance framework (fsbp, nist-800-53-r5, pci-dss-v4) and the checks behind each',
    commands: ['checks'],
  },
];

export interface ParsedOptions {
  profile?: string;
  regions?: string;
  roleArn?: string[];
  externalId?: string;
  endpointUrl?: string;
  concurrency?: string;
  format?: string;
  out?: string;
  failOn?: string;
  config?: string;
  json?: boolean;
  framework?: string;
  csvFlattenNewlines?: boolean;
  ocsfIncludePass?: boolean;
}

export function optionsFor(command: CommandName): OptionSpec[] {
  return OPTIONS.filter((o) => o.commands.includes(command));
}
