/** The independent validator must catch broken schedules, or its green light means nothing. */
import { describe, expect, it } from "vitest";
import type { ScheduleResponse } from "../../../src/schedule.ts";
import { validateSchedule } from "../../helpers/validate-schedule.ts";
import { MONDAY, order, request, solve, weekdays } from "./fixtures.ts";

const cal = weekdays("day", [{ start: "06:00", end: "14:00", breaks: [{ start: "10:00", end: "10:30" }] }]);
const req = request({
  planStart: `${MONDAY}T08:00`,
  calendars: [cal],
  resources: [{ id: "R", calendar: "day", setupMatrix: { default: 15, changeovers: [] } }, { id: "S", calendar: "day" }],
  routings: [
    { item: "x", operations: [{ id: "a", resources: ["R"], runMinutesPerUnit: 100, family: "x" }, { id: "b", resources: ["S"], runMinutesPerUnit: 60, minGapMinutes: 30 }] },
    { item: "y", operations: [{ id: "a", resources: ["R"], runMinutesPerUnit: 50, family: "y" }] },
  ],
  orders: [order("o1", "x"), order("o2", "y"), order("o3", "x")],
  progress: [{ order: "o3", operation: "a", status: "running", resource: "R", start: `${MONDAY}T07:00` }],
});
const valid = solve(req).response;

function broken(change: (r: ScheduleResponse) => void): string[] {
  const copy = structuredClone(valid);
  change(copy);
  return validateSchedule(req, copy);
}
const find = (r: ScheduleResponse, o: string, op: string) => r.operations.find((x) => x.order === o && x.operation === op)!;

describe("validate-schedule", () => {
  it("accepts the engine's schedule", () => {
    expect(validateSchedule(req, valid)).toEqual([]);
  });

  it("rejects an operation shortened by a minute", () => {
    expect(broken((r) => (find(r, "o2", "a").end = find(r, "o2", "a").end.replace(/:(\d\d)$/, (_, m) => `:${String(Number(m) - 1).padStart(2, "0")}`)))).not.toEqual([]);
  });

  it("rejects overlapping operations on a unit", () => {
    expect(broken((r) => Object.assign(find(r, "o2", "a"), { start: find(r, "o1", "a").start, end: find(r, "o1", "a").end }))).not.toEqual([]);
  });

  it("rejects a changeover that was not charged", () => {
    const errors = broken((r) => {
      const later = [find(r, "o1", "a"), find(r, "o2", "a")].sort((a, b) => a.start.localeCompare(b.start))[1]!;
      later.changeoverMinutes = 0;
      later.setupMinutes = 0;
    });
    expect(errors.join()).toMatch(/setup/);
  });

  it("rejects a moved running operation and a missing operation", () => {
    expect(broken((r) => (find(r, "o3", "a").start = `${MONDAY}T07:30`)).join()).toMatch(/running/);
    expect(broken((r) => r.operations.splice(r.operations.indexOf(find(r, "o1", "b")), 1)).join()).toMatch(/missing/);
  });

  it("rejects a start before the minimum gap and an operation on a wrong resource", () => {
    expect(broken((r) => Object.assign(find(r, "o1", "b"), { start: find(r, "o1", "a").end })).join()).toMatch(/predecessor|working minutes/);
    expect(broken((r) => (find(r, "o1", "b").resource = "R")).join()).toMatch(/not one of/);
  });

  it("rejects wrong order outcomes and KPIs", () => {
    expect(broken((r) => (r.orders[0]!.lateMinutes = 5))).not.toEqual([]);
    expect(broken((r) => (r.kpis.weightedTardiness += 1))).not.toEqual([]);
  });
});
