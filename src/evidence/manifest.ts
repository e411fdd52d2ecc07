/**
 * manifest.json: what an evidence bundle holds and how it was made. Described by
 * schemas/manifest.schema.json; a change to this shape is a manifestVersion bump.
 */
import type { ReportHead } from '../engine/types.js';
import {
  catalogFingerprint,
  mappingFiles,
  type CatalogFingerprint,
  type MappingFile,
} from './catalog.js';

export const MANIFEST_VERSION = '1.0.0';
export const MANIFEST_FILE = 'manifest.json';

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
}

export interface Manifest {
  manifestVersion: string;
  tool: { name: string; version: string };
  createdAt: string;
  scan: {
    startedAt: string;
    finishedAt: string;
    principal?: string;
    accounts: string[];
    regions: string[];
    options: Record<string, unknown>;
  };
  catalog: CatalogFingerprint;
  complianceMappings: MappingFile[];
  files: ManifestFile[];
}

/** The scan facts as the report states them: verify compares the two. */
export function scanFacts(report: ReportHead): Manifest['scan'] {
  return {
    startedAt: report.scan.startedAt,
    finishedAt: report.scan.finishedAt,
    ...(report.scan.principal ? { principal: report.scan.principal } : {}),
    accounts: report.scan.accounts,
    regions: report.scan.regions,
    options: report.scan.options,
  };
}

export function buildManifest(
  report: ReportHead,
  files: ManifestFile[],
  createdAt: Date,
): Manifest {
  return {
    manifestVersion: MANIFEST_VERSION,
    tool: { ...report.tool },
    createdAt: createdAt.toISOString(),
    scan: scanFacts(report),
    catalog: catalogFingerprint(report.checks, report.tool.version),
    complianceMappings: mappingFiles(),
    files: [...files].sort((a, b) => a.path.localeCompare(b.path)),
  };
}
