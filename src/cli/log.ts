/**
 * Every line the CLI writes to stderr goes through here, so a log pipeline can ask for one JSON
 * object per line (--log-format json) and a cron job for silence (--quiet) in one place.
 */
import { sanitizeLine } from '../util/terminal.js';

export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
export type LogLevel = 'info' | 'warn' | 'error';

/** Fields a log pipeline can filter on; all optional. */
export interface LogFields {
  account?: string;
  region?: string;
  operation?: string;
  counts?: Record<string, number>;
  [key: string]: unknown;
}

export interface LogEntry extends LogFields {
  level: LogLevel;
  /** A stable name for the kind of line ("scan.summary", "file.written"), for filtering. */
  event: string;
  message: string;
}

/** A command's stderr line: a plain string is an informational note. */
export type Note = string | LogEntry;

export const info = (event: string, message: string, fields: LogFields = {}): LogEntry => ({
  level: 'info',
  event,
  message,
  ...fields,
});

export const warn = (event: string, message: string, fields: LogFields = {}): LogEntry => ({
  level: 'warn',
  event,
  message,
  ...fields,
});

export interface LoggerOptions {
  format?: LogFormat;
  quiet?: boolean;
  write?: (line: string) => void;
  now?: () => Date;
}

export interface Logger {
  readonly format: LogFormat;
  log(note: Note): void;
}

const TEXT_PREFIX: Record<LogLevel, string> = {
  info: 'apigw-audit: ',
  warn: 'apigw-audit: warning: ',
  error: 'apigw-audit: error: ',
};

export function createLogger(opts: LoggerOptions = {}): Logger {
  const format = opts.format ?? 'text';
  const write = opts.write ?? ((line: string) => process.stderr.write(line));
  const now = opts.now ?? (() => new Date());
  return {
    format,
    log(note) {
      const entry = typeof note === 'string' ? info('note', note) : note;
      // Quiet keeps what needs a person: warnings and errors.
      if (opts.quiet && entry.level === 'info') return;
      if (format === 'json') {
        const { level, event, message, ...fields } = entry;
        write(
          JSON.stringify({ level, time: now().toISOString(), event, message, ...fields }) + '\n',
        );
      } else {
        write(TEXT_PREFIX[entry.level] + sanitizeLine(entry.message) + '\n');
      }
    },
  };
}

/**
 * The log format asked for on the command line, read before commander parses it: a parse
 * error must already come out in the format the pipeline reads.
 */
export function logFormatInArgv(argv: readonly string[]): LogFormat {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value =
      a === '--log-format' ? argv[i + 1] : a.startsWith('--log-format=') ? a.slice(13) : undefined;
    if (value === 'json') return 'json';
  }
  return 'text';
}
