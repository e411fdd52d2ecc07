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
  /** The AWS Config managed rules the mapping goes through, when it is derived from them. */
  configRules?: string[];
  checks: string[];
}

export interface Framework {
  framework: string;
  name: string;
  version: string;
  source: { title: string; url: string }[];
  /** How the mapping was made and what it leaves out. */
  notes?: string;
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

/** The framework with this id (case-insensitive), or undefined. */
export function findFramework(
  id: string,
  frameworks: Framework[] = loadFrameworks(),
): Framework | undefined {
  return frameworks.find((f) => f.framework.toLowerCase() === id.trim().toLowerCase());
}

/**
 * The incumbent rules a check corresponds to, as the report and the docs show them: its FSBP
 * controls (Security Hub is the incumbent every reader knows, so they come first), then the
 * other tools' rules its meta names. FSBP ids live only in compliance/fsbp.json.
 */
export function incumbentAnchors(
  metaAnchors: readonly string[],
  compliance: Record<string, string[]>,
): string[] {
  return [...(compliance.fsbp ?? []).map((control) => `FSBP ${control}`), ...metaAnchors];
}
