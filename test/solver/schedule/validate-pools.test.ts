/** The independent validator must catch plans that overfill a pool or break a batch (issue 21). */
import { describe, expect, it } from "vitest";
import type { ScheduleResponse } from "../../../src/schedule.ts";
import { validateSchedule } from "../../helpers/validate-schedule.ts";
import { MONDAY, order, request, solve, weekdays } from "./fixtures.ts";

const allDay = weekdays("all", [{ start: "06:00", end: "06:00" }]);
// Two machines and one crew member from 22:00 to 06:00 (two in the day); a furnace taking 40 t, 4-hour cycle.
const req = request({
  planStart: `${MONDAY}T06:00`,
  calendars: [allDay],
  resources: [
    { id: "M1", calendar: "all" },
    { id: "M2", calendar: "all" },
    { id: "F", calendar: "all", batch: { capacity: 40, minutes: 240 } },
  ],
  pools: [{ id: "crew", calendar: "all", units: 2, unitsByShift: [{ from: "22:00", to: "06:00", units: 1 }] }],
  routings: [
    { item: "p", operations: [{ id: "op", resources: ["M1"], runMinutesPerUnit: 60, requires: [{ pool: "crew" }] }] },
    { item: "q", operations: [{ id: "op", resources: ["M2"], runMinutesPerUnit: 60, requires: [{ pool: "crew" }] }] },
    { item: "soft", operations: [{ id: "anneal", resources: ["F"], runMinutesPerUnit: 0, family: "soft" }] },
    { item: "hard", operations: [{ id: "anneal", resources: ["F"], runMinutesPerUnit: 0, family: "hard" }] },
  ],
  orders: [
    order("a", "p", { quantity: 4 }),
    order("b", "q", { quantity: 4 }),
    order("s1", "soft", { quantity: 20 }),
    order("s2", "soft", { quantity: 20 }),
    order("h", "hard", { quantity: 10 }),
  ],
});
const valid = solve(req).response;

function broken(change: (r: ScheduleResponse) => void): string {
  const copy = structuredClone(valid);
  change(copy);
  return validateSchedule(req, copy).join("\n");
}
const row = (r: ScheduleResponse, id: string) => r.operations.find((x) => x.order === id)!;

describe("validate-schedule on pools and batches", () => {
  it("accepts the engine's plan: both jobs at 06:00 with two in the crew, the soft coils in one charge", () => {
    expect(validateSchedule(req, valid)).toEqual([]);
    expect([row(valid, "a").start, row(valid, "b").start]).toEqual([`${MONDAY}T06:00`, `${MONDAY}T06:00`]);
    expect(row(valid, "s1").batch).toBe(row(valid, "s2").batch);
    expect(row(valid, "h").batch).not.toBe(row(valid, "s1").batch);
  });

  it("catches a pool over its units at night", () => {
    // Both 4-hour jobs from 20:00: two crew members held after 22:00, when there is one.
    const errors = broken((r) => {
      for (const id of ["a", "b"]) Object.assign(row(r, id), { start: `${MONDAY}T20:00`, end: `2026-03-03T00:00` });
    });
    expect(errors).toMatch(/pool crew holds 2 units at minute \d+, more than its 1/);
  });

  it("catches an operation that does not list the pools it holds", () => {
    expect(broken((r) => delete row(r, "a").pools)).toMatch(/a\/op lists pools \[\], its routing requires \[crew×1\]/);
  });

  it("catches batch members that do not start and end together, mixed families and an overfilled charge", () => {
    expect(broken((r) => Object.assign(row(r, "s2"), { end: row(r, "s2").end.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, "0")}`) }))).toMatch(
      /s2\/anneal overlaps batch .* without starting and ending with it/,
    );
    expect(broken((r) => Object.assign(row(r, "h"), { start: row(r, "s1").start, end: row(r, "s1").end, batch: row(r, "s1").batch }))).toMatch(/mixes families soft, hard|mixes families hard, soft/);
    const fat = structuredClone(req);
    fat.resources[2]!.batch!.capacity = 30;
    expect(validateSchedule(fat, valid).join("\n")).toMatch(/holds 40, more than its capacity 30/);
  });

  it("catches a batch shorter than its cycle and members with different batch ids", () => {
    expect(broken((r) => Object.assign(row(r, "h"), { end: row(r, "h").start.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 3).padStart(2, "0")}`) }))).toMatch(
      /holds 180 working minutes, needs 240/,
    );
    expect(broken((r) => (row(r, "s2").batch = "other"))).toMatch(/members do not share one batch id/);
  });
});
