/**
 * options.format "columnar" (issue 23): the same records as the objects, item ids once and each series one
 * flat item-major array, for clients that load them into tables; everything else in the answer unchanged.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MrpColumnarRecords, MrpRecordSelection } from "../../../src/mrp.ts";
import { MrpRequest } from "../../../src/mrp.ts";
import { demo } from "../../helpers/demo.ts";
import { arbitraryRecordSelection } from "./arbitrary-mrp.ts";
import type { MrpObjectsResponse } from "./plan.ts";
import { planJson } from "./plan.ts";
import { textbook } from "./textbook.ts";

const SERIES = ["gross", "scheduledReceipts", "projectedOnHand", "net", "plannedReceipts", "plannedReleases"] as const;

function columnar(request: MrpRequest, records?: MrpRecordSelection) {
  const response = planJson({ ...request, options: { ...request.options, format: "columnar", ...(records ? { records } : {}) } });
  return { ...response, items: response.items as unknown as MrpColumnarRecords };
}

/** The objects' records as columns, in the objects' key order. */
function transpose(items: MrpObjectsResponse["items"], buckets: number): MrpColumnarRecords {
  const ids = Object.keys(items);
  const column = (name: (typeof SERIES)[number]) => ids.flatMap((id) => items[id]![name]);
  return {
    buckets,
    ids,
    lowLevelCode: ids.map((id) => items[id]!.lowLevelCode),
    ...(Object.fromEntries(SERIES.map((name) => [name, column(name)])) as Record<(typeof SERIES)[number], number[]>),
  };
}

describe("columnar records", () => {
  it("lay out the textbook records item-major: A's 6 buckets, then B's, then C's", () => {
    const { items } = columnar(textbook);
    expect(items.ids).toEqual(["A", "B", "C"]);
    expect(items.lowLevelCode).toEqual([0, 1, 2]);
    // A: 0 0 0 50 0 40, B: 0 0 80 0 80 0, C: 60 0 200 0 40 0 (plan-materials.test.ts)
    expect(items.gross).toEqual([0, 0, 0, 50, 0, 40, 0, 0, 80, 0, 80, 0, 60, 0, 200, 0, 40, 0]);
    expect(items.buckets).toBe(6);
  });

  it("hold the objects' records, and the rest of the answer is the same", () => {
    const plant = MrpRequest.parse(demo("appliance-plant"));
    const objects = planJson(plant);
    const columns = columnar(plant);
    expect(columns.items).toEqual(transpose(objects.items, plant.buckets.count));
    expect({ ...columns, items: {} }).toEqual({ ...objects, items: {} });
  });

  it("follow options.records on random requests", () => {
    fc.assert(
      fc.property(arbitraryRecordSelection(), ([request, records]) => {
        const objects = planJson({ ...request, options: { records } });
        expect(columnar(request, records).items).toEqual(transpose(objects.items, request.buckets.count));
      }),
      { seed: 5, numRuns: 150 },
    );
  });
});
