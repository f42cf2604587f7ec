/**
 * The Gantt layout on a hand-worked plant: a day shift 06:00–14:00 with a 10:00–10:30 break, Monday to Friday.
 * Setups end on the calendar's working time, rows are resource units, non-working time is the gaps.
 */
import { describe, expect, it } from "vitest";
import { FactoryModel } from "../../src/factory.ts";
import { parseDateTime } from "../../src/time.ts";
import { addWorkingMinutes, closedIntervals, ganttModel } from "../../web/gantt/gantt-model.ts";
import type { Plan, PlanOperation } from "../../web/model.ts";

const at = (text: string) => parseDateTime(text)!;
const shift = [{ start: "06:00", end: "14:00", breaks: [{ start: "10:00", end: "10:30" }] }];
const factory = FactoryModel.parse({
  calendars: [{ id: "day", shifts: { mon: shift, tue: shift, wed: shift, thu: shift, fri: shift } }],
  resources: [
    { id: "R", calendar: "day", units: 2 },
    { id: "S", calendar: "day" },
  ],
});

function op(order: string, resource: string, unit: number, start: string, end: string, setupMinutes: number, changeoverMinutes: number, state = "planned"): PlanOperation {
  return { order, operation: `${order}-op`, resource, unit, start, end, setupMinutes, changeoverMinutes, state };
}

const plan: Plan = {
  operations: [
    // 40 minutes of setup from 09:50: 10 before the break, 30 after it → 11:00; the 15-minute changeover → 10:35.
    op("A", "R", 1, "2026-03-02T09:50", "2026-03-02T11:30", 40, 15),
    // 20 minutes from 13:50: 10 before the shift ends, 10 the next morning → Tuesday 06:10.
    op("B", "S", 0, "2026-03-02T13:50", "2026-03-03T06:20", 20, 0, "running"),
    op("C", "X", 0, "2026-03-02T07:00", "2026-03-02T08:00", 0, 0),
    op("D", "R", 0, "2026-03-02T06:00", "2026-03-02T07:00", 0, 0, "frozen"),
  ],
  orders: [
    { id: "A", due: "2026-03-02T11:00", completion: "2026-03-02T11:30", lateMinutes: 30, onTime: false, heldBy: "R" },
    { id: "B", due: "2026-03-04T11:00", completion: "2026-03-03T06:20", lateMinutes: 0, onTime: true },
    { id: "D", due: "2026-03-04T11:00", completion: "2026-03-02T07:00", lateMinutes: 0, onTime: true },
  ],
  source: { kind: "schedule" },
  madeAt: "2026-03-01T00:00:00.000Z",
};

describe("ganttModel", () => {
  const model = ganttModel(factory, "2026-03-02T06:00", plan);

  it("has one row per resource unit, then rows for resources the plant lacks", () => {
    expect(model.rows.map((r) => [r.resource, r.unit, r.units])).toEqual([
      ["R", 0, 2],
      ["R", 1, 2],
      ["S", 0, 1],
      ["X", 0, 1],
    ]);
  });

  it("ends setups and changeovers on the resource's working time", () => {
    const [a, b] = model.bars;
    expect(a).toMatchObject({ row: 1, order: "A", start: at("2026-03-02T09:50"), changeoverEnd: at("2026-03-02T10:35"), setupEnd: at("2026-03-02T11:00"), state: "late" });
    expect(b).toMatchObject({ row: 2, start: at("2026-03-02T13:50"), changeoverEnd: at("2026-03-02T13:50"), setupEnd: at("2026-03-03T06:10"), state: "running" });
  });

  it("colours by the operation's own state when it runs or is frozen, else by the order's, and 'other' without an outcome", () => {
    expect(model.bars.map((bar) => [bar.order, bar.state])).toEqual([
      ["A", "late"],
      ["B", "running"],
      ["C", "other"],
      ["D", "frozen"],
    ]);
  });

  it("spans whole days around the plan start and every operation", () => {
    expect([model.from, model.to]).toEqual([at("2026-03-02T00:00"), at("2026-03-04T00:00")]);
  });

  it("shades the calendar's gaps once for the consecutive rows sharing it, none for a row without a calendar", () => {
    expect(model.closed.map((c) => [c.firstRow, c.lastRow, c.start, c.end])).toEqual(
      [
        ["2026-03-02T00:00", "2026-03-02T06:00"],
        ["2026-03-02T10:00", "2026-03-02T10:30"],
        ["2026-03-02T14:00", "2026-03-03T06:00"],
        ["2026-03-03T10:00", "2026-03-03T10:30"],
        ["2026-03-03T14:00", "2026-03-04T00:00"],
      ].map(([from, to]) => [0, 2, at(from!), at(to!)]),
    );
  });

  it("sorts each row's bars by start", () => {
    expect(model.barsByRow.map((row) => row.map((bar) => bar.order))).toEqual([["D"], ["A"], ["B"], ["C"]]);
  });
});

describe("working time", () => {
  const windows = [
    { start: 100, end: 200 },
    { start: 300, end: 400 },
  ];
  it("adds minutes across gaps, and past the last window as working time", () => {
    expect(addWorkingMinutes(windows, 150, 50)).toBe(200);
    expect(addWorkingMinutes(windows, 150, 60)).toBe(310);
    expect(addWorkingMinutes(windows, 50, 10)).toBe(110);
    expect(addWorkingMinutes(windows, 350, 100)).toBe(450);
  });
  it("finds the gaps inside a span", () => {
    expect(closedIntervals(windows, 0, 500)).toEqual([
      [0, 100],
      [200, 300],
      [400, 500],
    ]);
    expect(closedIntervals(windows, 150, 350)).toEqual([[200, 300]]);
  });
});
