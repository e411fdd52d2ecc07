/**
 * Secret-looking text outside stage variables: what the collectors remove from a region's data
 * before it reaches snapshot.json (and so every report and bundle made from it).
 *
 * Two strengths, because checks read the collected data:
 * - everywhere: values that cannot be anything but a credential (AWS access key IDs, JSON Web
 *   Tokens, PEM blocks, the user:password part of a URL) are replaced wherever they appear,
 *   keeping the text around them (a URL keeps its scheme and host for the checks that read it);
 * - in free text a user writes (descriptions, tag values, authorizer identity sources, route
 *   operation names) long random-looking tokens are replaced too.
 * Canary stage-variable overrides are stage variables, and get their rules (redactVariables).
 */
import { looksHighEntropy, redactVariables, type SecretReason } from './secrets.js';

const marker = (reason: SecretReason, value: string) =>
  `[apigw-audit redacted: ${reason}; ${[...value].length} chars]`;

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
const AWS_ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g;
/** scheme://user:password@ or scheme://user@ (not ssh, where a user name is no secret). */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@'"<>]+)@/gi;
const TOKEN = /[A-Za-z0-9+/_~-]{20,}={0,2}/g;

/** `text` with every credential-shaped value replaced by a marker giving only its length. */
export function redactCredentials(text: string): string {
  if (!/BEGIN|eyJ|AKIA|ASIA|@/.test(text)) return text;
  return text
    .replace(PEM_BLOCK, (m) => marker('pem-block', m))
    .replace(JWT, (m) => marker('jwt', m))
    .replace(AWS_ACCESS_KEY_ID, (m) => marker('aws-access-key-id', m))
    .replace(URL_USERINFO, (m, scheme: string, info: string) =>
      scheme.toLowerCase() === 'ssh://' && !info.includes(':') ? m : `${scheme}[redacted]@`,
    );
}

/** Free text: credentials, and long random-looking tokens within it. */
export function redactFreeText(text: string): string {
  return redactCredentials(text).replace(TOKEN, (m) =>
    looksHighEntropy(m) ? marker('high-entropy', m) : m,
  );
}

/** Fields whose string values (or list items) a user writes freely. */
const FREE_TEXT_FIELDS = new Set([
  'description',
  'Description',
  'identitySource',
  'IdentitySource',
  'identityValidationExpression',
  'operationName',
  'OperationName',
]);
const TAG_FIELDS = new Set(['tags', 'Tags']);

type Json = unknown;

function redactDeep(value: Json, freeText: boolean): Json {
  if (typeof value === 'string') return freeText ? redactFreeText(value) : redactCredentials(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, freeText));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, Json> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'stageVariableOverrides' && v && typeof v === 'object' && !Array.isArray(v)) {
      out[key] = redactVariables(v as Record<string, string>);
    } else {
      out[key] = redactDeep(v, freeText || FREE_TEXT_FIELDS.has(key) || TAG_FIELDS.has(key));
    }
  }
  return out;
}

/** A region's collected data with secret-looking text replaced (see the module comment). */
export function redactCollected<T>(data: T): T {
  return redactDeep(data, false) as T;
}
