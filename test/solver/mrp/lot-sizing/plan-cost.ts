/**
 * Test helper, independent of the engine: checks that a lot plan covers a requirement sequence exactly
 * and on time (lots only where a requirement is, each covering up to the next lot), and prices it at
 * setup per lot plus holding per unit per bucket waited.
 */
import { expect } from "vitest";

export function planCost(net: ArrayLike<number>, lots: ArrayLike<number>, setup: number, holding: number): number {
  const starts = Array.from({ length: lots.length }, (_, t) => t).filter((t) => lots[t]! > 0);
  let cost = setup * starts.length;
  let covered = 0;
  starts.forEach((start, k) => {
    expect(net[start]).toBeGreaterThan(0);
    const end = starts[k + 1] ?? net.length;
    let quantity = 0;
    for (let t = start; t < end; t++) {
      quantity += net[t]!;
      cost += holding * (t - start) * net[t]!;
    }
    expect(lots[start]).toBe(quantity);
    covered += quantity;
  });
  const before = starts[0] ?? net.length;
  for (let t = 0; t < before; t++) expect(net[t]).toBe(0);
  expect(covered).toBe(Array.from(net).reduce((a, b) => a + b, 0));
  return cost;
}
