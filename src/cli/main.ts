#!/usr/bin/env node
/** Entry point: parse options (from the table in options.ts), run, set the exit code. */
import { Command, CommanderError, Option } from 'commander';
import { EXIT, UserError } from '../errors.js';
import { TOOL } from '../version.js';
import { optionsFor, type CommandName, type ParsedOptions } from './options.js';
import { terminalProgress } from './progress.js';
import {
  runChecks,
  runEvaluate,
  runRender,
  runScan,
  runVerifyCommand,
  type RunResult,
} from './run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function addOptions(cmd: Command, name: CommandName): Command {
  for (const spec of optionsFor(name)) {
    const opt = new Option(spec.flags, spec.description);
    if (spec.repeatable) {
      opt.argParser((value: string, prev: string[] | undefined) => [...(prev ?? []), value]);
    }
    cmd.addOption(opt);
  }
  return cmd;
}

function emit(result: RunResult): void {
  if (result.stdout) process.stdout.write(result.stdout);
  for (const note of result.notes) process.stderr.write(`apigw-audit: ${note}\n`);
  process.exitCode = result.exitCode;
}

async function main(argv: string[]): Promise<void> {
  const program = new Command('apigw-audit')
    .description('Security audit of Amazon API Gateway: REST, HTTP and WebSocket APIs')
    .version(TOOL.version, '-V, --version')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  addOptions(
    program
      .command('scan')
      .description('read the AWS account(s), evaluate every check and write the report')
      .exitOverride(),
    'scan',
  ).action(async (opts: ParsedOptions) =>
    emit(await runScan(opts, { onProgress: terminalProgress() })),
  );

  addOptions(
    program
      .command('evaluate')
      .description('evaluate a saved snapshot.json (no AWS call) and write the report')
      .argument('<snapshot>', 'snapshot.json written by scan')
      .exitOverride(),
    'evaluate',
  ).action(async (path: string, opts: ParsedOptions) => emit(await runEvaluate(path, opts)));

  addOptions(
    program
      .command('render')
      .description('render a saved report.json into other formats')
      .argument('<report>', 'report.json written by scan or evaluate')
      .exitOverride(),
    'render',
  ).action((path: string, opts: ParsedOptions) => emit(runRender(path, opts)));

  addOptions(
    program
      .command('verify')
      .description(
        'check an evidence bundle against its manifest: exit 0 when intact, 1 naming what changed',
      )
      .argument('<bundle>', 'directory or s3://bucket/prefix written by --evidence')
      .exitOverride(),
    'verify',
  ).action(async (location: string, opts: ParsedOptions) =>
    emit(await runVerifyCommand(location, opts)),
  );

  addOptions(
    program.command('checks').description('list the check catalog').exitOverride(),
    'checks',
  ).action((opts: ParsedOptions) => emit(runChecks(opts)));

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
      process.stderr.write(`apigw-audit: error: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    throw err;
  }
}

await main(process.argv);
