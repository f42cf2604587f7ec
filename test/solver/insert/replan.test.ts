/**
 * Issue 15's rush-insertion rules, each on a hand-worked fixture: two machines on the day shift (06:00–14:00),
 * one-hour orders. Harm is weighted by priority (10^(5 − priority) per minute); the shift-only options come
 * from planRushInsertion, the searched ones (re-plan, protect-confirmed's search) from the scheduling search
 * as the route runs them (searched-options.ts), and every option passes the independent validator.
 */
import { describe, expect, it } from "vitest";
import { ModelError } from "../../../src/errors.ts";
import { InsertRequest } from "../../../src/insert.ts";
import type { InsertResponse } from "../../../src/insert.ts";
import { ScheduleRequest } from "../../../src/schedule.ts";
import { planRushInsertion } from "../../../solver/insert/plan-rush-insertion.ts";
import { protectRequest, replanRequest, withSearchedOptions } from "../../../solver/insert/searched-options.ts";
import { searchSchedule } from "../../../solver/schedule/search-schedule.ts";
import type { HarmLimits } from "../../../solver/schedule/search-schedule.ts";
import { toScheduleResponse } from "../../../solver/schedule/to-response.ts";
import { plannedOperation } from "../../helpers/planned-operation.ts";
import { expectSoundOptions } from "./fixtures.ts";

const MONDAY = "2026-03-02";
const at = (time: string) => `${MONDAY}T${time}`;
const DAY = [{ start: "06:00", end: "14:00" }];
const op = (order: string, resource: string, start: string, end: string) => plannedOperation(order, "op", resource, start, end);

/** M1 and M2 on the day shift; "flex" runs on either (60 min/unit), "rigid" on M1 only. */
function plant(orders: unknown[], operations: unknown[], rushOrders: unknown[]) {
  return InsertRequest.parse({
    calendars: [{ id: "day", shifts: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY } }],
    resources: [{ id: "M1", calendar: "day" }, { id: "M2", calendar: "day" }],
    routings: [
      { item: "flex", operations: [{ id: "op", resources: ["M1", "M2"], runMinutesPerUnit: 60 }] },
      { item: "rigid", operations: [{ id: "op", resources: ["M1"], runMinutesPerUnit: 60 }] },
    ],
    orders,
    schedule: { operations },
    rushOrders,
    now: at("06:00"),
  });
}

function search(request: ScheduleRequest, harmLimits?: HarmLimits) {
  const result = searchSchedule(request, { seed: 1, budget: { workUnits: 20_000, deadlineMs: 60_000 }, clock: () => 0 }, harmLimits);
  return toScheduleResponse(request, result, { elapsedMs: 0, workers: 1 });
}

/** The route's answer, computed in-process: shift-only options, then re-plan and protect-confirmed's search. */
function insertWithSearches(request: InsertRequest): InsertResponse {
  const shiftOnly = planRushInsertion(request, () => 0);
  const protect = protectRequest(request, shiftOnly.options.at(-1)!, 1);
  const response = withSearchedOptions(request, shiftOnly, search(replanRequest(request, 1)), search(protect.request, protect.harmLimits));
  expectSoundOptions(request, response, true);
  return response;
}

const named = (response: InsertResponse, name: string) => response.options.find((o) => o.name === name);

describe("weighted harm", () => {
  // A (priority 1) on M1 and B (priority 5) on M2, both due at 07:00 and ending then: whoever the rush order
  // goes before is an hour late.
  const orders = [
    { id: "A", item: "flex", quantity: 1, due: at("07:00"), priority: 1 },
    { id: "B", item: "flex", quantity: 1, due: at("07:00"), priority: 5 },
  ];
  const plan = [op("A", "M1", "06:00", "07:00"), op("B", "M2", "06:00", "07:00")];
  const rush = { id: "R", item: "flex", quantity: 1, due: at("07:00"), priority: 2 };

  it("the fastest promise harms the priority-5 order, not the priority-1 one: 60 minutes × 1", () => {
    const response = planRushInsertion(plant(orders, plan, [rush]), () => 0);
    expectSoundOptions(plant(orders, plan, [rush]), response);
    const fastest = response.options[0]!;
    expect(fastest.promise.R).toBe(at("07:00"));
    expect(fastest.weightedHarm).toBe(60);
    expect(fastest.impact).toEqual([{ order: "B", priority: 5, before: at("07:00"), after: at("08:00"), delayMinutes: 60, becameLate: true, harmMinutes: 60 }]);
  });

  it("protect-confirmed harms no one: the rush order after A, an hour late itself", () => {
    const protect = planRushInsertion(plant(orders, plan, [rush]), () => 0).options.at(-1)!;
    expect(protect).toMatchObject({ name: "protect-confirmed", promise: { R: at("08:00") }, weightedHarm: 0, ordersMadeLate: 0, impact: [] });
  });

  it("re-plan meets the same promise harming only the lower-priority order", () => {
    // It ties fastest on promise, harm and changes (B moved exactly the tolerance): neither beats the other, both stay.
    const option = named(insertWithSearches(plant(orders, plan, [rush])), "re-plan")!;
    expect(option.promise.R).toBe(at("07:00"));
    expect(option.impact.filter((i) => i.harmMinutes > 0).map((i) => [i.order, i.priority])).toEqual([["B", 5]]);
    expect(option.weightedHarm).toBe(60);
  });
});

describe("re-plan and protect-confirmed's search", () => {
  // X (priority 3, due 10:00) fills M1 from 06:00 to 10:00; M2 is idle. The rush order can only run on M1.
  const orders = [{ id: "X", item: "flex", quantity: 4, due: at("10:00") }];
  const plan = [op("X", "M1", "06:00", "10:00")];
  const rush = { id: "R", item: "rigid", quantity: 1, due: at("07:00"), priority: 1 };

  it("beats every shift-only plan: X moves to the idle M2, the rush order ships on time and no one is harmed", () => {
    const request = plant(orders, plan, [rush]);
    const shiftOnly = planRushInsertion(request, () => 0);
    // Shifting only: the rush order first harms X by an hour (× 100), or waits until 11:00.
    expect(shiftOnly.options.map((o) => [o.name, o.promise.R, o.weightedHarm])).toEqual([
      ["fastest", at("07:00"), 6000],
      ["protect-confirmed", at("11:00"), 0],
    ]);
    const response = insertWithSearches(request);
    const replan = named(response, "re-plan")!;
    expect(replan).toMatchObject({ promise: { R: at("07:00") }, weightedHarm: 0, changes: { count: 1 } });
    expect(replan.schedule.operations.find((o) => o.order === "X")).toMatchObject({ resource: "M2", start: at("06:00"), end: at("10:00") });
  });

  it("lets protect-confirmed move X to the other unit: the same promise, nobody later than planned", () => {
    const response = insertWithSearches(plant(orders, plan, [rush]));
    const protect = response.options.at(-1)!;
    expect(protect).toMatchObject({ name: "protect-confirmed", promise: { R: at("07:00") }, weightedHarm: 0, impact: [] });
    expect(protect.schedule.operations.find((o) => o.order === "X")!.resource).toBe("M2");
  });

  it("keeps fastest and protect-confirmed and drops the plans in between that another beats on promise, harm and changes", () => {
    const response = insertWithSearches(plant(orders, plan, [rush]));
    expect(response.options[0]!.name).toBe("fastest");
    expect(response.options.at(-1)!.name).toBe("protect-confirmed");
    for (const a of response.options.slice(1, -1)) {
      for (const b of response.options) {
        if (a === b) continue;
        const [pa, pb] = [a.promise.R!, b.promise.R!];
        const beaten = pb <= pa && b.weightedHarm <= a.weightedHarm && b.changes.count <= a.changes.count && (pb < pa || b.weightedHarm < a.weightedHarm || b.changes.count < a.changes.count);
        expect(beaten, `${b.name} beats ${a.name}`).toBe(false);
      }
    }
  });
});

describe("the re-plan request", () => {
  it("re-plans the confirmed orders the plan has and the rush orders from now, against the plan, behind the fence", () => {
    const request = plant([{ id: "X", item: "flex", quantity: 4, due: at("10:00") }], [op("X", "M1", "06:00", "10:00")], [{ id: "R", item: "rigid", quantity: 1, due: at("07:00") }]);
    const replan = replanRequest({ ...request, frozenUntil: at("08:00") }, 3);
    expect(replan.orders.map((o) => o.id)).toEqual(["X", "R"]);
    expect(replan).toMatchObject({ planStart: at("06:00"), frozenUntil: at("08:00"), reference: { operations: request.schedule.operations }, options: { timeLimitSeconds: 3 } });
    expect(ScheduleRequest.safeParse(replan).success).toBe(true);
  });
});

describe("a frozen operation the insertion cannot keep", () => {
  it("is a 422 naming it: running work reported to run into it", () => {
    const orders = [
      { id: "X", item: "flex", quantity: 1, due: at("12:00") },
      { id: "Y", item: "flex", quantity: 1, due: at("12:00") },
    ];
    const request = plant(orders, [op("X", "M1", "06:00", "07:00"), op("Y", "M1", "07:00", "08:00")], [{ id: "R", item: "rigid", quantity: 1, due: at("12:00") }]);
    const progress = [{ order: "X", operation: "op", status: "running" as const, resource: "M1", unit: 0, start: at("06:00"), remainingMinutes: 90 }];
    try {
      planRushInsertion({ ...request, now: at("06:30"), frozenUntil: at("07:30"), progress }, () => 0);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelError);
      expect((error as ModelError).problems.map((p) => p.path)).toEqual(["schedule.operations[1]"]);
    }
  });
});
