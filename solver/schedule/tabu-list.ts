/**
 * The tabu list: forbidden attributes ("a before b" on a machine, "op on machine m") with the iteration
 * until which they stay forbidden. Dense typed arrays when the problem is small enough (the benchmarks:
 * no hashing, no garbage), a Map pruned of expired entries otherwise.
 */
const DENSE_LIMIT = 4_000_000;

export class TabuList {
  private readonly pairs: Int32Array | null;
  private readonly machines: Int32Array | null;
  private readonly sparse = new Map<number, number>();

  constructor(
    private readonly n: number,
    private readonly machineCount: number,
  ) {
    this.pairs = n * n <= DENSE_LIMIT ? new Int32Array(n * n).fill(-1) : null;
    this.machines = n * machineCount <= DENSE_LIMIT ? new Int32Array(n * machineCount).fill(-1) : null;
  }

  /** Key of "a before b on its machine". */
  pairKey(a: number, b: number): number {
    return a * this.n + b;
  }

  /** Key of "op on machine m" (negative, never clashing with pair keys). */
  machineKey(op: number, m: number): number {
    return -(op * this.machineCount + m) - 1;
  }

  /** Key of "op's anchor" (re-planning against a reference): below every machine key, kept in the sparse store. */
  anchorKey(op: number): number {
    return -(this.n * this.machineCount + op) - 1;
  }

  isTabu(key: number, iteration: number): boolean {
    return this.until(key) >= iteration;
  }

  forbid(key: number, untilIteration: number): void {
    if (key >= 0 && this.pairs !== null) this.pairs[key] = untilIteration;
    else if (key < 0 && this.machines !== null && -key - 1 < this.machines.length) this.machines[-key - 1] = untilIteration;
    else this.sparse.set(key, untilIteration);
  }

  /** Drops expired entries of the sparse store (call now and then). */
  prune(iteration: number): void {
    for (const [key, until] of this.sparse) if (until < iteration) this.sparse.delete(key);
  }

  clear(): void {
    this.pairs?.fill(-1);
    this.machines?.fill(-1);
    this.sparse.clear();
  }

  private until(key: number): number {
    if (key >= 0 && this.pairs !== null) return this.pairs[key]!;
    if (key < 0 && this.machines !== null && -key - 1 < this.machines.length) return this.machines[-key - 1]!;
    return this.sparse.get(key) ?? -1;
  }
}
