import { describe, expect, it } from "vitest";
import { pegFirstInFirstOut } from "../../../solver/mrp/pegging.ts";

function peg(supply: number[], requirement: number[]) {
  const out: Array<[number, number, number]> = [];
  pegFirstInFirstOut(supply, supply.length, requirement, requirement.length, (s, r, q) => out.push([s, r, q]));
  return out;
}

describe("pegFirstInFirstOut", () => {
  it("consumes supplies in order, splitting both sides where needed", () => {
    expect(peg([3, 6, 6], [5, 4, 6])).toEqual([
      [0, 0, 3],
      [1, 0, 2],
      [1, 1, 4],
      [2, 2, 6],
    ]);
  });

  it("skips empty supplies and stops when supply runs out", () => {
    expect(peg([0, 2], [1, 5])).toEqual([
      [1, 0, 1],
      [1, 1, 1],
    ]);
    expect(peg([], [1])).toEqual([]);
  });

  it("ignores rounding residues below a billionth of a unit", () => {
    expect(peg([0.1 + 0.2, 1], [0.3, 1])).toEqual([
      [0, 0, 0.3],
      [1, 1, 1],
    ]);
  });
});
