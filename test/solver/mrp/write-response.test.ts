/**
 * The response's bytes are JSON.stringify's text of the value they denote — key order (array-index item
 * ids first, as a JS object enumerates them), number text, string escaping — on the demo plant, the
 * textbook example, awkward item ids and random requests. (They were also compared byte for byte with
 * JSON.stringify of the object-building response this writer replaced, on the same requests and the
 * 100k-item benchmark, before that code was removed.) The content itself is checked by the other tests
 * in this folder, which read the response back with plan.ts.
 */
import { Buffer } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MrpRequest, MrpResponse } from "../../../src/mrp.ts";
import { computeMaterialPlan } from "../../../solver/mrp/plan-materials.ts";
import { writeMrpResponse } from "../../../solver/mrp/write-response.ts";
import { demo } from "../../helpers/demo.ts";
import { arbitraryMrpRequest } from "./arbitrary-mrp.ts";
import { decodeChunks } from "./plan.ts";
import { textbook } from "./textbook.ts";

function bytesOf(request: MrpRequest): Buffer {
  return Buffer.concat(writeMrpResponse(request, computeMaterialPlan(request)));
}

function expectCanonical(request: MrpRequest): void {
  const chunks = writeMrpResponse(request, computeMaterialPlan(request));
  const bytes = Buffer.concat(chunks);
  expect(bytes).toEqual(Buffer.from(JSON.stringify(JSON.parse(decodeChunks(chunks)))));
}

/** Item ids a JS object orders apart (array indexes) or that need escaping, with receipts for exceptions. */
const awkward = MrpRequest.parse({
  buckets: { start: "2026-03-02", size: "day", count: 4 },
  items: [{ id: "Z", leadTime: 2 }, { id: "10" }, { id: "2", safetyStock: 3 }, { id: "007" }, { id: "__proto__" }, { id: 'q"\\\n' }, { id: "é€😀\ud800" }, { id: "4294967295" }, { id: "-1" }],
  bom: [
    { parent: "Z", component: "10", quantity: 1.5 },
    { parent: "Z", component: "2", quantity: 1 },
    { parent: "10", component: "007", quantity: 2 },
    { parent: "2", component: "__proto__", quantity: 1 },
    { parent: "__proto__", component: 'q"\\\n', quantity: 0.1 },
    { parent: "007", component: "é€😀\ud800", quantity: 3 },
  ],
  demands: [
    { id: "d\t1", item: "Z", bucket: 1, quantity: 7 },
    { id: "d2", item: "4294967295", bucket: 3, quantity: 1 / 3 },
  ],
  receipts: [
    { id: "r\u0001", item: "2", bucket: 3, quantity: 5 },
    { id: "r2", item: "-1", bucket: 0, quantity: 2.5 },
    { id: "r3", item: "007", bucket: 2, quantity: 4 },
  ],
  options: { asOrders: true },
});

describe("writeMrpResponse", () => {
  it("writes the demo appliance plant as JSON.stringify would, with and without orders", () => {
    const plant = MrpRequest.parse(demo("appliance-plant"));
    expectCanonical(plant);
    expectCanonical({ ...plant, options: { asOrders: true } });
  });

  it("writes the textbook example as JSON.stringify would", () => {
    expectCanonical(textbook);
    expectCanonical({ ...textbook, options: { asOrders: true } });
  });

  it("orders array-index item ids first, as a JS object does, and escapes ids like JSON.stringify", () => {
    expectCanonical(awkward);
    const response = JSON.parse(decodeChunks(writeMrpResponse(awkward, computeMaterialPlan(awkward))));
    expect(Object.keys(response.items)).toEqual(["2", "10", "Z", "4294967295", "-1", "007", "__proto__", 'q"\\\n', "é€😀\ud800"]); // then planning order
    expect(bytesOf(awkward).toString()).toContain('"plannedOrders":[{"id":"MRP-Z-1"');
  });

  it("writes random requests as JSON.stringify would, in every format and pegging", () => {
    fc.assert(
      fc.property(arbitraryMrpRequest(), fc.boolean(), fc.constantFrom("objects", "columnar"), fc.constantFrom("single", "full"), (request, asOrders, format, pegging) => {
        expectCanonical({ ...request, options: { asOrders, format, pegging } });
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it("writes what MrpResponse documents, every field of it (parsing drops nothing)", () => {
    fc.assert(
      fc.property(arbitraryMrpRequest(), fc.constantFrom("objects", "columnar"), fc.constantFrom("single", "full"), (request, format, pegging) => {
        const written = JSON.parse(decodeChunks(writeMrpResponse({ ...request, options: { asOrders: true, format, pegging } }, computeMaterialPlan({ ...request, options: { asOrders: true, format, pegging } }))));
        expect(MrpResponse.parse(written)).toEqual(written);
      }),
      { seed: 8, numRuns: 200 },
    );
  });

  it("writes columns and full pegging of awkward ids as JSON.stringify would", () => {
    expectCanonical({ ...awkward, options: { format: "columnar", pegging: "full" } });
  });
});
