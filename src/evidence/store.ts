/**
 * Where a bundle lives: a local directory or an S3 prefix (src/export/s3.ts). Verification reads
 * both the same way, so a bundle copied from one to the other verifies the same.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { InputFileError } from '../errors.js';
import { writeChunks } from '../report-io/write-chunks.js';
import { hashedChunks } from './hash.js';

export interface BundleStore {
  /** The directory or s3:// URL, for messages. */
  readonly location: string;
  write(name: string, content: string): Promise<void>;
  /** Writes text given in pieces without holding it whole; gives its hash and size. */
  writeChunks(name: string, chunks: Iterable<string>): Promise<{ sha256: string; size: number }>;
  /** undefined when the file does not exist. */
  read(name: string): Promise<Buffer | undefined>;
  /** Every file, as a path relative to the bundle with / separators. */
  list(): Promise<string[]>;
  /** The files already there; a directory that does not exist yet holds none. */
  existing(): Promise<string[]>;
}

export function isS3Url(location: string): boolean {
  return location.startsWith('s3://');
}

export function directoryStore(dir: string): BundleStore {
  const fail = (what: string, err: unknown): never => {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new InputFileError(`${what} (${code})`);
  };
  const store: BundleStore = {
    location: dir,
    write(name, content) {
      const path = join(dir, name);
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
      } catch (err) {
        fail(`${path}: cannot write`, err);
      }
      return Promise.resolve();
    },
    writeChunks(name, chunks) {
      const path = join(dir, name);
      const hashed = hashedChunks(chunks);
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeChunks(path, hashed.chunks);
      } catch (err) {
        if (!(err as NodeJS.ErrnoException).code) throw err;
        fail(`${path}: cannot write`, err);
      }
      return Promise.resolve(hashed.result());
    },
    read(name) {
      try {
        return Promise.resolve(readFileSync(join(dir, name)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return Promise.resolve(undefined);
        return fail(`${join(dir, name)}: cannot read`, err);
      }
    },
    list() {
      try {
        const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
        return Promise.resolve(
          entries
            .filter((e) => e.isFile() || e.isSymbolicLink())
            .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
            .sort(),
        );
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new InputFileError(`${dir}: no such directory`);
        if (code === 'ENOTDIR') throw new InputFileError(`${dir}: not a directory`);
        return fail(`${dir}: cannot list`, err);
      }
    },
    existing() {
      return existsSync(dir) ? store.list() : Promise.resolve([]);
    },
  };
  return store;
}
