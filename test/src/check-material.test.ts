/** The material model's bad input (issue 14): wrong references are 422 problems with their paths, bad shapes 400s. */
import { describe, expect, it } from "vitest";
import { checkFactory } from "../../src/check-factory.ts";
import { FactoryModel } from "../../src/factory.ts";
import { tinyFactory } from "../helpers/tiny-factory.ts";

function model(extra: Record<string, unknown>) {
  const raw = tinyFactory();
  return {
    ...raw,
    items: [{ id: "shaft" }, { id: "steel", onHand: 10 }, { id: "paint" }],
    bom: [{ parent: "shaft", component: "steel", quantity: 2 }],
    ...extra,
  };
}

describe("material model checks", () => {
  it("accepts sound receipts, reservations and consumes", () => {
    const raw = model({ receipts: [{ id: "PO1", item: "steel", date: "2026-03-03", quantity: 5 }], reservations: [{ order: "o1", item: "steel", quantity: 10 }] });
    raw.routings[0]!.operations[0] = { ...raw.routings[0]!.operations[0]!, consumes: ["steel"] };
    expect(checkFactory(FactoryModel.parse(raw))).toEqual([]);
  });

  it("names a consumes that is not a BOM component of the routing's item", () => {
    const raw = model({});
    raw.routings[0]!.operations[0] = { ...raw.routings[0]!.operations[0]!, consumes: ["paint"] };
    expect(checkFactory(FactoryModel.parse(raw))).toEqual([{ path: "routings[0].operations[0].consumes[0]", message: '"paint" is not a BOM component of "shaft"' }]);
  });

  it("names receipts and reservations of unknown items or orders, and reservations beyond the stock", () => {
    const raw = model({
      receipts: [{ item: "gold", date: "2026-03-03", quantity: 1 }],
      reservations: [
        { order: "nobody", item: "steel", quantity: 1 },
        { order: "o1", item: "gold", quantity: 1 },
        { order: "o1", item: "steel", quantity: 10 },
      ],
    });
    expect(checkFactory(FactoryModel.parse(raw))).toEqual([
      { path: "receipts[0].item", message: 'unknown item "gold"' },
      { path: "reservations[0].order", message: 'unknown order "nobody"' },
      { path: "reservations[1].item", message: 'unknown item "gold"' },
      { path: "reservations[2].quantity", message: 'reservations of "steel" add up to 11, more than its 10 on hand' },
    ]);
  });

  it("refuses negative quantities and staging, and a receipt with neither or both of date and bucket, as shape errors", () => {
    const bad = (extra: Record<string, unknown>) => FactoryModel.safeParse(model(extra)).error?.issues.map((i) => i.path.join("."));
    expect(bad({ receipts: [{ item: "steel", date: "2026-03-03", quantity: -1 }] })).toEqual(["receipts.0.quantity"]);
    expect(bad({ reservations: [{ order: "o1", item: "steel", quantity: -1 }] })).toEqual(["reservations.0.quantity"]);
    expect(bad({ items: [{ id: "shaft" }, { id: "steel", stagingMinutes: -5 }] })).toEqual(["items.1.stagingMinutes"]);
    expect(bad({ receipts: [{ item: "steel", quantity: 1 }] })).toEqual(["receipts.0.date"]);
    expect(bad({ receipts: [{ item: "steel", date: "2026-03-03T25:00", quantity: 1 }] })).toEqual(["receipts.0.date"]);
    expect(bad({ receipts: [{ item: "steel", date: "2026-03-03T09:30", quantity: 1 }] })).toBeUndefined();
  });
});
