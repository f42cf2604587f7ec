import { describe, expect, it } from "vitest";
import { budgetFor, DECODE_RATE, LARGE_PLAN_OPERATIONS } from "../../../solver/schedule/search-budget.ts";

describe("budgetFor", () => {
  it("grows with the time limit and keeps the wall clock, a little shorter, as the safety deadline", () => {
    const small = budgetFor(1, { operations: 100, calendars: true });
    const large = budgetFor(10, { operations: 100, calendars: true });
    expect(large.workUnits).toBeGreaterThan(9 * small.workUnits);
    expect(large.deadlineMs).toBeLessThan(10_000);
    expect(large.deadlineMs).toBeGreaterThan(8_000);
  });

  it("gives continuous-time problems their faster rate and never a negative budget", () => {
    expect(budgetFor(1, { operations: 100, calendars: false }).workUnits / budgetFor(1, { operations: 100, calendars: true }).workUnits).toBeCloseTo(
      DECODE_RATE.continuous / DECODE_RATE.calendars,
      1,
    );
    expect(budgetFor(0.001, { operations: 1_000_000, calendars: true }).workUnits).toBe(0);
  });

  it("gives large plans the dispatching rounds' rate, less the construction", () => {
    const operations = 50_000;
    // 60 s: 80 % of the time at the large-plan rate, less 20 decodes of the plan for compiling and constructing it.
    expect(budgetFor(60, { operations, calendars: true }).workUnits).toBe(Math.floor(60 * 0.8 * DECODE_RATE.largePlan) - 20 * operations);
    expect(budgetFor(60, { operations: LARGE_PLAN_OPERATIONS, calendars: true }).workUnits).toBe(Math.floor(60 * 0.8 * DECODE_RATE.calendars) - 20 * LARGE_PLAN_OPERATIONS);
  });
});
