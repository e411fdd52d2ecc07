/**
 * Writing an evidence bundle: the report as JSON and HTML, the snapshot it came from, any other
 * format asked for, and manifest.json last, so a bundle with a manifest is a complete one. Each
 * file is written as its renderer makes it, hashed on the way: a bundle of any size is written
 * in bounded memory.
 */
import type { ReportView } from '../engine/types.js';
import { UsageError } from '../errors.js';
import { rendererFor, type RenderOptions } from '../render/index.js';
import type { Snapshot } from '../snapshot/types.js';
import { snapshotJsonChunks } from '../report-io/snapshot-json.js';
import { buildManifest, MANIFEST_FILE, type ManifestFile } from './manifest.js';
import type { BundleStore } from './store.js';

export const BUNDLE_FORMATS = ['json', 'html'];

export async function writeBundle(
  store: BundleStore,
  report: ReportView,
  /** The snapshot, or its snapshot.json text in pieces. */
  snapshot: Snapshot | Iterable<string> | undefined,
  formats: string[],
  now: Date,
  options: RenderOptions = {},
): Promise<string[]> {
  const files: Array<ManifestFile & { order: number }> = [];
  for (const format of [...new Set([...BUNDLE_FORMATS, ...formats])]) {
    const own: typeof files = [];
    for (const o of rendererFor(format)!.outputs(report, options)) {
      own.push({
        path: o.path,
        ...(await store.writeChunks(o.path, o.chunks)),
        order: o.order ?? own.length,
      });
    }
    files.push(...own.sort((a, b) => a.order - b.order));
  }
  if (snapshot) {
    const hashed = await store.writeChunks(
      'snapshot.json',
      Symbol.iterator in snapshot ? snapshot : snapshotJsonChunks(snapshot),
    );
    files.push({ path: 'snapshot.json', ...hashed, order: 0 });
  }
  const manifest = buildManifest(
    report,
    files.map(({ path, sha256, size }) => ({ path, sha256, size })),
    now,
  );
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
