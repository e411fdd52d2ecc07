/**
 * Keeps the process's peak memory near what it holds, not what it has thrown away.
 *
 * Streaming evaluation and rendering hold little, but make garbage at the speed of the disk
 * (every finding is parsed again from the spool by each format). V8 lets its heap grow to
 * about twice what survived the last full collection before it collects again, so on a large
 * estate the resident size is set by garbage: a 200,000-finding scan held about 150 MB and
 * peaked above 1 GB. `paceHeap()` is called at natural pauses (each block written); when the
 * heap has grown by more than the slack since the last full collection it runs one, so the
 * peak is what is live plus the slack. The collections cost a few percent of CPU time.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MB = 1 << 20;
/**
 * Growth allowed between full collections: this, or an eighth of what was live when more (a
 * collection over a large live set costs more, and is worth making a little rarer).
 */
const MIN_SLACK = 96 * MB;

let collect: (() => void) | undefined | null;
let liveAfterLast = 0;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collect = exposed;
    else {
      // The documented way to reach gc() without a command-line flag.
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  } catch {
    collect = null;
  }
  return collect;
}

export function paceHeap(): void {
  const used = getHeapStatistics().used_heap_size;
  if (used < liveAfterLast + Math.max(MIN_SLACK, liveAfterLast / 8)) return;
  settleHeap();
}

/** A full collection now: between phases (collection done, evaluation next), what was live. */
export function settleHeap(): void {
  const gc = collector();
  if (!gc) return;
  gc();
  liveAfterLast = getHeapStatistics().used_heap_size;
}
