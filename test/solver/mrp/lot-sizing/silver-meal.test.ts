import { describe, expect, it } from "vitest";
import { silverMeal } from "../../../../solver/mrp/lot-sizing/silver-meal.ts";
import { planCost } from "./plan-cost.ts";

describe("silverMeal", () => {
  it("extends each lot while the cost per bucket falls (hand example, S = 100, H = 1)", () => {
    // from 0: 100/1 = 100; + 60 held 1 → 160/2 = 80; + 70 held 2 → 300/3 = 100 > 80: lot 0 = 110
    // from 2: 100; + 60 → 160/2 = 80; + 95 × 2 → 350/3 = 116.7: lot 2 = 130
    // from 4: 100; + 75 → 175/2 = 87.5; + 60 × 2 → 295/3 = 98.3: lot 4 = 170
    // from 6: 100; + 55 → 155/2 = 77.5; horizon ends: lot 6 = 115
    const net = [50, 60, 70, 60, 95, 75, 60, 55];
    const lots = silverMeal(net, 100, 1);
    expect(Array.from(lots)).toEqual([110, 0, 130, 0, 170, 0, 115, 0]);
    expect(planCost(net, lots, 100, 1)).toBe(4 * 100 + 60 + 60 + 75 + 55);
  });

  it("extends on a tie in the cost per bucket", () => {
    // from 0: 100; + 100 held 1 → 200/2 = 100 (tie: extend); + 100 × 2 → 400/3: stop
    expect(Array.from(silverMeal([10, 100, 100], 100, 1))).toEqual([110, 0, 100]);
  });

  it("extends over buckets without requirements and starts the next lot at a requirement", () => {
    // from 1: 50; + 0 → 50/2 = 25; + 40 × 2 → 130/3 = 43.3: stop; next lot at 3
    expect(Array.from(silverMeal([0, 20, 0, 40], 50, 1))).toEqual([0, 20, 0, 40]);
  });

  it("overwrites the lots array it is given (planning passes one for all items)", () => {
    const lots = new Float64Array(3).fill(99);
    expect(silverMeal([10, 100, 100], 100, 1, lots)).toBe(lots);
    expect(Array.from(lots)).toEqual([110, 0, 100]);
    expect(Array.from(silverMeal([0, 0, 5], 100, 1, lots))).toEqual([0, 0, 5]);
  });
});
