/**
 * Throttling limits, where each comes from, and the account-level budget they are measured
 * against. The stage checks read the lists of limits a stage carries; the inventory asks which
 * one governs a given method. Both go through here so they name the same sources.
 *
 * API Gateway shows throttling values in method settings that nobody chose (they default to the
 * account limits), so for the checks a limit counts only when it is below the account-level one.
 */
import {
  allMethodSettings,
  describeSetting,
  effectiveMethodSetting,
  effectiveRouteSetting,
  v2RouteSettingEntries,
} from './method-settings.js';
import type { ApiGatewayAccount, RestStage, UsagePlan, V2Stage } from './types.js';

export interface Limits {
  rateLimit?: number;
  burstLimit?: number;
}

/** A limit set somewhere: a method settings entry, a route, a usage plan, the account. */
export interface LimitEntry extends Limits {
  /** How check evidence names it: "*", "GET /pets", "DefaultRouteSettings", "usage plan gold"... */
  where: string;
  /** How the inventory names it: "methodSettings:*\/*", "usagePlan:ID", "account"... */
  source: string;
}

/** The account-level budget; a field AWS did not return counts as no ceiling. */
export function accountLimits(account: ApiGatewayAccount): Required<Limits> {
  return {
    rateLimit: account.throttleSettings?.rateLimit ?? Number.POSITIVE_INFINITY,
    burstLimit: account.throttleSettings?.burstLimit ?? Number.POSITIVE_INFINITY,
  };
}

const isSet = (n: number | undefined): n is number => typeof n === 'number' && n >= 0;

export const hasLimit = (l: Limits): boolean => isSet(l.rateLimit) || isSet(l.burstLimit);

/**
 * True when the entry sets a rate or a burst limit below the account-level one. A limit equal
 * to or above it throttles nothing the account would not, so it counts as none. Negative
 * values (-1) mean "no limit" in API Gateway.
 */
export function limitsBelowAccount(l: Limits, account: Required<Limits>): boolean {
  return (
    (isSet(l.rateLimit) && l.rateLimit < account.rateLimit) ||
    (isSet(l.burstLimit) && l.burstLimit < account.burstLimit)
  );
}

/** True when the entry sets a rate or a burst limit above the account-level one. */
export function limitsAboveAccount(l: Limits, account: Required<Limits>): boolean {
  return (
    (isSet(l.rateLimit) && l.rateLimit > account.rateLimit) ||
    (isSet(l.burstLimit) && l.burstLimit > account.burstLimit)
  );
}

/** REST method settings entries that carry a rate or burst value. */
export function restStageLimits(stage: RestStage): LimitEntry[] {
  return allMethodSettings(stage)
    .map((o) => ({
      where: describeSetting(o),
      source: `methodSettings:${o.key}`,
      rateLimit: o.setting.throttlingRateLimit,
      burstLimit: o.setting.throttlingBurstLimit,
    }))
    .filter(hasLimit);
}

/** v2 DefaultRouteSettings / RouteSettings entries that carry a rate or burst value. */
export function v2StageLimits(stage: V2Stage): LimitEntry[] {
  return v2RouteSettingEntries(stage)
    .map(([where, s]) => ({
      where,
      source: v2Source(where),
      rateLimit: s.ThrottlingRateLimit,
      burstLimit: s.ThrottlingBurstLimit,
    }))
    .filter(hasLimit);
}

const v2Source = (from: string) =>
  from === 'DefaultRouteSettings' ? from : `RouteSettings:${from}`;

interface PlanLimitEntry extends LimitEntry {
  planId: string;
  /** The plan's per-method throttle key ("/pets/GET"); absent for the plan-wide throttle. */
  methodKey?: string;
}

/**
 * Throttles of the usage plans that include the stage: the plan-wide throttle and the
 * per-method throttles the plan sets for this stage, plan by plan.
 */
export function usagePlanLimits(
  plans: UsagePlan[],
  apiId: string,
  stage: string,
): PlanLimitEntry[] {
  const out: PlanLimitEntry[] = [];
  for (const plan of plans) {
    for (const s of plan.apiStages ?? []) {
      if (s.apiId !== apiId || s.stage !== stage) continue;
      const name = plan.name ?? plan.id;
      const source = `usagePlan:${plan.id}`;
      if (plan.throttle && hasLimit(plan.throttle)) {
        out.push({ where: `usage plan ${name}`, source, planId: plan.id, ...pick(plan.throttle) });
      }
      for (const [method, t] of Object.entries(s.throttle ?? {}).sort(([a], [b]) =>
        a.localeCompare(b),
      )) {
        if (hasLimit(t)) {
          out.push({
            where: `usage plan ${name} ${method}`,
            source,
            planId: plan.id,
            methodKey: method,
            ...pick(t),
          });
        }
      }
    }
  }
  return out;
}

const pick = (l: Limits): Limits => ({
  ...(l.rateLimit !== undefined ? { rateLimit: l.rateLimit } : {}),
  ...(l.burstLimit !== undefined ? { burstLimit: l.burstLimit } : {}),
});

/** The account-level throttle as an entry, when GetAccount returned one. */
function accountEntry(account: ApiGatewayAccount | undefined): LimitEntry | undefined {
  const t = account?.throttleSettings;
  if (!t || (t.rateLimit === undefined && t.burstLimit === undefined)) return undefined;
  return { where: 'account', source: 'account', ...pick(t) };
}

/**
 * The limit that governs one REST method on a stage, and where it comes from: the method
 * settings (the method's own override, then its path's, then "*\/*", field by field), else the
 * first usage plan that includes the stage (its per-method throttle, then its plan throttle),
 * else the account-level throttle. Undefined when none is known.
 */
export function restMethodThrottle(input: {
  stage: RestStage;
  apiId: string;
  path: string;
  httpMethod: string;
  plans?: UsagePlan[];
  account?: ApiGatewayAccount;
}): LimitEntry | undefined {
  const { stage, path, httpMethod } = input;
  const rate = effectiveMethodSetting(stage, path, httpMethod, 'throttlingRateLimit');
  const burst = effectiveMethodSetting(stage, path, httpMethod, 'throttlingBurstLimit');
  const from = (rate ?? burst)?.from;
  if (from) {
    return {
      where: describeSetting(from),
      source: `methodSettings:${from.key}`,
      ...pick({ rateLimit: rate?.value, burstLimit: burst?.value }),
    };
  }
  const planEntries = usagePlanLimits(input.plans ?? [], input.apiId, stage.stageName);
  const methodKey = `${path}/${httpMethod}`;
  for (const planId of new Set(planEntries.map((e) => e.planId))) {
    const ofPlan = planEntries.filter((e) => e.planId === planId);
    const chosen =
      ofPlan.find((e) => e.methodKey === methodKey) ?? ofPlan.find((e) => !e.methodKey);
    if (chosen) return { where: chosen.where, source: chosen.source, ...pick(chosen) };
  }
  return accountEntry(input.account);
}

/**
 * The limit that governs one v2 route on a stage: its RouteSettings, else DefaultRouteSettings
 * (field by field), else the account-level throttle.
 */
export function v2RouteThrottle(input: {
  stage: V2Stage;
  routeKey: string;
  account?: ApiGatewayAccount;
}): LimitEntry | undefined {
  const rate = effectiveRouteSetting(input.stage, input.routeKey, 'ThrottlingRateLimit');
  const burst = effectiveRouteSetting(input.stage, input.routeKey, 'ThrottlingBurstLimit');
  const from = (rate ?? burst)?.from;
  if (from) {
    return {
      where: from,
      source: v2Source(from),
      ...pick({ rateLimit: rate?.value, burstLimit: burst?.value }),
    };
  }
  return accountEntry(input.account);
}
