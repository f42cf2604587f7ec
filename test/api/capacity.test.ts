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
    expect(body.resources).toEqual(direct.resources);
  });

  it("answers an unknown calendar with 422 naming its path", async () => {
    const plant = demo("steel-plant");
    plant.resources[0].calendar = "no-such-calendar";
    const res = await post(app, "/v1/capacity", plant);
    expect(res.statusCode).toBe(422);
    expect(ErrorResponse.parse(res.json()).problems).toContainEqual({ path: "resources[0].calendar", message: 'unknown calendar "no-such-calendar"' });
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
