/**
 * options.records chooses which items' records the response carries ("all", "none" or a list of ids);
 * the planned orders and exceptions — the receipts' messages included, which read the replayed records —
 * are the same whichever is chosen. Expectations come from the full response of the same request.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ModelError } from "../../../src/errors.ts";
import type { MrpRecordSelection, MrpResponse } from "../../../src/mrp.ts";
import { MrpRequest } from "../../../src/mrp.ts";
import { computeMaterialPlan } from "../../../solver/mrp/plan-materials.ts";
import { demo } from "../../helpers/demo.ts";
import { arbitraryRecordSelection } from "./arbitrary-mrp.ts";
import { planJson } from "./plan.ts";

function withRecords(request: MrpRequest, records: MrpRecordSelection): MrpRequest {
  return { ...request, options: { ...request.options, records } };
}

/** The full response with only `ids`' records kept, in the full response's key order. */
function keepRecords(full: MrpResponse, ids: ReadonlyArray<string>): MrpResponse {
  return { ...full, items: Object.fromEntries(Object.entries(full.items).filter(([id]) => ids.includes(id))) };
}

describe("options.records", () => {
  const plant = MrpRequest.parse(demo("appliance-plant"));
  const full = planJson(plant);

  it('"all" is the default', () => {
    expect(planJson(withRecords(plant, "all"))).toEqual(full);
    expect(Object.keys(full.items)).toHaveLength(plant.items.length);
  });

  it('"none" leaves every record out and changes nothing else', () => {
    expect(planJson(withRecords(plant, "none"))).toEqual({ ...full, items: {} });
  });

  it("a list keeps only the listed items' records, in the response's usual order, a repeated id once", () => {
    const ids = [plant.items[3]!.id, plant.items[0]!.id, plant.items[3]!.id];
    const answer = planJson(withRecords(plant, ids));
    expect(answer).toEqual(keepRecords(full, ids));
    expect(Object.keys(answer.items)).toEqual(Object.keys(full.items).filter((id) => ids.includes(id)));
  });

  it("keeps the receipts' messages of items whose records are left out", () => {
    // A needs 10 in bucket 1 but its open receipt arrives in bucket 3 (reschedule in); B's receipt is never needed (cancel).
    const request = MrpRequest.parse({
      buckets: { start: "2026-03-02", size: "week", count: 4 },
      items: [{ id: "A" }, { id: "B" }],
      demands: [{ id: "D1", item: "A", bucket: 1, quantity: 10 }],
      receipts: [
        { id: "PO-A", item: "A", bucket: 3, quantity: 10 },
        { id: "PO-B", item: "B", bucket: 0, quantity: 5 },
      ],
    });
    const answer = planJson(withRecords(request, "none"));
    expect(answer.exceptions.map((e) => [e.item, e.kind, e.bucket, e.toBucket])).toEqual([
      ["A", "reschedule-in", 3, 1],
      ["B", "cancel", 0, undefined],
    ]);
    expect(answer).toEqual({ ...planJson(request), items: {} });
  });

  it("on random requests, any selection gives the full response restricted to it", () => {
    fc.assert(
      fc.property(arbitraryRecordSelection(), ([request, records]) => {
        const everything = planJson(request);
        const ids = records === "all" ? request.items.map((item) => item.id) : records === "none" ? [] : records;
        expect(planJson(withRecords(request, records))).toEqual(keepRecords(everything, ids));
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it("an unknown id is a 422-class ModelError at its path, with every other problem", () => {
    const request = withRecords({ ...plant, demands: [...plant.demands, { id: "D-x", item: "nope", bucket: 0, quantity: 1 }] }, [plant.items[0]!.id, "ghost"]);
    let error: unknown;
    try {
      computeMaterialPlan(request);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).problems.map((p) => p.path)).toEqual([`demands[${plant.demands.length}].item`, "options.records[1]"]);
  });
});
