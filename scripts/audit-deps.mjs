#!/usr/bin/env node
/**
 * CI's dependency audit: `npm audit --omit=dev --audit-level=high`, read from its JSON so that an
 * advisory and an unreachable advisory service are told apart.
 *
 * - a high or critical advisory in a runtime dependency: exit 1, naming the packages;
 * - no such advisory: exit 0;
 * - the advisory service did not answer (offline CI, a registry mirror without the audit
 *   endpoint): a warning that nothing was checked, and exit 0, unless AUDIT_REQUIRED=1, which
 *   makes it exit 1 (set it where the endpoint is reachable, so an outage cannot hide an
 *   advisory).
 *
 * AUDIT_JSON=FILE reads a saved `npm audit --json` answer instead of running npm (tests).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import process from 'node:process';

const say = (stream, line) => stream.write(`${line}\n`);

function auditAnswer() {
  if (process.env.AUDIT_JSON) return readFileSync(process.env.AUDIT_JSON, 'utf8');
  const r = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return r.stdout ?? '';
}

let answer;
try {
  answer = JSON.parse(auditAnswer());
} catch {
  answer = undefined;
}

const counts = answer?.metadata?.vulnerabilities;
if (!counts) {
  const why = answer?.message ?? answer?.error?.summary ?? 'no answer';
  const line = `npm audit: the advisory service could not be reached (${String(why).split('\n')[0]}): runtime dependencies were NOT checked`;
  if (process.env.AUDIT_REQUIRED === '1') {
    say(process.stderr, `${line}; AUDIT_REQUIRED=1, failing`);
    process.exit(1);
  }
  say(process.stderr, `warning: ${line}`);
  process.exit(0);
}

const serious = Object.entries(answer.vulnerabilities ?? {})
  .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
  .map(([name, v]) => `${name} (${v.severity})`);
if ((counts.high ?? 0) + (counts.critical ?? 0) > 0) {
  say(
    process.stderr,
    `npm audit: ${counts.critical ?? 0} critical and ${counts.high ?? 0} high advisories in runtime dependencies: ${serious.join(', ') || 'see npm audit'}`,
  );
  process.exit(1);
}
say(
  process.stdout,
  `npm audit: no high or critical advisory in runtime dependencies (${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low)`,
);
