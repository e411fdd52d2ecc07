/**
 * Throttling limits and the account-level budget they are measured against. API Gateway shows
 * throttling values in method settings that nobody chose (they default to the account limits),
 * so a limit counts only when it is below the account-level limit.
 */
import type { ApiGatewayAccount, RestStage, UsagePlan, V2Stage } from '../../src/snapshot/types.js';
import { allMethodSettings, describeSetting } from './method-settings.js';
import { v2RouteSettingEntries } from './logging.js';

export interface Limits {
  rateLimit?: number;
  burstLimit?: number;
}

/** A limit set somewhere: a method settings entry, a route, a usage plan. */
export interface LimitEntry extends Limits {
  /** "*", "GET /pets", "DefaultRouteSettings", "GET /pets" route key, "usage plan gold"... */
  where: string;
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
      rateLimit: s.ThrottlingRateLimit,
      burstLimit: s.ThrottlingBurstLimit,
    }))
    .filter(hasLimit);
}

/**
 * Throttles of the usage plans that include the stage: the plan-wide throttle and the
 * per-method throttles the plan sets for this stage.
 */
export function usagePlanLimits(plans: UsagePlan[], apiId: string, stage: string): LimitEntry[] {
  const out: LimitEntry[] = [];
  for (const plan of plans) {
    for (const s of plan.apiStages ?? []) {
      if (s.apiId !== apiId || s.stage !== stage) continue;
      const name = plan.name ?? plan.id;
      if (plan.throttle && hasLimit(plan.throttle)) {
        out.push({ where: `usage plan ${name}`, ...pick(plan.throttle) });
      }
      for (const [method, t] of Object.entries(s.throttle ?? {}).sort(([a], [b]) =>
        a.localeCompare(b),
      )) {
        if (hasLimit(t)) out.push({ where: `usage plan ${name} ${method}`, ...pick(t) });
      }
    }
  }
  return out;
}

const pick = (l: Limits): Limits => ({
  ...(l.rateLimit !== undefined ? { rateLimit: l.rateLimit } : {}),
  ...(l.burstLimit !== undefined ? { burstLimit: l.burstLimit } : {}),
});
