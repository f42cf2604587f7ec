/**
 * Pools and batch resources (issue 21) on tiny fixtures with plans worked out by hand (2026-03-02 is a
 * Monday). Every plan passes the independent validator (solve() checks it), which counts the pools' units
 * minute by minute and the batches' members on their own.
 */
import { describe, expect, it } from "vitest";
import { MONDAY, op, order, request, solve, weekdays } from "./fixtures.ts";

const TUESDAY = "2026-03-03";
const machine = (id: string, calendar = "day") => ({ id, calendar });

describe("an operator pool", () => {
  // Three machines, two operators on the day shift: a (120 min, due 08:00) on M1, b (60) on M2, c (30) on M3.
  const routings = ["M1", "M2", "M3"].map((m, i) => ({
    item: `x${i}`,
    operations: [{ id: "op", resources: [m], runMinutesPerUnit: [120, 60, 30][i]!, requires: [{ pool: "operators" }] }],
  }));
  const orders = [order("a", "x0", { due: `${MONDAY}T08:00` }), order("b", "x1"), order("c", "x2")];
  const resources = ["M1", "M2", "M3"].map((m) => machine(m));

  it("runs three machines with two operators: the short job first, the third when an operator is free", () => {
    const req = request({ resources, pools: [{ id: "operators", calendar: "day", units: 2 }], routings, orders });
    const { response } = solve(req);
    // a must start at once to be on time; of b and c, c first finishes the sum of completions soonest
    // (a 08:00 + c 06:30 + b 07:30 beats b 07:00 + c 07:30).
    expect(op(response, "a")).toMatchObject({ start: `${MONDAY}T06:00`, end: `${MONDAY}T08:00`, pools: [{ pool: "operators", units: 1 }] });
    expect(op(response, "c")).toMatchObject({ start: `${MONDAY}T06:00`, end: `${MONDAY}T06:30` });
    expect(op(response, "b")).toMatchObject({ start: `${MONDAY}T06:30`, end: `${MONDAY}T07:30` });
    // 210 operator-minutes held of 2 × 120 offered until the last completion.
    expect(response.kpis.poolUtilization).toEqual({ operators: 210 / 240 });
  });

  it("without the pool, all three start at once", () => {
    const free = routings.map((r) => ({ ...r, operations: r.operations.map(({ requires: _, ...rest }) => rest) }));
    const { response } = solve(request({ resources, routings: free, orders }));
    expect(response.operations.map((o) => o.start)).toEqual([`${MONDAY}T06:00`, `${MONDAY}T06:00`, `${MONDAY}T06:00`]);
    expect(response.kpis.poolUtilization).toBeUndefined();
  });

  it("has fewer operators at night: the second job waits for the first to finish", () => {
    // Round the clock; two operators, one from 22:00 to 06:00. Plan start Monday 20:00, two 4-hour jobs.
    const allDay = weekdays("all", [{ start: "06:00", end: "06:00" }]);
    const night = [{ from: "22:00", to: "06:00", units: 1 }];
    const jobs = [
      { item: "p", operations: [{ id: "op", resources: ["M1"], runMinutesPerUnit: 240, requires: [{ pool: "crew" }] }] },
      { item: "q", operations: [{ id: "op", resources: ["M2"], runMinutesPerUnit: 240, requires: [{ pool: "crew" }] }] },
    ];
    const base = { calendars: [allDay], resources: [machine("M1", "all"), machine("M2", "all")], routings: jobs };
    const orders2 = [order("first", "p", { due: `${TUESDAY}T00:00` }), order("second", "q", { due: `${TUESDAY}T12:00` })];
    const atNight = solve(request({ ...base, planStart: `${MONDAY}T20:00`, pools: [{ id: "crew", calendar: "all", units: 2, unitsByShift: night }], orders: orders2 })).response;
    // Together they would hold two operators from 22:00 on: the second starts when the first ends.
    expect(op(atNight, "first")).toMatchObject({ start: `${MONDAY}T20:00`, end: `${TUESDAY}T00:00` });
    expect(op(atNight, "second")).toMatchObject({ start: `${TUESDAY}T00:00`, end: `${TUESDAY}T04:00` });
    // In the day both operators are there: both start at 08:00.
    const byDay = solve(request({ ...base, planStart: `${MONDAY}T08:00`, pools: [{ id: "crew", calendar: "all", units: 2, unitsByShift: night }], orders: orders2 })).response;
    expect(byDay.operations.map((o) => [o.start, o.end])).toEqual([
      [`${MONDAY}T08:00`, `${MONDAY}T12:00`],
      [`${MONDAY}T08:00`, `${MONDAY}T12:00`],
    ]);
  });

  it("works only while the pool works: a crew on the day shift stops a round-the-clock machine at 14:00", () => {
    const allDay = weekdays("all", [{ start: "06:00", end: "06:00" }]);
    const req = request({
      calendars: [allDay, weekdays("day", [{ start: "06:00", end: "14:00" }])],
      resources: [machine("M1", "all")],
      pools: [{ id: "crew", calendar: "day", units: 1 }],
      routings: [{ item: "p", operations: [{ id: "op", resources: ["M1"], runMinutesPerUnit: 600, requires: [{ pool: "crew" }] }] }],
      orders: [order("o", "p", { due: `${TUESDAY}T23:00` })],
    });
    // 480 minutes on Monday's day shift, the last 120 on Tuesday 06:00–08:00.
    expect(op(solve(req).response, "o")).toMatchObject({ start: `${MONDAY}T06:00`, end: `${TUESDAY}T08:00` });
  });
});

describe("a batch furnace", () => {
  // Cold rolling on the day shift, 60 minutes a coil of 20 t; annealing round the clock in a fixed 4-hour cycle.
  const allDay = weekdays("all", [{ start: "06:00", end: "06:00" }]);
  const routings = [
    {
      item: "coil",
      operations: [
        { id: "roll", resources: ["R"], runMinutesPerUnit: 3 },
        { id: "anneal", resources: ["F"], runMinutesPerUnit: 0, family: "soft" },
      ],
    },
  ];
  const orders = ["c1", "c2", "c3"].map((id) => order(id, "coil", { quantity: 20 }));
  const furnace = (capacity: number) => ({ id: "F", calendar: "all", batch: { capacity, measure: "quantity", minutes: 240 } });

  it("anneals the three coils as one charge of 60 t once the last is rolled", () => {
    const req = request({ calendars: [weekdays("day", [{ start: "06:00", end: "14:00" }]), allDay], resources: [machine("R"), furnace(60)], routings, orders });
    const { response } = solve(req);
    expect(response.operations.filter((o) => o.operation === "roll").map((o) => o.end).sort()).toEqual([`${MONDAY}T07:00`, `${MONDAY}T08:00`, `${MONDAY}T09:00`]);
    // Rolled by 09:00, annealed 09:00–13:00 together (each alone would finish later on average).
    const annealed = response.operations.filter((o) => o.operation === "anneal");
    expect(annealed.map((o) => [o.start, o.end])).toEqual(Array(3).fill([`${MONDAY}T09:00`, `${MONDAY}T13:00`]));
    expect(new Set(annealed.map((o) => o.batch)).size).toBe(1);
    expect(response.kpis.meanBatchFill).toBe(1);
  });

  it("re-plans against the plan in force: the charge under way stays frozen, nothing changes", () => {
    const calendars = [weekdays("day", [{ start: "06:00", end: "14:00" }]), allDay];
    const issued = solve(request({ calendars, resources: [machine("R"), furnace(60)], routings, orders })).response;
    const { response } = solve(request({ calendars, resources: [machine("R"), furnace(60)], routings, orders, reference: issued, frozenUntil: `${MONDAY}T10:00` }));
    const annealed = response.operations.filter((o) => o.operation === "anneal");
    expect(annealed.map((o) => [o.start, o.end, o.state])).toEqual(Array(3).fill([`${MONDAY}T09:00`, `${MONDAY}T13:00`, "frozen"]));
    expect(response.changes?.count).toBe(0);
  });

  it("fills a charge of 40 t with two coils and anneals the third after it", () => {
    const req = request({ calendars: [weekdays("day", [{ start: "06:00", end: "14:00" }]), allDay], resources: [machine("R"), furnace(40)], routings, orders });
    const { response } = solve(req);
    const annealed = response.operations.filter((o) => o.operation === "anneal").map((o) => [o.start, o.end]).sort();
    // [c1 c2] 08:00–12:00 and c3 12:00–16:00 (Σ completions 6+6+10 h) beats c1 alone 07:00–11:00, then [c2 c3] 11:00–15:00 (5+9+9 h).
    expect(annealed).toEqual([
      [`${MONDAY}T08:00`, `${MONDAY}T12:00`],
      [`${MONDAY}T08:00`, `${MONDAY}T12:00`],
      [`${MONDAY}T12:00`, `${MONDAY}T16:00`],
    ]);
    expect(response.kpis.meanBatchFill).toBe((1 + 0.5) / 2);
  });
});
