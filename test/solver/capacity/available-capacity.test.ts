import { describe, expect, it } from "vitest";
import { analyseCapacity, capacityReport } from "../../../solver/capacity/assess-capacity.ts";
import { capacityRequest, weekdays } from "./fixtures.ts";

function bucketsOf(input: Record<string, unknown>, resource = "R") {
  const request = capacityRequest(input);
  const report = capacityReport(request, analyseCapacity(request));
  return report.resources.find((r) => r.id === resource)!.buckets;
}

describe("available capacity", () => {
  it("subtracts breaks and applies units × efficiency (an 8-hour shift is not 8 productive hours)", () => {
    const buckets = bucketsOf({
      calendars: [weekdays("day", "06:00", "14:00", [{ start: "10:00", end: "10:30" }])],
      resources: [{ id: "R", calendar: "day", units: 2, efficiency: 0.8 }],
      buckets: { start: "2026-03-02", size: "day", count: 7 },
    });
    // Mon–Fri: 480 shift minutes, 450 working, 450 × 2 × 0.8 = 720; the weekend has nothing.
    expect(buckets.map((b) => b.shiftMinutes)).toEqual([480, 480, 480, 480, 480, 0, 0]);
    expect(buckets.map((b) => b.workingMinutes)).toEqual([450, 450, 450, 450, 450, 0, 0]);
    expect(buckets.map((b) => b.availableMinutes)).toEqual([720, 720, 720, 720, 720, 0, 0]);
  });

  it("splits a midnight-crossing shift, with its break after midnight, between the two days", () => {
    const night = [{ start: "22:00", end: "06:00", breaks: [{ start: "02:00", end: "02:30" }] }];
    const buckets = bucketsOf({
      calendars: [{ id: "night", shifts: { mon: night } }],
      resources: [{ id: "R", calendar: "night" }],
      buckets: { start: "2026-03-02", size: "day", count: 3 },
    });
    // Monday 22:00–24:00 is 120 minutes; Tuesday 00:00–06:00 is 360 shift minutes, 330 without the break.
    expect(buckets.map((b) => [b.shiftMinutes, b.workingMinutes, b.availableMinutes])).toEqual([
      [120, 120, 120],
      [360, 330, 330],
      [0, 0, 0],
    ]);
  });

  it("sums a week and honours a holiday exception", () => {
    const buckets = bucketsOf({
      calendars: [weekdays("day", "08:00", "16:00", [{ start: "12:00", end: "12:45" }], { exceptions: [{ date: "2026-03-04", shifts: [] }] })],
      resources: [{ id: "R", calendar: "day", efficiency: 1.25 }],
      buckets: { start: "2026-03-02", size: "week", count: 2 },
    });
    // Week 1 has 4 working days (Wednesday is a holiday): 4 × 480 = 1920 shift, 4 × 435 = 1740 working.
    expect(buckets[0]).toMatchObject({ shiftMinutes: 1920, workingMinutes: 1740, availableMinutes: 1740 * 1.25 });
    expect(buckets[1]).toMatchObject({ shiftMinutes: 2400, workingMinutes: 2175, availableMinutes: 2175 * 1.25 });
  });

  it("counts nothing before planStart", () => {
    const buckets = bucketsOf({
      calendars: [weekdays("day", "06:00", "14:00", [{ start: "10:00", end: "10:30" }])],
      resources: [{ id: "R", calendar: "day" }],
      buckets: { start: "2026-03-02", size: "day", count: 2 },
      planStart: "2026-03-02T10:15",
    });
    // Monday from 10:15: shift 10:15–14:00 = 225, of which the break's last 15 minutes → 210 working.
    expect(buckets.map((b) => [b.shiftMinutes, b.workingMinutes])).toEqual([
      [225, 210],
      [480, 450],
    ]);
  });
});
