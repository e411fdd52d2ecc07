/**
 * A k-way merge of lists each already in order: the stable sort of their concatenation, in
 * one pass, holding one item per list. Used where lists live in files (shard reports, an
 * account's spooled findings) and must come out in the order one evaluation gives.
 */

/**
 * The items of `lists` by `key` (a number), ties in list order then each list's own order.
 * `outOfOrder(i)` is thrown when list i's keys go down: its order is not the one assumed.
 */
export function* kWayMerge<T>(
  lists: ReadonlyArray<Iterable<T>>,
  key: (item: T) => number,
  outOfOrder: (list: number) => Error,
): Generator<T> {
  interface Head {
    item: T;
    key: number;
    list: number;
    it: Iterator<T>;
  }
  const heads: Head[] = [];
  const advance = (h: Head): boolean => {
    const next = h.it.next();
    if (next.done) return false;
    const k = key(next.value);
    if (k < h.key) throw outOfOrder(h.list);
    h.item = next.value;
    h.key = k;
    return true;
  };
  const less = (a: Head, b: Head) => a.key < b.key || (a.key === b.key && a.list < b.list);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heads.length && less(heads[l]!, heads[m]!)) m = l;
      if (r < heads.length && less(heads[r]!, heads[m]!)) m = r;
      if (m === i) return;
      [heads[i], heads[m]] = [heads[m]!, heads[i]!];
      i = m;
    }
  };
  const its: Array<Iterator<T>> = [];
  try {
    lists.forEach((items, list) => {
      const it = items[Symbol.iterator]();
      its.push(it);
      const h: Head = { item: undefined as T, key: -Infinity, list, it };
      if (advance(h)) heads.push(h);
    });
    for (let i = (heads.length >> 1) - 1; i >= 0; i--) down(i);
    while (heads.length) {
      const top = heads[0]!;
      yield top.item;
      if (!advance(top)) {
        const last = heads.pop()!;
        if (heads.length) heads[0] = last;
      }
      down(0);
    }
  } finally {
    for (const it of its) it.return?.();
  }
}
