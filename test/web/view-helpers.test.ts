/** The workbench's small pure helpers: where a problem points, what changed since the issued list, late causes, durations. */
import { describe, expect, it } from "vitest";
import { lateCause } from "../../web/cause.ts";
import { barTooltip } from "../../web/gantt/bar-tooltip.ts";
import type { GanttModel } from "../../web/gantt/gantt-model.ts";
import { changesSinceIssued } from "../../web/dispatch-changes.ts";
import { formatDuration, formatShare } from "../../web/format.ts";
import { nextShiftStart } from "../../web/next-shift.ts";
import { translator } from "../../web/i18n.ts";
import type { Plan, PlanOrder, Plant } from "../../web/model.ts";
import { placeOf, problemsByPath } from "../../web/views/problems.ts";

describe("problems by path", () => {
  it("places a problem at its list, row and first field", () => {
    expect(placeOf("orders[3].due")).toEqual({ section: "orders", row: 3, field: "due" });
    expect(placeOf("resources[1].setupMatrix.changeovers[0].minutes")).toEqual({ section: "resources", row: 1, field: "setupMatrix" });
    expect(placeOf("orders[12]")).toEqual({ section: "orders", row: 12, field: "" });
    expect(placeOf("planStart")).toBeNull();
    expect(placeOf("$")).toBeNull();
  });
  it("gathers every message of a cell", () => {
    const byPath = problemsByPath([
      { path: "orders[3].due", message: "a" },
      { path: "orders[3].due", message: "b" },
      { path: "orders[4]", message: "c" },
    ]);
    expect(byPath.get("orders")?.get(3)?.get("due")).toEqual(["a", "b"]);
    expect(byPath.get("orders")?.get(4)?.get("")).toEqual(["c"]);
  });
});

describe("changes since the issued dispatch list", () => {
  const row = (order: string, start: string, resource = "R", unit = 0) => ({ order, operation: "op", resource, unit, start, end: "2026-03-02T12:00" });
  it("marks new and moved operations and counts the ones no longer planned", () => {
    const issued = [row("A", "2026-03-02T06:00"), row("B", "2026-03-02T07:00"), row("C", "2026-03-02T08:00"), row("E", "2026-03-02T08:00")];
    const now = [row("A", "2026-03-02T06:00"), row("B", "2026-03-02T07:30"), row("C", "2026-03-02T08:00", "R", 1), row("D", "2026-03-02T09:00")];
    const { changes, removed } = changesSinceIssued(now, issued);
    expect([...changes]).toEqual([
      ["B\u0000op", "moved"],
      ["C\u0000op", "moved"],
      ["D\u0000op", "new"],
    ]);
    expect(removed).toBe(1);
  });
  it("takes the server's changes against the plan in force as the moved ones (a move within the tolerance is none)", () => {
    const issued = [row("A", "2026-03-02T06:00"), row("B", "2026-03-02T07:00")];
    const now = [row("A", "2026-03-02T06:30"), row("B", "2026-03-02T09:00"), row("D", "2026-03-02T10:00")];
    const server = { count: 1, operations: [{ order: "B", operation: "op", before: { resource: "R", unit: 0, start: "2026-03-02T07:00" }, after: { resource: "R", unit: 0, start: "2026-03-02T09:00" } }] };
    expect([...changesSinceIssued(now, issued, server).changes]).toEqual([
      ["B\u0000op", "moved"],
      ["D\u0000op", "new"],
    ]);
    // Nothing issued: only the server's changes are marked.
    expect([...changesSinceIssued(now, [], server).changes]).toEqual([["B\u0000op", "moved"]]);
  });
});

describe("the next shift start, the default frozen fence", () => {
  const calendars = [
    { id: "day", shifts: { mon: [{ start: "06:00", end: "14:00", breaks: [] }], tue: [{ start: "06:00", end: "14:00", breaks: [] }], wed: [], thu: [], fri: [], sat: [], sun: [] }, exceptions: [{ date: "2026-03-03", shifts: [] }] },
    { id: "late", shifts: { mon: [{ start: "14:00", end: "22:00", breaks: [] }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, exceptions: [] },
  ];
  it("is the earliest shift of any calendar strictly after the instant, exceptions honoured", () => {
    expect(nextShiftStart({ calendars }, "2026-03-02T06:00")).toBe("2026-03-02T14:00");
    // Tuesday is a holiday on the day calendar; the next shift is Monday the 9th.
    expect(nextShiftStart({ calendars }, "2026-03-02T14:00")).toBe("2026-03-09T06:00");
    expect(nextShiftStart({ calendars: [] }, "2026-03-02T06:00")).toBeNull();
  });
});

describe("late causes", () => {
  const en = translator("en");
  const order = (extra: Partial<PlanOrder>): PlanOrder => ({ id: "O", due: "2026-03-02T10:00", completion: "2026-03-02T12:00", lateMinutes: 120, onTime: false, ...extra });
  it("says nothing for an order on time", () => {
    expect(lateCause(order({ onTime: true, lateMinutes: 0 }), en)).toBeNull();
  });
  it("names the resource an older answer gives (heldBy)", () => {
    expect(lateCause(order({ heldBy: "CGL" }), en)).toBe("waited longest on CGL");
  });
  it("reads issue 14's cause, known kinds in words and new kinds by name", () => {
    expect(lateCause(order({ cause: { kind: "material", item: "ZINC", availableAt: "2026-04-03T06:00" } }), en)).toBe("material ZINC available only Fri 3 Apr, 06:00");
    expect(lateCause(order({ cause: { kind: "capacity", resource: "CGL" }, heldBy: "PKL" }), en)).toBe("capacity of CGL");
    expect(lateCause(order({ cause: { kind: "quality-hold", resource: "INSP" } }), en)).toBe("quality-hold: INSP");
  });
  it("gives the reason of an order left out because a rule cannot be kept (issue 16)", () => {
    const reason = 'operation "roll" cannot start within its maximum wait of 2880 minutes after "pickle" ends';
    expect(lateCause(order({ status: "unplannable", completion: null, lateMinutes: 0, reason }), en)).toBe(reason);
  });
  it("speaks Chinese too", () => {
    expect(lateCause(order({ heldBy: "CGL" }), translator("zh"))).toBe("在 CGL 等待最久");
  });
});

describe("formats", () => {
  it("writes durations in days, hours and minutes", () => {
    expect(formatDuration(0, "en")).toBe("0 min");
    expect(formatDuration(1 * 1440 + 3 * 60 + 5, "en")).toBe("1 d 3 h 5 min");
    expect(formatDuration(125, "zh")).toBe("2小时5分");
  });
  it("writes shares as percentages", () => {
    expect(formatShare(0.952381)).toBe("95.2 %");
    expect(formatShare(null)).toBe("—");
  });
});

describe("the Gantt bar's tooltip", () => {
  const en = translator("en");
  const plant = { orders: [{ id: "SO-1", item: "coil", quantity: 200, due: "2026-03-06T14:00" }] } as Plant;
  const operation = (quantity: number, part: number) => ({ order: "SO-1", operation: "turn", resource: "LATHE", unit: part, start: "2026-03-02T06:00", end: "2026-03-02T08:00", setupMinutes: 30, changeoverMinutes: 0, state: "planned" as const, quantity, part });
  const model = { rows: [{ resource: "LATHE", unit: 0, units: 2 }, { resource: "LATHE", unit: 1, units: 2 }] } as unknown as GanttModel;
  const bar = (index: number) => ({ index, row: index, order: "SO-1", operation: "turn", start: 0, end: 120, changeoverEnd: 0, setupEnd: 30, state: "on-time" as const });
  it("names a split operation's part and its share of the order's quantity", () => {
    const plan = { operations: [operation(120, 0), operation(80, 1)], orders: [] } as unknown as Plan;
    const tip = barTooltip(bar(1), model, plan, plant, en);
    expect(tip).toContain("SO-1</b> · turn · part 2");
    expect(tip).toContain("Quantity: 80 of 200");
  });
  it("gives a whole lot as before", () => {
    const plan = { operations: [operation(200, 0)], orders: [] } as unknown as Plan;
    const tip = barTooltip(bar(0), model, plan, plant, en);
    expect(tip).not.toContain("part");
    expect(tip).toContain("Quantity: 200");
  });
});
