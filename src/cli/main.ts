#!/usr/bin/env node
/** Entry point: parse options (from the table in options.ts), run, set the exit code. */
import { Command, CommanderError, Option } from 'commander';
import { EXIT, UserError } from '../errors.js';
import { TOOL } from '../version.js';
import {
  displayDefault,
  isListOption,
  logSettings,
  optionsFor,
  type CommandName,
  type ParsedOptions,
} from './options.js';
import { runConfigPrint } from './config-print.js';
import { runDiff } from './diff.js';
import { runExport } from './export.js';
import { createLogger, logFormatInArgv, type LogFormat } from './log.js';
import { runIamPolicy } from './iam-policy.js';
import { terminalProgress } from './progress.js';
import {
  runChecks,
  runEvaluate,
  runMerge,
  runRender,
  runScan,
  runVerifyCommand,
  type RunResult,
} from './run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function addOptions(cmd: Command, name: CommandName): Command {
  for (const [key, spec] of optionsFor(name)) {
    const list = isListOption(spec) && spec.choices;
    const opt = new Option(
      spec.flags,
      list ? `${spec.description}: ${spec.choices!.join(',')}` : spec.description,
    );
    if (opt.attributeName() !== key) throw new Error(`options.ts: ${spec.flags} is not "${key}"`);
    if (spec.choices && !list) opt.choices(spec.choices);
    // After choices(): our parser replaces commander's check so the message can say what to type.
    if (spec.parse) opt.argParser(spec.parse);
    if (spec.requiredFor?.includes(name)) opt.makeOptionMandatory();
    else if (spec.defaultValue !== undefined && (spec.defaultFor?.includes(name) ?? true)) {
      // Shown by commander's help; not applied from here (see explicitOptions).
      opt.default(spec.defaultValue, displayDefault(spec.defaultValue));
    }
    cmd.addOption(opt);
  }
  return cmd;
}

/**
 * What the user typed, without commander's defaults: a config-file value must win over a
 * default, so run.ts settles each option itself (command line > config file > default).
 */
function explicitOptions(cmd: Command): ParsedOptions {
  const values = cmd.opts();
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(values)) {
    if (cmd.getOptionValueSource(key) !== 'default') out[key] = values[key];
  }
  // Commands without a config file (render, export, verify...) log as their command line says.
  commandLineLog = logSettings(out as ParsedOptions);
  return out as ParsedOptions;
}

const writeErr = (line: string) => process.stderr.write(line);

/** Until a command has settled its own (its config file may set it), the command line's. */
let argvLogFormat: LogFormat = 'text';
let commandLineLog: { format: LogFormat; quiet: boolean } | undefined;

function emit(result: RunResult): void {
  if (result.stdout) process.stdout.write(result.stdout);
  const settings = result.log ?? commandLineLog ?? { format: argvLogFormat, quiet: false };
  const logger = createLogger({ ...settings, write: writeErr });
  for (const note of result.notes) logger.log(note);
  process.exitCode = result.exitCode;
}

async function main(argv: string[]): Promise<void> {
  argvLogFormat = logFormatInArgv(argv);
  const errorLogger = createLogger({ format: argvLogFormat, write: writeErr });
  const program = new Command('apigw-audit')
    .description('Security audit of Amazon API Gateway: REST, HTTP and WebSocket APIs')
    .version(TOOL.version, '-V, --version')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // Through the logger, like the errors run.ts raises: every usage error reads alike.
      outputError: (s) =>
        errorLogger.log({
          level: 'error',
          event: 'usage',
          message: s.trim().replace(/^error: /, ''),
        }),
    });

  addOptions(
    program
      .command('scan')
      .description('read the AWS account(s), evaluate every check and write the report')
      .exitOverride(),
    'scan',
  ).action(async (_opts: unknown, cmd: Command) =>
    emit(
      await runScan(explicitOptions(cmd), {
        onProgress: terminalProgress(),
        writeLog: writeErr,
      }),
    ),
  );

  addOptions(
    program
      .command('evaluate')
      .description('evaluate a saved snapshot.json (no AWS call) and write the report')
      .argument('<snapshot>', 'snapshot.json written by scan')
      .exitOverride(),
    'evaluate',
  ).action(async (path: string, _opts: unknown, cmd: Command) =>
    emit(await runEvaluate(path, explicitOptions(cmd))),
  );

  addOptions(
    program
      .command('render')
      .description('render a saved report.json into other formats')
      .argument('<report>', 'report.json written by scan or evaluate')
      .exitOverride(),
    'render',
  ).action((path: string, _opts: unknown, cmd: Command) =>
    emit(runRender(path, explicitOptions(cmd))),
  );

  addOptions(
    program
      .command('diff')
      .description(
        'compare two reports: new, resolved, changed and unchanged findings (text, --json, --format md)',
      )
      .argument('<old>', 'the earlier report.json')
      .argument('<new>', 'the later report.json')
      .exitOverride(),
    'diff',
  ).action((oldPath: string, newPath: string, _opts: unknown, cmd: Command) =>
    emit(runDiff(oldPath, newPath, explicitOptions(cmd))),
  );

  addOptions(
    program
      .command('merge')
      .description(
        'combine the reports of sharded scans into one report, as one scan of all their accounts would write it',
      )
      .argument(
        '<reports...>',
        'report.json of each shard (snapshot.json beside each is merged too)',
      )
      .exitOverride(),
    'merge',
  ).action((paths: string[], _opts: unknown, cmd: Command) =>
    emit(runMerge(paths, explicitOptions(cmd))),
  );

  const exportCmd = program
    .command('export')
    .description('send a saved report to another system (writes to AWS: opt-in)')
    .exitOverride();
  addOptions(
    exportCmd
      .command('security-hub')
      .description(
        "import the report's findings into AWS Security Hub, each into its own account and region, and archive the ones a previous import sent that this report no longer has",
      )
      .argument('<report>', 'report.json written by scan or evaluate')
      .exitOverride(),
    'export',
  ).action(async (path: string, _opts: unknown, cmd: Command) =>
    emit(await runExport('security-hub', path, explicitOptions(cmd))),
  );

  addOptions(
    program
      .command('verify')
      .description(
        'check an evidence bundle against its manifest: exit 0 when intact, 1 naming what changed',
      )
      .argument('<bundle>', 'directory or s3://bucket/prefix holding an evidence bundle')
      .exitOverride(),
    'verify',
  ).action(async (location: string, _opts: unknown, cmd: Command) =>
    emit(await runVerifyCommand(location, explicitOptions(cmd))),
  );

  addOptions(
    program.command('checks').description('list the check catalog').exitOverride(),
    'checks',
  ).action((_opts: unknown, cmd: Command) => emit(runChecks(explicitOptions(cmd))));

  addOptions(
    program
      .command('config')
      .description(
        'with --print: the effective configuration of a scan given the same options (validated)',
      )
      .exitOverride(),
    'config',
  ).action((_opts: unknown, cmd: Command) => emit(runConfigPrint(explicitOptions(cmd))));

  addOptions(
    program
      .command('iam-policy')
      .description(
        'print the least-privilege IAM policy a scan needs, compared with SecurityAudit and ReadOnlyAccess',
      )
      .exitOverride(),
    'iam-policy',
  ).action((_opts: unknown, cmd: Command) => emit(runIamPolicy(explicitOptions(cmd))));

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; a parse error (already printed, one line) or a missing command exit 2.
      process.exitCode =
        err.code === 'commander.helpDisplayed' || err.code === 'commander.version'
          ? EXIT.OK
          : EXIT.USAGE;
      return;
    }
    if (err instanceof UserError) {
      const logger = err.log ? createLogger({ ...err.log, write: writeErr }) : errorLogger;
      logger.log({ level: 'error', event: 'error', message: err.message });
      process.exitCode = err.exitCode;
      return;
    }
    throw err;
  }
}

await main(process.argv);
