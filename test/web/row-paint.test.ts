/** A Gantt row's rectangles: exact pixels on a hand-made row, and against a brute-force count on random rows. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BarState, GanttBar } from "../../web/gantt/gantt-model.ts";
import { paintRow } from "../../web/gantt/row-paint.ts";

function bar(order: string, start: number, end: number, setupEnd = start, changeoverEnd = start, state: BarState = "on-time"): GanttBar {
  return { index: 0, row: 0, order, operation: "op", start, end, changeoverEnd, setupEnd, state };
}

const box = { top: 10, height: 6 };
const identity = (minute: number) => minute;

describe("paintRow", () => {
  const bars = [bar("A", 0, 100, 30, 10), bar("B", 100, 160, 100.5, 100, "late"), bar("C", 200, 200.2), bar("D", 500, 600)];

  it("draws the bars in the window, with changeover then setup at their start, and no sub-pixel parts", () => {
    const paint = paintRow(bars, { from: 50, to: 300 }, identity, box, null);
    expect(Object.fromEntries(paint)).toEqual({
      "on-time": [0, 10, 100, 6, 200, 10, 1, 6],
      late: [100, 10, 60, 6],
      changeover: [0, 10, 10, 6],
      setup: [10, 10, 20, 6],
    });
  });

  it("dims every other order and outlines the highlighted one's bars, without their setups", () => {
    const paint = paintRow(bars, { from: 0, to: 1000 }, (m) => m * 2, box, "B");
    expect(Object.fromEntries(paint)).toEqual({
      "dim-on-time": [0, 10, 200, 6, 400, 10, 1, 6, 1000, 10, 200, 6],
      late: [200, 10, 120, 6],
      outline: [200, 10, 120, 6],
      setup: [200, 10, 1, 6],
    });
  });

  it("draws exactly the bars that overlap the window", () => {
    const row = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 40 })), { maxLength: 30 })
      .map((gaps) => {
        let t = 0;
        return gaps.map(([gap, length], i) => {
          t += gap;
          const b = bar(`O${i}`, t, t + length);
          t += length;
          return b;
        });
      });
    fc.assert(
      fc.property(row, fc.integer({ min: -10, max: 1000 }), fc.integer({ min: 0, max: 500 }), (bars, from, span) => {
        const painted = paintRow(bars, { from, to: from + span }, identity, box, null).get("on-time") ?? [];
        const expected = bars.filter((b) => b.end > from && b.start < from + span).length;
        expect(painted.length / 4).toBe(expected);
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});
