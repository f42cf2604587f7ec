/** Each scheduling rule of issue 3 alone on a tiny fixture, with hand-computed times. */
import { describe, expect, it } from "vitest";
import { DAY_SHIFT, MONDAY, op, order, request, routing, solve, weekdays } from "./fixtures.ts";

const R = { id: "R", calendar: "day" };

describe("calendars", () => {
  it("pauses work over a break and a night", () => {
    const cal = weekdays("day", [{ start: "06:00", end: "14:00", breaks: [{ start: "10:00", end: "10:30" }] }]);
    const { response } = solve(request({ calendars: [cal], resources: [R], routings: [routing("x", ["R"], 500)], orders: [order("o1", "x")] }));
    // 06:00–10:00 (240) + 10:30–14:00 (210) = 450, the last 50 minutes on Tuesday morning.
    expect(op(response, "o1")).toMatchObject({ start: `${MONDAY}T06:00`, end: "2026-03-03T06:50" });
  });

  it("runs a shift across midnight, with a break after midnight", () => {
    const cal = weekdays("night", [{ start: "22:00", end: "06:00", breaks: [{ start: "02:00", end: "02:30" }] }]);
    const { response } = solve(
      request({ planStart: `${MONDAY}T20:00`, calendars: [cal], resources: [{ id: "R", calendar: "night" }], routings: [routing("x", ["R"], 600)], orders: [order("o1", "x")] }),
    );
    // Monday night 22:00–02:00 (240) + 02:30–06:00 (210); the last 150 minutes on Tuesday night 22:00–00:30.
    expect(op(response, "o1")).toMatchObject({ start: `${MONDAY}T22:00`, end: "2026-03-04T00:30" });
  });

  it("skips a holiday given as an exception", () => {
    const cal = { ...DAY_SHIFT, exceptions: [{ date: MONDAY, shifts: [] }] };
    const { response } = solve(request({ calendars: [cal], resources: [R], routings: [routing("x", ["R"], 60)], orders: [order("o1", "x")] }));
    expect(op(response, "o1")).toMatchObject({ start: "2026-03-03T06:00", end: "2026-03-03T07:00" });
  });
});

describe("durations", () => {
  it("needs setup + quantity × run / efficiency working minutes, rounded up", () => {
    const { response } = solve(
      request({ resources: [{ ...R, efficiency: 0.8 }], routings: [routing("x", ["R"], 7, { setupMinutes: 15 })], orders: [order("o1", "x", { quantity: 10 })] }),
    );
    // 15 + 10 × 7 / 0.8 = 102.5 → 103 minutes.
    expect(op(response, "o1")).toMatchObject({ start: `${MONDAY}T06:00`, end: `${MONDAY}T07:43`, setupMinutes: 15 });
  });
});

describe("capacity", () => {
  const orders = [order("o1", "x"), order("o2", "x")];
  it("runs one operation at a time on a single unit", () => {
    const { response } = solve(request({ resources: [R], routings: [routing("x", ["R"], 60)], orders }));
    const ends = response.operations.map((o) => o.end).sort();
    expect(ends).toEqual([`${MONDAY}T07:00`, `${MONDAY}T08:00`]);
  });

  it("runs parallel units at the same time", () => {
    const { response } = solve(request({ resources: [{ ...R, units: 2 }], routings: [routing("x", ["R"], 60)], orders }));
    expect(response.operations.map((o) => o.start)).toEqual([`${MONDAY}T06:00`, `${MONDAY}T06:00`]);
    expect(new Set(response.operations.map((o) => o.unit))).toEqual(new Set([0, 1]));
  });

  it("spreads work over alternative resources", () => {
    const resources = [R, { id: "S", calendar: "day" }];
    const { response } = solve(request({ resources, routings: [routing("x", ["R", "S"], 60)], orders: [...orders, order("o3", "x")] }));
    // Sum of completions: 60 + 60 + 120 with both resources, against 60 + 120 + 180 on one.
    expect(new Set(response.operations.map((o) => o.resource))).toEqual(new Set(["R", "S"]));
    expect(response.kpis.makespanMinutes).toBe(120);
  });
});

describe("changeovers", () => {
  const setupMatrix = { default: 30, changeovers: [{ from: "red", to: "blue", minutes: 10 }] };
  const routings = [routing("red", ["R"], 60, { family: "red" }), routing("blue", ["R"], 60, { family: "blue" })];

  it("sequences to the cheapest changeovers: same family free, listed pair, default otherwise", () => {
    const orders = [order("b", "blue"), order("r1", "red"), order("r2", "red")];
    const { response } = solve(request({ resources: [{ ...R, setupMatrix }], routings, orders }));
    // red, red, blue costs 0 + 10; any order starting blue pays the default 30 to go back to red.
    expect(op(response, "b")).toMatchObject({ changeoverMinutes: 10, setupMinutes: 10, end: `${MONDAY}T09:10` });
    expect(response.kpis.changeoverMinutes).toBe(10);
  });

  it("charges the default between families not listed", () => {
    const orders = [order("b", "blue", { due: `${MONDAY}T07:00`, priority: 1 }), order("r", "red")];
    const { response } = solve(request({ resources: [{ ...R, setupMatrix }], routings, orders }));
    expect(op(response, "b")).toMatchObject({ start: `${MONDAY}T06:00`, changeoverMinutes: 0 });
    expect(op(response, "r")).toMatchObject({ start: `${MONDAY}T07:00`, changeoverMinutes: 30, end: `${MONDAY}T08:30` });
  });
});

describe("routing order", () => {
  it("waits the minimum gap (elapsed) after the previous operation", () => {
    const routings = [{ item: "x", operations: [{ id: "a", resources: ["R"], runMinutesPerUnit: 60 }, { id: "b", resources: ["R"], runMinutesPerUnit: 60, minGapMinutes: 120 }] }];
    const { response } = solve(request({ resources: [R], routings, orders: [order("o1", "x")] }));
    expect(op(response, "o1", "a")).toMatchObject({ start: `${MONDAY}T06:00`, end: `${MONDAY}T07:00` });
    expect(op(response, "o1", "b")).toMatchObject({ start: `${MONDAY}T09:00` });
  });

  it("lets the gap run through the night", () => {
    const routings = [{ item: "x", operations: [{ id: "a", resources: ["R"], runMinutesPerUnit: 420 }, { id: "b", resources: ["R"], runMinutesPerUnit: 60, minGapMinutes: 960 }] }];
    const { response } = solve(request({ resources: [R], routings, orders: [order("o1", "x")] }));
    // a ends 13:00; 16 hours later is Tuesday 05:00, before the shift: b starts at 06:00.
    expect(op(response, "o1", "b")).toMatchObject({ start: "2026-03-03T06:00" });
  });

  it("starts nothing before release or material ready", () => {
    const orders = [order("o1", "x", { release: `${MONDAY}T08:00`, materialReady: `${MONDAY}T09:15` }), order("o2", "x", { release: `${MONDAY}T07:30` })];
    const { response } = solve(request({ resources: [{ ...R, units: 2 }], routings: [routing("x", ["R"], 30)], orders }));
    expect(op(response, "o1").start).toBe(`${MONDAY}T09:15`);
    expect(op(response, "o2").start).toBe(`${MONDAY}T07:30`);
  });
});

describe("progress", () => {
  const routings = [{ item: "x", operations: [{ id: "a", resources: ["R"], runMinutesPerUnit: 300 }, { id: "b", resources: ["R"], runMinutesPerUnit: 60 }] }];
  const base = { planStart: `${MONDAY}T10:00`, resources: [R], routings };

  it("finishes a running operation first, from its elapsed working time", () => {
    const progress = [{ order: "o1", operation: "a", status: "running", resource: "R", start: `${MONDAY}T06:00` }];
    const { response } = solve(request({ ...base, orders: [order("o2", "x"), order("o1", "x")], progress }));
    // 240 of 300 minutes done by 10:00: it ends at 11:00 and keeps unit and start.
    expect(op(response, "o1", "a")).toMatchObject({ state: "running", start: `${MONDAY}T06:00`, end: `${MONDAY}T11:00`, unit: 0 });
    for (const o of response.operations.filter((x) => x.state === "planned")) expect(o.start >= `${MONDAY}T11:00`).toBe(true);
  });

  it("uses the reported remaining minutes", () => {
    const progress = [{ order: "o1", operation: "a", status: "running", resource: "R", start: `${MONDAY}T06:00`, remainingMinutes: 30 }];
    const { response } = solve(request({ ...base, orders: [order("o1", "x")], progress }));
    expect(op(response, "o1", "a").end).toBe(`${MONDAY}T10:30`);
    expect(op(response, "o1", "b")).toMatchObject({ start: `${MONDAY}T10:30`, end: `${MONDAY}T11:30` });
  });

  it("keeps done operations as history and schedules only the rest", () => {
    const progress = [{ order: "o1", operation: "a", status: "done", resource: "R", start: `${MONDAY}T06:00` }];
    const { response } = solve(request({ ...base, planStart: `${MONDAY}T12:00`, orders: [order("o1", "x")], progress }));
    expect(response.operations.map((o) => o.operation)).toEqual(["b"]);
    expect(op(response, "o1", "b").start).toBe(`${MONDAY}T12:00`);
  });

  it("charges the changeover from the family the progress left on the unit", () => {
    const setupMatrix = { default: 45, changeovers: [] };
    const famRoutings = [routing("red", ["R"], 60, { family: "red" }), routing("blue", ["R"], 60, { family: "blue" })];
    const progress = [{ order: "r", operation: "op", status: "done", resource: "R", start: `${MONDAY}T06:00` }];
    const { response } = solve(request({ planStart: `${MONDAY}T08:00`, resources: [{ ...R, setupMatrix }], routings: famRoutings, orders: [order("r", "red"), order("b", "blue")], progress }));
    expect(op(response, "b")).toMatchObject({ start: `${MONDAY}T08:00`, changeoverMinutes: 45, end: `${MONDAY}T09:45` });
  });
});
