/**
 * Stage settings as AWS keys them: REST method settings ("*\/*", "~1pets~1{id}/GET") and v2
 * route settings (DefaultRouteSettings, RouteSettings by route key). Checks and the inventory
 * both read a method's effective setting through here, so they cannot disagree on precedence.
 */
import type { MethodSetting, RestStage, RouteSettings, V2Stage } from './types.js';

export const STAGE_WIDE = '*/*';

export interface MethodOverride {
  key: string;
  /** "/pets/{id}", or "*" for every path. */
  path: string;
  /** "GET", or "*" for every method. */
  httpMethod: string;
  setting: MethodSetting;
}

export function parseMethodSettingKey(key: string): { path: string; httpMethod: string } {
  const slash = key.lastIndexOf('/');
  const rawPath = slash < 0 ? key : key.slice(0, slash);
  const httpMethod = slash < 0 ? '*' : key.slice(slash + 1);
  const path = rawPath === '*' ? '*' : '/' + rawPath.replace(/^~1/, '').replace(/~1/g, '/');
  return { path, httpMethod };
}

/** The method settings key for a resource path and verb: ("/pets/{id}", "GET") -> "~1pets~1{id}/GET". */
export function methodSettingKey(path: string, httpMethod: string): string {
  if (path === '*') return `*/${httpMethod}`;
  return `${path.replace(/\//g, '~1')}/${httpMethod}`;
}

export function stageWideSetting(stage: RestStage): MethodSetting | undefined {
  return stage.methodSettings?.[STAGE_WIDE];
}

/** Per-method overrides (every key except "*\/*"), in key order for stable evidence. */
export function methodOverrides(stage: RestStage): MethodOverride[] {
  return Object.entries(stage.methodSettings ?? {})
    .filter(([key]) => key !== STAGE_WIDE)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, setting]) => ({ key, setting, ...parseMethodSettingKey(key) }));
}

/** Every entry, "*\/*" first, then the overrides in key order. */
export function allMethodSettings(stage: RestStage): MethodOverride[] {
  const wide = stageWideSetting(stage);
  return [
    ...(wide ? [{ key: STAGE_WIDE, path: '*', httpMethod: '*', setting: wide }] : []),
    ...methodOverrides(stage),
  ];
}

export interface EffectiveValue<K extends keyof MethodSetting> {
  value: NonNullable<MethodSetting[K]>;
  /** The entry the value came from: "~1pets/GET", "~1pets/*" or "*\/*". */
  from: MethodOverride;
}

/**
 * The value one method gets for one field: its own override's field when set, else the field of
 * an override for every verb of its path ("~1pets/*"), else the stage-wide "*\/*" field.
 * Undefined means the AWS default applies. Precedence is per field: an override that sets only
 * the log level still inherits caching and throttling from "*\/*".
 */
export function effectiveMethodSetting<K extends keyof MethodSetting>(
  stage: RestStage,
  path: string,
  httpMethod: string,
  field: K,
): EffectiveValue<K> | undefined {
  const settings = stage.methodSettings ?? {};
  for (const key of [methodSettingKey(path, httpMethod), methodSettingKey(path, '*'), STAGE_WIDE]) {
    const setting = settings[key];
    const value = setting?.[field];
    if (setting && value !== undefined && value !== null) {
      return { value, from: { key, setting, ...parseMethodSettingKey(key) } };
    }
  }
  return undefined;
}

/** "GET /pets/{id}", or "*" for the stage-wide entry: how results name an entry. */
export function describeSetting(o: Pick<MethodOverride, 'key' | 'path' | 'httpMethod'>): string {
  return o.key === STAGE_WIDE ? STAGE_WIDE : `${o.httpMethod} ${o.path}`;
}

/** How results name a stage's DefaultRouteSettings entry. */
export const DEFAULT_ROUTE = 'DefaultRouteSettings';

/** v2 route settings with the default entry first, then the per-route entries by route key. */
export function v2RouteSettingEntries(stage: V2Stage): Array<[string, RouteSettings]> {
  const entries: Array<[string, RouteSettings]> = [];
  if (stage.DefaultRouteSettings) entries.push([DEFAULT_ROUTE, stage.DefaultRouteSettings]);
  for (const key of Object.keys(stage.RouteSettings ?? {}).sort()) {
    entries.push([key, stage.RouteSettings![key]!]);
  }
  return entries;
}

/**
 * The route setting one v2 route gets for one field: its RouteSettings entry's field when set,
 * else DefaultRouteSettings'. Undefined means the AWS default applies.
 */
export function effectiveRouteSetting<K extends keyof RouteSettings>(
  stage: V2Stage,
  routeKey: string,
  field: K,
): { value: NonNullable<RouteSettings[K]>; from: string } | undefined {
  const own = stage.RouteSettings?.[routeKey]?.[field];
  if (own !== undefined && own !== null) return { value: own, from: routeKey };
  const fallback = stage.DefaultRouteSettings?.[field];
  if (fallback !== undefined && fallback !== null) return { value: fallback, from: DEFAULT_ROUTE };
  return undefined;
}
