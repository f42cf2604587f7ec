/**
 * The calendar's unbroken stretches and work bounds (issue 16) against the minute-by-minute oracle: the
 * earliest and latest unbroken stretch of m minutes, the earliest start whose work ends at or after a bound,
 * the latest start whose work ends by one, each checked by walking minutes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { earliestStartEndingAtOrAfter, latestStartEndingBy, workEnd } from "../../../solver/calendar/work-bounds.ts";
import { BASE, caseArb, compiled } from "./calendar-oracle.ts";

const RUNS = { seed: 16, numRuns: 40 };

describe("unbroken stretches against the oracle", () => {
  it("finds the earliest and the latest stretch of m working minutes in one window", () => {
    fc.assert(
      fc.property(caseArb, ({ calendar, horizon, queries }) => {
        const { wt, oracle } = compiled(calendar, horizon);
        const longest = Math.max(0, ...wt.windows(horizon.from, horizon.to).map((w) => w.end - w.start));
        expect(wt.longestWindow()).toBe(longest);
        for (const { a, minutes } of queries) {
          const t = BASE + a;
          const m = Math.min(minutes, 900);
          expect(wt.nextUnbrokenStart(t, m)).toBe(m === 0 ? oracle.add(t, 0) : oracle.nextUnbroken(t, m));
          if (m > 0) expect(wt.lastUnbrokenStart(t, m)).toBe(oracle.lastUnbroken(t, m));
        }
      }),
      RUNS,
    );
  });
});

describe("work bounds", () => {
  it("the earliest start ending at or after a bound: its work ends there or later, one minute earlier ends before", () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), ({ calendar, horizon, queries }, unbroken) => {
        const { wt } = compiled(calendar, horizon);
        for (const { a, minutes } of queries) {
          const bound = BASE + a;
          const m = Math.min(minutes, 900);
          const s = earliestStartEndingAtOrAfter(wt, bound, m, unbroken);
          if (s === null || s === -Infinity || s < horizon.from) continue;
          const place = (t: number) => (unbroken ? wt.nextUnbrokenStart(t, m) : wt.nextWorkingInstant(t));
          const start = place(s);
          if (start === null) continue;
          const end = workEnd(wt, start, m, unbroken);
          if (end === null) continue;
          expect(end).toBeGreaterThanOrEqual(bound);
          // Starting a minute earlier (where that is a start of its own) ends before the bound.
          const earlier = place(s - 1);
          if (earlier !== null && earlier < start && s - 1 >= horizon.from) {
            expect(workEnd(wt, earlier, m, unbroken)!).toBeLessThan(bound);
          }
        }
      }),
      RUNS,
    );
  });

  it("the latest start ending by a bound: it ends by then, and no later working start does", () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), ({ calendar, horizon, queries }, unbroken) => {
        const { wt, oracle } = compiled(calendar, horizon);
        for (const { a, minutes } of queries) {
          const latestEnd = BASE + a;
          const m = Math.max(1, Math.min(minutes, 900));
          const s = latestStartEndingBy(wt, latestEnd, m, unbroken);
          const expected = unbroken ? oracle.lastUnbroken(latestEnd, m) : oracle.subtract(latestEnd, m);
          expect(s).toBe(expected);
          if (s !== null) expect(workEnd(wt, s, m, unbroken)!).toBeLessThanOrEqual(latestEnd);
        }
      }),
      RUNS,
    );
  });
});
