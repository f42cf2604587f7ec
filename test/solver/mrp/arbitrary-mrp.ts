/**
 * fast-check generator of small multi-level MRP requests: items 0 … n−1 where a BOM line always goes
 * from a lower to a higher index (so the BOM is acyclic), every lot rule, lead times, stock, safety
 * stock, scrap, phantoms, planning fences shorter than the horizon, demands, open receipts and firm
 * planned orders (of items that are no phantoms) anywhere in the horizon.
 */
import fc from "fast-check";
import type { MrpRecordSelection } from "../../../src/mrp.ts";
import { MrpRequest } from "../../../src/mrp.ts";

export interface ArbitraryOptions {
  /** Only lot-for-lot, no modifiers (for linearity properties). Default false. */
  lotForLotOnly?: boolean;
}

const lotSizing = fc.oneof(
  fc.constant({ rule: "lot-for-lot" }),
  fc.record({ rule: fc.constant("fixed"), quantity: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ rule: fc.constant("periods"), periods: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ rule: fc.constant("eoq"), setupCost: fc.integer({ min: 0, max: 100 }), holdingCost: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ rule: fc.constant("wagner-whitin"), setupCost: fc.integer({ min: 0, max: 100 }), holdingCost: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ rule: fc.constant("silver-meal"), setupCost: fc.integer({ min: 0, max: 100 }), holdingCost: fc.integer({ min: 0, max: 3 }) }),
);

export function arbitraryMrpRequest(options: ArbitraryOptions = {}): fc.Arbitrary<MrpRequest> {
  return fc
    .record({ items: fc.integer({ min: 1, max: 6 }), buckets: fc.integer({ min: 1, max: 8 }) })
    .chain(({ items: n, buckets }) => {
      const item = (i: number) =>
        fc
          .record({
            leadTime: fc.integer({ min: 0, max: 2 }),
            onHand: fc.integer({ min: 0, max: 30 }),
            safetyStock: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 })),
            lotSizing: options.lotForLotOnly ? fc.constant({ rule: "lot-for-lot" }) : lotSizing,
            minimum: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
            multiple: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
            scrapRate: fc.constantFrom(0, 0, 0.1, 0.25),
            fence: fc.constantFrom(0, 0, 0, 1, 2),
          })
          .map((x) => {
            const simple = !options.lotForLotOnly && x.lotSizing.rule !== "wagner-whitin" && x.lotSizing.rule !== "silver-meal";
            return {
              id: `I${i}`,
              leadTime: x.leadTime,
              onHand: x.onHand,
              safetyStock: x.safetyStock,
              lotSizing: x.lotSizing,
              scrapRate: x.scrapRate,
              ...(x.fence > 0 && x.fence < buckets ? { planningFenceBuckets: x.fence } : {}),
              ...(simple && x.minimum !== undefined ? { minimum: x.minimum } : {}),
              ...(simple && x.multiple !== undefined ? { multiple: x.multiple } : {}),
            };
          });
      const line = fc
        .record({ parent: fc.integer({ min: 0, max: n - 1 }), component: fc.integer({ min: 0, max: n - 1 }), quantity: fc.integer({ min: 1, max: 3 }) })
        .filter((l) => l.parent < l.component)
        .map((l) => ({ parent: `I${l.parent}`, component: `I${l.component}`, quantity: l.quantity }));
      const placed = fc.record({ item: fc.integer({ min: 0, max: n - 1 }), bucket: fc.integer({ min: 0, max: buckets - 1 }), quantity: fc.integer({ min: 0, max: 50 }) });
      return fc
        .record({
          items: fc.tuple(...Array.from({ length: n }, (_, i) => item(i))),
          phantoms: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
          bom: n > 1 ? fc.uniqueArray(line, { maxLength: 3 * n, selector: (l) => `${l.parent}>${l.component}` }) : fc.constant<Array<{ parent: string; component: string; quantity: number }>>([]),
          demands: fc.array(placed, { maxLength: 8 }),
          receipts: fc.array(placed, { maxLength: 3 }),
          firm: fc.array(placed, { maxLength: 2 }),
        })
        .map(({ items, phantoms, bom, demands, receipts, firm }) => {
          // A phantom needs a parent and components to be one; one in four such items is made phantom.
          const isPhantom = items.map((it, i) => phantoms[i]! && i % 4 === 1 && bom.some((l) => l.component === it.id) && bom.some((l) => l.parent === it.id));
          return MrpRequest.parse({
            buckets: { start: "2026-03-02", size: "week", count: buckets },
            items: items.map((it, i) => ({ ...it, phantom: isPhantom[i] })),
            bom,
            demands: demands.map((d, k) => ({ id: `D${k}`, item: `I${d.item}`, bucket: d.bucket, quantity: d.quantity })),
            receipts: receipts.map((r, k) => ({ id: `R${k}`, item: `I${r.item}`, bucket: r.bucket, quantity: r.quantity })),
            firmPlannedOrders: firm
              .filter((f) => !isPhantom[f.item])
              .map((f, k) => ({ id: `F${k}`, item: `I${f.item}`, bucket: f.bucket, quantity: 1 + f.quantity })),
          });
        });
    });
}

/** A random request with a random options.records: "all", "none" or some of its item ids. */
export function arbitraryRecordSelection(): fc.Arbitrary<[MrpRequest, MrpRecordSelection]> {
  return arbitraryMrpRequest().chain((request) =>
    fc.tuple(fc.constant(request), fc.oneof(fc.constantFrom<MrpRecordSelection>("all", "none"), fc.subarray(request.items.map((item) => item.id)))),
  );
}
