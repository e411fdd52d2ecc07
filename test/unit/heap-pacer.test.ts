/**
 * The heap pacer (src/util/heap-pacer.ts): once the heap has grown by more than its slack,
 * a pause collects what is no longer referenced.
 */
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { paceHeap, settleHeap } from '../../src/util/heap-pacer.js';

const MB = 1 << 20;
const used = () => getHeapStatistics().used_heap_size;

/** About `mb` MB of small objects that survive young collections while referenced. */
function garbage(mb: number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < (mb * MB) / 64; i++) out.push({ i, s: `item-${i}` });
  return out;
}

describe('paceHeap', () => {
  it('runs a full collection once the heap has grown past its slack', () => {
    settleHeap();
    const base = used();
    let big: unknown[] | undefined = garbage(200);
    expect(used()).toBeGreaterThan(base + 150 * MB);
    big = undefined;
    // Nothing else runs between dropping the last reference and the pause.
    paceHeap();
    expect(used()).toBeLessThan(base + 60 * MB);
    expect(big).toBeUndefined();
  });
});
