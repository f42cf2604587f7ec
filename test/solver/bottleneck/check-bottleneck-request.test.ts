import { describe, expect, it } from "vitest";
import { checkBottleneckRequest } from "../../../solver/bottleneck/check-bottleneck-request.ts";
import { BottleneckRequest } from "../../../src/bottleneck.ts";
import { twoBindingResources, weekRequest } from "./fixtures.ts";

describe("checkBottleneckRequest", () => {
  it("accepts a sound request", () => {
    expect(checkBottleneckRequest(twoBindingResources())).toEqual([]);
  });

  it("names an unknown product item by its path", () => {
    const request = twoBindingResources();
    request.products.push({ item: "Z", price: 1, demand: 1 });
    expect(checkBottleneckRequest(request)).toEqual([{ path: "products[2].item", message: 'unknown item "Z"' }]);
  });

  it("names a product that loads no resource: no routing of its own and no made component with one", () => {
    const request = twoBindingResources();
    request.products.push({ item: "steel", price: 8, demand: 1 });
    expect(checkBottleneckRequest(request)).toEqual([
      { path: "products[2].item", message: 'product "steel" has no routing, and no made component has one' },
    ]);
  });

  it("accepts a product without a routing whose made component has one", () => {
    const request = weekRequest({
      resources: [{ id: "R", calendar: "day" }],
      items: [{ id: "box", source: "make" }, { id: "part" }],
      bom: [{ parent: "box", component: "part", quantity: 2 }],
      routings: [{ item: "part", operations: [{ id: "p", resources: ["R"], runMinutesPerUnit: 1 }] }],
      products: [{ item: "box", price: 5, demand: 3 }],
      operatingExpense: 0,
    });
    expect(checkBottleneckRequest(request)).toEqual([]);
  });

  it("reports duplicate products, model problems and a BOM cycle without walking it", () => {
    const request = twoBindingResources();
    request.products.push({ item: "X", price: 1, demand: 1 });
    request.bom.push({ parent: "steel", component: "X", quantity: 1 });
    request.routings[0]!.operations[0]!.resources = ["R9"];
    const paths = checkBottleneckRequest(request).map((p) => p.path);
    expect(paths).toContain("products[2]");
    expect(paths).toContain("routings[0].operations[0].resources[0]");
    expect(paths.some((p) => p.startsWith("bom["))).toBe(true);
  });

  it("names progress entries with unknown orders, operations, resources and units", () => {
    const request = BottleneckRequest.parse({
      ...twoBindingResources(),
      orders: [{ id: "o1", item: "X", quantity: 5, due: "2026-03-06T16:00" }],
      progress: [
        { order: "o9", operation: "x1", status: "done", resource: "R1", start: "2026-03-02T08:00" },
        { order: "o1", operation: "y1", status: "done", resource: "R1", start: "2026-03-02T08:00" },
        { order: "o1", operation: "x1", status: "done", resource: "R2", start: "2026-03-02T08:00" },
        { order: "o1", operation: "x2", status: "running", resource: "R2", unit: 1, start: "2026-03-02T08:00" },
      ],
    });
    expect(checkBottleneckRequest(request)).toEqual([
      { path: "progress[0].order", message: 'unknown order "o9"' },
      { path: "progress[1].operation", message: 'order "o1" (item "X") has no operation "y1"' },
      { path: "progress[2].resource", message: 'resource "R2" is not an alternative of operation "x1"' },
      { path: "progress[3].unit", message: 'resource "R2" has 1 unit(s), numbered from 0' },
    ]);
  });

  it("rejects a period that ends before it starts at the schema", () => {
    const result = BottleneckRequest.safeParse({ ...twoBindingResources(), period: { start: "2026-03-09T00:00", end: "2026-03-02T00:00" } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["period.end"]);
  });
});
