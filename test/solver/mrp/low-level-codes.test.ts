import { describe, expect, it } from "vitest";
import { buildBomGraph, lowLevelCodes, planningSequence } from "../../../solver/mrp/low-level-codes.ts";

describe("lowLevelCodes", () => {
  it("gives an item used at two levels the deeper one (longest path)", () => {
    // 0 → 1 → 2 and 0 → 2: item 2 is at level 1 under 0 and level 2 under 1, so its code is 2
    const graph = buildBomGraph(4, [0, 1, 0, 3], [1, 2, 2, 2], [1, 1, 1, 1]);
    expect(Array.from(lowLevelCodes(graph)!)).toEqual([0, 1, 2, 0]);
    expect(Array.from(planningSequence(lowLevelCodes(graph)!))).toEqual([0, 3, 1, 2]);
  });

  it("builds the transpose: the lines using each component, in line order", () => {
    const graph = buildBomGraph(3, [1, 0, 0], [2, 2, 1], [5, 6, 7]);
    const lines = (c: number) => {
      const used: number[][] = [];
      for (let u = graph.usedStart[c]!; u < graph.usedStart[c + 1]!; u++) used.push([graph.usedParent[u]!, graph.usedQuantity[u]!]);
      return used;
    };
    expect(lines(2)).toEqual([[1, 5], [0, 6]]);
    expect(lines(1)).toEqual([[0, 7]]);
    expect(lines(0)).toEqual([]);
  });

  it("returns null for a cycle", () => {
    expect(lowLevelCodes(buildBomGraph(3, [0, 1, 2], [1, 2, 0], [1, 1, 1]))).toBeNull();
  });
});
