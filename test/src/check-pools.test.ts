/** Bad pools and batches (issue 21): 422 problems with their paths, and 400 shape errors for units ≤ 0. */
import { describe, expect, it } from "vitest";
import { checkFactory } from "../../src/check-factory.ts";
import { FactoryModel } from "../../src/factory.ts";
import { tinyFactory } from "../helpers/tiny-factory.ts";

function withPools(change: (raw: ReturnType<typeof tinyFactory>) => void) {
  const raw = tinyFactory();
  raw.pools = [{ id: "crew", calendar: "day", units: 2, unitsByShift: [{ from: "22:00", to: "06:00", units: 1 }] }];
  change(raw);
  return raw;
}

describe("checkPools", () => {
  it("accepts pools that are required within their units", () => {
    const raw = withPools((r) => (r.routings[0]!.operations[0]!.requires = [{ pool: "crew", units: 2 }]));
    expect(checkFactory(FactoryModel.parse(raw))).toEqual([]);
  });

  it("names an unknown pool, units above the pool's largest, an unknown calendar and overlapping windows", () => {
    const raw = withPools((r) => {
      r.routings[0]!.operations[0]!.requires = [{ pool: "cranes" }];
      r.routings[0]!.operations[1]!.requires = [{ pool: "crew", units: 3 }];
      r.pools.push({ id: "tools", calendar: "night", units: 1, unitsByShift: [{ from: "06:00", to: "14:00", units: 2 }, { from: "12:00", to: "18:00", units: 1 }] });
    });
    expect(checkFactory(FactoryModel.parse(raw))).toEqual([
      { path: "pools[1].calendar", message: 'unknown calendar "night"' },
      { path: "pools[1].unitsByShift[1]", message: "window 12:00-18:00 overlaps window 06:00-14:00" },
      { path: "routings[0].operations[0].requires[0].pool", message: 'unknown pool "cranes"' },
      { path: "routings[0].operations[1].requires[0].units", message: 'operation "turn" requires 3 units of pool "crew", which never has more than 2' },
    ]);
  });

  it("names an order larger than a batch resource it may run on", () => {
    const raw = withPools((r) => (r.resources[1] = { id: "lathe", calendar: "day", batch: { capacity: 8 } }));
    expect(checkFactory(FactoryModel.parse(raw))).toEqual([{ path: "orders[0].quantity", message: 'order "o1" of 10 is larger than the batch capacity 8 of resource "lathe"' }]);
  });

  it("rejects units ≤ 0 by shape", () => {
    const raw = withPools((r) => (r.pools[0]!.units = 0));
    expect(FactoryModel.safeParse(raw).success).toBe(false);
    const req = withPools((r) => (r.routings[0]!.operations[0]!.requires = [{ pool: "crew", units: -1 }]));
    expect(FactoryModel.safeParse(req).error?.issues.map((i) => i.path.join("."))).toEqual(["routings.0.operations.0.requires.0.units"]);
  });
});
