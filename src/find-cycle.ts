/**
 * Finds one directed cycle, iterative depth-first search with three colours (Tarjan 1972's white/grey/black
 * marking). graphology-dag can say *whether* a graph has a cycle; planners need to be told *which* one.
 */
export function findCycle(nodes: Iterable<string>, successors: (node: string) => Iterable<string>): string[] | null {
  const colour = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = finished
  for (const root of nodes) {
    if (colour.has(root)) continue;
    const path: string[] = [root];
    const iterators: Iterator<string>[] = [successors(root)[Symbol.iterator]()];
    colour.set(root, 1);
    while (iterators.length > 0) {
      const next = iterators[iterators.length - 1]!.next();
      if (next.done) {
        colour.set(path.pop()!, 2);
        iterators.pop();
        continue;
      }
      const node = next.value;
      const state = colour.get(node);
      if (state === 1) return [...path.slice(path.indexOf(node)), node];
      if (state === 2) continue;
      colour.set(node, 1);
      path.push(node);
      iterators.push(successors(node)[Symbol.iterator]());
    }
  }
  return null;
}
