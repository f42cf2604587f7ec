import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ModelError } from "../../../src/errors.ts";
import type { Order } from "../../../src/order.ts";
import { ReviewRequest } from "../../../src/review.ts";
import type { ReviewDecision } from "../../../src/review.ts";
import { ScheduleRequest } from "../../../src/schedule.ts";
import type { ScheduleResponse } from "../../../src/schedule.ts";
import { parseDateTime } from "../../../src/time.ts";
import { reviewOrders } from "../../../solver/review/review-orders.ts";
import { validateSchedule } from "../../helpers/validate-schedule.ts";
import { completions, currentPlan, NOW, ORDERS, PROGRESS, shop } from "../insert/fixtures.ts";

const clock = () => 0;
const DAY = 1440;

/**
 * The insertion shop with material: frames need steel (plenty), panels need a special paint of which only
 * the 33.5 units the confirmed panel orders A2, A4 and A6 consume are on hand (their plan needs them).
 */
const MATERIAL = {
  items: [
    { id: "red-frame", source: "make" },
    { id: "blue-panel", source: "make" },
    { id: "steel", source: "buy", onHand: 5000, leadTime: 5 },
    { id: "paint", source: "buy", onHand: 33.5, leadTime: 200 },
  ],
  bom: [
    { parent: "red-frame", component: "steel", quantity: 2 },
    { parent: "blue-panel", component: "steel", quantity: 1 },
    { parent: "blue-panel", component: "paint", quantity: 0.5 },
  ],
};

function reviewRequest(extra: Record<string, unknown>): ReviewRequest {
  return ReviewRequest.parse({ ...shop(ORDERS), ...MATERIAL, schedule: currentPlan(), progress: PROGRESS, now: NOW, ...extra });
}

/** Checks a decision's plan with the validator, and that no confirmed order became late or later. */
function expectSoundPlan(request: ReviewRequest, confirmed: Array<z.input<typeof Order>>, reviewed: z.input<typeof Order>, decision: ReviewDecision, before: ScheduleResponse["operations"]) {
  const schedule = decision.schedule!;
  // What the decision buys arrives for the reviewed order (reasons with source "purchase").
  const purchases = decision.reasons.flatMap((r) => (r.kind === "material" && r.source === "purchase" && r.shortage > 0 ? [{ item: r.item, date: r.availableDate, quantity: r.shortage }] : []));
  const scheduleRequest = ScheduleRequest.parse({
    ...request,
    receipts: [...request.receipts, ...purchases],
    orders: [...confirmed.filter((o) => o.id !== reviewed.id), reviewed],
    planStart: request.now,
  });
  const response: ScheduleResponse = { status: "feasible", operations: schedule.operations, orders: schedule.orders, kpis: { onTimeRate: 0, weightedTardiness: 0, makespanMinutes: 0, setupMinutes: 0, changeoverMinutes: 0, utilization: {} }, solver: { elapsedMs: 0, iterations: 0, workers: 1, bestFoundAtMs: 0, objective: [] } };
  // KPIs are checked by the insertion tests; here the plan itself.
  expect(validateSchedule(scheduleRequest, response).filter((e) => !/onTimeRate|weightedTardiness|makespan/.test(e))).toEqual([]);
  const was = completions(before);
  const now = completions(schedule.operations);
  for (const o of confirmed) {
    if (o.id === reviewed.id || !was.has(o.id)) continue;
    expect(now.get(o.id)!, o.id).toBeLessThanOrEqual(Math.max(was.get(o.id)!, parseDateTime(o.due)!));
  }
  expect(parseDateTime(decision.promise!)).toBe(now.get(reviewed.id));
}

const FRAME = { id: "C1", item: "red-frame", quantity: 10, due: "2026-03-20T14:00" };

describe("reviewOrders", () => {
  it("accepts an order the plant can make in time, with a plan that keeps every confirmed order's date", () => {
    const request = reviewRequest({ candidates: [FRAME] });
    const [decision] = reviewOrders(request, clock).candidates;
    expect(decision).toMatchObject({ order: "C1", decision: "accept", requested: FRAME.due });
    expectSoundPlan(request, ORDERS, FRAME, decision!, request.schedule.operations);
  });

  it("counter-offers a date it cannot meet when the customer sets no limit, and declines past maxDelayDays", () => {
    const tight = { ...FRAME, due: "2026-03-02T08:00" };
    const request = reviewRequest({ candidates: [tight, { ...tight, id: "C2", maxDelayDays: 0 }] });
    const [offer, declined] = reviewOrders(request, clock).candidates;
    expect(offer!.decision).toBe("counter-offer");
    expect(parseDateTime(offer!.promise!)).toBeGreaterThan(parseDateTime(tight.due)!);
    expectSoundPlan(request, ORDERS, tight, offer!, request.schedule.operations);
    expect(declined!.decision).toBe("decline");
    expect(declined!.promise).not.toBeNull();
    expect(declined!.schedule).toBeUndefined();
  });

  it("declines an order whose material cannot arrive inside the horizon, naming the material", () => {
    const panel = { id: "C3", item: "blue-panel", quantity: 20, due: "2026-03-20T14:00" };
    const [decision] = reviewOrders(reviewRequest({ candidates: [panel] }), clock).candidates;
    expect(decision!.decision).toBe("decline");
    expect(decision!.promise).toBeNull();
    expect(decision!.reasons).toContainEqual({ kind: "material", item: "paint", required: 10, shortage: 10, availableDate: "2026-09-18T06:00", source: "purchase" });
    expect(decision!.reasons.some((r) => r.kind === "horizon")).toBe(true);
  });

  it("delays a non-standard order's promise by its engineering days", () => {
    const standard = { ...FRAME, id: "S" };
    const special = { ...FRAME, id: "N", kind: "non-standard", engineeringDays: 3 };
    const [a] = reviewOrders(reviewRequest({ candidates: [standard] }), clock).candidates;
    const [b] = reviewOrders(reviewRequest({ candidates: [special] }), clock).candidates;
    expect(parseDateTime(b!.promise!)).toBeGreaterThan(parseDateTime(a!.promise!)!);
    expect(b!.reasons).toContainEqual({ kind: "engineering", days: 3, until: "2026-03-05T06:00" });
    const firstStart = Math.min(...b!.schedule!.operations.filter((op) => op.order === "N").map((op) => parseDateTime(op.start)!));
    expect(firstStart).toBeGreaterThanOrEqual(parseDateTime(NOW)! + 3 * DAY);
  });

  it("waits for material that an open receipt brings, and reports the receipt", () => {
    const request = reviewRequest({
      receipts: [{ id: "PO-1", item: "paint", date: "2026-03-10", quantity: 100 }],
      candidates: [{ id: "C4", item: "blue-panel", quantity: 20, due: "2026-03-31T14:00" }],
    });
    // Confirmed panel orders A2, A4, A6 need 33.5 units of paint first; 66.5 stay free from the receipt on.
    const [decision] = reviewOrders(request, clock).candidates;
    expect(decision!.reasons).toContainEqual({ kind: "material", item: "paint", required: 10, shortage: 0, availableDate: "2026-03-10T00:00", source: "receipt" });
    expect(decision!.decision).toBe("accept");
    expect(decision!.schedule!.operations.filter((op) => op.order === "C4").every((op) => op.start >= "2026-03-10T00:00")).toBe(true);
  });

  it("takes sub-assemblies in stock before making them: confirmed orders first, the candidate what they leave", () => {
    // Panels are now painted as a made "coat" sub-assembly, 100 in stock, the paint itself unobtainable.
    // The confirmed panel orders A2, A4, A6 (67 panels) take 67 coats; 33 stay free.
    const request = (quantity: number) =>
      reviewRequest({
        items: [...MATERIAL.items.map((i) => (i.id === "paint" ? { ...i, onHand: 0 } : i)), { id: "coat", source: "make", onHand: 100 }],
        bom: [...MATERIAL.bom.filter((line) => line.component !== "paint"), { parent: "blue-panel", component: "coat", quantity: 1 }, { parent: "coat", component: "paint", quantity: 0.5 }],
        candidates: [{ id: "C5", item: "blue-panel", quantity, due: "2026-03-31T14:00" }],
      });
    const [covered] = reviewOrders(request(20), clock).candidates;
    expect(covered!.reasons.filter((r) => r.kind === "material")).toEqual([]);
    expect(covered!.decision).toBe("accept");
    // 40 panels: 33 coats from stock, 7 made, needing 3.5 paint that cannot come inside the horizon.
    const [short] = reviewOrders(request(40), clock).candidates;
    expect(short!.decision).toBe("decline");
    expect(short!.reasons).toContainEqual(expect.objectContaining({ kind: "material", item: "paint", required: 3.5, shortage: 3.5 }));
  });

  it("reviews candidates in order, each seeing the ones accepted before it", () => {
    const request = reviewRequest({ candidates: [FRAME, { ...FRAME, id: "C2" }] });
    const [first, second] = reviewOrders(request, clock).candidates;
    expect(first!.decision).toBe("accept");
    const firstOps = first!.schedule!.operations.filter((op) => op.order === "C1");
    // The second plan contains the first acceptance unchanged or pushed later, never dropped.
    for (const op of firstOps) expect(second!.schedule!.operations.some((o) => o.order === "C1" && o.operation === op.operation && o.start >= op.start)).toBe(true);
    expectSoundPlan(request, [...ORDERS, FRAME], { ...FRAME, id: "C2" }, second!, first!.schedule!.operations);
  });

  it("reviews a quantity change like a new order and reports its impact on that order", () => {
    const request = reviewRequest({ changes: [{ order: "A5", quantity: 40 }] });
    const [decision] = reviewOrders(request, clock).changes;
    expect(decision!.order).toBe("A5");
    const changed = { ...ORDERS.find((o) => o.id === "A5")!, quantity: 40 };
    expectSoundPlan(request, ORDERS, changed, decision!, request.schedule.operations);
    const self = decision!.impact.find((i) => i.order === "A5");
    const was = completions(request.schedule.operations).get("A5")!;
    if (parseDateTime(decision!.promise!)! > was) expect(self!.delayMinutes).toBe(parseDateTime(decision!.promise!)! - was);
    else expect(self).toBeUndefined();
  });

  it("names unknown references, with their paths (a started order's change is reviewed, not refused)", () => {
    const request = reviewRequest({
      changes: [{ order: "A1", due: "2026-03-09T14:00" }, { order: "NOPE", quantity: 3 }],
      receipts: [{ id: "PO", item: "gold", date: "2026-03-10", quantity: 1 }],
      candidates: [{ ...FRAME, id: "A3" }],
    });
    const paths = () => {
      try {
        reviewOrders(request, clock);
      } catch (error) {
        expect(error).toBeInstanceOf(ModelError);
        return (error as ModelError).problems.map((p) => p.path);
      }
      return [];
    };
    expect(paths()).toEqual(expect.arrayContaining(["receipts[0].item", "candidates[0]"]));
    const second = () => reviewOrders({ ...request, receipts: [], candidates: [] }, clock);
    expect(second).toThrow(ModelError);
    try {
      second();
    } catch (error) {
      expect((error as ModelError).problems.map((p) => p.path)).toEqual(["changes[1].order"]);
    }
  });
});
