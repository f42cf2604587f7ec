import { describe, expect, it } from "vitest";
import { parseFjs } from "../../../solver/jobshop/parse-fjs.ts";
import { parseOrLibrary } from "../../../solver/jobshop/parse-orlib.ts";

describe("parseOrLibrary", () => {
  it("reads n m and machine/time pairs, machines 0-based, skipping comments", () => {
    const inst = parseOrLibrary("# tiny\n2 2\n0 3 1 4\n1 2  0 5\n", "tiny");
    expect(inst).toEqual({
      name: "tiny",
      machineCount: 2,
      jobs: [
        [[{ machine: 0, time: 3 }], [{ machine: 1, time: 4 }]],
        [[{ machine: 1, time: 2 }], [{ machine: 0, time: 5 }]],
      ],
    });
  });

  it("rejects a truncated file, a machine out of range and a negative time", () => {
    expect(() => parseOrLibrary("2 2\n0 3 1 4\n1 2", "cut")).toThrow(SyntaxError);
    expect(() => parseOrLibrary("1 2\n0 3 2 4", "bad")).toThrow(/machine 2/);
    expect(() => parseOrLibrary("1 2\n0 3 1 -4", "negative")).toThrow(/negative time -4/);
  });
});

describe("parseFjs", () => {
  it("reads alternatives with 1-based machines into 0-based ones, ignoring the flexibility header", () => {
    const inst = parseFjs("2 3 1.5\n2 1 1 5 2 2 4 3 6\n1 1 3 7\n", "mini");
    expect(inst.machineCount).toBe(3);
    expect(inst.jobs).toEqual([
      [[{ machine: 0, time: 5 }], [{ machine: 1, time: 4 }, { machine: 2, time: 6 }]],
      [[{ machine: 2, time: 7 }]],
    ]);
  });

  it("rejects machine 0, a short job line, an operation without machines and a negative time", () => {
    expect(() => parseFjs("1 2\n1 1 0 5\n", "zero")).toThrow(/machine 0/);
    expect(() => parseFjs("1 2\n2 1 1 5\n", "short")).toThrow(/ends early/);
    expect(() => parseFjs("1 2\n1 0\n", "none")).toThrow(/0 machines, expected at least 1/);
    expect(() => parseFjs("1 2\n1 1 1 -5\n", "negative")).toThrow(/negative time -5/);
  });
});
