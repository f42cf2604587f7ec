/** The independent validator must catch plans that break the shop-floor rules of issue 16. */
import { describe, expect, it } from "vitest";
import type { ScheduleResponse } from "../../../src/schedule.ts";
import { validateSchedule } from "../../helpers/validate-schedule.ts";
import { MONDAY, order, request, solve, weekdays } from "./fixtures.ts";

const cal = weekdays("day", [{ start: "06:00", end: "14:00", breaks: [{ start: "10:00", end: "10:30" }] }]);
const req = request({
  calendars: [cal],
  resources: [{ id: "L", calendar: "day", units: 2 }, { id: "M", calendar: "day" }, { id: "F", calendar: "day" }],
  routings: [
    {
      item: "x",
      operations: [
        { id: "turn", resources: ["L"], setupMinutes: 10, runMinutesPerUnit: 2, split: { minQuantity: 20, maxParts: 2 }, transferQuantity: 10 },
        { id: "mill", resources: ["M"], runMinutesPerUnit: 1, maxWaitMinutes: 240 },
        { id: "fire", resources: ["F"], runMinutesPerUnit: 1, interruptible: false },
      ],
    },
  ],
  orders: [order("o", "x", { quantity: 80, due: `${MONDAY}T10:00`, dueBufferMinutes: 60 })],
});
const valid = solve(req).response;

function broken(change: (r: ScheduleResponse) => void): string {
  const copy = structuredClone(valid);
  change(copy);
  return validateSchedule(req, copy).join("\n");
}
const find = (r: ScheduleResponse, operation: string, part = 0) => r.operations.find((x) => x.operation === operation && (x.part ?? 0) === part)!;
const at = (minutes: number) => `${MONDAY}T${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
const minutesOf = (t: string) => Number(t.slice(11, 13)) * 60 + Number(t.slice(14, 16));
const shift = (op: ScheduleResponse["operations"][number], by: number) => Object.assign(op, { start: at(minutesOf(op.start) + by), end: at(minutesOf(op.end) + by) });

describe("validate-schedule on the shop-floor rules", () => {
  it("accepts the engine's plan: turning in two parts, milling overlapped, firing unbroken", () => {
    expect(validateSchedule(req, valid)).toEqual([]);
    expect(valid.operations.filter((x) => x.operation === "turn").map((x) => x.quantity)).toEqual([40, 40]);
  });

  it("rejects parts that do not make the lot, or too many of them", () => {
    expect(broken((r) => (find(r, "turn", 1).quantity = 30))).toMatch(/make 70, not the order's 80/);
    expect(broken((r) => (find(r, "turn", 1).part = 2))).toMatch(/parts 0, 2/);
    expect(broken((r) => (find(r, "mill").quantity = 40) && r.operations.push({ ...find(r, "mill"), part: 1 }))).toMatch(/not splittable/);
  });

  it("rejects a start before the first transfer batch and an end before the last one", () => {
    expect(broken((r) => shift(find(r, "mill"), -40))).toMatch(/first transfer batch/);
    const errors = broken((r) => Object.assign(find(r, "mill"), { start: find(r, "mill").start, end: at(minutesOf(find(r, "turn").end) + 5) }));
    expect(errors).toMatch(/last transfer batch|working minutes/);
  });

  it("rejects a broken maximum wait and an interrupted uninterruptible operation", () => {
    expect(broken((r) => Object.assign(find(r, "turn", 0), { start: `${MONDAY}T06:00`, end: `${MONDAY}T06:10` }))).toMatch(/maximum wait|working minutes/);
    const fire = find(valid, "fire");
    // Across the 10:00 break: the same working minutes, but interrupted.
    const errors = broken((r) => Object.assign(find(r, "fire"), { start: `${MONDAY}T09:50`, end: at(9 * 60 + 50 + 30 + (minutesOf(fire.end) - minutesOf(fire.start))) }));
    expect(errors).toMatch(/interrupted/);
  });

  it("rejects a wrong bufferKept and wrong wait KPIs", () => {
    expect(broken((r) => (r.orders[0]!.bufferKept = !r.orders[0]!.bufferKept))).toMatch(/bufferKept/);
    expect(broken((r) => (r.kpis.meanWaitMinutes = (r.kpis.meanWaitMinutes ?? 0) + 1))).toMatch(/meanWaitMinutes/);
    expect(broken((r) => (r.kpis.bufferKeptRate = 0.5))).toMatch(/bufferKeptRate/);
  });
});
