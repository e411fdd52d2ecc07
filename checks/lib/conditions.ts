/**
 * What a resource-policy condition really admits. A statement counts as limited only when a
 * condition narrows who can call; a condition that every caller satisfies, or whose value the
 * caller chooses, narrows nothing. Each global condition key is judged on what IAM's reference
 * of global condition context keys says about it: who sets it, whether it can be absent, and
 * whether it is single- or multi-valued.
 *
 * Judgements:
 * - 'narrows': only callers of a given network, organization, account or identity satisfy it;
 * - 'nothing': every caller satisfies it, or any caller can (a value the caller sets, a time
 *   window, a key whose absence satisfies it, a wildcard that matches every value);
 * - 'unjudged': a key or operator this module does not know; a person must read it.
 */
import type { ConditionClause, Statement } from './policy.js';

export type Narrowing = 'narrows' | 'nothing' | 'unjudged';

export interface ClauseJudgement {
  /** The clause as written: `StringEquals aws:SourceVpce`. */
  clause: string;
  judgement: Narrowing;
  reason: string;
}

/** Keys that name where the call comes from or who makes it, and that the caller cannot forge. */
const WHO_KEYS = new Set([
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:sourceip',
  'aws:vpcsourceip',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:userid',
  'aws:username',
  // Present only when an AWS service calls on behalf of a resource: they confine the statement
  // to that service acting for that source (and exclude every other caller).
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
]);

/** Keys whose values come from the request itself, which the caller writes. */
const CALLER_SET_KEYS = new Set(['aws:useragent', 'aws:referer', 'aws:tagkeys']);
const CALLER_SET_PREFIXES = ['aws:requesttag/'];

/** Keys every caller of an API Gateway endpoint satisfies in the same way, or that say when, not who. */
const EVERY_CALLER_KEYS = new Set([
  // execute-api endpoints answer only over TLS: every request has aws:SecureTransport true.
  'aws:securetransport',
  'aws:currenttime',
  'aws:epochtime',
  'aws:requestedregion',
]);

/** A /0 range is every address of its family (0.0.0.0/0, ::/0). */
const isEveryAddress = (cidr: string) => /\/0$/.test(cidr.trim());

/**
 * Literal starts of a pattern that every value of the key shares: "vpce-*" is any VPC endpoint
 * of any account, "arn:aws:iam::*" any principal.
 */
const UNIVERSAL_PREFIXES = [
  '',
  'vpce-',
  'vpc-',
  'o-',
  'arn:',
  'arn:aws:',
  'arn:aws:iam::',
  'arn:aws:sts::',
];

/** Whether a Like pattern matches every value the key can have, or any account's. */
function patternMatchesAll(key: string, value: string): boolean {
  const first = value.search(/[*?]/);
  if (first < 0) return false;
  const prefix = value.slice(0, first).toLowerCase();
  if (UNIVERSAL_PREFIXES.includes(prefix)) return true;
  // An ARN pattern whose account field is a wildcard admits that name in every account.
  if (key === 'aws:principalarn' || key === 'aws:sourcearn') {
    const account = value.split(':')[4];
    return account === undefined || account === '' || /[*?]/.test(account);
  }
  if (key === 'aws:principalorgpaths' || key === 'aws:sourceorgpaths') return /^o-[*?]/.test(value);
  return false;
}

const POSITIVE_STRING_OPS = /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i;
const LIKE_OPS = /^(StringLike|ArnLike|ArnEquals)$/i;
const NEGATED_OPS = /^(StringNot\w*|ArnNot\w*|NotIpAddress|NumericNotEquals|DateNotEquals)$/i;

const label = (c: ConditionClause) => `${c.raw} ${c.key}`;

function isCallerSet(key: string): boolean {
  if (CALLER_SET_KEYS.has(key) || CALLER_SET_PREFIXES.some((p) => key.startsWith(p))) return true;
  // Keys outside the global (aws:) namespace: execute-api defines no condition key of its own,
  // so anything else is a request-supplied key.
  return !key.startsWith('aws:');
}

/** How one clause of an Allow limits the callers the Allow admits. */
export function judgeAllowClause(c: ConditionClause): ClauseJudgement {
  const clause = label(c);
  const j = (judgement: Narrowing, reason: string) => ({ clause, judgement, reason });
  if (/^Null$/i.test(c.operator)) {
    return j('nothing', 'Null only tests that the key is present or absent, not whose it is');
  }
  if (
    c.key === 'aws:securetransport' &&
    /^Bool$/i.test(c.operator) &&
    !c.ifExists &&
    c.values.every((v) => v.toLowerCase() === 'false')
  ) {
    return j('narrows', 'no call to an execute-api endpoint is made without TLS: it admits no one');
  }
  if (EVERY_CALLER_KEYS.has(c.key)) {
    return j(
      'nothing',
      c.key === 'aws:securetransport'
        ? 'every call to an execute-api endpoint is made over TLS'
        : 'it limits when or where to, not who',
    );
  }
  if (isCallerSet(c.key)) return j('nothing', `the caller sets ${c.key}`);
  if (!WHO_KEYS.has(c.key)) return j('unjudged', `${c.key} is not a key this check judges`);
  if (NEGATED_OPS.test(c.operator)) {
    return j('nothing', 'a negated test admits every caller but the few it names');
  }
  if (c.ifExists) return j('nothing', 'IfExists: a caller without the key satisfies it');
  if (c.setOperator === 'ForAllValues') {
    return j('nothing', 'ForAllValues: a request without the key satisfies it');
  }
  if (/^IpAddress$/i.test(c.operator)) {
    if (c.key !== 'aws:sourceip' && c.key !== 'aws:vpcsourceip') {
      return j('unjudged', `IpAddress on ${c.key}`);
    }
    const every = c.values.find(isEveryAddress);
    return every !== undefined
      ? j('nothing', `${every} is every address`)
      : j('narrows', `only callers from ${c.values.join(', ')}`);
  }
  if (!POSITIVE_STRING_OPS.test(c.operator)) {
    return j('unjudged', `${c.operator} on ${c.key}`);
  }
  if (c.values.length === 0) return j('narrows', 'no value can match');
  const wide = LIKE_OPS.test(c.operator)
    ? c.values.find((v) => patternMatchesAll(c.key, v))
    : undefined;
  if (wide !== undefined) return j('nothing', `"${wide}" matches every ${c.key}`);
  return j('narrows', `only callers whose ${c.key} is ${c.values.join(', ')}`);
}

/**
 * How one clause of a Deny for everyone keeps callers out: it confines when the Deny applies to
 * every caller but those with a given network, organization or identity (a negated test on such
 * a key, with no wildcard); a caller who can make the clause false escapes the Deny.
 */
export function judgeDenyClause(c: ConditionClause): ClauseJudgement {
  const clause = label(c);
  const j = (judgement: Narrowing, reason: string) => ({ clause, judgement, reason });
  if (!WHO_KEYS.has(c.key)) {
    return isCallerSet(c.key) || EVERY_CALLER_KEYS.has(c.key) || /^Null$/i.test(c.operator)
      ? j('nothing', `a caller escapes the Deny by ${c.key}`)
      : j('unjudged', `${c.key} is not a key this check judges`);
  }
  if (!NEGATED_OPS.test(c.operator)) {
    return j('nothing', 'a Deny on a positive test keeps out only the callers it names');
  }
  if (c.setOperator === 'ForAnyValue') {
    return j('nothing', 'ForAnyValue on a negated test: one other value is enough to escape');
  }
  if (/^NotIpAddress$/i.test(c.operator)) {
    return c.values.some(isEveryAddress)
      ? j('nothing', 'the Deny spares every address')
      : j('narrows', `only callers from ${c.values.join(', ')} are spared`);
  }
  const like = /Like$/i.test(c.operator);
  const wide = like ? c.values.find((v) => patternMatchesAll(c.key, v)) : undefined;
  if (wide !== undefined) return j('nothing', `"${wide}" spares every ${c.key}`);
  return j('narrows', `only callers whose ${c.key} is ${c.values.join(', ')} are spared`);
}

export interface StatementJudgement {
  judgement: Narrowing;
  clauses: ClauseJudgement[];
}

/**
 * An Allow's conditions are ANDed: one clause that narrows is enough. With none, any clause
 * left unjudged makes the statement unjudged; otherwise the conditions narrow nothing.
 */
export function judgeAllow(st: Statement, keys?: readonly string[]): StatementJudgement {
  const clauses = st.conditions.map(judgeAllowClause);
  const counts = (c: ClauseJudgement, i: number) =>
    !keys || keys.includes(st.conditions[i]!.key) ? c.judgement : 'nothing';
  const judged = clauses.map(counts);
  const judgement: Narrowing = judged.includes('narrows')
    ? 'narrows'
    : judged.includes('unjudged')
      ? 'unjudged'
      : 'nothing';
  return { judgement, clauses };
}

/**
 * A Deny applies when all its clauses hold, so a caller escapes it by failing any one: it
 * confines only when every clause is one the caller can fail only by having the network or
 * identity named (on `keys`, when given).
 */
export function judgeDeny(st: Statement, keys?: readonly string[]): StatementJudgement {
  const clauses = st.conditions.map(judgeDenyClause);
  if (clauses.length === 0) return { judgement: 'nothing', clauses };
  const onKeys = st.conditions.every((c) => !keys || keys.includes(c.key));
  const all = clauses.map((c) => c.judgement);
  const judgement: Narrowing =
    onKeys && all.every((x) => x === 'narrows')
      ? 'narrows'
      : all.includes('nothing') || !onKeys
        ? 'nothing'
        : 'unjudged';
  return { judgement, clauses };
}
