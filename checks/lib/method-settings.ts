/** Reading REST stage method settings, whose keys are "*\/*" or "~1pets~1{id}/GET". */
import type { MethodSetting, RestStage } from '../../src/snapshot/types.js';

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

/**
 * The entry that governs one method on a stage: its own override, else an override for every
 * verb of its path ("~1pets/*"), else the stage-wide "*\/*" entry.
 */
export function settingFor(
  stage: RestStage,
  path: string,
  httpMethod: string,
): MethodOverride | undefined {
  const settings = stage.methodSettings ?? {};
  for (const key of [methodSettingKey(path, httpMethod), methodSettingKey(path, '*'), STAGE_WIDE]) {
    const setting = settings[key];
    if (setting) return { key, setting, ...parseMethodSettingKey(key) };
  }
  return undefined;
}

/** "GET /pets/{id}", or "*" for the stage-wide entry: how results name an entry. */
export function describeSetting(o: Pick<MethodOverride, 'key' | 'path' | 'httpMethod'>): string {
  return o.key === STAGE_WIDE ? STAGE_WIDE : `${o.httpMethod} ${o.path}`;
}
