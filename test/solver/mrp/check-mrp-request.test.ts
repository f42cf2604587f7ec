/** Bad input (issue 5): shape errors are zod's (400), reference errors are checkMrpRequest's (422). */
import { describe, expect, it } from "vitest";
import { MrpRequest } from "../../../src/mrp.ts";
import { checkMrpRequest } from "../../../solver/mrp/check-mrp-request.ts";
import { planMaterials } from "../../../solver/mrp/plan-materials.ts";
import { ModelError } from "../../../src/errors.ts";

const base = {
  buckets: { start: "2026-03-02", size: "day", count: 5 },
  items: [{ id: "A" }, { id: "B" }, { id: "C" }],
};

describe("MrpRequest shape (400)", () => {
  const failingPaths = (body: unknown) => {
    const result = MrpRequest.safeParse(body);
    return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
  };

  it("accepts a minimal request and fills the defaults", () => {
    const request = MrpRequest.parse(base);
    expect(request.bom).toEqual([]);
    expect(request.items[0]).toMatchObject({ leadTime: 0, onHand: 0, safetyStock: 0, scrapRate: 0, phantom: false, lotSizing: { rule: "lot-for-lot" } });
  });

  it("rejects negative quantities everywhere", () => {
    expect(failingPaths({ ...base, demands: [{ id: "d", item: "A", bucket: 0, quantity: -1 }] })).toEqual(["demands.0.quantity"]);
    expect(failingPaths({ ...base, receipts: [{ id: "r", item: "A", bucket: 0, quantity: -5 }] })).toEqual(["receipts.0.quantity"]);
    expect(failingPaths({ ...base, bom: [{ parent: "A", component: "B", quantity: -2 }] })).toEqual(["bom.0.quantity"]);
    expect(failingPaths({ ...base, items: [{ id: "A", onHand: -1, safetyStock: -1 }] })).toEqual(["items.0.onHand", "items.0.safetyStock"]);
  });

  it("rejects a scrap rate of 1 or more", () => {
    expect(failingPaths({ ...base, items: [{ id: "A", scrapRate: 1 }] })).toEqual(["items.0.scrapRate"]);
    expect(failingPaths({ ...base, items: [{ id: "A", scrapRate: 0.99 }] })).toEqual([]);
  });

  it("wants exactly one of bucket or date, and a whole number of buckets", () => {
    expect(failingPaths({ ...base, demands: [{ id: "d", item: "A", quantity: 1 }] })).toEqual(["demands.0.bucket"]);
    expect(failingPaths({ ...base, demands: [{ id: "d", item: "A", bucket: 1, date: "2026-03-03", quantity: 1 }] })).toEqual(["demands.0.bucket"]);
    expect(failingPaths({ ...base, demands: [{ id: "d", item: "A", bucket: 1.5, quantity: 1 }] })).toEqual(["demands.0.bucket"]);
    expect(failingPaths({ ...base, buckets: { start: "2026-02-30", size: "month", count: 0 } })).toEqual(["buckets.start", "buckets.size", "buckets.count"]);
  });
});

describe("checkMrpRequest (422)", () => {
  const check = (extra: Record<string, unknown>) => checkMrpRequest(MrpRequest.parse({ ...base, ...extra }));

  it("is empty for a sound request", () => {
    expect(check({ bom: [{ parent: "A", component: "B", quantity: 1 }], demands: [{ id: "d", item: "A", date: "2026-03-06", quantity: 1 }] })).toEqual([]);
  });

  it("names a BOM cycle in full", () => {
    const bom = [
      { parent: "A", component: "B", quantity: 1 },
      { parent: "B", component: "C", quantity: 1 },
      { parent: "C", component: "A", quantity: 1 },
    ];
    expect(check({ bom })).toEqual([{ path: "bom[0]", message: "BOM cycle: A → B → C → A" }]);
    expect(() => planMaterials(MrpRequest.parse({ ...base, bom }))).toThrow(ModelError);
  });

  it("reports unknown items in the BOM, demands and receipts with their paths", () => {
    const problems = check({
      bom: [{ parent: "A", component: "X", quantity: 1 }],
      demands: [{ id: "d", item: "Y", bucket: 0, quantity: 1 }],
      receipts: [{ id: "r", item: "Z", bucket: 0, quantity: 1 }],
    });
    expect(problems).toEqual([
      { path: "bom[0].component", message: 'unknown item "X"' },
      { path: "demands[0].item", message: 'unknown item "Y"' },
      { path: "receipts[0].item", message: 'unknown item "Z"' },
    ]);
  });

  it("reports duplicate item, demand and receipt ids", () => {
    const problems = checkMrpRequest(
      MrpRequest.parse({
        ...base,
        items: [{ id: "A" }, { id: "A" }],
        demands: [
          { id: "d", item: "A", bucket: 0, quantity: 1 },
          { id: "d", item: "A", bucket: 1, quantity: 1 },
        ],
        receipts: [
          { id: "r", item: "A", bucket: 0, quantity: 1 },
          { id: "r", item: "A", bucket: 0, quantity: 1 },
        ],
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(["items[1]", "demands[1]", "receipts[1]"]);
  });

  it("reports a bucket or date outside the horizon", () => {
    const problems = check({
      demands: [
        { id: "late", item: "A", bucket: 5, quantity: 1 },
        { id: "early", item: "A", date: "2026-03-01", quantity: 1 },
        { id: "last", item: "A", date: "2026-03-06", quantity: 1 },
      ],
      receipts: [{ id: "r", item: "A", date: "2026-03-07", quantity: 1 }],
    });
    expect(problems.map((p) => p.path)).toEqual(["demands[0].bucket", "demands[1].date", "receipts[0].date"]);
  });

  it("rejects wagner-whitin or silver-meal combined with minimum or multiple", () => {
    const problems = checkMrpRequest(
      MrpRequest.parse({
        ...base,
        items: [
          { id: "A", lotSizing: { rule: "wagner-whitin", setupCost: 1, holdingCost: 1 }, minimum: 5 },
          { id: "B", lotSizing: { rule: "silver-meal", setupCost: 1, holdingCost: 1 }, multiple: 5 },
          { id: "C", lotSizing: { rule: "periods", periods: 2 }, minimum: 5, multiple: 5 },
        ],
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(["items[0].minimum", "items[1].multiple"]);
  });
});
