import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, parseDate, parseDateTime, parseTimeOfDay, weekdayIndex } from "../../src/time.ts";

describe("factory-local time", () => {
  it("parses date-times to minutes since 1970-01-01T00:00", () => {
    expect(parseDateTime("1970-01-01T00:00")).toBe(0);
    expect(parseDateTime("1970-01-02T06:30")).toBe(1440 + 390);
    expect(parseDateTime("2026-03-02T06:00")).toBe(Date.UTC(2026, 2, 2, 6, 0) / 60_000);
  });

  it("rejects impossible or differently written date-times", () => {
    for (const bad of ["2026-02-29T10:00", "2026-13-01T00:00", "2026-03-02T24:00", "2026-03-02 06:00", "2026-03-02T06:00Z", "2026-03-02T6:00", "2026-03-02"]) {
      expect(parseDateTime(bad), bad).toBeNull();
    }
    expect(parseDateTime("2028-02-29T10:00")).not.toBeNull();
  });

  it("parses dates and times of day, 24:00 included", () => {
    expect(parseDate("1970-01-03")).toBe(2880);
    expect(parseDate("2026-02-30")).toBeNull();
    expect(parseTimeOfDay("00:00")).toBe(0);
    expect(parseTimeOfDay("22:15")).toBe(1335);
    expect(parseTimeOfDay("24:00")).toBe(1440);
    expect(parseTimeOfDay("24:01")).toBeNull();
    expect(parseTimeOfDay("12:60")).toBeNull();
  });

  it("formats back, rounding a fractional end up to the next whole minute", () => {
    expect(formatDateTime(parseDateTime("2026-03-02T06:00")! + 0.25)).toBe("2026-03-02T06:01");
    expect(formatDateTime(parseDateTime("2026-03-02T23:59")! + 1)).toBe("2026-03-03T00:00");
    expect(formatDate(parseDateTime("2026-03-02T23:59")!)).toBe("2026-03-02");
  });

  it("round-trips every minute of a wide range", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000_000 }), (t) => parseDateTime(formatDateTime(t)) === t),
      { seed: 7, numRuns: 2000 },
    );
  });

  it("parses every date-time of four-digit years as Date.UTC counts it", () => {
    const pad = (n: number, w: number) => String(n).padStart(w, "0");
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (y, mo, d, h, mi) => {
        const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}`;
        const real = new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
        expect(parseDateTime(text)).toBe(real ? Date.UTC(y, mo - 1, d, h, mi) / 60_000 : null);
      }),
      { seed: 11, numRuns: 3000 },
    );
    expect(parseDateTime("2026-0x-02T06:00")).toBeNull();
  });

  it("knows the weekday (Monday = 0)", () => {
    expect(weekdayIndex(parseDateTime("2026-03-02T12:00")!)).toBe(0); // a Monday
    expect(weekdayIndex(parseDateTime("2026-03-08T23:59")!)).toBe(6); // a Sunday
    expect(weekdayIndex(0)).toBe(3); // 1970-01-01 was a Thursday
  });
});
