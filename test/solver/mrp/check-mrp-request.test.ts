/** Bad input (issue 5): shape errors are zod's (400), reference errors are checkMrpRequest's (422). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MrpRequest } from "../../../src/mrp.ts";
import { checkMrpRequest } from "../../../solver/mrp/check-mrp-request.ts";
import { computeMaterialPlan } from "../../../solver/mrp/plan-materials.ts";
import { ModelError } from "../../../src/errors.ts";
import { arbitraryMrpRequest } from "./arbitrary-mrp.ts";
import { planJson } from "./plan.ts";

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

  it("rejects negative or unbounded fences, windows and follow-up days, and firm orders of no quantity (issue 23)", () => {
    expect(failingPaths({ ...base, options: { planningFenceBuckets: -1, releaseWindowBuckets: -2, followUpDays: -3 } })).toEqual([
      "options.releaseWindowBuckets",
      "options.planningFenceBuckets",
      "options.followUpDays",
    ]);
    expect(failingPaths({ ...base, options: { planningFenceBuckets: 10_001, releaseWindowBuckets: 1.5, followUpDays: 367 } })).toEqual([
      "options.releaseWindowBuckets",
      "options.planningFenceBuckets",
      "options.followUpDays",
    ]);
    expect(failingPaths({ ...base, items: [{ id: "A", planningFenceBuckets: -1 }] })).toEqual(["items.0.planningFenceBuckets"]);
    expect(failingPaths({ ...base, options: { pegging: "multi", format: "csv" } })).toEqual(["options.format", "options.pegging"]);
    const firm = (fields: Record<string, unknown>) => ({ ...base, firmPlannedOrders: [{ id: "F", item: "A", bucket: 0, quantity: 1, ...fields }] });
    expect(failingPaths(firm({ quantity: 0 }))).toEqual(["firmPlannedOrders.0.quantity"]);
    expect(failingPaths(firm({ quantity: 1e13 }))).toEqual(["firmPlannedOrders.0.quantity"]);
    expect(failingPaths(firm({ bucket: 1_000_001 }))).toEqual(["firmPlannedOrders.0.bucket"]);
    expect(failingPaths(firm({ date: "2026-03-03" }))).toEqual(["firmPlannedOrders.0.bucket"]);
    expect(failingPaths(firm({}))).toEqual([]);
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
    expect(() => planJson(MrpRequest.parse({ ...base, bom }))).toThrow(ModelError);
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

  it("reports firm planned orders of unknown items or phantoms, duplicate firm ids and firm orders outside the horizon", () => {
    const problems = checkMrpRequest(
      MrpRequest.parse({
        ...base,
        items: [{ id: "A" }, { id: "K", phantom: true }],
        firmPlannedOrders: [
          { id: "F1", item: "X", bucket: 0, quantity: 1 },
          { id: "F2", item: "K", bucket: 0, quantity: 1 },
          { id: "F1", item: "A", bucket: 5, quantity: 1 },
        ],
      }),
    );
    expect(problems).toEqual([
      { path: "firmPlannedOrders[2]", message: 'duplicate firm planned order id "F1" (first at firmPlannedOrders[0])' },
      { path: "firmPlannedOrders[0].item", message: 'unknown item "X"' },
      { path: "firmPlannedOrders[1].item", message: '"K" is a phantom: it is exploded through, never ordered' },
      { path: "firmPlannedOrders[2].bucket", message: "bucket 5 is outside the horizon (buckets 0 … 4 from 2026-03-02)" },
    ]);
  });

  it("reports a calendar that does not exist or has too few working days, and fences longer than the horizon", () => {
    expect(check({ buckets: { ...base.buckets, calendar: "plant" }, demands: [{ id: "d", item: "A", date: "2026-03-03", quantity: 1 }] })).toEqual([
      { path: "buckets.calendar", message: 'unknown calendar "plant"' },
    ]);
    expect(check({ buckets: { ...base.buckets, calendar: "idle" }, calendars: [{ id: "idle", shifts: {} }] })).toEqual([
      { path: "buckets.calendar", message: 'calendar "idle" has 0 working day(s) from 2026-03-02, not the 5 buckets of the horizon' },
    ]);
    expect(check({ items: [{ id: "A", planningFenceBuckets: 6 }, { id: "B", planningFenceBuckets: 5 }], options: { planningFenceBuckets: 6 } })).toEqual([
      { path: "options.planningFenceBuckets", message: "a planning fence of 6 buckets is longer than the horizon (5 buckets)" },
      { path: "items[0].planningFenceBuckets", message: "a planning fence of 6 buckets is longer than the horizon (5 buckets)" },
    ]);
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

/** What computeMaterialPlan throws for `request`, or null when it plans it. */
function planningError(request: MrpRequest): ModelError | null {
  try {
    computeMaterialPlan(request);
    return null;
  } catch (error) {
    if (error instanceof ModelError) return error;
    throw error;
  }
}

describe("computeMaterialPlan checks the request as it indexes it", () => {
  const cycle = [
    { parent: "A", component: "B", quantity: 1 },
    { parent: "B", component: "C", quantity: 1 },
    { parent: "C", component: "A", quantity: 1 },
  ];
  const fixtures: Record<string, Record<string, unknown>> = {
    "a BOM cycle": { bom: cycle },
    "a BOM line from an item to itself": { bom: [{ parent: "B", component: "B", quantity: 1 }] },
    "an unknown BOM parent": { bom: [{ parent: "X", component: "A", quantity: 1 }] },
    "an unknown BOM component": { bom: [{ parent: "A", component: "X", quantity: 1 }] },
    "an unknown demand item": { demands: [{ id: "d", item: "Y", bucket: 0, quantity: 1 }] },
    "an unknown receipt item": { receipts: [{ id: "r", item: "Z", bucket: 0, quantity: 1 }] },
    "a duplicate item id": { items: [{ id: "A" }, { id: "B" }, { id: "A" }] },
    "a duplicate demand id": {
      demands: [
        { id: "d", item: "A", bucket: 0, quantity: 1 },
        { id: "d", item: "B", bucket: 1, quantity: 1 },
      ],
    },
    "a duplicate receipt id": {
      receipts: [
        { id: "r", item: "A", bucket: 0, quantity: 1 },
        { id: "r", item: "A", bucket: 0, quantity: 1 },
      ],
    },
    "a demand bucket past the horizon": { demands: [{ id: "late", item: "A", bucket: 5, quantity: 1 }] },
    "a demand date before the horizon": { demands: [{ id: "early", item: "A", date: "2026-03-01", quantity: 1 }] },
    "a receipt date past the horizon": { receipts: [{ id: "r", item: "A", date: "2026-03-07", quantity: 1 }] },
    "wagner-whitin with a minimum": { items: [{ id: "A", lotSizing: { rule: "wagner-whitin", setupCost: 1, holdingCost: 1 }, minimum: 5 }, { id: "B" }, { id: "C" }] },
    "silver-meal with a multiple": { items: [{ id: "A" }, { id: "B", lotSizing: { rule: "silver-meal", setupCost: 1, holdingCost: 1 }, multiple: 5 }, { id: "C" }] },
    "an unknown firm planned order item": { firmPlannedOrders: [{ id: "f", item: "X", bucket: 0, quantity: 1 }] },
    "a firm planned order for a phantom": { items: [{ id: "A", phantom: true }, { id: "B" }, { id: "C" }], firmPlannedOrders: [{ id: "f", item: "A", bucket: 0, quantity: 1 }] },
    "a duplicate firm planned order id": {
      firmPlannedOrders: [
        { id: "f", item: "A", bucket: 0, quantity: 1 },
        { id: "f", item: "B", bucket: 1, quantity: 1 },
      ],
    },
    "a firm planned order date past the horizon": { firmPlannedOrders: [{ id: "f", item: "A", date: "2026-03-09", quantity: 1 }] },
    "an unknown calendar": { buckets: { ...base.buckets, calendar: "plant" }, demands: [{ id: "d", item: "A", date: "2026-03-03", quantity: 1 }] },
    "a calendar without working days": { buckets: { ...base.buckets, calendar: "idle" }, calendars: [{ id: "idle", shifts: {} }] },
    "a date past a calendar's horizon": {
      buckets: { ...base.buckets, calendar: "weekdays" },
      calendars: [{ id: "weekdays", shifts: { mon: [{ start: "08:00", end: "16:00" }], fri: [{ start: "08:00", end: "16:00" }] } }],
      // working days Mon 2, Fri 6, Mon 9, Fri 13, Mon 16: Fri 20 March is past the horizon, Sunday 15 in bucket 3
      demands: [
        { id: "in", item: "A", date: "2026-03-15", quantity: 1 },
        { id: "out", item: "A", date: "2026-03-20", quantity: 1 },
      ],
    },
    "a fence longer than the horizon": { options: { planningFenceBuckets: 6 } },
    "an item's fence longer than the horizon": { items: [{ id: "A" }, { id: "B", planningFenceBuckets: 9 }, { id: "C" }] },
    "everything at once": {
      items: [{ id: "A", lotSizing: { rule: "silver-meal", setupCost: 1, holdingCost: 1 }, minimum: 2 }, { id: "B" }, { id: "C" }, { id: "B" }],
      bom: [...cycle, { parent: "A", component: "Q", quantity: 1 }],
      demands: [
        { id: "d", item: "A", bucket: 9, quantity: 1 },
        { id: "d", item: "W", bucket: 0, quantity: 1 },
      ],
      receipts: [{ id: "r", item: "V", date: "2025-01-01", quantity: 1 }],
    },
    "a cycle and a duplicate demand id": {
      bom: cycle,
      demands: [
        { id: "d", item: "A", bucket: 0, quantity: 1 },
        { id: "d", item: "A", bucket: 1, quantity: 1 },
      ],
    },
  };

  for (const [name, extra] of Object.entries(fixtures)) {
    it(`throws checkMrpRequest's problems for ${name}`, () => {
      const request = MrpRequest.parse({ ...base, ...extra });
      const problems = checkMrpRequest(request);
      expect(problems.length).toBeGreaterThan(0);
      const error = planningError(request);
      expect(error?.problems).toEqual(problems);
      expect(() => planJson(request)).toThrow(ModelError);
    });
  }

  it("names a cycle that is the only problem TAKT_ERR_BOM_CYCLE, anything else TAKT_ERR_INVALID_MODEL", () => {
    expect(planningError(MrpRequest.parse({ ...base, ...fixtures["a BOM cycle"] }))?.code).toBe("TAKT_ERR_BOM_CYCLE");
    expect(planningError(MrpRequest.parse({ ...base, ...fixtures["a BOM line from an item to itself"] }))?.code).toBe("TAKT_ERR_BOM_CYCLE");
    expect(planningError(MrpRequest.parse({ ...base, ...fixtures["a cycle and a duplicate demand id"] }))?.code).toBe("TAKT_ERR_INVALID_MODEL");
    expect(planningError(MrpRequest.parse({ ...base, ...fixtures["a duplicate item id"] }))?.code).toBe("TAKT_ERR_INVALID_MODEL");
  });

  it("throws exactly when checkMrpRequest finds a problem, with its problems, on corrupted random requests", () => {
    // One or two corruptions of a sound random request: each kind of bad input, alone or combined.
    const corruption = fc.constantFrom(
      "duplicate-item",
      "duplicate-demand",
      "duplicate-receipt",
      "unknown-bom",
      "unknown-demand",
      "unknown-receipt",
      "late-demand",
      "early-receipt",
      "cycle",
      "self-loop",
      "modified-wagner-whitin",
      "unknown-firm",
      "late-firm",
      "long-fence",
      "unknown-calendar",
      "none",
    );
    const corrupt = (request: MrpRequest, kind: string): MrpRequest => {
      const [first] = request.items;
      const last = request.items[request.items.length - 1]!;
      switch (kind) {
        case "duplicate-item":
          return { ...request, items: [...request.items, { ...first!, phantom: false }] };
        case "duplicate-demand":
          return { ...request, demands: [...request.demands, { id: request.demands[0]?.id ?? "D0", item: last.id, bucket: 0, quantity: 1 }, { id: "D0", item: first!.id, bucket: 0, quantity: 2 }] };
        case "duplicate-receipt":
          return { ...request, receipts: [...request.receipts, { id: "R0", item: last.id, bucket: 0, quantity: 1 }, { id: "R0", item: first!.id, bucket: 0, quantity: 2 }] };
        case "unknown-bom":
          return { ...request, bom: [...request.bom, { parent: first!.id, component: "nowhere", quantity: 1 }] };
        case "unknown-demand":
          return { ...request, demands: [{ id: "Dx", item: "nowhere", bucket: 0, quantity: 1 }, ...request.demands] };
        case "unknown-receipt":
          return { ...request, receipts: [...request.receipts, { id: "Rx", item: "nowhere", bucket: 0, quantity: 1 }] };
        case "late-demand":
          return { ...request, demands: [...request.demands, { id: "Dlate", item: first!.id, bucket: request.buckets.count, quantity: 1 }] };
        case "early-receipt":
          return { ...request, receipts: [...request.receipts, { id: "Rearly", item: last.id, date: "2026-02-01", quantity: 1 }] };
        case "cycle":
          return { ...request, bom: [...request.bom, { parent: last.id, component: first!.id, quantity: 1 }] };
        case "self-loop":
          return { ...request, bom: [...request.bom, { parent: last.id, component: last.id, quantity: 1 }] };
        case "modified-wagner-whitin":
          return { ...request, items: request.items.map((item, i) => (i === 0 ? { ...item, lotSizing: { rule: "wagner-whitin", setupCost: 5, holdingCost: 1 }, multiple: 3 } : item)) };
        case "unknown-firm":
          return { ...request, firmPlannedOrders: [...request.firmPlannedOrders, { id: "Fx", item: "nowhere", bucket: 0, quantity: 1 }] };
        case "late-firm":
          return { ...request, firmPlannedOrders: [...request.firmPlannedOrders, { id: "Flate", item: last.id, bucket: request.buckets.count, quantity: 1 }] };
        case "long-fence":
          return { ...request, options: { ...request.options, planningFenceBuckets: request.buckets.count + 1 } };
        case "unknown-calendar":
          return { ...request, buckets: { ...request.buckets, calendar: "nowhere" } };
        default:
          return request;
      }
    };
    fc.assert(
      fc.property(arbitraryMrpRequest(), corruption, corruption, (sound, a, b) => {
        const request = corrupt(corrupt(sound, a), b);
        const problems = checkMrpRequest(request);
        expect(planningError(request)?.problems ?? []).toEqual(problems);
      }),
      { seed: 42, numRuns: 400 },
    );
  });
});
