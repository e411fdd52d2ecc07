/**
 * IAM policy documents as API Gateway and Lambda return them: REST API resource policies and
 * Lambda function resource policies. Parsing tolerates the doubly escaped form real AWS returns
 * for `RestApi.policy` (after JSON decoding the string still contains `\"` and `\/`) and the
 * plain form moto returns. Statements are normalized so checks can ask simple questions: who
 * is the principal, which actions, which condition keys limit it.
 *
 * Condition keys are case-insensitive in IAM (`aws:SourceArn` = `AWS:SourceArn`): they are
 * lower-cased here. Operators keep their base name (`StringEquals`), with the set prefix
 * (`ForAnyValue:` / `ForAllValues:`) and the `IfExists` suffix split off.
 */
import { matchesIamWildcard } from '../../src/util/glob.js';

interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement?: unknown;
  [key: string]: unknown;
}

export type ParsedPolicy =
  { ok: true; document: PolicyDocument; statements: Statement[] } | { ok: false; error: string };

export interface Principals {
  /** Principal "*" or {"AWS": "*"} (anyone, in any account). */
  anyone: boolean;
  /** AWS principals as written: account ids, ARNs. */
  aws: string[];
  service: string[];
  federated: string[];
  canonicalUser: string[];
}

export interface ConditionClause {
  /** As written, e.g. "ForAnyValue:StringLikeIfExists". */
  raw: string;
  /** Base operator, e.g. "StringLike", "ArnEquals", "IpAddress", "Null". */
  operator: string;
  setOperator?: 'ForAnyValue' | 'ForAllValues';
  ifExists: boolean;
  /** Lower-cased condition key, e.g. "aws:sourcevpce". */
  key: string;
  values: string[];
}

export interface Statement {
  /** Position in the document (0-based), for evidence. */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Undefined when the statement uses NotPrincipal. */
  principal?: Principals;
  notPrincipal?: Principals;
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  conditions: ConditionClause[];
}

const asArray = (v: unknown): unknown[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
const strings = (v: unknown): string[] => asArray(v).map((x) => String(x));

/** Parses a policy string as AWS (doubly escaped) or moto (plain) returns it. */
export function parsePolicy(raw: string | null | undefined): ParsedPolicy | undefined {
  if (raw === undefined || raw === null || raw.trim() === '') return undefined;
  const attempts = [raw, unescapeOnce(raw)];
  let lastError = '';
  for (const text of attempts) {
    try {
      let value: unknown = JSON.parse(text);
      // A policy stored as a JSON string inside JSON: decode once more.
      if (typeof value === 'string') value = JSON.parse(value);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const document = value as PolicyDocument;
        return { ok: true, document, statements: normalizeStatements(document) };
      }
      lastError = 'the policy is not a JSON object';
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
  }
  return { ok: false, error: lastError };
}

/** Undoes one level of backslash escaping (`\"` -> `"`, `\/` -> `/`, `\\` -> `\`). */
export function unescapeOnce(text: string): string {
  return text.replace(/\\(["\\/])/g, '$1');
}

function normalizeStatements(doc: PolicyDocument): Statement[] {
  return asArray(doc.Statement)
    .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object')
    .map((s, index) => {
      const effect = String(s.Effect ?? '').toLowerCase() === 'deny' ? 'Deny' : 'Allow';
      const st: Statement = {
        index,
        effect,
        actions: strings(s.Action),
        notActions: strings(s.NotAction),
        resources: strings(s.Resource),
        notResources: strings(s.NotResource),
        conditions: normalizeConditions(s.Condition),
      };
      if (typeof s.Sid === 'string' && s.Sid) st.sid = s.Sid;
      if ('Principal' in s) st.principal = normalizePrincipal(s.Principal);
      if ('NotPrincipal' in s) st.notPrincipal = normalizePrincipal(s.NotPrincipal);
      return st;
    });
}

export function normalizePrincipal(p: unknown): Principals {
  const out: Principals = { anyone: false, aws: [], service: [], federated: [], canonicalUser: [] };
  if (p === '*') {
    out.anyone = true;
    return out;
  }
  if (!p || typeof p !== 'object') return out;
  for (const [k, v] of Object.entries(p as Record<string, unknown>)) {
    const values = strings(v);
    switch (k.toLowerCase()) {
      case 'aws':
        if (values.includes('*')) out.anyone = true;
        out.aws.push(...values.filter((x) => x !== '*'));
        break;
      case 'service':
        out.service.push(...values);
        break;
      case 'federated':
        out.federated.push(...values);
        break;
      case 'canonicaluser':
        out.canonicalUser.push(...values);
        break;
    }
  }
  return out;
}

export function parseOperator(
  raw: string,
): Pick<ConditionClause, 'operator' | 'setOperator' | 'ifExists'> {
  let op = raw.trim();
  let setOperator: ConditionClause['setOperator'];
  const colon = op.indexOf(':');
  if (colon >= 0) {
    const prefix = op.slice(0, colon).toLowerCase();
    if (prefix === 'foranyvalue') setOperator = 'ForAnyValue';
    else if (prefix === 'forallvalues') setOperator = 'ForAllValues';
    op = op.slice(colon + 1);
  }
  const ifExists = /ifexists$/i.test(op);
  if (ifExists) op = op.slice(0, -'IfExists'.length);
  return { operator: op, ...(setOperator ? { setOperator } : {}), ifExists };
}

function normalizeConditions(c: unknown): ConditionClause[] {
  if (!c || typeof c !== 'object') return [];
  const out: ConditionClause[] = [];
  for (const [raw, block] of Object.entries(c as Record<string, unknown>)) {
    if (!block || typeof block !== 'object') continue;
    const op = parseOperator(raw);
    for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
      out.push({ raw, ...op, key: key.toLowerCase(), values: strings(values) });
    }
  }
  return out;
}

/** Whether the statement's Action (or NotAction) covers `action`, e.g. "execute-api:Invoke". */
export function statementCoversAction(st: Statement, action: string): boolean {
  if (st.notActions.length > 0) return !st.notActions.some((p) => matchesIamWildcard(p, action));
  return st.actions.some((p) => matchesIamWildcard(p, action));
}

/** Principal "*" / {"AWS": "*"}, or a NotPrincipal (which means everyone but a few). */
export function isAnyonePrincipal(st: Statement): boolean {
  return Boolean(st.principal?.anyone) || st.notPrincipal !== undefined;
}

export function hasServicePrincipal(st: Statement, service: string): boolean {
  return (st.principal?.service ?? []).some((s) => s.toLowerCase() === service.toLowerCase());
}

/** Condition clauses on `key` (case-insensitive), e.g. "aws:SourceVpce". */
export function conditionsOn(st: Statement, key: string): ConditionClause[] {
  const k = key.toLowerCase();
  return st.conditions.filter((c) => c.key === k);
}

/** Whether the clause's operator is a negated one (StringNotEquals, NotIpAddress, ArnNotLike...). */
export function isNegatedOperator(c: Pick<ConditionClause, 'operator'>): boolean {
  return /^(StringNot|ArnNot|NotIpAddress|NumericNot|DateNot)/i.test(c.operator);
}

/** Whether the clause is a positive test on its key (equals / like / in range), not Null or negated. */
export function isPositiveOperator(c: Pick<ConditionClause, 'operator'>): boolean {
  return !isNegatedOperator(c) && !/^Null$/i.test(c.operator) && !/^Bool$/i.test(c.operator);
}

/** The account id of an AWS principal as written (account id, account root or IAM ARN). */
export function principalAccount(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  const m = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal);
  return m?.[1];
}

/** A short label for a statement in evidence: its Sid, or "Statement[i]". */
export function statementLabel(st: Statement): string {
  return st.sid ?? `Statement[${st.index}]`;
}
