/**
 * Re-planning against a reference plan with a frozen fence (issue 15), each rule on a hand-worked fixture:
 * one machine M on the day shift (06:00–14:00), one-hour orders, a plan in force written by hand. `solve`
 * checks every plan with the independent validator, which checks the frozen operations against the
 * reference, the fence and the changes itself.
 */
import { describe, expect, it } from "vitest";
import { ModelError } from "../../../src/errors.ts";
import { ScheduleRequest } from "../../../src/schedule.ts";
import type { ScheduledOperation } from "../../../src/schedule.ts";
import { plannedOperation } from "../../helpers/planned-operation.ts";
import { searchSchedule } from "../../../solver/schedule/search-schedule.ts";
import { MONDAY, op, order, request, routing, solve } from "./fixtures.ts";

const at = (time: string) => `${MONDAY}T${time}`;
const planned = (id: string, start: string, end: string, extra: Partial<ScheduledOperation> = {}) => plannedOperation(id, "op", "M", start, end, extra);
/** The plan in force: a, b, c one after the other from 06:00. */
const REFERENCE = { operations: [planned("a", "06:00", "07:00"), planned("b", "07:00", "08:00"), planned("c", "08:00", "09:00")] };
const shop = (extra: Record<string, unknown> = {}) => ({
  resources: [{ id: "M", calendar: "day" }],
  routings: [routing("p", ["M"], 60)],
  orders: [order("a", "p"), order("b", "p"), order("c", "p")],
  reference: REFERENCE,
  frozenUntil: at("07:30"),
  ...extra,
});
const times = (response: ReturnType<typeof solve>["response"]) => response.operations.map((o) => `${o.order} ${o.start.slice(11)}-${o.end.slice(11)} ${o.state}`);

describe("re-planning against a reference", () => {
  it("gives the plan in force back unchanged when nothing changed, frozen before the fence", () => {
    const { response } = solve(request(shop()));
    expect(times(response)).toEqual(["a 06:00-07:00 frozen", "b 07:00-08:00 frozen", "c 08:00-09:00 planned"]);
    expect(response.changes).toEqual({ count: 0, operations: [] });
  });

  it("starts nothing new before the fence: a rush order due 07:00 waits behind the frozen work", () => {
    const orders = [order("a", "p"), order("b", "p"), order("c", "p"), order("d", "p", { due: at("07:00"), priority: 1 })];
    const { response } = solve(request(shop({ orders })));
    // a and b are frozen (they start before 07:30); d goes first after them, c behind it.
    expect(times(response)).toEqual(["a 06:00-07:00 frozen", "b 07:00-08:00 frozen", "c 09:00-10:00 planned", "d 08:00-09:00 planned"]);
    expect(response.orders.find((o) => o.id === "d")!.lateMinutes).toBe(120);
    // c moved exactly 60 minutes: within the default tolerance, so no change.
    expect(response.changes!.count).toBe(0);
  });

  it("counts a start moved by more than moveToleranceMinutes as a change", () => {
    const orders = [order("a", "p"), order("b", "p"), order("c", "p"), order("d", "p", { due: at("07:00"), priority: 1 })];
    const { response } = solve(request(shop({ orders, options: { moveToleranceMinutes: 59 } })));
    expect(response.changes).toEqual({
      count: 1,
      operations: [{ order: "c", operation: "op", before: { resource: "M", unit: 0, start: at("08:00") }, after: { resource: "M", unit: 0, start: at("09:00") } }],
    });
  });

  it("without a fence, makes room for the rush order at 06:00 with the fewest changes: one order to the end, not all three later", () => {
    const orders = [order("a", "p"), order("b", "p"), order("c", "p"), order("d", "p", { due: at("07:00"), priority: 1 })];
    const { response } = solve(request(shop({ orders, frozenUntil: undefined, options: { moveToleranceMinutes: 30 } })));
    expect(op(response, "d")).toMatchObject({ start: at("06:00"), state: "planned" });
    // Shifting a, b and c an hour later would be three changes; one of them moved behind the others is one.
    expect(response.changes!.count).toBe(1);
    expect(response.changes!.operations[0]!.after.start).toBe(at("09:00"));
  });

  it("keeps the plan in force at equal tardiness (minimal-change) and moves to the better completion times only when free", () => {
    // x on the slow alternative S (0.4: 150 minutes) in the plan in force; on F after y it would end 30 minutes sooner.
    const body = {
      resources: [{ id: "F", calendar: "day" }, { id: "S", calendar: "day", efficiency: 0.4 }],
      routings: [routing("q", ["F", "S"], 60)],
      orders: [order("x", "q"), order("y", "q")],
      reference: { operations: [planned("y", "06:00", "07:00", { resource: "F" }), planned("x", "06:00", "08:30", { resource: "S" })] },
    };
    const stable = solve(request(body)).response;
    expect(op(stable, "x")).toMatchObject({ resource: "S", start: at("06:00"), end: at("08:30") });
    expect(stable.changes!.count).toBe(0);
    const free = solve(request({ ...body, options: { stability: "free" } })).response;
    expect(op(free, "x").resource).toBe("F");
    expect(free.changes!.operations.map((c) => c.order)).toContain("x");
    expect(Math.max(...free.orders.map((o) => Date.parse(o.completion!)))).toBe(Date.parse(`${at("08:00")}Z`));
  });

  it("drops an anchor to close a gap only when that helps a late order", () => {
    // b was removed from the orders and its hour freed: c, due 08:30, is late where the reference has it.
    const body = shop({ orders: [order("a", "p"), order("c", "p", { due: at("08:30") })], reference: { operations: [REFERENCE.operations[0]!, REFERENCE.operations[2]!] }, frozenUntil: at("06:00") });
    expect(times(solve(request(body)).response)).toEqual(["a 06:00-07:00 planned", "c 07:00-08:00 planned"]);
    // On time where it is, it stays when moving an hour counts as a change (and moves, sooner done, when it does not).
    const onTime = { ...body, orders: [order("a", "p"), order("c", "p")] };
    expect(times(solve(request({ ...onTime, options: { moveToleranceMinutes: 30 } })).response)).toEqual(["a 06:00-07:00 planned", "c 08:00-09:00 planned"]);
    expect(times(solve(request(onTime)).response)).toEqual(["a 06:00-07:00 planned", "c 07:00-08:00 planned"]);
  });

  it("lets progress override the reference: done work is history, running work finishes its remaining minutes", () => {
    const progress = [
      { order: "a", operation: "op", status: "done", resource: "M", start: at("06:00") },
      { order: "b", operation: "op", status: "running", resource: "M", start: at("07:00"), remainingMinutes: 30 },
    ];
    const { response } = solve(request(shop({ planStart: at("07:30"), progress, frozenUntil: at("09:30") })));
    expect(times(response)).toEqual(["b 07:00-08:00 running", "c 08:00-09:00 frozen"]);
  });
});

describe("re-planning against a reference when the time runs out", () => {
  it("answers timedout wherever a stop comes, also before the dispatching plan the new orders need is built", () => {
    // 600 orders the reference lacks: dispatching them polls the stop (every 512 steps), and a stop there
    // leaves no plan for them to start the reference's sequencings from.
    const orders = [order("a", "p"), order("b", "p"), order("c", "p"), ...Array.from({ length: 600 }, (_, k) => order(`n${k}`, "p"))];
    const outcomes = Array.from({ length: 8 }, (_, k) => {
      let polls = 0;
      return searchSchedule(request(shop({ orders })), { seed: 1, budget: { workUnits: 1e9, deadlineMs: 60_000 }, clock: () => 0, shouldStop: () => ++polls > k });
    });
    for (const outcome of outcomes) expect(outcome.status).toBe("timedout");
    expect(outcomes.some((o) => o.schedule === null && /before a first plan/.test(o.reason ?? ""))).toBe(true);
  });
});

describe("reference and fence: bad input", () => {
  const problems = (body: Record<string, unknown>) => {
    try {
      searchSchedule(request(body), { seed: 1, budget: { workUnits: 1000, deadlineMs: 60_000 }, clock: () => 0 });
    } catch (error) {
      expect(error).toBeInstanceOf(ModelError);
      return (error as ModelError).problems;
    }
    return expect.unreachable();
  };

  it("names reference operations with unknown orders, operations, resources, units, or that overlap on a unit (422)", () => {
    const operations = [
      planned("zz", "06:00", "07:00"),
      planned("a", "06:00", "07:00", { operation: "nope" }),
      planned("b", "07:00", "08:00", { resource: "Q" }),
      planned("c", "08:00", "09:00", { unit: 1 }),
    ];
    expect(problems(shop({ reference: { operations } })).map((p) => p.path)).toEqual([
      "reference.operations[0].order",
      "reference.operations[1].operation",
      "reference.operations[2].resource",
      "reference.operations[3].unit",
    ]);
    const overlapping = [planned("a", "06:00", "07:00"), planned("b", "06:30", "07:30"), planned("c", "08:00", "09:00")];
    const overlap = problems(shop({ reference: { operations: overlapping } }));
    expect(overlap.map((p) => p.path)).toEqual(["reference.operations[1]"]);
    expect(overlap[0]!.message).toMatch(/overlaps reference.operations\[0\]/);
  });

  it("names a fence or reference dates further from the plan start than MAX_HORIZON_DAYS (422): their span is compiled as calendars", () => {
    const far = "2046-03-02T06:00";
    const operations = [planned("a", "06:00", "07:00"), planned("b", "07:00", "08:00"), { ...planned("c", "08:00", "09:00"), end: far }];
    const found = problems(shop({ reference: { operations }, frozenUntil: far }));
    expect(found.map((p) => p.path)).toEqual(["reference.operations[2].end", "frozenUntil"]);
    expect(found[1]!.message).toMatch(/MAX_HORIZON_DAYS/);
  });

  it("names a frozen operation that running work overruns (422)", () => {
    const progress = [{ order: "a", operation: "op", status: "running", resource: "M", start: at("06:00"), remainingMinutes: 60 }];
    const found = problems(shop({ planStart: at("06:30"), progress }));
    expect(found.map((p) => p.path)).toEqual(["reference.operations[1]"]);
    expect(found[0]!.message).toMatch(/frozen operation "op" of order "b" overlaps running operation "op" of order "a", which runs until 2026-03-02T07:30/);
  });

  it("names a frozen operation whose predecessor could only start after the fence (422)", () => {
    const body = {
      resources: [{ id: "M", calendar: "day" }],
      routings: [{ item: "two", operations: [{ id: "s1", resources: ["M"], runMinutesPerUnit: 60 }, { id: "s2", resources: ["M"], runMinutesPerUnit: 60 }] }],
      orders: [order("a", "two")],
      reference: { operations: [planned("a", "06:00", "07:00", { operation: "s2" })] },
      frozenUntil: at("07:30"),
    };
    expect(problems(body)[0]).toMatchObject({ path: "reference.operations[0]", message: expect.stringMatching(/follows "s1" of order "a", which is neither done, running nor frozen/) });
  });

  it("rejects a fence before the plan start less the longest-running operation (400)", () => {
    const body = { planStart: at("07:00"), calendars: [], ...shop() };
    const early = ScheduleRequest.safeParse({ ...body, frozenUntil: at("06:59") });
    expect(early.success).toBe(false);
    expect(early.error!.issues.map((i) => i.path.join("."))).toEqual(["frozenUntil"]);
    // A running operation that started at 05:00 makes 05:00 the earliest sound fence.
    const progress = [{ order: "a", operation: "op", status: "running", resource: "M", start: at("05:00") }];
    expect(ScheduleRequest.safeParse({ ...body, progress, frozenUntil: at("05:00") }).success).toBe(true);
    expect(ScheduleRequest.safeParse({ ...body, progress, frozenUntil: at("04:59") }).success).toBe(false);
  });
});
