import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Item } from "../../../src/item.ts";
import { explodeToPurchased, freeStock, itemAvailability, materialSupply, stockBy } from "../../../solver/review/material-availability.ts";

const DAY = 1440;
const item = (id: string, extra: Record<string, unknown> = {}) => Item.parse({ id, ...extra });

describe("material availability", () => {
  const supply = materialSupply([item("steel", { onHand: 10, leadTime: 3 })], [], [{ item: "steel", at: 5 * DAY, quantity: 20 }], DAY);
  const demands = [{ item: "steel", quantity: 15, at: 2 * DAY }];

  it("takes from on-hand stock what no confirmed order needs later", () => {
    // 10 on hand, 15 reserved on day 2, 20 arrive on day 5: stock dips to −5 on day 2, so nothing is free before day 5.
    expect(itemAvailability(supply, "steel", 0, demands, 0)).toMatchObject({ available: 0, shortage: 0, source: "on-hand" });
    expect(itemAvailability(supply, "steel", 5, demands, 0)).toMatchObject({ available: 5 * DAY, shortage: 0, source: "receipt" });
    expect(itemAvailability(supply, "steel", 10, [], 0)).toMatchObject({ available: 0, source: "on-hand" });
  });

  it("buys the shortage with the purchase lead time, and waits for receipts that cover the rest", () => {
    // 16 needed, 15 ever free: buy 1 (arrives day 3); the other 15 are free from day 5.
    expect(itemAvailability(supply, "steel", 16, demands, 0)).toMatchObject({ available: 5 * DAY, shortage: 1, source: "purchase" });
    // Without the dip, the purchase date binds.
    expect(itemAvailability(supply, "steel", 31, [], 0)).toMatchObject({ available: 5 * DAY, shortage: 1, source: "purchase" });
    const late = materialSupply([item("steel", { onHand: 10, leadTime: 9 })], [], [], DAY);
    expect(itemAvailability(late, "steel", 12, [], 0)).toMatchObject({ available: 9 * DAY, shortage: 2, source: "purchase" });
  });

  it("explodes through made sub-assemblies and phantoms down to purchased items", () => {
    const s = materialSupply(
      [item("chair"), item("frame", { phantom: true }), item("seat", { source: "make" }), item("tube", { source: "buy" }), item("foam")],
      [
        { parent: "chair", component: "frame", quantity: 1 },
        { parent: "frame", component: "tube", quantity: 4 },
        { parent: "chair", component: "seat", quantity: 1 },
        { parent: "seat", component: "foam", quantity: 0.5 },
        { parent: "seat", component: "tube", quantity: 1 },
      ],
      [],
      DAY,
    );
    expect(explodeToPurchased(s, "chair", 10)).toEqual(new Map([["tube", 50], ["foam", 5]]));
    expect(explodeToPurchased(s, "tube", 3)).toEqual(new Map());
  });

  it("starts more of a made item that scraps, and needs its components for what starts (not for a phantom)", () => {
    // 12 good chairs at 20 % scrap start 15; each started chair takes one seat, so 15 good seats, which at
    // 25 % scrap start 20, each taking 2 foam: 40. The phantom frame's scrap rate is ignored: 15 × 4 tubes.
    const s = materialSupply(
      [item("chair", { scrapRate: 0.2 }), item("frame", { phantom: true, scrapRate: 0.5 }), item("seat", { source: "make", scrapRate: 0.25 }), item("tube"), item("foam")],
      [
        { parent: "chair", component: "frame", quantity: 1 },
        { parent: "frame", component: "tube", quantity: 4 },
        { parent: "chair", component: "seat", quantity: 1 },
        { parent: "seat", component: "foam", quantity: 2 },
      ],
      [],
      DAY,
    );
    const needs = explodeToPurchased(s, "chair", 12);
    expect(needs.get("tube")).toBeCloseTo(60, 9);
    expect(needs.get("foam")).toBeCloseTo(40, 9);
  });

  it("takes a sub-assembly from stock before making it, and makes (with its scrap) only the rest", () => {
    // 12 good chairs at 20 % scrap start 15 and want 15 seats; 5 come from stock, 10 are made: at 25 % scrap
    // they start 13⅓, each taking 2 foam. Phantoms are never taken from stock.
    const s = materialSupply(
      [item("chair", { scrapRate: 0.2 }), item("seat", { source: "make", scrapRate: 0.25 }), item("frame", { phantom: true }), item("foam"), item("tube")],
      [
        { parent: "chair", component: "seat", quantity: 1 },
        { parent: "seat", component: "foam", quantity: 2 },
        { parent: "chair", component: "frame", quantity: 1 },
        { parent: "frame", component: "tube", quantity: 4 },
      ],
      [],
      DAY,
    );
    const asked: Array<[string, number]> = [];
    const needs = explodeToPurchased(s, "chair", 12, new Map(), (component, wanted) => (asked.push([component, wanted]), Math.min(wanted, 5)));
    expect(asked).toEqual([["seat", 15]]);
    expect(needs.get("foam")).toBeCloseTo(80 / 3, 9);
    expect(needs.get("tube")).toBeCloseTo(60, 9);
    // Taking all of it from stock needs no foam at all.
    expect(explodeToPurchased(s, "chair", 12, new Map(), (_, wanted) => wanted).has("foam")).toBe(false);
  });

  it("counts as free stock only what no confirmed order needs later, and as stock by a time what has arrived", () => {
    const s = materialSupply([item("seat", { source: "make", onHand: 10 })], [], [{ item: "seat", at: 4 * DAY, quantity: 6 }], DAY);
    // 10 on hand, 8 needed on day 2, 6 arrive on day 4: only 2 are free now, whatever comes later.
    expect(freeStock(s, "seat", [{ item: "seat", quantity: 8, at: 2 * DAY }], 0)).toBe(2);
    expect(freeStock(s, "seat", [{ item: "seat", quantity: 12, at: 2 * DAY }], 0)).toBe(0);
    expect([stockBy(s, "seat", 3 * DAY), stockBy(s, "seat", 4 * DAY)]).toEqual([10, 16]);
  });

  it("finds the earliest day a brute-force day-by-day check finds", () => {
    const event = fc.record({ day: fc.integer({ min: 0, max: 20 }), quantity: fc.integer({ min: 1, max: 30 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.array(event, { maxLength: 4 }), fc.array(event, { maxLength: 5 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 25 }), (onHand, receipts, demands, required, leadTime) => {
        const s = materialSupply([item("x", { onHand, leadTime })], [], receipts.map((r) => ({ item: "x", at: r.day * DAY, quantity: r.quantity })), DAY);
        const got = itemAvailability(s, "x", required, demands.map((d) => ({ item: "x", quantity: d.quantity, at: d.day * DAY })), 0);
        const balance = (day: number, bought: number) =>
          onHand + (day >= leadTime ? bought : 0) + receipts.filter((r) => r.day <= day).reduce((a, r) => a + r.quantity, 0) - demands.filter((d) => d.day <= day).reduce((a, d) => a + d.quantity, 0);
        const firstDay = (bought: number) => {
          const from = bought > 0 ? leadTime : 0;
          if (required - bought <= 0) return from;
          for (let day = from; day <= 60; day++) {
            let ok = true;
            for (let later = day; later <= 60; later++) if (balance(later, bought) < required) ok = false;
            if (ok) return day;
          }
          return null;
        };
        const plain = firstDay(0);
        if (plain !== null) expect([got.available / DAY, got.shortage]).toEqual([plain, 0]);
        else {
          const final = balance(60, 0);
          expect(got.shortage).toBe(required - Math.max(0, final));
          expect(got.available / DAY).toBe(firstDay(got.shortage));
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
