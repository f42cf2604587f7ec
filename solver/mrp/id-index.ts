/**
 * Ids → positions, for indexing a request: an open-addressing hash table with linear probing (Knuth,
 * TAOCP vol. 3, 6.4) at load ≤ ½ over 32-bit FNV-1a hashes (Fowler–Noll–Vo). Indexing 100k items and
 * 300k BOM lines looks up some 700k ids; a Map takes about twice as long for that, mostly building its
 * larger entries and missing the cache on them.
 *
 * FNV is not seeded, so ids crafted to collide could make probing quadratic. An insertion that probes
 * more than MAX_PROBE slots therefore hands everything over to a Map (whose hash V8 seeds at random).
 */
const MAX_PROBE = 64;

function fnv1a(id: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < id.length; k++) hash = Math.imul(hash ^ id.charCodeAt(k), 0x01000193);
  return hash ^ (hash >>> 15); // fold the well-mixed high bits into the low ones the mask keeps
}

export class IdIndex {
  /** Position + 1 of the id in each slot; 0: empty. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** The id at each position. */
  private readonly ids: string[];
  private fallback: Map<string, number> | null = null;
  /** Number of ids added. */
  size = 0;

  /** For ids at positions 0 … capacity − 1. */
  constructor(capacity: number) {
    let slots = 16;
    while (slots < 2 * capacity) slots *= 2;
    this.slots = new Int32Array(slots);
    this.mask = slots - 1;
    this.ids = new Array<string>(capacity);
  }

  /** Adds `id` at `position` (each position once) unless it is there already; returns its earlier position, or −1 when added. */
  add(id: string, position: number): number {
    if (this.fallback !== null) return this.addToFallback(id, position);
    const { slots, mask, ids } = this;
    let slot = fnv1a(id) & mask;
    for (let probe = 0; ; probe++, slot = (slot + 1) & mask) {
      const at = slots[slot]! - 1;
      if (at < 0) break;
      if (ids[at] === id) return at;
      if (probe === MAX_PROBE) {
        this.fallback = new Map();
        for (const s of slots) if (s > 0) this.fallback.set(ids[s - 1]!, s - 1);
        return this.addToFallback(id, position);
      }
    }
    slots[slot] = position + 1;
    ids[position] = id;
    this.size++;
    return -1;
  }

  /** The position of `id`, or −1. */
  indexOf(id: string): number {
    if (this.fallback !== null) return this.fallback.get(id) ?? -1;
    const { slots, mask, ids } = this;
    for (let slot = fnv1a(id) & mask; ; slot = (slot + 1) & mask) {
      const at = slots[slot]! - 1;
      if (at < 0 || ids[at] === id) return at;
    }
  }

  private addToFallback(id: string, position: number): number {
    const earlier = this.fallback!.get(id);
    if (earlier !== undefined) return earlier;
    this.fallback!.set(id, position);
    this.size++;
    return -1;
  }
}
