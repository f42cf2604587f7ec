/**
 * Each shop-floor rule of issue 16 alone on a tiny fixture, with times worked out by hand (day shift
 * Monday–Friday 06:00–14:00 unless said otherwise; 2026-03-02 is a Monday). Every plan passes the
 * independent validator (solve() checks it).
 */
import { describe, expect, it } from "vitest";
import type { ScheduleResponse } from "../../../src/schedule.ts";
import { MONDAY, op, order, request, solve, weekdays } from "./fixtures.ts";

const R = { id: "R", calendar: "day" };
const S = { id: "S", calendar: "day" };
const parts = (response: ScheduleResponse, orderId: string, operation: string) =>
  response.operations.filter((o) => o.order === orderId && o.operation === operation).sort((a, b) => a.part! - b.part!);
const outcome = (response: ScheduleResponse, id: string) => response.orders.find((o) => o.id === id)!;

describe("due-date buffer", () => {
  const routings = [{ item: "x", operations: [{ id: "op", resources: ["R"], runMinutesPerUnit: 60 }] }];

  it("plans against due − buffer and reports lateness against due", () => {
    // 06:00–11:00; due 10:00: 60 minutes late, and the buffer of 2 hours is not kept (its target was 08:00).
    const req = request({ resources: [R], routings: [{ item: "x", operations: [{ id: "op", resources: ["R"], runMinutesPerUnit: 300 }] }], orders: [order("o", "x", { due: `${MONDAY}T10:00`, dueBufferMinutes: 120 })] });
    const { response, result } = solve(req);
    expect(outcome(response, "o")).toMatchObject({ completion: `${MONDAY}T11:00`, lateMinutes: 60, onTime: false, bufferKept: false });
    expect(response.kpis).toMatchObject({ weightedTardiness: 100 * 60, bufferKeptRate: 0 });
    // The objective counts 180 minutes past the target and 60 more past the due date.
    expect(result.objective[0]).toBe(100 * (180 + 60));
  });

  it("changes the sequence: a buffered order goes first to finish by due − buffer", () => {
    // o2 due 08:00, o1 due 12:00 with 5 hours of buffer (target 07:00): o1 06:00–07:00, then o2 07:00–08:00.
    const orders = [order("o1", "x", { due: `${MONDAY}T12:00` }), order("o2", "x", { due: `${MONDAY}T08:00`, dueBufferMinutes: 0 })];
    const buffered = solve(request({ resources: [R], routings, orders, options: { dueBufferMinutes: 300 } })).response;
    expect(op(buffered, "o1")).toMatchObject({ start: `${MONDAY}T06:00`, end: `${MONDAY}T07:00` });
    expect(op(buffered, "o2")).toMatchObject({ start: `${MONDAY}T07:00`, end: `${MONDAY}T08:00` });
    expect(buffered.orders.map((o) => o.bufferKept)).toEqual([true, true]);
    // Without it the earlier due date goes first.
    const plain = solve(request({ resources: [R], routings, orders })).response;
    expect(op(plain, "o2").start).toBe(`${MONDAY}T06:00`);
  });
});

describe("maximum wait", () => {
  // S is taken by a priority-1 order until 09:00; b may start at most 30 minutes after a ends.
  const routings = [
    { item: "x", operations: [{ id: "a", resources: ["R"], runMinutesPerUnit: 60 }, { id: "b", resources: ["S"], runMinutesPerUnit: 60, maxWaitMinutes: 30 }] },
    { item: "y", operations: [{ id: "op", resources: ["S"], runMinutesPerUnit: 180 }] },
  ];
  const orders = [order("blk", "y", { priority: 1, due: `${MONDAY}T09:00` }), order("o1", "x")];

  it("holds the predecessor back so that the next operation starts in time", () => {
    const { response } = solve(request({ resources: [R, S], routings, orders }));
    // Without the limit a would run 06:00–07:00 and wait two hours; it must end at 08:30 at the earliest.
    expect(op(response, "o1", "a")).toMatchObject({ start: `${MONDAY}T07:30`, end: `${MONDAY}T08:30` });
    expect(op(response, "o1", "b")).toMatchObject({ start: `${MONDAY}T09:00`, end: `${MONDAY}T10:00` });
    // a was held back 90 minutes; b then waited 30 for S.
    expect(outcome(response, "o1").waits).toMatchObject({ release: 90, capacity: 30 });
  });

  it("leaves the order out, with the reason, when running work cannot be followed in time", () => {
    const progress = [
      { order: "blk", operation: "op", status: "running", resource: "S", start: `${MONDAY}T06:00`, remainingMinutes: 120 },
      { order: "o1", operation: "a", status: "running", resource: "R", start: `${MONDAY}T06:00`, remainingMinutes: 0 },
    ];
    const { response } = solve(request({ planStart: `${MONDAY}T07:00`, resources: [R, S], routings, orders, progress }));
    expect(outcome(response, "o1")).toMatchObject({ status: "unplannable", completion: null, onTime: false });
    expect(outcome(response, "o1").reason).toMatch(/"b" cannot start within its maximum wait of 30 minutes after "a"/);
    // Its running operation is still on the floor; nothing else of it is planned.
    expect(response.operations.filter((o) => o.order === "o1").map((o) => [o.operation, o.state])).toEqual([["a", "running"]]);
    expect(response.kpis).toMatchObject({ onTimeRate: 0.5, unplannableOrders: 1 });
  });
});

describe("uninterruptible operations", () => {
  const cal = weekdays("day", [{ start: "06:00", end: "14:00", breaks: [{ start: "10:00", end: "10:30" }] }]);
  const routings = (minutes: number, interruptible = false) => [
    { item: "x", operations: [{ id: "op", resources: ["R"], runMinutesPerUnit: minutes, interruptible }] },
    { item: "w", operations: [{ id: "op", resources: ["R"], runMinutesPerUnit: 120 }] },
  ];

  it("runs in one unbroken stretch: after the break, not across it", () => {
    // R is busy 06:00–08:00; 200 minutes no longer fit before the 10:00 break, so 10:30–13:50.
    const orders = [order("w", "w", { priority: 1, due: `${MONDAY}T08:00` }), order("o", "x")];
    const { response } = solve(request({ calendars: [cal], resources: [R], routings: routings(200), orders }));
    expect(op(response, "o")).toMatchObject({ start: `${MONDAY}T10:30`, end: `${MONDAY}T13:50` });
    // An interruptible one would have run 08:00–10:00 and 10:30–11:50.
    const interruptible = solve(request({ calendars: [cal], resources: [R], routings: routings(200, true), orders })).response;
    expect(op(interruptible, "o")).toMatchObject({ start: `${MONDAY}T08:00`, end: `${MONDAY}T11:50` });
  });

  it("makes an order unplannable when no working stretch is long enough", () => {
    // 300 minutes: the stretches are 240 (06:00–10:00) and 210 (10:30–14:00).
    const { response } = solve(request({ calendars: [cal], resources: [R], routings: routings(300), orders: [order("o", "x"), order("w", "w")] }));
    expect(outcome(response, "o")).toMatchObject({ status: "unplannable" });
    expect(outcome(response, "o").reason).toMatch(/must run unbroken for 300 working minutes.*longest: R 240 minutes/);
    expect(op(response, "w")).toMatchObject({ start: `${MONDAY}T06:00` });
  });
});

describe("transfer batches", () => {
  // 100 units: a takes 30 setup + 1 min/unit (06:00–08:10); its first 10 units are done at 06:40.
  const routing = (run: number, extra: Record<string, unknown> = {}, transfer: Record<string, unknown> = { transferQuantity: 10 }) => [
    {
      item: "x",
      operations: [
        { id: "a", resources: ["R"], setupMinutes: 30, runMinutesPerUnit: 1, ...transfer },
        { id: "b", resources: ["S"], runMinutesPerUnit: run, ...extra },
      ],
    },
  ];
  const orders = [order("o", "x", { quantity: 100 })];

  it("starts the next operation after the first batch", () => {
    // b needs 200 minutes: 06:40–10:00, well after a's end + its last batch (08:10 + 20 = 08:30).
    const { response } = solve(request({ resources: [R, S], routings: routing(2), orders }));
    expect(op(response, "o", "a")).toMatchObject({ start: `${MONDAY}T06:00`, end: `${MONDAY}T08:10` });
    expect(op(response, "o", "b")).toMatchObject({ start: `${MONDAY}T06:40`, end: `${MONDAY}T10:00` });
  });

  it("ends the next operation no earlier than the last batch allows", () => {
    // b needs 50 minutes (0.5 min/unit): it must end at 08:10 + 10 × 0.5 = 08:15, so it starts 07:25.
    const { response } = solve(request({ resources: [R, S], routings: routing(0.5), orders }));
    expect(op(response, "o", "b")).toMatchObject({ start: `${MONDAY}T07:25`, end: `${MONDAY}T08:15` });
  });

  it("keeps the minimum gap after the batch, and moves the whole lot without the field", () => {
    // A 15-minute gap: start ≥ 06:55, end ≥ 08:10 + 15 + 5 = 08:30, so 07:40–08:30.
    const gapped = solve(request({ resources: [R, S], routings: routing(0.5, { minGapMinutes: 15 }), orders })).response;
    expect(op(gapped, "o", "b")).toMatchObject({ start: `${MONDAY}T07:40`, end: `${MONDAY}T08:30` });
    const whole = solve(request({ resources: [R, S], routings: routing(0.5, {}, {}), orders })).response;
    expect(op(whole, "o", "b")).toMatchObject({ start: `${MONDAY}T08:10`, end: `${MONDAY}T09:00` });
  });

  it("sends the first batch of a frozen predecessor too, and the whole lot of a running one", () => {
    // The plan in force ran b after a's whole lot (08:10–11:30, 90 minutes late for 10:00); a is frozen by the
    // 06:30 fence and still sends its first 10 units at 06:40, so b runs 06:40–10:00 as in the plan above.
    const late = [order("o", "x", { quantity: 100, due: `${MONDAY}T10:00` })];
    const reference = {
      operations: [
        { order: "o", operation: "a", resource: "R", unit: 0, start: `${MONDAY}T06:00`, end: `${MONDAY}T08:10`, setupMinutes: 30, changeoverMinutes: 0, state: "planned" },
        { order: "o", operation: "b", resource: "S", unit: 0, start: `${MONDAY}T08:10`, end: `${MONDAY}T11:30`, setupMinutes: 0, changeoverMinutes: 0, state: "planned" },
      ],
    };
    const frozen = solve(request({ resources: [R, S], routings: routing(2), orders: late, reference, frozenUntil: `${MONDAY}T06:30` })).response;
    expect(op(frozen, "o", "a")).toMatchObject({ start: `${MONDAY}T06:00`, end: `${MONDAY}T08:10`, state: "frozen" });
    expect(op(frozen, "o", "b")).toMatchObject({ start: `${MONDAY}T06:40`, end: `${MONDAY}T10:00`, state: "planned" });
    // Reported running at 07:00 (70 of its 130 minutes left, to 08:10), a's progress is not known: b waits for the lot.
    const progress = [{ order: "o", operation: "a", status: "running", resource: "R", unit: 0, start: `${MONDAY}T06:00` }];
    const running = solve(request({ resources: [R, S], routings: routing(2), orders: late, progress, planStart: `${MONDAY}T07:00` })).response;
    expect(op(running, "o", "a")).toMatchObject({ end: `${MONDAY}T08:10`, state: "running" });
    expect(op(running, "o", "b")).toMatchObject({ start: `${MONDAY}T08:10`, end: `${MONDAY}T11:30` });
  });
});

describe("lot splitting", () => {
  // 40 units at 20 setup + 3 min/unit: whole, 140 minutes (06:00–08:20); halves, 80 minutes each.
  const routings = (split: Record<string, unknown>) => [{ item: "x", operations: [{ id: "op", resources: ["R"], setupMinutes: 20, runMinutesPerUnit: 3, split }] }];

  it("splits over two units when that makes the due date, each part paying its setup", () => {
    const req = request({ resources: [{ ...R, units: 2 }], routings: routings({ minQuantity: 10 }), orders: [order("o", "x", { quantity: 40, due: `${MONDAY}T07:30` })] });
    const { response } = solve(req);
    const ps = parts(response, "o", "op");
    expect(ps.map((x) => [x.quantity, x.setupMinutes, x.start, x.end])).toEqual([
      [20, 20, `${MONDAY}T06:00`, `${MONDAY}T07:20`],
      [20, 20, `${MONDAY}T06:00`, `${MONDAY}T07:20`],
    ]);
    expect(new Set(ps.map((x) => x.unit))).toEqual(new Set([0, 1]));
    expect(response.kpis.setupMinutes).toBe(40);
  });

  it("does not split where it gains nothing: one unit, one part, one setup", () => {
    const { response } = solve(request({ resources: [R], routings: routings({ minQuantity: 10 }), orders: [order("o", "x", { quantity: 40 })] }));
    expect(parts(response, "o", "op").map((x) => [x.part, x.quantity, x.setupMinutes, x.start, x.end])).toEqual([[0, 40, 20, `${MONDAY}T06:00`, `${MONDAY}T08:20`]]);
    expect(response.kpis.setupMinutes).toBe(20);
  });

  it("keeps parts of at least minQuantity and at most maxParts", () => {
    // 90 units, at most 2 parts: halves of 45 (20 + 135 = 155 minutes each, 06:00–08:35).
    const { response } = solve(request({ resources: [{ ...R, units: 3 }], routings: routings({ minQuantity: 10, maxParts: 2 }), orders: [order("o", "x", { quantity: 90, due: `${MONDAY}T06:00` })] }));
    expect(parts(response, "o", "op").map((x) => [x.quantity, x.end])).toEqual([
      [45, `${MONDAY}T08:35`],
      [45, `${MONDAY}T08:35`],
    ]);
    // A lot smaller than two minimum parts runs whole.
    const small = solve(request({ resources: [{ ...R, units: 2 }], routings: routings({ minQuantity: 25 }), orders: [order("o", "x", { quantity: 40, due: `${MONDAY}T06:00` })] })).response;
    expect(parts(small, "o", "op").map((x) => x.quantity)).toEqual([40]);
  });

  it("waits for every part before the next operation", () => {
    const twoSteps = [
      { item: "x", operations: [{ id: "op", resources: ["R"], setupMinutes: 20, runMinutesPerUnit: 3, split: { minQuantity: 10 } }, { id: "next", resources: ["S"], runMinutesPerUnit: 1 }] },
    ];
    const { response } = solve(request({ resources: [{ ...R, units: 2 }, S], routings: twoSteps, orders: [order("o", "x", { quantity: 40, due: `${MONDAY}T08:00` })] }));
    expect(op(response, "o", "next")).toMatchObject({ start: `${MONDAY}T07:20`, end: `${MONDAY}T08:00` });
  });
});

describe("the 200-piece job (lathe, mill, assembly; two identical lathes)", () => {
  // Lathe 30 + 6 min/piece, mill 20 + 4, assembly 3; due Friday 14:00. The four-step tally: lathe
  // 1,230 / 2 units, mill 820, assembly 600 minutes, all within the week's 2,400 per unit.
  const job = (rules: boolean) =>
    request({
      resources: [{ id: "LATHE", calendar: "day", units: 2 }, { id: "MILL", calendar: "day" }, { id: "ASSY", calendar: "day" }],
      routings: [
        {
          item: "A",
          operations: [
            { id: "turn", resources: ["LATHE"], setupMinutes: 30, runMinutesPerUnit: 6, ...(rules ? { split: { minQuantity: 50 }, transferQuantity: 20 } : {}) },
            { id: "mill", resources: ["MILL"], setupMinutes: 20, runMinutesPerUnit: 4, ...(rules ? { transferQuantity: 20 } : {}) },
            { id: "assemble", resources: ["ASSY"], runMinutesPerUnit: 3 },
          ],
        },
      ],
      orders: [order("A-200", "A", { quantity: 200, due: "2026-03-06T14:00" })],
    });

  it("is 4,090 minutes late when the lot moves whole on one lathe", () => {
    // Turning Mon 06:00 – Wed 10:30, milling to Fri 08:10, assembly to next Monday 10:10.
    const { response } = solve(job(false));
    expect(outcome(response, "A-200")).toMatchObject({ completion: "2026-03-09T10:10", lateMinutes: 4090 });
  });

  it("is on time, Wednesday 07:10, with both lathes and overlapping operations", () => {
    const { response } = solve(job(true));
    // Two parts of 100 on the two lathes, 30 + 600 minutes each: Mon 06:00 – Tue 08:30.
    expect(parts(response, "A-200", "turn").map((x) => [x.unit, x.quantity, x.start, x.end])).toEqual([
      [0, 100, `${MONDAY}T06:00`, "2026-03-03T08:30"],
      [1, 100, `${MONDAY}T06:00`, "2026-03-03T08:30"],
    ]);
    // Milling starts when the first 20 pieces are turned (30 + 120 minutes), 820 minutes: Mon 08:30 – Wed 06:10.
    expect(op(response, "A-200", "mill")).toMatchObject({ start: `${MONDAY}T08:30`, end: "2026-03-04T06:10" });
    // Assembly may start at 10:10 (the mill's first 20: 20 + 80 minutes) but may not end before the last
    // 20 are milled and assembled (Wed 06:10 + 60 = 07:10): 600 minutes back from 07:10 is Mon 13:10.
    expect(op(response, "A-200", "assemble")).toMatchObject({ start: `${MONDAY}T13:10`, end: "2026-03-04T07:10" });
    expect(outcome(response, "A-200")).toMatchObject({ lateMinutes: 0, onTime: true, waits: { capacity: 0, calendar: 0 } });
  });
});

describe("just-in-time timing", () => {
  // S is taken until 09:00; o (a on R, b on S, 60 minutes each) is due 13:00.
  const routings = [
    { item: "x", operations: [{ id: "a", resources: ["R"], runMinutesPerUnit: 60 }, { id: "b", resources: ["S"], runMinutesPerUnit: 60 }] },
    { item: "y", operations: [{ id: "op", resources: ["S"], runMinutesPerUnit: 180 }] },
  ];
  const orders = (buffer: number) => [order("blk", "y", { priority: 1, due: `${MONDAY}T09:00` }), order("o", "x", { due: `${MONDAY}T13:00`, dueBufferMinutes: buffer })];

  it("moves work as late as the due date allows, keeping every unit's sequence", () => {
    const early = solve(request({ resources: [R, S], routings, orders: orders(0) })).response;
    expect(op(early, "o", "a")).toMatchObject({ start: `${MONDAY}T06:00`, end: `${MONDAY}T07:00` });
    expect(early.kpis.meanWaitMinutes).toBe(120);
    const late = solve(request({ resources: [R, S], routings, orders: orders(0), options: { timing: "just-in-time" } })).response;
    // b ends at the due date, a just before b; the order waits no more between its operations.
    expect(op(late, "o", "b")).toMatchObject({ start: `${MONDAY}T12:00`, end: `${MONDAY}T13:00` });
    expect(op(late, "o", "a")).toMatchObject({ start: `${MONDAY}T11:00`, end: `${MONDAY}T12:00` });
    expect(op(late, "blk", "op")).toMatchObject({ start: `${MONDAY}T06:00`, end: `${MONDAY}T09:00` });
    expect(late.kpis).toMatchObject({ meanWaitMinutes: 0, onTimeRate: 1 });
  });

  it("finishes by due − buffer, and never later than the early plan when that is later", () => {
    const buffered = solve(request({ resources: [R, S], routings, orders: orders(60), options: { timing: "just-in-time" } })).response;
    expect(op(buffered, "o", "b")).toMatchObject({ start: `${MONDAY}T11:00`, end: `${MONDAY}T12:00` });
    expect(outcome(buffered, "o")).toMatchObject({ bufferKept: true });
    // Due 08:00: late in any plan, so it stays where the early plan has it.
    const late = [order("blk", "y", { priority: 1, due: `${MONDAY}T09:00` }), order("o", "x", { due: `${MONDAY}T08:00` })];
    const stays = solve(request({ resources: [R, S], routings, orders: late, options: { timing: "just-in-time" } })).response;
    expect(op(stays, "o", "b")).toMatchObject({ start: `${MONDAY}T09:00`, end: `${MONDAY}T10:00` });
    expect(op(stays, "o", "a")).toMatchObject({ start: `${MONDAY}T08:00`, end: `${MONDAY}T09:00` });
  });
});
