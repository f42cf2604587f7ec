/**
 * Rush insertion and order review on the scheduling engine's material ledger (issue 14): a confirmed
 * order keeps the material it consumes in the current plan, the order inserted or reviewed takes only what
 * stays free after every confirmed need (a receipt, or a purchase with its lead time), to the minute.
 * Every plan passes the independent validator, material replay included.
 */
import { describe, expect, it } from "vitest";
import { planRushInsertion } from "../../../solver/insert/plan-rush-insertion.ts";
import { reviewOrders } from "../../../solver/review/review-orders.ts";
import { InsertRequest } from "../../../src/insert.ts";
import { ReviewRequest } from "../../../src/review.ts";
import { currentPlan, expectSoundOptions, NOW, shop } from "./fixtures.ts";

const clock = () => 0;
const CONFIRMED = [{ id: "A", item: "red-frame", quantity: 10, due: "2026-03-05T14:00" }];
/** Frames need one unit of steel each: the 10 on hand are the confirmed order's. */
const MATERIAL = {
  items: [{ id: "red-frame" }, { id: "blue-panel" }, { id: "steel", onHand: 10, leadTime: 2 }],
  bom: [{ parent: "red-frame", component: "steel", quantity: 1 }],
};
const RUSH = { id: "R", item: "red-frame", quantity: 5, due: "2026-03-03T14:00", priority: 1 };

describe("insertion and review on the material ledger", () => {
  it("a rush order waits for the receipt: the confirmed order keeps its steel", () => {
    const plan = currentPlan(CONFIRMED, []);
    const request = InsertRequest.parse({
      ...shop(CONFIRMED),
      ...MATERIAL,
      receipts: [{ id: "PO", item: "steel", date: "2026-03-04T09:00", quantity: 5 }],
      schedule: plan,
      rushOrders: [RUSH],
      now: NOW,
    });
    const response = planRushInsertion(request, clock);
    expectSoundOptions(request, response);
    for (const option of response.options) {
      expect(option.schedule.operations.find((op) => op.order === "R" && op.operation === "cut")!.start, option.name).toBe("2026-03-04T09:00");
      for (const op of plan.operations) expect(option.schedule.operations).toContainEqual(op);
    }
  });

  it("each option carries its projected stock: the confirmed order's steel at its cut, the receipt, then the rush order's", () => {
    const request = InsertRequest.parse({
      ...shop(CONFIRMED),
      ...MATERIAL,
      receipts: [{ id: "PO", item: "steel", date: "2026-03-04T09:00", quantity: 5 }],
      schedule: currentPlan(CONFIRMED, []),
      rushOrders: [RUSH],
      now: NOW,
      options: { materialLedger: true },
    });
    const response = planRushInsertion(request, clock);
    expect(response.options.length).toBeGreaterThan(0);
    for (const option of response.options) {
      // A cuts Monday 06:00 and takes the 10 on hand; the 5 received Wednesday 09:00 go to R's cut at once.
      expect(option.schedule.materials, option.name).toEqual([
        {
          item: "steel",
          onHand: 10,
          consumed: 15,
          received: 5,
          produced: 0,
          endBalance: 0,
          lowestBalance: 0,
          lowestAt: "2026-03-02T06:00",
          shortages: [],
          ledger: [
            { at: "2026-03-02T06:00", change: -10, balance: 0, order: "A" },
            { at: "2026-03-04T09:00", change: 5, balance: 5, receipt: "PO" },
            { at: "2026-03-04T09:00", change: -5, balance: 0, order: "R" },
          ],
        },
      ]);
    }
    // Without options.materialLedger the projection comes without its ledger.
    const plain = planRushInsertion(InsertRequest.parse({ ...request, options: {} }), clock);
    for (const option of plain.options) expect(option.schedule.materials![0]).not.toHaveProperty("ledger");
  });

  it("a rush order whose material never comes is no plan, with the reason", () => {
    const request = InsertRequest.parse({ ...shop(CONFIRMED), ...MATERIAL, schedule: currentPlan(CONFIRMED, []), rushOrders: [RUSH], now: NOW });
    expect(planRushInsertion(request, clock)).toMatchObject({ status: "infeasible", reason: 'order "R" cannot get its material: 5 of "steel" short', options: [] });
  });

  it("review promises after the receipt, or after buying the shortage with its lead time", () => {
    const base = { ...shop(CONFIRMED), ...MATERIAL, schedule: currentPlan(CONFIRMED, []), now: NOW, candidates: [{ ...RUSH, due: "2026-03-20T14:00" }] };
    const [received] = reviewOrders(ReviewRequest.parse({ ...base, receipts: [{ item: "steel", date: "2026-03-04T09:00", quantity: 5 }] }), clock).candidates;
    expect(received!.reasons).toContainEqual({ kind: "material", item: "steel", required: 5, shortage: 0, availableDate: "2026-03-04T09:00", source: "receipt" });
    expect(received!.schedule!.operations.find((op) => op.order === "R" && op.operation === "cut")!.start).toBe("2026-03-04T09:00");
    // No receipt: the 5 are bought, two days' lead time from now (Wednesday 06:00).
    const [bought] = reviewOrders(ReviewRequest.parse(base), clock).candidates;
    expect(bought!.reasons).toContainEqual({ kind: "material", item: "steel", required: 5, shortage: 5, availableDate: "2026-03-04T06:00", source: "purchase" });
    expect(bought!.decision).toBe("accept");
    expect(bought!.schedule!.operations.find((op) => op.order === "R" && op.operation === "cut")!.start).toBe("2026-03-04T06:00");
  });
});
