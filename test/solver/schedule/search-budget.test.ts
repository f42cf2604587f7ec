import { describe, expect, it } from "vitest";
import { budgetFor, DECODE_RATE } from "../../../solver/schedule/search-budget.ts";

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
});
