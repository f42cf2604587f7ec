import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorResponse } from "../../api/errors.ts";
import { assessCapacity } from "../../solver/capacity/assess-capacity.ts";
import { jslpEngine } from "../../solver/lp/jslp-engine.ts";
import { CapacityRequest, CapacityResponse } from "../../src/capacity.ts";
import { post, testApp } from "../helpers/app.ts";
import { demo } from "../helpers/demo.ts";

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe("POST /v1/capacity", () => {
  it("assesses the demo steel plant: report and countermeasures, the same as the solver gives directly", async () => {
    const res = await post(app, "/v1/capacity", demo("steel-plant"));
    expect(res.statusCode).toBe(200);
    const body = CapacityResponse.parse(res.json());
    expect(body.buckets).toHaveLength(4);
    const cgl = body.resources.find((r) => r.id === "CGL")!;
    expect(Math.max(...cgl.buckets.map((b) => b.utilization ?? 0))).toBeGreaterThan(1);
    expect(body.countermeasures?.status).toBe("optimal");
    // The pure-JS engine must reach the same cheapest plan cost as HiGHS did in the worker.
    const direct = await assessCapacity(CapacityRequest.parse(demo("steel-plant")), { engine: jslpEngine });
    expect(body.countermeasures!.totalCost).toBeCloseTo(direct.countermeasures!.totalCost, 4);
    // Capacity by hand from data/README.md's calendars, weeks from Mon 30 March: two-shift 4,500 min a week, the
    // second week 4,500 − 900 (Qingming, Mon 6 April) + 450 (overtime Sat 11 April); the pickling line's
    // three shifts 8,100 a week through the holiday; × units × efficiency (CRM2 0.85, PACK 2 units).
    const twoShift = [4500, 4050, 4500, 4500];
    const available = Object.fromEntries(body.resources.map((r) => [r.id, r.buckets.map((b) => b.availableMinutes)]));
    expect(available).toEqual({ PKL: [8100, 8100, 8100, 8100], CRM1: twoShift, CRM2: twoShift.map((m) => m * 0.85), CGL: twoShift, INSP: twoShift, PACK: twoShift.map((m) => m * 2) });
    for (const r of body.resources) {
      for (const b of r.buckets) {
        expect(b.utilization, r.id).toBeCloseTo(b.loadMinutes / b.availableMinutes, 9);
        expect(b.overloadMinutes, r.id).toBeCloseTo(Math.max(0, b.loadMinutes - b.availableMinutes), 6);
      }
    }
  });

  it("answers an unknown calendar with 422 naming its path", async () => {
    const plant = demo("steel-plant");
    plant.resources[0].calendar = "no-such-calendar";
    const res = await post(app, "/v1/capacity", plant);
    expect(res.statusCode).toBe(422);
    expect(ErrorResponse.parse(res.json()).problems).toContainEqual({ path: "resources[0].calendar", message: 'unknown calendar "no-such-calendar"' });
  });

  // progress[0] is SO-26-001's done pickling on PKL; each case breaks one reference.
  it.each([
    ["an unknown order", { order: "SO-99-999" }, "progress[0].order", 'unknown order "SO-99-999"'],
    ["an operation outside the order's routing", { operation: "paint" }, "progress[0].operation", 'order "SO-26-001" has no operation "paint"'],
    ["a resource that is not one of the operation's alternatives", { resource: "CGL" }, "progress[0].resource", 'resource "CGL" is not an alternative of operation "pickle"'],
    // A duplicate is reported at the later entry: the original "roll" report.
    ["a duplicate report", { operation: "roll", resource: "CRM1" }, "progress[5]", 'operation "roll" of order "SO-26-001" is reported twice'],
  ])("answers progress naming %s with 422 and its path", async (_, change, path, message) => {
    const plant = demo("steel-plant");
    Object.assign(plant.progress[0], change);
    const res = await post(app, "/v1/capacity", plant);
    expect(res.statusCode).toBe(422);
    expect(ErrorResponse.parse(res.json()).problems).toContainEqual({ path, message });
  });

  it("answers zero buckets and negative minutes with 400 naming every path", async () => {
    const plant = demo("steel-plant");
    plant.buckets.count = 0;
    plant.routings[0].operations[0].runMinutesPerUnit = -1;
    const res = await post(app, "/v1/capacity", plant);
    expect(res.statusCode).toBe(400);
    const paths = ErrorResponse.parse(res.json()).problems!.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["buckets.count", "routings[0].operations[0].runMinutesPerUnit"]));
  });
});
