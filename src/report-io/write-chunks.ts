/**
 * Writes text that arrives in pieces to a file, through one reused block, never holding the
 * whole of it. The block is encoded into in place: a writer that joined the pieces and let
 * writeSync encode them would leave two blocks of garbage per write, and at hundreds of
 * megabytes of output that garbage, not the data, sets the process's peak memory.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { paceHeap } from '../util/heap-pacer.js';

const BLOCK = 1 << 20;
let shared: Buffer | undefined;

export function writeChunks(path: string, chunks: Iterable<string>): number {
  const fd = openSync(path, 'w');
  // One block for the process; a nested call (none today) gets its own.
  const block = shared ?? Buffer.allocUnsafe(BLOCK);
  shared = undefined;
  let used = 0;
  let bytes = 0;
  const flush = () => {
    let done = 0;
    while (done < used) done += writeSync(fd, block, done, used - done);
    bytes += used;
    used = 0;
    paceHeap();
  };
  try {
    for (const chunk of chunks) {
      // A UTF-16 code unit takes at most 3 bytes in UTF-8.
      if (chunk.length * 3 > BLOCK - used) {
        flush();
        if (chunk.length * 3 > BLOCK) {
          const data = Buffer.from(chunk, 'utf8');
          let done = 0;
          while (done < data.length) done += writeSync(fd, data, done, data.length - done);
          bytes += data.length;
          continue;
        }
      }
      used += block.write(chunk, used, 'utf8');
    }
    flush();
  } finally {
    closeSync(fd);
    shared = block;
  }
  return bytes;
}
