/**
 * Writing an evidence bundle: the report as JSON and HTML, the snapshot it came from, any other
 * format asked for, and manifest.json last, so a bundle with a manifest is a complete one.
 */
import type { Report } from '../engine/types.js';
import { UsageError } from '../errors.js';
import { rendererFor, type OutputFile, type RenderOptions } from '../render/index.js';
import type { Snapshot } from '../snapshot/types.js';
import { buildManifest, MANIFEST_FILE } from './manifest.js';
import type { BundleStore } from './store.js';

export const BUNDLE_FORMATS = ['json', 'html'];

export async function writeBundle(
  store: BundleStore,
  report: Report,
  snapshot: Snapshot | undefined,
  formats: string[],
  now: Date,
  options: RenderOptions = {},
): Promise<string[]> {
  const files: OutputFile[] = [];
  for (const format of [...new Set([...BUNDLE_FORMATS, ...formats])]) {
    files.push(...rendererFor(format)!.files(report, options));
  }
  if (snapshot)
    files.push({ path: 'snapshot.json', content: JSON.stringify(snapshot, null, 2) + '\n' });
  for (const f of files) await store.write(f.path, f.content);
  const manifest = buildManifest(report, files, now);
  await store.write(MANIFEST_FILE, JSON.stringify(manifest, null, 2) + '\n');
  return [...files.map((f) => f.path), MANIFEST_FILE].map((p) => `${store.location}/${p}`);
}

/** A bundle is written once: into a new or empty place, so nothing stale sits beside it. */
export async function assertEmpty(store: BundleStore): Promise<void> {
  const existing = await store.existing();
  if (existing.length > 0) {
    throw new UsageError(
      `--evidence ${store.location}: already holds ${existing.length} file(s); an evidence bundle goes to a new, empty directory or prefix`,
    );
  }
}
