/**
 * What an evidence bundle records about the tool that made it: a hash of the check catalog as
 * the report carries it (IDs and metadata, compliance mappings included) and of each compliance
 * mapping file. Checks have no version field, so a check's version is the tool version plus a
 * short hash of its metadata: it changes exactly when what the check claims changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckInfo } from '../engine/types.js';
import { complianceDir } from '../paths.js';
import { canonicalJson, sha256 } from './hash.js';

export interface CatalogFingerprint {
  sha256: string;
  checks: Record<string, string>;
}

export interface MappingFile {
  file: string;
  framework: string;
  version: string;
  sha256: string;
}

export function catalogFingerprint(
  checks: Record<string, CheckInfo>,
  toolVersion: string,
): CatalogFingerprint {
  const versions: Record<string, string> = {};
  for (const id of Object.keys(checks).sort()) {
    versions[id] = `${toolVersion}+${sha256(canonicalJson(checks[id])).slice(0, 12)}`;
  }
  return { sha256: sha256(canonicalJson(checks)), checks: versions };
}

/** The mapping files as shipped (hashed byte for byte), in file-name order. */
export function mappingFiles(dir: string = complianceDir): MappingFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      const data = JSON.parse(bytes.toString('utf8')) as { framework: string; version: string };
      return { file, framework: data.framework, version: data.version, sha256: sha256(bytes) };
    });
}
