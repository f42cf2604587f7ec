import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorResponse } from "../../api/errors.ts";
import { MrpResponse } from "../../src/mrp.ts";
import { ScheduleRequest, ScheduleResponse } from "../../src/schedule.ts";
import { post, testApp } from "../helpers/app.ts";
import { demo } from "../helpers/demo.ts";
import { progressAt } from "../helpers/progress-at.ts";
import { validateSchedule } from "../helpers/validate-schedule.ts";

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

async function schedule(body: Record<string, unknown>): Promise<ScheduleResponse> {
  const res = await post(app, "/v1/schedule", body);
  expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
  const response = ScheduleResponse.parse(res.json());
  expect(validateSchedule(ScheduleRequest.parse(body), response)).toEqual([]);
  return response;
}

describe("POST /v1/schedule", () => {
  it("schedules the demo steel plant with a valid plan and consistent KPIs", async () => {
    const plant = demo("steel-plant");
    plant.options = { timeLimitSeconds: 1, workers: 2, seed: 3 };
    const response = await schedule(plant);
    expect(response.status).not.toBe("infeasible");
    expect(response.orders).toHaveLength(plant.orders.length);
    const onTime = response.orders.filter((o) => o.onTime).length;
    expect(response.kpis.onTimeRate).toBeCloseTo(onTime / response.orders.length, 10);
    expect(response.solver.workers).toBe(2);
  });

  it("searches for the whole budget over a real socket (the request stream closing early must not stop it)", async () => {
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    const plant = demo("steel-plant");
    plant.options = { timeLimitSeconds: 30, maxIterations: 40, workers: 1 };
    const res = await fetch(`${address}/v1/schedule`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(plant) });
    expect(res.status).toBe(200);
    const response = ScheduleResponse.parse(await res.json());
    expect(response.status).toBe("feasible");
    expect(response.solver.iterations).toBe(40);
  });

  it("gives the same plan for the same seed and workers", async () => {
    // An iteration cap well inside the time limit keeps the run independent of this machine's load.
    const plant = demo("steel-plant");
    plant.options = { timeLimitSeconds: 30, maxIterations: 60, workers: 2, seed: 5 };
    const [a, b] = [await schedule(plant), await schedule(plant)];
    expect(a.status).toBe("feasible");
    expect(a.solver.iterations).toBeGreaterThan(0);
    expect(a.operations).toEqual(b.operations);
    expect(a.kpis).toEqual(b.kpis);
  });

  it("answers progress on an unknown order with 422 naming its path", async () => {
    const plant = demo("steel-plant");
    plant.progress[0].order = "NO-SUCH-ORDER";
    const res = await post(app, "/v1/schedule", plant);
    expect(res.statusCode).toBe(422);
    expect(ErrorResponse.parse(res.json()).problems!.some((p) => p.path.startsWith("progress[0]"))).toBe(true);
  });

  it("answers a malformed request with 400 naming every path", async () => {
    const plant = demo("steel-plant");
    plant.orders[0].priority = 9;
    plant.options = { timeLimitSeconds: -1 };
    const res = await post(app, "/v1/schedule", plant);
    expect(res.statusCode).toBe(400);
    expect(ErrorResponse.parse(res.json()).problems!.map((p) => p.path)).toEqual(expect.arrayContaining(["orders[0].priority", "options.timeLimitSeconds"]));
  });

  it("answers wrong material references with 422 at their paths and negative staging with 400", async () => {
    const plant = demo("steel-plant");
    plant.routings[0].operations[1].consumes = ["ALZN"];
    plant.reservations = [{ order: "SO-26-001", item: "HRC-2.5", quantity: 9999 }];
    plant.receipts.push({ item: "HRC-2.5", bucket: 99, quantity: 5 });
    const res = await post(app, "/v1/schedule", plant);
    expect(res.statusCode).toBe(422);
    expect(ErrorResponse.parse(res.json()).problems!.map((p) => p.path)).toEqual(["reservations[0].quantity", "routings[0].operations[1].consumes[0]", "receipts[5].bucket"]);
    const staging = demo("steel-plant");
    staging.items[8].stagingMinutes = -1;
    expect((await post(app, "/v1/schedule", staging)).statusCode).toBe(400);
  });

  it("answers issue 16's bad fields: a transfer batch or smallest part of 0 or less, and too many parts, with 400; a maximum wait below the gap with 422", async () => {
    const plant = demo("steel-plant");
    plant.routings[0].operations[0].transferQuantity = 0;
    plant.routings[0].operations[1].split = { minQuantity: -5 };
    plant.routings[0].operations[2].split = { minQuantity: 5, maxParts: 65 };
    plant.orders[0].dueBufferMinutes = -1;
    const res = await post(app, "/v1/schedule", plant);
    expect(res.statusCode).toBe(400);
    expect(ErrorResponse.parse(res.json()).problems!.map((p) => p.path).sort()).toEqual(
      ["orders[0].dueBufferMinutes", "routings[0].operations[0].transferQuantity", "routings[0].operations[1].split.minQuantity", "routings[0].operations[2].split.maxParts"].sort(),
    );
    // Larger than an order's quantity is fine: the lot moves, or runs, whole.
    const whole = demo("steel-plant");
    whole.routings[0].operations[0].transferQuantity = 1e6;
    whole.routings[0].operations[1].split = { minQuantity: 1e6 };
    whole.options = { timeLimitSeconds: 10, maxIterations: 5, workers: 1 };
    await schedule(whole);
    const gap = demo("steel-plant");
    gap.routings[0].operations[1].maxWaitMinutes = 60; // its minGapMinutes is 240
    const wrong = await post(app, "/v1/schedule", gap);
    expect(wrong.statusCode).toBe(422);
    expect(ErrorResponse.parse(wrong.json()).problems).toEqual([{ path: "routings[0].operations[1].maxWaitMinutes", message: expect.stringMatching(/at most 60 minutes .* minGapMinutes 240/) }]);
  });

  it("keeps the issued day when re-planning the next morning against the plan in force, with the day's progress", async () => {
    const plant = demo("steel-plant");
    plant.options = { timeLimitSeconds: 30, maxIterations: 30, workers: 1 };
    const issued = await schedule(plant);
    // Tuesday 06:00: Monday ran to plan. Re-plan with the plan in force and Wednesday 06:00 as the fence.
    const model = ScheduleRequest.parse(plant);
    const morning = { ...plant, planStart: "2026-03-31T06:00", progress: progressAt(model, model.progress, issued.operations, "2026-03-31T06:00"), reference: issued, frozenUntil: "2026-04-01T06:00" };
    const replanned = await schedule(morning);
    const before = new Map(issued.operations.map((op) => [`${op.order}/${op.operation}`, op]));
    const tuesday = replanned.operations.filter((op) => op.start < "2026-04-01T06:00" && op.state !== "running");
    expect(tuesday.length).toBeGreaterThan(10);
    for (const op of tuesday) expect(op).toEqual({ ...before.get(`${op.order}/${op.operation}`)!, state: "frozen" });
    expect(replanned.kpis.weightedTardiness).toBeLessThanOrEqual(issued.kpis.weightedTardiness);
    expect(replanned.changes).toBeDefined();
  });

  it("answers wrong reference operations with 422 at their paths and a fence before running work with 400", async () => {
    const plant = demo("steel-plant");
    plant.options = { timeLimitSeconds: 30, maxIterations: 5, workers: 1 };
    const issued = await schedule(plant);
    const operations = issued.operations.map((op) => ({ ...op }));
    operations[0]!.order = "NO-SUCH-ORDER";
    operations[1]!.resource = "CGL";
    const res = await post(app, "/v1/schedule", { ...plant, reference: { operations } });
    expect(res.statusCode).toBe(422);
    expect(ErrorResponse.parse(res.json()).problems!.map((p) => p.path)).toEqual(expect.arrayContaining(["reference.operations[0].order", "reference.operations[1].resource"]));
    const early = await post(app, "/v1/schedule", { ...plant, reference: issued, frozenUntil: "2026-03-30T05:59" });
    expect(early.statusCode).toBe(400);
    expect(ErrorResponse.parse(early.json()).problems!.map((p) => p.path)).toEqual(["frozenUntil"]);
  });

  it("closes the MRP loop: planned make orders schedule on the appliance plant", async () => {
    const plant = demo("appliance-plant");
    const mrp = MrpResponse.parse((await post(app, "/v1/mrp", { ...plant, options: { asOrders: true } })).json());
    expect(mrp.orders!.length).toBeGreaterThan(0);
    // MRP's make orders rely on its planned purchases, which are not receipts: the schedule takes MRP's word for material.
    const response = await schedule({ ...plant, orders: mrp.orders, options: { timeLimitSeconds: 1, workers: 1, material: "ignore" } });
    expect(new Set(response.operations.map((o) => o.order))).toEqual(new Set(mrp.orders!.map((o) => o.id)));
  });
});
