/** Each lot rule on its own tiny fixture, worked by hand; the netting is convention 3 throughout. */
import { describe, expect, it } from "vitest";
import { economicOrderQuantity, eoqLots } from "../../../../solver/mrp/lot-sizing/eoq.ts";
import { fixedQuantity, roundUpToMultiple } from "../../../../solver/mrp/lot-sizing/fixed.ts";
import { lotForLot } from "../../../../solver/mrp/lot-sizing/lot-for-lot.ts";
import { withModifiers } from "../../../../solver/mrp/lot-sizing/modifiers.ts";
import { periodOrderQuantity } from "../../../../solver/mrp/lot-sizing/periods.ts";
import type { LotSizer, NettingInput } from "../../../../solver/mrp/net-requirements.ts";
import { netRequirements, newNettingRecord, tidy } from "../../../../solver/mrp/net-requirements.ts";

function net(input: NettingInput, lot: (input: NettingInput) => LotSizer) {
  const out = newNettingRecord(input.gross.length);
  netRequirements(input, lot(input), out);
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
    expect(net({ gross: [10, 20, 0, 30], receipts: zeros(4), onHand: 25, safetyStock: 5 }, () => lotForLot)).toEqual({
      poh: [15, 5, 5, 5],
      net: [0, 10, 0, 30],
      receipts: [0, 10, 0, 30],
    });
  });
});

describe("fixed", () => {
  it("orders the smallest multiple of the fixed quantity covering the net requirement", () => {
    // Q = 40: t0 NR 30 → 40, POH 10; t1 10 − 100 = −90 → NR 90 → 120, POH 30; t2 30 − 30 = 0
    expect(net({ gross: [30, 100, 30], receipts: zeros(3), onHand: 0, safetyStock: 0 }, () => fixedQuantity(40))).toEqual({
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
    expect(net({ gross: [10, 20, 30, 40, 50], receipts: zeros(5), onHand: 0, safetyStock: 0 }, (i) => periodOrderQuantity(3, i))).toEqual({
      poh: [50, 30, 0, 50, 0],
      net: [10, 0, 0, 40, 0],
      receipts: [60, 0, 0, 90, 0],
    });
  });

  it("counts scheduled receipts in the window and keeps safety stock through it", () => {
    // SS 5, P = 3, SR 15 in t1: balances without the lot −10, −15, −45 → lot = 5 − (−45) = 50
    expect(net({ gross: [10, 20, 30], receipts: [0, 15, 0], onHand: 0, safetyStock: 5 }, (i) => periodOrderQuantity(3, i))).toEqual({
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
    expect(net({ gross: [0, 50, 0, 150], receipts: zeros(4), onHand: 0, safetyStock: 0 }, (i) => eoqLots(i.gross, 100, 1))).toEqual({
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
    const lot = withModifiers(lotForLot, 50, 20);
    expect(lot(0, 30, 0)).toBe(60); // 30 → 50 → 60
    expect(lot(0, 70, 0)).toBe(80); // 70 → 80
    expect(withModifiers(lotForLot, 50, undefined)(0, 30, 0)).toBe(50);
    expect(withModifiers(lotForLot, undefined, 20)(0, 30, 0)).toBe(40);
  });

  it("apply on top of another rule's lot", () => {
    expect(withModifiers(fixedQuantity(40), 100, 30)(0, 10, 0)).toBe(120); // 40 → 100 → 120
  });
});
