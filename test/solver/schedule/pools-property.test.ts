/**
 * Random factories with pools and a batch resource (issue 21) through the independent validator: pools with
 * fewer units at night, operations that require them, one resource batching by quantity or by count, with or
 * without a fixed cycle, alongside gaps, uninterruptible operations and maximum waits (issue 16's splitting
 * and transfer batches have their own property; they are left out here).
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { randomFactory, randomFactoryArb, request, solve } from "./fixtures.ts";

const extensionArb = fc.record({
  pools: fc.array(fc.record({ cal: fc.nat(2), units: fc.integer({ min: 1, max: 2 }), night: fc.boolean() }), { minLength: 1, maxLength: 2 }),
  requires: fc.array(fc.option(fc.record({ pool: fc.nat(1), units: fc.integer({ min: 1, max: 2 }) })), { minLength: 6, maxLength: 6 }),
  batch: fc.option(fc.record({ resource: fc.nat(2), byCount: fc.boolean(), capacity: fc.integer({ min: 2, max: 4 }), minutes: fc.option(fc.integer({ min: 0, max: 300 })) })),
});

describe("random factories with pools and a batch resource", () => {
  it("always produce plans the independent validator accepts", () => {
    fc.assert(
      fc.property(randomFactoryArb, extensionArb, (g, x) => {
        const base = randomFactory(g);
        const pools = x.pools.map((p, i) => ({
          id: `p${i}`,
          calendar: `c${p.cal}`,
          units: p.units,
          ...(p.night && p.units > 1 ? { unitsByShift: [{ from: "22:00", to: "06:00", units: 1 }] } : {}),
        }));
        let n = 0;
        const routings = base.routings.map((r) => ({
          ...r,
          operations: r.operations.map(({ transferQuantity: _t, split: _s, ...op }) => {
            const req = x.requires[n++ % x.requires.length]!;
            if (req === null) return op;
            const pool = pools[req.pool % pools.length]!;
            return { ...op, requires: [{ pool: pool.id, units: Math.min(req.units, pool.units) }] };
          }),
        }));
        const batchAt = x.batch === null ? -1 : x.batch.resource % base.resources.length;
        const resources = base.resources.map((res, i) =>
          i !== batchAt || x.batch === null
            ? res
            : {
                ...res,
                batch: {
                  // By quantity, a charge holds at least the largest order (6): no order is too big for it.
                  capacity: x.batch.byCount ? x.batch.capacity : 6 + x.batch.capacity * 3,
                  measure: x.batch.byCount ? "operations" : "quantity",
                  ...(x.batch.minutes !== null ? { minutes: x.batch.minutes } : {}),
                },
              },
        );
        solve(request({ calendars: base.calendars, resources, pools, routings, orders: base.orders }), g.seed, 3_000);
      }),
      { seed: 21, numRuns: 60 },
    );
  });
});
