/** The decoder as a reusable piece: a plan's sequencing decodes back to the plan, and frozen operations stay put. */
import { describe, expect, it } from "vitest";
import { compileProblem } from "../../../solver/schedule/compile-problem.ts";
import { Decoder } from "../../../solver/schedule/decode-schedule.ts";
import { sequencingFromPlan } from "../../../solver/schedule/sequencing-from-plan.ts";
import { parseDateTime } from "../../../src/time.ts";
import { MONDAY, order, request, solve, weekdays } from "./fixtures.ts";

const twoShift = weekdays("day", [
  { start: "06:00", end: "14:00", breaks: [{ start: "10:00", end: "10:30" }] },
  { start: "22:00", end: "06:00" },
]);
const req = request({
  calendars: [twoShift],
  resources: [{ id: "R", calendar: "day", setupMatrix: { default: 25, changeovers: [] } }, { id: "S", calendar: "day", units: 2 }],
  routings: ["a", "b"].map((family) => ({
    item: family,
    operations: [
      { id: "one", resources: ["R", "S"], runMinutesPerUnit: 40, family },
      { id: "two", resources: ["S"], runMinutesPerUnit: 70, minGapMinutes: 20 },
    ],
  })),
  orders: Array.from({ length: 8 }, (_, i) => order(`o${i}`, i % 2 === 0 ? "a" : "b", { quantity: 1 + (i % 3), due: `${MONDAY}T1${i}:00` })),
});

describe("Decoder", () => {
  it("decodes a plan's own sequencing back to the plan's times", () => {
    const { result } = solve(req, 3, 20_000);
    const compiled = compileProblem(req, result.spanMinutes);
    if (!compiled.ok) throw new Error(compiled.reason);
    const decoder = new Decoder(compiled.compiled.problem);
    expect(decoder.decode(sequencingFromPlan(compiled.compiled.problem, result.schedule!.machine, result.schedule!.start))).toBe(true);
    expect(Array.from(decoder.start)).toEqual(result.schedule!.start);
    expect(Array.from(decoder.end)).toEqual(result.schedule!.end);
    expect(decoder.objective).toEqual(result.objective);
  });

  it("keeps frozen operations on their unit and times and places the rest around them", () => {
    const start = parseDateTime(`${MONDAY}T07:00`)!;
    const frozen = [{ order: "o0", operation: "one", resource: "R", unit: 0, start, end: start + 120 }];
    const compiled = compileProblem(req, undefined, frozen);
    if (!compiled.ok) throw new Error(compiled.reason);
    const p = compiled.compiled.problem;
    const decoder = new Decoder(p);
    // Everything free on R, in index order: the first operations must work around 07:00–09:00.
    const machine = Array.from({ length: p.opCount }, (_, op) => (op % 2 === 0 ? 0 : 1));
    expect(decoder.decode(sequencingFromPlan(p, machine, Array.from({ length: p.opCount }, (_, op) => op)))).toBe(true);
    expect([decoder.start[0], decoder.end[0]]).toEqual([start, start + 120]);
    for (let op = 2; op < p.opCount; op += 2) {
      const overlaps = decoder.start[op]! < start + 120 && decoder.end[op]! > start;
      expect(overlaps).toBe(false);
    }
  });
});
