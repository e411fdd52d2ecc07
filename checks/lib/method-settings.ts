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
