/** Writes text that arrives in pieces to a file, in blocks, never holding the whole of it. */
import { closeSync, openSync, writeSync } from 'node:fs';

const BLOCK = 1 << 20;

export function writeChunks(path: string, chunks: Iterable<string>): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    let pending: string[] = [];
    let size = 0;
    const flush = () => {
      if (!pending.length) return;
      bytes += writeSync(fd, pending.join(''));
      pending = [];
      size = 0;
    };
    for (const chunk of chunks) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= BLOCK) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return bytes;
}
