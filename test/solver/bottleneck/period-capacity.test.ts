import { describe, expect, it } from "vitest";
import { periodCapacity } from "../../../solver/bottleneck/period-capacity.ts";
import { parseDateTime } from "../../../src/time.ts";
import { DAY_CALENDAR, weekRequest } from "./fixtures.ts";

describe("periodCapacity", () => {
  it("is working minutes × units × efficiency, breaks and holidays excluded (worked by hand)", () => {
    const request = weekRequest({
      calendars: [
        DAY_CALENDAR,
        {
          id: "with-break",
          shifts: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [{ start: "08:00", end: "16:00", breaks: [{ start: "12:00", end: "12:30" }] }]])),
          exceptions: [{ date: "2026-03-04", shifts: [] }],
        },
      ],
      resources: [
        { id: "plain", calendar: "day" },
        { id: "pair", calendar: "with-break", units: 2, efficiency: 0.5 },
      ],
      routings: [{ item: "P", operations: [{ id: "o", resources: ["plain"], runMinutesPerUnit: 1 }] }],
      products: [{ item: "P", price: 1, demand: 1 }],
      operatingExpense: 0,
    });
    const capacity = periodCapacity(request, { from: parseDateTime(request.period.start)!, to: parseDateTime(request.period.end)! });
    expect(capacity.get("plain")).toEqual({ workingMinutes: 2400, availableMinutes: 2400 });
    // 4 days (Wednesday is a holiday) × 450 minutes; × 2 units × 0.5.
    expect(capacity.get("pair")).toEqual({ workingMinutes: 1800, availableMinutes: 1800 });
  });

  it("counts only the part of the period's days that lies inside it", () => {
    const request = weekRequest({
      period: { start: "2026-03-02T12:00", end: "2026-03-03T09:00" },
      resources: [{ id: "plain", calendar: "day" }],
      routings: [{ item: "P", operations: [{ id: "o", resources: ["plain"], runMinutesPerUnit: 1 }] }],
      products: [{ item: "P", price: 1, demand: 1 }],
      operatingExpense: 0,
    });
    const capacity = periodCapacity(request, { from: parseDateTime(request.period.start)!, to: parseDateTime(request.period.end)! });
    expect(capacity.get("plain")!.workingMinutes).toBe(240 + 60);
  });
});
