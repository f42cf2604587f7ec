/**
 * A binary min-heap of integer ids keyed by numbers (Williams 1964), ties broken by the smaller id so
 * that every run pops in the same order: the dispatcher's determinism rests on it. Keys and ids live in
 * typed arrays that grow by doubling and are kept on clear(): the time-ordered decoder refills one heap
 * for every neighbour it decodes.
 */
export class BinaryHeap {
  private keys = new Float64Array(16);
  private ids = new Int32Array(16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.count = 0;
  }

  /** Key of the minimum, Infinity when empty. */
  peekKey(): number {
    return this.count > 0 ? this.keys[0]! : Infinity;
  }

  /** Id of the minimum (−1 when empty). */
  peekId(): number {
    return this.count > 0 ? this.ids[0]! : -1;
  }

  push(key: number, id: number): void {
    if (this.count === this.ids.length) {
      const keys = new Float64Array(2 * this.count);
      keys.set(this.keys);
      const ids = new Int32Array(2 * this.count);
      ids.set(this.ids);
      this.keys = keys;
      this.ids = ids;
    }
    const { keys, ids } = this;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(key, id, keys[parent]!, ids[parent]!)) break;
      keys[i] = keys[parent]!;
      ids[i] = ids[parent]!;
      i = parent;
    }
    keys[i] = key;
    ids[i] = id;
  }

  /** Removes and returns the id with the smallest key (undefined when empty). */
  pop(): number | undefined {
    const { keys, ids } = this;
    if (this.count === 0) return undefined;
    const top = ids[0]!;
    const n = --this.count;
    const key = keys[n]!;
    const id = ids[n]!;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && this.less(keys[child + 1]!, ids[child + 1]!, keys[child]!, ids[child]!)) child++;
        if (!this.less(keys[child]!, ids[child]!, key, id)) break;
        keys[i] = keys[child]!;
        ids[i] = ids[child]!;
        i = child;
      }
      keys[i] = key;
      ids[i] = id;
    }
    return top;
  }

  private less(ka: number, ia: number, kb: number, ib: number): boolean {
    return ka < kb || (ka === kb && ia < ib);
  }
}
