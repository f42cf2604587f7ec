import { describe, expect, it } from "vitest";
import { dispatchList } from "../../../solver/export/dispatch-list.ts";
import { FactoryModel } from "../../../src/factory.ts";
import type { ScheduledOperation } from "../../../src/schedule.ts";

// 2026-03-02 is a Monday.
const model = FactoryModel.parse({
  calendars: [
    {
      id: "two-shift",
      shifts: {
        mon: [
          { start: "06:00", end: "14:00", breaks: [{ start: "10:00", end: "10:30" }] },
          { start: "14:00", end: "22:00" },
        ],
        wed: [{ start: "22:00", end: "06:00" }],
      },
      // Tuesday 3 March: an overtime day with one long shift instead of none.
      exceptions: [{ date: "2026-03-03", shifts: [{ start: "07:00", end: "19:00" }] }],
    },
  ],
  resources: [
    { id: "saw", calendar: "two-shift", units: 2 },
    { id: "drill", calendar: "two-shift" },
  ],
  orders: [
    { id: "A", item: "frame", quantity: 12, due: "2026-03-06T14:00" },
    { id: "B", item: "rail", quantity: 3.5, due: "2026-03-06T14:00" },
  ],
});

function op(order: string, operation: string, resource: string, unit: number, start: string, end: string, setup = 0, changeover = 0): ScheduledOperation {
  return { order, operation, resource, unit, start, end, setupMinutes: setup, changeoverMinutes: changeover, state: "planned" };
}

describe("dispatchList", () => {
  it("gives each part of a split operation its own quantity (issue 16)", () => {
    const parts = [
      { ...op("A", "cut", "saw", 0, "2026-03-02T06:00", "2026-03-02T07:00", 10), quantity: 7, part: 0 },
      { ...op("A", "cut", "saw", 1, "2026-03-02T06:00", "2026-03-02T06:50", 10), quantity: 5, part: 1 },
    ];
    expect(dispatchList(model, { operations: parts }).map((row) => [row.unit, row.quantity])).toEqual([
      [0, 7],
      [1, 5],
    ]);
  });

  it("puts each operation in the shift its start lies in, numbered per resource, unit and shift", () => {
    const operations = [
      // Given out of order on purpose: the list is sorted by resource (model order), unit, start.
      op("B", "drill", "drill", 0, "2026-03-05T02:00", "2026-03-05T03:00"),
      op("A", "cut", "saw", 0, "2026-03-02T10:15", "2026-03-02T11:00", 15, 5),
      op("B", "cut", "saw", 0, "2026-03-02T06:00", "2026-03-02T07:00", 10),
      op("A", "cut2", "saw", 0, "2026-03-02T14:00", "2026-03-02T15:00"),
      op("A", "trim", "saw", 1, "2026-03-02T08:00", "2026-03-02T09:00"),
      op("A", "drill", "drill", 0, "2026-03-03T18:59", "2026-03-03T19:00"),
      op("B", "extra", "drill", 0, "2026-03-05T05:00", "2026-03-05T05:30"),
    ];
    expect(dispatchList(model, { operations })).toEqual([
      { resource: "saw", unit: 0, shiftDate: "2026-03-02", shift: "06:00-14:00", sequence: 1, order: "B", operation: "cut", item: "rail", quantity: 3.5, start: "2026-03-02T06:00", end: "2026-03-02T07:00", setupMinutes: 10, changeoverMinutes: 0 },
      // In the break but inside the shift's span: still the morning shift, second on unit 0.
      { resource: "saw", unit: 0, shiftDate: "2026-03-02", shift: "06:00-14:00", sequence: 2, order: "A", operation: "cut", item: "frame", quantity: 12, start: "2026-03-02T10:15", end: "2026-03-02T11:00", setupMinutes: 15, changeoverMinutes: 5 },
      // 14:00 is the end of the morning shift and the start of the late one.
      { resource: "saw", unit: 0, shiftDate: "2026-03-02", shift: "14:00-22:00", sequence: 1, order: "A", operation: "cut2", item: "frame", quantity: 12, start: "2026-03-02T14:00", end: "2026-03-02T15:00", setupMinutes: 0, changeoverMinutes: 0 },
      { resource: "saw", unit: 1, shiftDate: "2026-03-02", shift: "06:00-14:00", sequence: 1, order: "A", operation: "trim", item: "frame", quantity: 12, start: "2026-03-02T08:00", end: "2026-03-02T09:00", setupMinutes: 0, changeoverMinutes: 0 },
      // The exception's shift replaces Tuesday's (none in the weekly pattern).
      { resource: "drill", unit: 0, shiftDate: "2026-03-03", shift: "07:00-19:00", sequence: 1, order: "A", operation: "drill", item: "frame", quantity: 12, start: "2026-03-03T18:59", end: "2026-03-03T19:00", setupMinutes: 0, changeoverMinutes: 0 },
      // Thursday 02:00 and 05:00 are Wednesday's night shift.
      { resource: "drill", unit: 0, shiftDate: "2026-03-04", shift: "22:00-06:00", sequence: 1, order: "B", operation: "drill", item: "rail", quantity: 3.5, start: "2026-03-05T02:00", end: "2026-03-05T03:00", setupMinutes: 0, changeoverMinutes: 0 },
      { resource: "drill", unit: 0, shiftDate: "2026-03-04", shift: "22:00-06:00", sequence: 2, order: "B", operation: "extra", item: "rail", quantity: 3.5, start: "2026-03-05T05:00", end: "2026-03-05T05:30", setupMinutes: 0, changeoverMinutes: 0 },
    ]);
  });

  it("gives a start outside every shift its date and no shift label, and unknown orders and resources no item", () => {
    const operations = [
      op("Z", "x", "oven", 0, "2026-03-02T01:00", "2026-03-02T02:00"),
      { ...op("A", "cut", "saw", 0, "2026-03-01T12:00", "2026-03-02T07:00"), state: "running" as const },
    ];
    expect(dispatchList(model, { operations }).map((r) => [r.resource, r.shiftDate, r.shift, r.sequence, r.item, r.quantity])).toEqual([
      ["saw", "2026-03-01", "", 1, "frame", 12],
      ["oven", "2026-03-02", "", 1, "", null],
    ]);
  });

  it("does not mutate the schedule", () => {
    const operations = [op("A", "b", "saw", 0, "2026-03-02T09:00", "2026-03-02T10:00"), op("A", "a", "saw", 0, "2026-03-02T06:00", "2026-03-02T07:00")];
    const copy = structuredClone(operations);
    dispatchList(model, { operations });
    expect(operations).toEqual(copy);
  });
});
