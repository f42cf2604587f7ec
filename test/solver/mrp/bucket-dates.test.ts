import { describe, expect, it } from "vitest";
import { bucketDates, bucketOfDate } from "../../../solver/mrp/bucket-dates.ts";

describe("bucket dates", () => {
  it("starts bucket t at start + t × size, across month and year ends", () => {
    expect(bucketDates({ start: "2026-12-21", size: "week", count: 3 })).toEqual(["2026-12-21", "2026-12-28", "2027-01-04"]);
    expect(bucketDates({ start: "2028-02-28", size: "day", count: 3 })).toEqual(["2028-02-28", "2028-02-29", "2028-03-01"]);
  });

  it("finds the bucket containing a date, also outside the horizon", () => {
    const weeks = { start: "2026-03-02", size: "week" as const, count: 4 };
    expect(bucketOfDate(weeks, "2026-03-02")).toBe(0);
    expect(bucketOfDate(weeks, "2026-03-08")).toBe(0);
    expect(bucketOfDate(weeks, "2026-03-09")).toBe(1);
    expect(bucketOfDate(weeks, "2026-03-01")).toBe(-1);
    expect(bucketOfDate(weeks, "2026-03-30")).toBe(4);
  });
});
