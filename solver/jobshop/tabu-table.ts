/**
 * The job-shop tabu list as a fixed-size, lossy hash table: a key (an ordered pair of operations, or an
 * operation and a machine) is tabu until an iteration. A colliding key overwrites the older entry, so memory
 * stays constant however long the search runs and however large the instance (an n × n matrix would not);
 * a lost entry only ends one prohibition early, and which entries collide depends on the keys alone, so the
 * search stays deterministic.
 */
const SLOTS = 1 << 16;

export class TabuTable {
  private readonly keys = new Float64Array(SLOTS).fill(-1);
  private readonly until = new Float64Array(SLOTS);
  private readonly pairSpace: number;

  constructor(
    private readonly opCount: number,
    private readonly machineCount: number,
  ) {
    this.pairSpace = opCount * opCount;
  }

  private slot(key: number): number {
    const low = key % 4294967296;
    const high = Math.floor(key / 4294967296);
    return Math.imul(Math.imul(low, 0x9e3779b1) ^ Math.imul(high, 0x85ebca77), 0xc2b2ae3d) >>> 16;
  }

  private set(key: number, until: number): void {
    const s = this.slot(key);
    this.keys[s] = key;
    this.until[s] = until;
  }

  private holds(key: number, iteration: number): boolean {
    const s = this.slot(key);
    return this.keys[s] === key && this.until[s]! > iteration;
  }

  /** Forbids putting operation a before operation b again until `until`. */
  forbidOrder(a: number, b: number, until: number): void {
    this.set(a * this.opCount + b, until);
  }

  isOrderTabu(a: number, b: number, iteration: number): boolean {
    return this.holds(a * this.opCount + b, iteration);
  }

  /** Forbids putting operation op back on machine m until `until`. */
  forbidMachine(op: number, machine: number, until: number): void {
    this.set(this.pairSpace + op * this.machineCount + machine, until);
  }

  isMachineTabu(op: number, machine: number, iteration: number): boolean {
    return this.holds(this.pairSpace + op * this.machineCount + machine, iteration);
  }
}
