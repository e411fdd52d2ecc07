/**
 * Compliance mappings are data: one file per framework in compliance/, each mapping controls to
 * the check IDs behind them and citing where the mapping comes from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { complianceDir } from '../paths.js';

export interface FrameworkControl {
  id: string;
  title: string;
  checks: string[];
}

export interface Framework {
  framework: string;
  name: string;
  version: string;
  source: { title: string; url: string }[];
  controls: FrameworkControl[];
}

let cache: Framework[] | undefined;

export function loadFrameworks(dir: string = complianceDir): Framework[] {
  if (dir === complianceDir && cache) return cache;
  const frameworks = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Framework);
  if (dir === complianceDir) cache = frameworks;
  return frameworks;
}

/** checkId -> framework -> control ids. */
export function complianceByCheck(frameworks: Framework[]): Map<string, Record<string, string[]>> {
  const out = new Map<string, Record<string, string[]>>();
  for (const fw of frameworks) {
    for (const control of fw.controls) {
      for (const checkId of control.checks) {
        const entry = out.get(checkId) ?? {};
        (entry[fw.framework] ??= []).push(control.id);
        out.set(checkId, entry);
      }
    }
  }
  return out;
}
