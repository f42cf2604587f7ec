/**
 * Order changes (issue 15), each kind on one hand-worked shop: machine M and cutter N on the day shift
 * (06:00–14:00, weekdays), 30 minutes a unit. The plan: A 06:00–07:00 (frozen: the fence is 06:30),
 * B 07:00–08:00, C 08:00–09:00, and D, whose cut on N is done, finishing on M 09:00–10:00. Every implied plan
 * passes the independent validator against the plan reviewed, frozen operations included.
 */
import { describe, expect, it } from "vitest";
import { ModelError } from "../../../src/errors.ts";
import { ReviewRequest } from "../../../src/review.ts";
import type { ReviewDecision } from "../../../src/review.ts";
import { ScheduleRequest } from "../../../src/schedule.ts";
import { reviewOrders } from "../../../solver/review/review-orders.ts";
import { plannedOperation } from "../../helpers/planned-operation.ts";
import { validateSchedule } from "../../helpers/validate-schedule.ts";

const at = (time: string, day = "2026-03-02") => `${day}T${time}`;
const DAY = [{ start: "06:00", end: "14:00" }];
const op = plannedOperation;
const ORDERS = [
  { id: "A", item: "p", quantity: 2, due: at("12:00") },
  { id: "B", item: "p", quantity: 2, due: at("08:00") },
  { id: "C", item: "p", quantity: 2, due: at("10:00"), priority: 1 },
  { id: "D", item: "q", quantity: 2, due: at("11:00") },
];
const PLAN = [op("A", "op", "M", "06:00", "07:00"), op("B", "op", "M", "07:00", "08:00"), op("C", "op", "M", "08:00", "09:00"), op("D", "finish", "M", "09:00", "10:00")];

function request(changes: unknown[], extra: Record<string, unknown> = {}) {
  return ReviewRequest.parse({
    calendars: [{ id: "day", shifts: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY } }],
    resources: [{ id: "M", calendar: "day" }, { id: "N", calendar: "day" }],
    routings: [
      { item: "p", operations: [{ id: "op", resources: ["M"], runMinutesPerUnit: 30 }] },
      { item: "q", operations: [{ id: "cut", resources: ["N"], runMinutesPerUnit: 30 }, { id: "finish", resources: ["M"], runMinutesPerUnit: 30 }] },
      { item: "q2", operations: [{ id: "cut", resources: ["N"], runMinutesPerUnit: 30 }, { id: "finish", resources: ["M"], runMinutesPerUnit: 15 }] },
      { item: "q3", operations: [{ id: "saw", resources: ["N"], runMinutesPerUnit: 30 }, { id: "finish", resources: ["M"], runMinutesPerUnit: 15 }] },
    ],
    orders: ORDERS,
    schedule: { operations: PLAN },
    progress: [{ order: "D", operation: "cut", status: "done", resource: "N", start: at("06:00", "2026-02-27") }],
    now: at("06:00"),
    frozenUntil: at("06:30"),
    changes,
    options: { timeLimitSeconds: 1, maxIterations: 200 },
    ...extra,
  });
}

/** Reviews one change, checks its implied plans (and its options') with the validator, and returns the decision. */
function review(change: Record<string, unknown>, extra: Record<string, unknown> = {}): ReviewDecision {
  const req = request([change], extra);
  const [decision] = reviewOrders(req, () => 0).changes;
  const orders = ORDERS.map((o) => (o.id === change.order ? { ...o, ...change, id: o.id } : o)).map(({ order: _order, ...o }: Record<string, unknown>) => o);
  const lots = decision!.splits ? [{ ...ORDERS.find((o) => o.id === change.order)!, id: `${change.order}/2`, quantity: decision!.splits[1]!.quantity }] : [];
  for (const schedule of [decision!.schedule, ...(decision!.options ?? []).map((o) => o.schedule)]) {
    if (schedule === undefined) continue;
    const scheduleRequest = ScheduleRequest.parse({ ...req, orders: [...orders, ...lots], planStart: req.now, reference: req.schedule, frozenUntil: req.frozenUntil });
    const response = { status: "feasible" as const, operations: schedule.operations, orders: schedule.orders, kpis: { onTimeRate: 0, weightedTardiness: 0, makespanMinutes: 0, setupMinutes: 0, changeoverMinutes: 0, utilization: {} }, solver: { elapsedMs: 0, iterations: 0, workers: 1, bestFoundAtMs: 0, objective: [] } };
    expect(validateSchedule(scheduleRequest, response).filter((e) => !/onTimeRate|weightedTardiness|makespan|changes/.test(e))).toEqual([]);
  }
  return decision!;
}
const times = (decision: ReviewDecision) => decision.schedule!.operations.map((o) => `${o.order} ${o.start.slice(11)}-${o.end.slice(11)}${o.state === "frozen" ? " frozen" : ""}`);

describe("order changes", () => {
  it("a larger quantity of a frozen order: the original keeps its plan, the extra is a follow-up lot", () => {
    const decision = review({ order: "A", quantity: 4 });
    expect(decision).toMatchObject({ order: "A", decision: "accept", treatment: "follow-up-lot", promise: at("09:00") });
    expect(decision.splits).toEqual([{ quantity: 2, promise: at("07:00") }, { quantity: 2, promise: at("09:00") }]);
    // A/2 goes where it harms no one: after B (due 08:00); C and D move an hour, within their dates.
    expect(times(decision)).toEqual(["A 06:00-07:00 frozen", "B 07:00-08:00", "C 09:00-10:00", "D 10:00-11:00", "A/2 08:00-09:00"]);
    expect(decision.impact.map((i) => [i.order, i.priority, i.delayMinutes, i.harmMinutes])).toEqual([["C", 1, 60, 0], ["D", 3, 60, 0]]);
  });

  it("a smaller quantity shortens the unstarted operations in place", () => {
    const decision = review({ order: "D", quantity: 1 });
    expect(decision).toMatchObject({ decision: "accept", treatment: "kept", promise: at("09:30"), impact: [] });
    expect(times(decision)).toEqual(["A 06:00-07:00 frozen", "B 07:00-08:00", "C 08:00-09:00", "D 09:00-09:30"]);
  });

  it("an earlier date is tried like a rush order: protect-confirmed harms no one, re-plan harms the less important order", () => {
    const decision = review({ order: "C", due: at("08:00") });
    expect(decision).toMatchObject({ decision: "counter-offer", treatment: "re-planned", promise: at("09:00") });
    const [protect, replan] = decision.options!;
    expect(protect).toMatchObject({ name: "protect-confirmed", promise: at("09:00"), weightedHarm: 0, impact: [] });
    // C (priority 1) before B (priority 3): B an hour late, 60 × 100.
    expect(replan).toMatchObject({ name: "re-plan", promise: at("08:00"), weightedHarm: 6000 });
    expect(replan!.impact).toEqual([{ order: "B", priority: 3, before: at("08:00"), after: at("09:00"), delayMinutes: 60, becameLate: true, harmMinutes: 60 }]);
  });

  it("another item re-plans the unstarted operations as that item, on an order that has started too", () => {
    // B, not started, becomes q: cut on N from the fence, finish on M after it, half an hour past its date.
    const b = review({ order: "B", item: "q" });
    expect(b).toMatchObject({ decision: "counter-offer", treatment: "re-planned", promise: at("08:30") });
    expect(b.schedule!.operations.filter((o) => o.order === "B").map((o) => `${o.operation} ${o.resource} ${o.start.slice(11)}-${o.end.slice(11)}`)).toEqual(["cut N 06:30-07:30", "finish M 07:30-08:30"]);
    // D's cut is done; its finish is re-planned as q2's (15 min/unit): where it harms no one, before C.
    const d = review({ order: "D", item: "q2" });
    expect(d).toMatchObject({ decision: "accept", treatment: "re-planned" });
    expect(d.schedule!.operations.find((o) => o.order === "D")).toMatchObject({ operation: "finish", end: d.promise });
    expect(d.schedule!.operations.filter((o) => o.order === "D")).toHaveLength(1);
  });

  it("a larger quantity before the order starts re-plans the whole order", () => {
    const decision = review({ order: "C", quantity: 3 });
    expect(decision).toMatchObject({ treatment: "re-planned" });
    expect(decision.splits).toBeUndefined();
    expect(decision.schedule!.operations.find((o) => o.order === "C")).toMatchObject({ end: decision.promise });
  });

  it("a later date keeps the order where it is", () => {
    expect(review({ order: "B", due: at("13:00") })).toMatchObject({ decision: "accept", treatment: "kept", promise: at("08:00"), impact: [] });
  });

  it("declines only past the horizon, and says when a longer horizon would deliver", () => {
    // 20 units of B take 600 minutes; where it harms no one it starts at 10:00 and ends Tuesday 12:00.
    const decision = review({ order: "B", quantity: 20 }, { horizonEnd: at("14:00") });
    expect(decision).toMatchObject({ decision: "decline", promise: null });
    expect(decision.reasons).toContainEqual({ kind: "horizon", horizonEnd: at("14:00"), promiseBeyond: "2026-03-03T12:00" });
  });

  it("names a changed due date further from now than MAX_HORIZON_DAYS (422)", () => {
    expect(() => reviewOrders(request([{ order: "B", due: at("22:00", "2046-03-02") }]), () => 0)).toThrow(ModelError);
    try {
      reviewOrders(request([{ order: "B", due: at("22:00", "2046-03-02") }]), () => 0);
    } catch (error) {
      expect((error as ModelError).problems.map((p) => p.path)).toEqual(["changes[0].due"]);
    }
  });

  it("names a new item whose routing lacks an operation that has started (422)", () => {
    expect(() => reviewOrders(request([{ order: "D", item: "q3" }]), () => 0)).toThrow(ModelError);
    try {
      reviewOrders(request([{ order: "D", item: "q3" }, { order: "B", item: "nothing" }]), () => 0);
    } catch (error) {
      expect((error as ModelError).problems).toEqual([
        { path: "changes[0].item", message: 'order "D" has started or frozen operation(s) "cut", which item "q3"\'s routing does not have' },
        { path: "changes[1].item", message: 'item "nothing" has no routing' },
      ]);
    }
  });
});
