/**
 * The operations released to one resource in the dispatcher, taken in the order of their static keys (ties:
 * the smaller operation). A pick looks at the first few (the candidates) and takes one; the others stay in
 * front, in order, instead of going back into the heap: a pick then costs a heap operation or two rather
 * than one per candidate each way. Entries come out in exactly the order a single heap gives: the smaller
 * of the front's next and the heap's top.
 */
import { BinaryHeap } from "./binary-heap.ts";

export class DispatchQueue {
  private readonly heap = new BinaryHeap();
  /** Candidates left by the last pick, in order: front[head … length). */
  private readonly frontKeys: Float64Array;
  private readonly frontOps: Int32Array;
  private head = 0;
  private length = 0;
  /** The key of the operation next() returned last. */
  key = 0;

  constructor(capacity: number) {
    this.frontKeys = new Float64Array(capacity);
    this.frontOps = new Int32Array(capacity);
  }

  get size(): number {
    return this.length - this.head + this.heap.size;
  }

  push(key: number, op: number): void {
    this.heap.push(key, op);
  }

  /** Removes and returns the next operation (its key in `key`); the queue must not be empty. */
  next(): number {
    const heap = this.heap;
    if (this.head < this.length) {
      const key = this.frontKeys[this.head]!;
      const op = this.frontOps[this.head]!;
      const top = heap.peekKey();
      if (heap.size === 0 || key < top || (key === top && op <= heap.peekId())) {
        this.head++;
        this.key = key;
        return op;
      }
    }
    this.key = heap.peekKey();
    return heap.pop()!;
  }

  /**
   * After a pick: the candidates it looked at (in the order next() gave them, keys alongside) except the one
   * taken stay in front; what it did not reach of the old front goes back into the heap.
   */
  keep(ops: readonly number[], keys: readonly number[], taken: number): void {
    for (let i = this.head; i < this.length; i++) this.heap.push(this.frontKeys[i]!, this.frontOps[i]!);
    let length = 0;
    for (let i = 0; i < ops.length; i++) {
      if (ops[i] === taken) continue;
      this.frontKeys[length] = keys[i]!;
      this.frontOps[length++] = ops[i]!;
    }
    this.head = 0;
    this.length = length;
  }
}
