import { describe, expect, it } from "vitest";
import { pegFirstInFirstOut } from "../../../solver/mrp/pegging.ts";

function peg(supply: number[], requirement: number[]) {
  const room = supply.length + requirement.length;
  const out = { supply: new Int32Array(room), requirement: new Int32Array(room), quantity: new Float64Array(room) };
  const count = pegFirstInFirstOut(supply, supply.length, requirement, requirement.length, out);
  return Array.from({ length: count }, (_, a) => [out.supply[a], out.requirement[a], out.quantity[a]]);
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
