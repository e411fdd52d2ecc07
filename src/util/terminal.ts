/** Strings from AWS (names, tags) reach the terminal without control or escape sequences. */
export function sanitizeForTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}

/** One line of terminal output: sanitized, and a line break in the text cannot start another. */
export function sanitizeLine(text: string): string {
  return sanitizeForTerminal(text).replace(/\n/g, '?');
}
