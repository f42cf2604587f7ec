/**
 * Each lot rule on its own tiny fixture, worked by hand; the netting is convention 3 throughout, the lot
 * sizer the one planning uses (LotSizing aimed at an item with that rule).
 */
import { describe, expect, it } from "vitest";
import { Item } from "../../../../src/item.ts";
import { economicOrderQuantity } from "../../../../solver/mrp/lot-sizing/eoq.ts";
import { roundUpToMultiple } from "../../../../solver/mrp/lot-sizing/fixed.ts";
import { LotSizing } from "../../../../solver/mrp/lot-sizing/lot-sizer.ts";
import { applyModifiers } from "../../../../solver/mrp/lot-sizing/modifiers.ts";
import type { NettingInput } from "../../../../solver/mrp/net-requirements.ts";
import { netRequirements, newNettingRecord, tidy } from "../../../../solver/mrp/net-requirements.ts";

/** Nets `input` with the lots of an item given by `fields` (lotSizing, minimum, multiple, phantom). */
function net(input: NettingInput, fields: Record<string, unknown>, sizer = new LotSizing(input.gross.length)) {
  const out = newNettingRecord(input.gross.length);
  netRequirements(input, sizer.aim(Item.parse({ id: "X", ...fields }), input), out);
  return { poh: Array.from(out.projectedOnHand), net: Array.from(out.net), receipts: Array.from(out.plannedReceipts) };
}
const zeros = (n: number) => new Array<number>(n).fill(0);

describe("tidy", () => {
  it("snaps residues next to whole numbers and never yields −0", () => {
    expect(tidy(100 / (1 - 0.05))).toBe(100 / (1 - 0.05));
    expect(tidy(125.00000000000001)).toBe(125);
    expect(Object.is(tidy(-1e-17), 0)).toBe(true);
  });
});

describe("lot-for-lot", () => {
  it("orders exactly the net requirement, restoring safety stock", () => {
    // on hand 25, SS 5: t0 25−10 = 15; t1 15−20 = −5 → NR 10; t2 5−0 = 5; t3 5−30 = −25 → NR 30
    expect(net({ gross: [10, 20, 0, 30], receipts: zeros(4), onHand: 25, safetyStock: 5 }, {})).toEqual({
      poh: [15, 5, 5, 5],
      net: [0, 10, 0, 30],
      receipts: [0, 10, 0, 30],
    });
  });
});

describe("fixed", () => {
  it("orders the smallest multiple of the fixed quantity covering the net requirement", () => {
    // Q = 40: t0 NR 30 → 40, POH 10; t1 10 − 100 = −90 → NR 90 → 120, POH 30; t2 30 − 30 = 0
    expect(net({ gross: [30, 100, 30], receipts: zeros(3), onHand: 0, safetyStock: 0 }, { lotSizing: { rule: "fixed", quantity: 40 } })).toEqual({
      poh: [10, 30, 0],
      net: [30, 90, 0],
      receipts: [40, 120, 0],
    });
  });

  it("treats a quotient a rounding residue above a whole number as that number", () => {
    expect(roundUpToMultiple(0.30000000000000004, 0.1)).toBeCloseTo(0.3, 12);
    expect(roundUpToMultiple(81, 40)).toBe(120);
  });
});

describe("periods (POQ)", () => {
  it("covers the lot's bucket and the next P − 1, cut at the horizon", () => {
    // P = 3: t0 covers 10 + 20 + 30 = 60; t3 covers 40 + 50 (horizon ends) = 90
    expect(net({ gross: [10, 20, 30, 40, 50], receipts: zeros(5), onHand: 0, safetyStock: 0 }, { lotSizing: { rule: "periods", periods: 3 } })).toEqual({
      poh: [50, 30, 0, 50, 0],
      net: [10, 0, 0, 40, 0],
      receipts: [60, 0, 0, 90, 0],
    });
  });

  it("counts scheduled receipts in the window and keeps safety stock through it", () => {
    // SS 5, P = 3, SR 15 in t1: balances without the lot −10, −15, −45 → lot = 5 − (−45) = 50
    expect(net({ gross: [10, 20, 30], receipts: [0, 15, 0], onHand: 0, safetyStock: 5 }, { lotSizing: { rule: "periods", periods: 3 } })).toEqual({
      poh: [40, 35, 5],
      net: [15, 0, 0],
      receipts: [50, 0, 0],
    });
  });
});

describe("eoq", () => {
  it("orders max(NR, √(2DS/H)) with D the mean gross requirement per bucket", () => {
    // D = (50 + 150) / 4 = 50, S = 100, H = 1: EOQ = √10000 = 100
    // t1 NR 50 → 100, POH 50; t3 50 − 150 = −100 → NR 100 → 100
    expect(net({ gross: [0, 50, 0, 150], receipts: zeros(4), onHand: 0, safetyStock: 0 }, { lotSizing: { rule: "eoq", setupCost: 100, holdingCost: 1 } })).toEqual({
      poh: [0, 50, 50, 0],
      net: [0, 50, 0, 100],
      receipts: [0, 100, 0, 100],
    });
  });

  it("rounds the EOQ to the nearest whole unit and is 0 without demand", () => {
    expect(economicOrderQuantity([10, 10], 10, 1)).toBe(14); // √200 = 14.14
    expect(economicOrderQuantity([12, 12], 10, 1)).toBe(15); // √240 = 15.49
    expect(economicOrderQuantity([0, 0, 0], 10, 1)).toBe(0);
  });
});

describe("minimum and multiple", () => {
  it("raise to the minimum first, then round up to the multiple", () => {
    expect(applyModifiers(30, 50, 20)).toBe(60); // 30 → 50 → 60
    expect(applyModifiers(70, 50, 20)).toBe(80); // 70 → 80
    expect(applyModifiers(30, 50, undefined)).toBe(50);
    expect(applyModifiers(30, undefined, 20)).toBe(40);
    expect(applyModifiers(30, undefined, undefined)).toBe(30);
  });

  it("apply on top of another rule's lot", () => {
    // fixed 40: NR 10 → 40 → minimum 100 → multiple of 30: 120
    expect(net({ gross: [10], receipts: [0], onHand: 0, safetyStock: 0 }, { lotSizing: { rule: "fixed", quantity: 40 }, minimum: 100, multiple: 30 }).receipts).toEqual([120]);
    // lot-for-lot: NR 30 → minimum 50 → multiple of 20: 60, POH 30; then 30 − 40 = −10: NR 10 → 50 → 60
    expect(net({ gross: [30, 40], receipts: [0, 0], onHand: 0, safetyStock: 0 }, { minimum: 50, multiple: 20 })).toEqual({ poh: [30, 50], net: [30, 10], receipts: [60, 60] });
  });

  it("do not apply to phantoms, which are always lot-for-lot (convention 7)", () => {
    const phantom = { phantom: true, lotSizing: { rule: "fixed", quantity: 40 }, minimum: 100, multiple: 30 };
    expect(net({ gross: [10, 5], receipts: [0, 0], onHand: 0, safetyStock: 0 }, phantom).receipts).toEqual([10, 5]);
  });
});

describe("LotSizing", () => {
  it("re-aimed item after item, sizes each with its own rule (no state carried over)", () => {
    const input = { gross: [0, 50, 0, 150], receipts: [0, 0, 0, 0], onHand: 0, safetyStock: 0 };
    const rules: Array<Record<string, unknown>> = [
      { lotSizing: { rule: "wagner-whitin", setupCost: 1000, holdingCost: 1 } },
      { lotSizing: { rule: "periods", periods: 2 }, multiple: 7 },
      { lotSizing: { rule: "silver-meal", setupCost: 1000, holdingCost: 1 } },
      { lotSizing: { rule: "eoq", setupCost: 100, holdingCost: 1 } },
      { lotSizing: { rule: "fixed", quantity: 40 } },
      {},
    ];
    const shared = new LotSizing(4);
    for (const fields of [...rules, ...[...rules].reverse()]) expect(net(input, fields, shared)).toEqual(net(input, fields));
    // Wagner–Whitin and Silver–Meal with a setup cost above the 150 × 2 holding: one lot of 200 in bucket 1
    expect(net(input, rules[0]!).receipts).toEqual([0, 200, 0, 0]);
    expect(net(input, rules[2]!).receipts).toEqual([0, 200, 0, 0]);
  });
});
