/**
 * Shared by the collectors (which redact secret-looking stage variable values before they reach
 * snapshot.json) and the stage-variable-secrets check (which reports them).
 *
 * Does a stage variable look like a secret? By its name (password, token, api_key...) or by its
 * value (AWS access key IDs, JWTs, PEM blocks, credentials in URLs, long random-looking strings).
 *
 * Values are never returned: callers get reasons and a redaction that says only how long the
 * value is. Nothing here may put a value, or a piece of one, into a message or an exception.
 *
 * What is deliberately not flagged, to keep a high-severity finding meaningful:
 * - names that say the variable points at a secret rather than holding it ("secretArn",
 *   "passwordParameterName", "tokenUrl", "authType", "tokenTtl");
 * - a secret-like name whose value is a reference (an ARN, a "{{resolve:...}}" dynamic
 *   reference, an SSM parameter path), empty, a boolean or a number;
 * - by value: ARNs, URLs without credentials, hostnames, UUIDs, pure hexadecimal strings
 *   (digests, commit ids, deployment ids) and generated resource names such as
 *   "MyStack-OrdersFunction-1QZ7XK9WJ3ABC" (no random run of 16 characters or more).
 */

export type SecretReason =
  'name' | 'aws-access-key-id' | 'jwt' | 'pem-block' | 'url-credentials' | 'high-entropy';

export const REASON_TEXT: Record<SecretReason, string> = {
  name: 'the name suggests a secret',
  'aws-access-key-id': 'the value is an AWS access key ID',
  jwt: 'the value is a JSON Web Token',
  'pem-block': 'the value holds a PEM block',
  'url-credentials': 'the value is a URL carrying credentials',
  'high-entropy': 'the value is a long random-looking string',
};

/** Words that, as a whole word of the name, mark it as holding a secret. */
const SECRET_WORDS = new Set([
  'secret',
  'secrets',
  'password',
  'passwords',
  'passwd',
  'pwd',
  'passphrase',
  'token',
  'tokens',
  'credential',
  'credentials',
  'creds',
  'auth',
  'bearer',
  'apikey',
  'privatekey',
  'accesskey',
  'secretkey',
  'signingkey',
  'clientsecret',
]);

/** Word pairs that name a secret ("api key", "private key", "access key"...). */
const SECRET_PAIRS = new Set([
  'api key',
  'private key',
  'access key',
  'secret key',
  'signing key',
  'client secret',
  'session token',
  'encryption key',
  'master key',
]);

/** Words saying the variable describes or points to a secret rather than holding it. */
const QUALIFIER_WORDS = new Set([
  'arn',
  'name',
  'id',
  'url',
  'uri',
  'endpoint',
  'host',
  'path',
  'header',
  'type',
  'ttl',
  'timeout',
  'expiry',
  'expires',
  'expiration',
  'length',
  'version',
  'region',
  'param',
  'parameter',
  'ref',
  'enabled',
  'policy',
  'rotation',
  'field',
  'location',
  'mode',
  'method',
  'scheme',
  'provider',
  'server',
  'domain',
  'issuer',
  'audience',
  'scope',
  'scopes',
  'flow',
  'realm',
  'pool',
  'format',
  'kind',
  'level',
  'strategy',
  'required',
]);

/** "clientSecret", "CLIENT_SECRET", "client-secret.v2" -> ["client", "secret", "v2"]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** The secret word the name carries ("password", "api key"), or undefined. */
export function secretName(name: string): string | undefined {
  const words = nameWords(name);
  if (words.some((w) => QUALIFIER_WORDS.has(w))) return undefined;
  const joined = words.join('');
  for (let i = 0; i < words.length; i++) {
    if (SECRET_WORDS.has(words[i]!)) return words[i];
    const pair = `${words[i]} ${words[i + 1]}`;
    if (SECRET_PAIRS.has(pair)) return pair;
  }
  for (const compound of ['apikey', 'privatekey', 'clientsecret', 'password', 'passwd']) {
    if (joined.includes(compound)) return compound;
  }
  return undefined;
}

/** Values that name a secret elsewhere, or cannot be one. */
function isReferenceOrTrivial(value: string): boolean {
  const v = value.trim();
  return (
    v === '' ||
    /^arn:/i.test(v) ||
    /^\{\{resolve:/i.test(v) ||
    /^\/[A-Za-z0-9_./-]+$/.test(v) ||
    /^(true|false|yes|no|on|off|none|null)$/i.test(v) ||
    /^-?\d+(\.\d+)?$/.test(v)
  );
}

const AWS_ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/;
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/;
const PEM = /-----BEGIN [A-Z0-9 ]+-----/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOSTNAME = /^(?=.{4,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export const HIGH_ENTROPY = {
  /** The whole value must be at least this long... */
  minLength: 20,
  /** ...and hold a run free of "-", "_", "." and "~" at least this long... */
  minRun: 16,
  /** ...whose Shannon entropy is at least this (random base62 of 16 chars: about 3.7)... */
  minEntropy: 3.5,
  /** ...that switches between upper case, lower case, digits and symbols this often... */
  minClassSwitches: 0.3,
  /** ...and is less than this share made of word-like letter runs ("Orders", "lambda"). */
  maxWordShare: 0.5,
};

const charClass = (c: string): string =>
  /[A-Z]/.test(c) ? 'U' : /[a-z]/.test(c) ? 'L' : /[0-9]/.test(c) ? 'D' : 'S';

function classSwitchRate(s: string): number {
  let n = 0;
  for (let i = 1; i < s.length; i++) if (charClass(s[i]!) !== charClass(s[i - 1]!)) n++;
  return s.length > 1 ? n / (s.length - 1) : 0;
}

function wordShare(s: string): number {
  const words = s.match(/[A-Z]?[a-z]{3,}|[A-Z]{4,}(?![a-z])/g) ?? [];
  return words.reduce((n, w) => n + w.length, 0) / s.length;
}

/** Lower- or upper-case hexadecimal: digests and ids, not flagged by value. */
const isHex = (s: string): boolean => /^[0-9a-f]+$/.test(s) || /^[0-9A-F]+$/.test(s);

/** A long random-looking token: see HIGH_ENTROPY for the thresholds. */
export function looksHighEntropy(value: string): boolean {
  const v = value.trim();
  if (v.length < HIGH_ENTROPY.minLength) return false;
  if (!/^[A-Za-z0-9+/=_.~-]+$/.test(v)) return false; // spaces, ":" (ARNs, URLs), "@"...
  if (UUID.test(v) || HOSTNAME.test(v) || isHex(v)) return false;
  const runs = v.replace(/=+$/, '').split(/[-_.~]+/);
  return runs.some((run) => {
    if (run.length < HIGH_ENTROPY.minRun) return false;
    if (isHex(run)) return false;
    const classes = ['U', 'L', 'D'].filter((k) => [...run].some((c) => charClass(c) === k));
    return (
      classes.length >= 2 &&
      shannonEntropy(run) >= HIGH_ENTROPY.minEntropy &&
      classSwitchRate(run) >= HIGH_ENTROPY.minClassSwitches &&
      wordShare(run) < HIGH_ENTROPY.maxWordShare
    );
  });
}

/** https://user:pass@host/..., or a query parameter whose name suggests a secret. */
function urlCarriesCredentials(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return false;
  }
  if (!/^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) || !url.host) return false;
  if (url.password !== '' || (url.username !== '' && url.protocol !== 'ssh:')) return true;
  for (const key of url.searchParams.keys()) {
    if (secretName(key) && !isReferenceOrTrivial(url.searchParams.get(key) ?? '')) return true;
  }
  return false;
}

/**
 * What the collector stores instead of a secret-looking value: the reasons it looked secret and
 * its length, so the check still reports it from a saved snapshot and nothing of it is written.
 */
const COLLECTED_REDACTION = /^\[apigw-audit redacted: ([a-z-]+(?:,[a-z-]+)*); (\d+) chars\]$/;

function parseRedaction(value: string): { reasons: SecretReason[]; length: number } | undefined {
  const m = COLLECTED_REDACTION.exec(value);
  if (!m) return undefined;
  const reasons = m[1]!.split(',').filter((r): r is SecretReason => r in REASON_TEXT);
  return { reasons, length: Number(m[2]) };
}

/** The stage variables with every secret-looking value replaced by a redaction marker. */
export function redactVariables(
  variables: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (!variables) return variables;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    const reasons = parseRedaction(value ?? '') ? [] : secretReasons(name, value);
    out[name] = reasons.length
      ? `[apigw-audit redacted: ${reasons.join(',')}; ${[...value].length} chars]`
      : value;
  }
  return out;
}

/** Why a variable looks like a secret; empty when it does not. */
export function secretReasons(name: string, value: string | undefined | null): SecretReason[] {
  const v = typeof value === 'string' ? value : '';
  const collected = parseRedaction(v);
  if (collected) return collected.reasons;
  const reasons: SecretReason[] = [];
  if (secretName(name) && !isReferenceOrTrivial(v)) reasons.push('name');
  if (AWS_ACCESS_KEY_ID.test(v)) reasons.push('aws-access-key-id');
  if (JWT.test(v)) reasons.push('jwt');
  if (PEM.test(v)) reasons.push('pem-block');
  if (urlCarriesCredentials(v)) reasons.push('url-credentials');
  if (reasons.length === 0 && looksHighEntropy(v)) reasons.push('high-entropy');
  return reasons;
}

/** What results show instead of a value: its length, never any of its characters. */
export function redact(value: string | undefined | null): string {
  const collected = typeof value === 'string' ? parseRedaction(value) : undefined;
  const n = collected ? collected.length : typeof value === 'string' ? [...value].length : 0;
  return `[redacted: ${n} chars]`;
}

export interface SecretFinding {
  name: string;
  reasons: SecretReason[];
  value: string;
}

/** Every suspicious variable, by name order, with reasons and a redaction. */
export function findSecrets(variables: Record<string, string> | undefined): SecretFinding[] {
  return Object.keys(variables ?? {})
    .sort()
    .flatMap((name) => {
      const reasons = secretReasons(name, variables![name]);
      return reasons.length ? [{ name, reasons, value: redact(variables![name]) }] : [];
    });
}
