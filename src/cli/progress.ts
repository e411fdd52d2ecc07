/** A one-line progress display on stderr, only when stderr is a terminal. */
import type { ProgressHook } from '../collect/context.js';
import { sanitizeForTerminal } from '../util/terminal.js';

export function terminalProgress(
  stream: NodeJS.WriteStream = process.stderr,
): ProgressHook | undefined {
  if (!stream.isTTY) return undefined;
  let calls = 0;
  const found: Record<string, number> = {};
  const active = new Set<string>();
  let last = 0;
  let accounts = 0;
  let accountsDone = 0;
  return (e) => {
    const where = `${e.accountId}/${e.region}`;
    if (e.kind === 'accounts') accounts = e.count ?? 0;
    if (e.kind === 'account-done') accountsDone = e.count ?? accountsDone + 1;
    if (e.kind === 'call') calls++;
    if (e.kind === 'region-start') active.add(where);
    if (e.kind === 'region-done') active.delete(where);
    if (e.kind === 'found' && e.resource)
      found[e.resource] = (found[e.resource] ?? 0) + (e.count ?? 0);
    const now = Date.now();
    if (now - last < 100 && e.kind === 'call') return;
    last = now;
    const inventory = Object.entries(found)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ');
    const line =
      `accounts ${accountsDone}/${accounts} | scanning ${[...active].join(' ')} | ` +
      `${calls} calls | ${inventory}`;
    stream.write('\r\x1b[K' + sanitizeForTerminal(line).slice(0, (stream.columns ?? 120) - 1));
    if (e.kind === 'region-done' && active.size === 0) stream.write('\r\x1b[K');
  };
}
