/**
 * Errors a user can cause. Each carries the exit code the CLI returns and a one-line message;
 * the entry point prints the message alone (no stack trace). Anything else is a bug and is
 * not caught here.
 */
export class UserError extends Error {
  readonly exitCode: number = 2;
  /** How to log it, when the command had settled that before it failed (else the command line's). */
  log?: { format: 'text' | 'json'; quiet: boolean };
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Bad option, bad value, unknown region or format. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A file that is missing, unreadable, not JSON, or not of the expected schema. */
export class InputFileError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

/** No credentials, expired credentials, or a role that cannot be assumed. */
export class CredentialsError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsError';
  }
}

export const EXIT = {
  OK: 0,
  FINDINGS: 1,
  USAGE: 2,
  INCOMPLETE: 3,
} as const;
