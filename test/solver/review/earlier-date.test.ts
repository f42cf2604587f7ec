/**
 * An earlier due date where taking the order out of the plan harms the others (issue 15's review defects),
 * hand-worked. Line M (day shift 06:00–14:00) changes over between colour families: red→blue and blue→green
 * are free, any other change takes 60 minutes. The plan: A (red) 06:00–07:00, C (blue, priority 1)
 * 07:00–07:30, B (green, due 08:30) 07:30–08:30. C may also run on the idle M2. Taken out, C leaves a
 * red→green change behind: B starts at 08:00 and ends 09:00, 30 minutes past its date (30 × 100 weighted
 * harm), so inserting C anew (on M2 at 06:00) cannot be protect-confirmed; C where it is harms no one.
 */
import { describe, expect, it } from "vitest";
import { ReviewRequest } from "../../../src/review.ts";
import type { ReviewDecision } from "../../../src/review.ts";
import { ScheduleRequest } from "../../../src/schedule.ts";
import { reviewOrders } from "../../../solver/review/review-orders.ts";
import { plannedOperation } from "../../helpers/planned-operation.ts";
import { validateSchedule } from "../../helpers/validate-schedule.ts";

const at = (time: string) => `2026-03-02T${time}`;
const DAY = [{ start: "06:00", end: "14:00" }];
const ORDERS = [
  { id: "A", item: "r", quantity: 2, due: at("12:00") },
  { id: "C", item: "b", quantity: 1, due: at("13:00"), priority: 1 },
  { id: "B", item: "g", quantity: 2, due: at("08:30") },
];
const PLAN = [plannedOperation("A", "op", "M", "06:00", "07:00"), plannedOperation("C", "op", "M", "07:00", "07:30"), plannedOperation("B", "op", "M", "07:30", "08:30")];

function request(due: string) {
  return ReviewRequest.parse({
    calendars: [{ id: "day", shifts: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY } }],
    resources: [
      { id: "M", calendar: "day", setupMatrix: { default: 60, changeovers: [{ from: "red", to: "blue", minutes: 0 }, { from: "blue", to: "green", minutes: 0 }] } },
      { id: "M2", calendar: "day" },
    ],
    routings: [
      { item: "r", operations: [{ id: "op", resources: ["M"], runMinutesPerUnit: 30, family: "red" }] },
      { item: "b", operations: [{ id: "op", resources: ["M", "M2"], runMinutesPerUnit: 30, family: "blue" }] },
      { item: "g", operations: [{ id: "op", resources: ["M"], runMinutesPerUnit: 30, family: "green" }] },
    ],
    orders: ORDERS,
    schedule: { operations: PLAN },
    now: at("06:00"),
    changes: [{ order: "C", due }],
    options: { timeLimitSeconds: 5, maxIterations: 300 },
  });
}

/** Reviews C asked for at `due`; its implied plan and every option's pass the independent validator. */
function review(due: string): ReviewDecision {
  const req = request(due);
  const [decision] = reviewOrders(req, () => 0).changes;
  const orders = ORDERS.map((o) => (o.id === "C" ? { ...o, due } : o));
  for (const schedule of [decision!.schedule, ...decision!.options!.map((o) => o.schedule)]) {
    if (schedule === undefined) continue;
    const scheduleRequest = ScheduleRequest.parse({ ...req, orders, planStart: req.now, reference: req.schedule });
    const response = { status: "feasible" as const, operations: schedule.operations, orders: schedule.orders, kpis: { onTimeRate: 0, weightedTardiness: 0, makespanMinutes: 0, setupMinutes: 0, changeoverMinutes: 0, utilization: {} }, solver: { elapsedMs: 0, iterations: 0, workers: 1, bestFoundAtMs: 0, objective: [] } };
    expect(validateSchedule(scheduleRequest, response).filter((e) => !/onTimeRate|weightedTardiness|makespan|changes/.test(e))).toEqual([]);
  }
  return decision!;
}
const slots = (schedule: ReviewDecision["schedule"]) => schedule!.operations.map((o) => `${o.order} ${o.resource} ${o.start.slice(11)}-${o.end.slice(11)}`).sort();

describe("an earlier date that taking the order out cannot serve harmlessly", () => {
  it("is accepted where the order is when it already meets the date: protect-confirmed harms no one", () => {
    const decision = review(at("07:30"));
    expect(decision).toMatchObject({ decision: "accept", promise: at("07:30"), treatment: "kept", option: "protect-confirmed", impact: [] });
    expect(decision.options![0]).toMatchObject({ name: "protect-confirmed", promise: at("07:30"), weightedHarm: 0, changes: 0, impact: [] });
    expect(decision.options![0]!.unavoidableHarm).toBeUndefined();
    expect(slots(decision.schedule)).toEqual(["A M 06:00-07:00", "B M 07:30-08:30", "C M 07:00-07:30"]);
  });

  it("is accepted with the re-plan that meets the date harming no one: C first on M, then B, then A", () => {
    // Where C is, it ends at 07:30, an hour late: protect-confirmed's promise. Meeting 06:30 with no one late
    // takes C first on M (or on M2): C 06:00–06:30, B 06:30–07:30 (blue→green free, 60 minutes earlier: within
    // the move tolerance), A after a 60-minute change 07:30–09:30, its only change (C on M2 with B first would
    // move A and B both).
    const decision = review(at("06:30"));
    const [protect, replan] = decision.options!;
    expect(protect).toMatchObject({ name: "protect-confirmed", promise: at("07:30"), weightedHarm: 0, impact: [] });
    expect(replan).toMatchObject({ name: "re-plan", promise: at("06:30"), weightedHarm: 0, changes: 1 });
    expect(replan!.impact).toEqual([{ order: "A", priority: 3, before: at("07:00"), after: at("09:30"), delayMinutes: 150, becameLate: false, harmMinutes: 0 }]);
    expect(decision).toMatchObject({ decision: "accept", promise: at("06:30"), treatment: "re-planned", option: "re-plan", impact: replan!.impact });
    expect(slots(decision.schedule)).toEqual(["A M 07:30-09:30", "B M 06:30-07:30", "C M 06:00-06:30"]);
  });

  it("commits the chosen option for what is reviewed after it", () => {
    // With the re-plan accepted, M is full until 09:30 and M2 idle: a candidate of 1 blue unit runs there at once.
    const req = { ...request(at("06:30")), candidates: [{ id: "D", item: "b", quantity: 1, due: at("12:00"), priority: 3, kind: "standard" as const, engineeringDays: 0 }] };
    const { candidates } = reviewOrders(req, () => 0);
    expect(candidates[0]).toMatchObject({ decision: "accept", promise: at("06:30"), impact: [] });
    expect(candidates[0]!.schedule!.operations.map((o) => `${o.order} ${o.resource} ${o.start.slice(11)}`).sort()).toEqual(["A M 07:30", "B M 06:30", "C M 06:00", "D M2 06:00"]);
  });
});
