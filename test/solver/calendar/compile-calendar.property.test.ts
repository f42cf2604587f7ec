/**
 * Property tests of the calendar engine against a brute-force oracle: one boolean per minute over a few
 * weeks, built straight from the calendar definition with JavaScript's own dates and weekdays and
 * breaks matched by time of day (no code shared with the engine). Calendars are random: up to three
 * shifts per weekday on a 15-minute grid, crossing midnight or not, breaks inside them, exceptions.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileCalendar } from "../../../solver/calendar/compile-calendar.ts";
import { BASE, calendarArb, caseArb, clampToHorizon, compiled, horizonArb } from "./calendar-oracle.ts";

const RUNS = { seed: 42, numRuns: 150 };

describe("calendar engine against a minute-by-minute oracle", () => {
  it("has exactly the oracle's maximal working runs as windows (sorted, disjoint, non-empty)", () => {
    fc.assert(
      fc.property(calendarArb, horizonArb, (calendar, horizon) => {
        const { wt, oracle } = compiled(calendar, horizon);
        const windows = wt.windows(horizon.from, horizon.to);
        const misordered = windows.filter((w, i) => !(w.start < w.end) || (i > 0 && !(windows[i - 1]!.end < w.start)));
        expect(misordered).toEqual([]);
        expect(windows).toEqual(oracle.runs());
      }),
      RUNS,
    );
  });

  it("counts working minutes between any two instants of the horizon, and ends them just after the last working minute", () => {
    fc.assert(
      fc.property(caseArb, ({ calendar, horizon, queries }) => {
        const { wt, oracle } = compiled(calendar, horizon);
        for (const { a, b } of queries) {
          const [x, y] = [clampToHorizon(BASE + a, horizon), clampToHorizon(BASE + b, horizon)];
          expect(wt.workingMinutesBetween(x, y)).toBe(oracle.between(x, y));
          let last = y - 1;
          while (last >= x && oracle.between(last, last + 1) === 0) last--;
          expect(wt.lastWorkingEnd(x, y)).toBe(last >= x ? last + 1 : null);
        }
      }),
      RUNS,
    );
  });

  it("adds and subtracts whole minutes exactly as the oracle walks them", () => {
    fc.assert(
      fc.property(caseArb, ({ calendar, horizon, queries }) => {
        const { wt, oracle } = compiled(calendar, horizon);
        for (const { a, minutes } of queries) {
          const t = BASE + a;
          expect(wt.nextWorkingInstant(t)).toBe(oracle.add(t, 0));
          expect(wt.addWorkingMinutes(t, minutes)).toBe(oracle.add(t, minutes));
          expect(wt.subtractWorkingMinutes(t, minutes)).toBe(oracle.subtract(t, minutes));
        }
      }),
      RUNS,
    );
  });

  it("adding m minutes from t spans exactly m working minutes from the next working instant, fractions included", () => {
    fc.assert(
      fc.property(caseArb, ({ calendar, horizon, queries }) => {
        const wt = compileCalendar(calendar, horizon);
        for (const { a, minutes, quarters } of queries) {
          // Quarter minutes are exact in binary floating point, so equality must hold exactly.
          const t = BASE + a + quarters / 4;
          const work = minutes + (3 - quarters) / 4;
          const end = wt.addWorkingMinutes(t, work);
          if (end === null) continue;
          const start = wt.nextWorkingInstant(t)!;
          expect(wt.workingMinutesBetween(start, end)).toBe(work);
          expect(wt.subtractWorkingMinutes(end, work)).toBe(work === 0 ? end : start);
        }
      }),
      RUNS,
    );
  });

  it("subtracting m minutes from t gives a working start with exactly m minutes of work before t", () => {
    fc.assert(
      fc.property(caseArb, ({ calendar, horizon, queries }) => {
        const wt = compileCalendar(calendar, horizon);
        for (const { a, minutes, quarters } of queries) {
          const t = BASE + a + quarters / 4;
          const work = minutes + quarters / 4;
          const start = wt.subtractWorkingMinutes(t, work);
          if (start === null || work === 0) continue;
          expect(wt.nextWorkingInstant(start)).toBe(start);
          expect(wt.workingMinutesBetween(start, t)).toBe(work);
          // Forward again the work ends at t or at the end of the window before a gap that ends at t.
          const end = wt.addWorkingMinutes(start, work)!;
          expect(end).toBeLessThanOrEqual(t);
          expect(wt.workingMinutesBetween(end, t)).toBe(0);
        }
      }),
      RUNS,
    );
  });
});
