/**
 * Low-level codes by longest path (Orlicky 1975, ch. 4): an item's code is the length of the longest
 * parent → component path from any top item to it, so every parent is planned before each of its
 * components. Computed with Kahn's topological sort (1962) on the parents → components graph in CSR form,
 * relaxing `code[component] = max(code[component], code[parent] + 1)`: O(items + BOM lines).
 */

/** Parents → components adjacency in compressed sparse row form over integer item indexes. */
export interface BomGraph {
  /** Number of items. */
  readonly itemCount: number;
  /** Components of item p are `component[start[p]] … component[start[p + 1] − 1]`; length itemCount + 1. */
  readonly start: Int32Array;
  /** Component item index of each BOM line (the quantities are in the transpose: only planning reads them). */
  readonly component: Int32Array;
  /**
   * The transpose: the lines naming item c as component are `usedStart[c] … usedStart[c + 1] − 1`, in
   * line order, each with its parent and quantity copied alongside — planning reads them once per
   * component in sequence, instead of jumping through a line index to two scattered arrays.
   */
  readonly usedStart: Int32Array;
  /** Parent item index of each line, grouped by component. */
  readonly usedParent: Int32Array;
  /** Component units per parent unit of each line, grouped by component. */
  readonly usedQuantity: Float64Array;
}

/** Builds the CSR graph and its transpose; lines keep their input order within a parent and a component. */
export function buildBomGraph(itemCount: number, parents: ArrayLike<number>, components: ArrayLike<number>, quantities: ArrayLike<number>): BomGraph {
  const start = new Int32Array(itemCount + 1);
  for (let e = 0; e < parents.length; e++) start[parents[e]! + 1]!++;
  for (let p = 0; p < itemCount; p++) start[p + 1]! += start[p]!;
  const fill = start.slice(0, itemCount);
  const component = new Int32Array(parents.length);
  for (let e = 0; e < parents.length; e++) component[fill[parents[e]!]!++] = components[e]!;
  const usedStart = new Int32Array(itemCount + 1);
  for (let e = 0; e < components.length; e++) usedStart[components[e]! + 1]!++;
  for (let c = 0; c < itemCount; c++) usedStart[c + 1]! += usedStart[c]!;
  const next = usedStart.slice(0, itemCount);
  const usedParent = new Int32Array(parents.length);
  const usedQuantity = new Float64Array(parents.length);
  for (let e = 0; e < components.length; e++) {
    const at = next[components[e]!]!++;
    usedParent[at] = parents[e]!;
    usedQuantity[at] = quantities[e]!;
  }
  return { itemCount, start, component, usedStart, usedParent, usedQuantity };
}

/** Low-level code of every item, or null when the BOM has a cycle. */
export function lowLevelCodes(graph: BomGraph): Int32Array | null {
  const { itemCount, start, component } = graph;
  const parentsLeft = new Int32Array(itemCount);
  for (let e = 0; e < component.length; e++) parentsLeft[component[e]!]!++;
  const code = new Int32Array(itemCount);
  const queue = new Int32Array(itemCount);
  let tail = 0;
  for (let i = 0; i < itemCount; i++) if (parentsLeft[i] === 0) queue[tail++] = i;
  for (let head = 0; head < tail; head++) {
    const p = queue[head]!;
    const next = code[p]! + 1;
    for (let e = start[p]!; e < start[p + 1]!; e++) {
      const c = component[e]!;
      if (code[c]! < next) code[c] = next;
      if (--parentsLeft[c]! === 0) queue[tail++] = c;
    }
  }
  return tail === itemCount ? code : null;
}

/** Item indexes sorted by increasing low-level code, ties by index (a stable counting sort). */
export function planningSequence(codes: Int32Array): Int32Array {
  let maxCode = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i]! > maxCode) maxCode = codes[i]!;
  const first = new Int32Array(maxCode + 2);
  for (let i = 0; i < codes.length; i++) first[codes[i]! + 1]!++;
  for (let c = 0; c <= maxCode; c++) first[c + 1]! += first[c]!;
  const sequence = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) sequence[first[codes[i]!]!++] = i;
  return sequence;
}
