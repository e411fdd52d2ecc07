/**
 * Every command-line option, once: the parser and the help text are both built from this table.
 */
import { FORMAT_NAMES } from '../render/index.js';

export type CommandName = 'scan' | 'evaluate' | 'render' | 'checks' | 'verify';

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
    commands: ['scan', 'evaluate', 'verify'],
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
    description: 'role to assume in each account to scan; repeat for several accounts',
    commands: ['scan'],
    repeatable: true,
  },
  {
    key: 'externalId',
    flags: '--external-id <id>',
    description: 'external ID to pass when assuming --role-arn roles',
    commands: ['scan'],
  },
  {
    key: 'endpointUrl',
    flags: '--endpoint-url <url>',
    description: 'send every AWS call to this endpoint (an emulator such as moto)',
    commands: ['scan', 'evaluate', 'verify'],
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
    key: 'evidence',
    flags: '--evidence <dir|s3-url>',
    description:
      'also write a compliance evidence bundle (report, snapshot, SHA-256 manifest) to a new directory or s3://bucket/prefix',
    commands: ['scan', 'evaluate'],
  },
  {
    key: 'json',
    flags: '--json',
    description: 'print the catalog as JSON',
    commands: ['checks'],
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
  evidence?: string;
  json?: boolean;
  framework?: string;
}

export function optionsFor(command: CommandName): OptionSpec[] {
  return OPTIONS.filter((o) => o.commands.includes(command));
}
