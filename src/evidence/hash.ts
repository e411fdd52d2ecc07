/** Deterministic hashing: the same data hashes the same whatever order its keys were built in. */
import { createHash } from 'node:crypto';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted at every level, so equal data always serialises equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .filter((k) => obj[k] !== undefined)
        .map((k) => [k, sortKeys(obj[k])]),
    );
  }
  return value;
}

/** Pieces of text passed through unchanged while their UTF-8 bytes are hashed and counted. */
export function hashedChunks(chunks: Iterable<string>): {
  chunks: Iterable<string>;
  result(): { sha256: string; size: number };
} {
  const hash = createHash('sha256');
  let size = 0;
  return {
    chunks: {
      *[Symbol.iterator]() {
        for (const chunk of chunks) {
          hash.update(chunk, 'utf8');
          size += Buffer.byteLength(chunk, 'utf8');
          yield chunk;
        }
      },
    },
    result: () => ({ sha256: hash.digest('hex'), size }),
  };
}
