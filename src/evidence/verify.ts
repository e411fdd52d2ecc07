/**
 * `verify`: recompute every hash of a bundle and compare it with its manifest. The manifest
 * cannot hold its own hash, so it is also checked against the report it describes (scan facts,
 * catalog hash): editing one without the other shows. A tool whose catalog or mappings differ
 * from the bundle's is only a warning: verifying with a newer release is legitimate.
 */
import type { CheckInfo, Report } from '../engine/types.js';
import { InputFileError } from '../errors.js';
import { parseJsonText, validateAgainstSchema } from '../util/schema-file.js';
import { catalogFingerprint, type MappingFile } from './catalog.js';
import { canonicalJson, sha256 } from './hash.js';
import { MANIFEST_FILE, scanFacts, type Manifest } from './manifest.js';
import type { BundleStore } from './store.js';

export interface VerifyResult {
  /** One line per file that was changed, added or removed: the bundle does not verify. */
  problems: string[];
  /** Differences between the installed tool and the one that made the bundle. */
  warnings: string[];
  files: number;
}

export interface InstalledTool {
  version: string;
  checks: Record<string, CheckInfo>;
  mappings: MappingFile[];
}

async function readManifest(store: BundleStore): Promise<Manifest> {
  const where = `${store.location}/${MANIFEST_FILE}`;
  const bytes = await store.read(MANIFEST_FILE);
  if (!bytes) throw new InputFileError(`${where}: no such file (not an evidence bundle)`);
  return validateAgainstSchema<Manifest>(
    where,
    parseJsonText(where, bytes.toString('utf8')),
    'manifest',
  );
}

export async function verifyBundle(
  store: BundleStore,
  installed: InstalledTool,
): Promise<VerifyResult> {
  const present = new Set((await store.list()).filter((p) => p !== MANIFEST_FILE));
  const manifest = await readManifest(store);
  const problems: string[] = [];
  const intact = new Map<string, Buffer>();
  for (const entry of manifest.files) {
    if (!present.has(entry.path)) {
      problems.push(`removed: ${entry.path}`);
      continue;
    }
    present.delete(entry.path);
    const bytes = (await store.read(entry.path)) ?? Buffer.alloc(0);
    const actual = sha256(bytes);
    if (actual !== entry.sha256) {
      problems.push(
        `changed: ${entry.path} (sha256 ${actual}, ${bytes.byteLength} bytes; manifest says ${entry.sha256}, ${entry.size} bytes)`,
      );
    } else {
      intact.set(entry.path, bytes);
    }
  }
  for (const path of [...present].sort()) problems.push(`added: ${path}`);

  const reportBytes = intact.get('report.json');
  if (reportBytes) problems.push(...manifestAgainstReport(manifest, reportBytes));
  return {
    problems,
    warnings: toolDifferences(manifest, installed),
    files: manifest.files.length,
  };
}

function manifestAgainstReport(manifest: Manifest, bytes: Buffer): string[] {
  let report: Report;
  try {
    report = JSON.parse(bytes.toString('utf8')) as Report;
  } catch {
    return ['changed: report.json (not valid JSON, yet its hash matches the manifest)'];
  }
  const out: string[] = [];
  if (canonicalJson(scanFacts(report)) !== canonicalJson(manifest.scan)) {
    out.push(`changed: ${MANIFEST_FILE} (its scan facts do not match report.json)`);
  }
  if (canonicalJson(report.tool) !== canonicalJson(manifest.tool)) {
    out.push(`changed: ${MANIFEST_FILE} (its tool does not match report.json)`);
  }
  const catalog = catalogFingerprint(report.checks ?? {}, report.tool?.version ?? '');
  if (canonicalJson(catalog) !== canonicalJson(manifest.catalog)) {
    out.push(`changed: ${MANIFEST_FILE} (its catalog hash does not match report.json's checks)`);
  }
  return out;
}

function toolDifferences(manifest: Manifest, installed: InstalledTool): string[] {
  const out: string[] = [];
  const mine = catalogFingerprint(installed.checks, installed.version);
  if (mine.sha256 !== manifest.catalog.sha256) {
    const theirs = manifest.catalog.checks;
    const ids = new Set([...Object.keys(theirs), ...Object.keys(mine.checks)]);
    const differing = [...ids].filter(
      (id) => theirs[id]?.split('+')[1] !== mine.checks[id]?.split('+')[1],
    );
    out.push(
      `the installed catalog (${installed.version}) differs from the bundle's (${manifest.tool.version})` +
        (differing.length ? `: ${differing.length} check(s) differ (${differing.join(', ')})` : ''),
    );
  }
  const shipped = new Map(installed.mappings.map((m) => [m.file, m.sha256]));
  for (const m of manifest.complianceMappings) {
    const now = shipped.get(m.file);
    if (now === undefined) out.push(`compliance mapping ${m.file} is not in the installed tool`);
    else if (now !== m.sha256)
      out.push(`compliance mapping ${m.file} differs in the installed tool`);
  }
  return out;
}
