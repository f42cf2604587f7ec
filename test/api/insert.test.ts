import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorResponse } from "../../api/errors.ts";
import { InsertRequest, InsertResponse } from "../../src/insert.ts";
import { ScheduleResponse } from "../../src/schedule.ts";
import { post, testApp } from "../helpers/app.ts";
import { steelPlantWithPlan } from "../helpers/demo.ts";
import { expectSoundOptions } from "../solver/insert/fixtures.ts";
import { getJob, parseEvents, submit } from "./jobs-helpers.ts";

let app: FastifyInstance;
let plant: Record<string, any>;
beforeAll(async () => {
  app = await testApp();
  plant = await steelPlantWithPlan(app);
});
afterAll(() => app.close());

describe("POST /v1/schedule/insert", () => {
  it("inserts the steel plant's rush order: valid plans from fastest to protect-confirmed, frozen day untouched", async () => {
    const res = await post(app, "/v1/schedule/insert", plant);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const response = InsertResponse.parse(res.json());
    expectSoundOptions(InsertRequest.parse(plant), response, true);
    expect(response.baseSchedule).toEqual({ source: "given" });
    const [fastest, protect] = [response.options[0]!, response.options.at(-1)!];
    expect(fastest.promise["RUSH-26-001"]! <= protect.promise["RUSH-26-001"]!).toBe(true);
  });

  it("inserts into the demo file as it is (no schedule): the plan /v1/schedule gives is computed first", async () => {
    const { schedule: _plan, ...file } = plant;
    // maxIterations ends both searches; the time limits are only safety nets, wide enough for a loaded machine.
    const search = { seed: 2, workers: 1, maxIterations: 100 };
    const res = await post(app, "/v1/schedule/insert", { ...file, options: { ...search, baseScheduleSeconds: 30, timeLimitSeconds: 2 } });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const response = InsertResponse.parse(res.json());
    const planned = await post(app, "/v1/schedule", { ...file, options: { ...search, timeLimitSeconds: 30 } });
    const plan = ScheduleResponse.parse(planned.json());
    expect(response.baseSchedule).toMatchObject({ source: "computed", status: plan.status, kpis: plan.kpis });
    expectSoundOptions(InsertRequest.parse({ ...file, schedule: plan }), response, true);
  });

  it("runs re-plan and protect-confirmed's search as a job that reports their progress, tagged by option", async () => {
    const id = await submit(app, "insert", { ...plant, options: { timeLimitSeconds: 4, workers: 1, maxIterations: 300 } });
    const events = parseEvents((await app.inject({ method: "GET", url: `/v1/jobs/${id}/events` })).body);
    expect(events.at(-1)).toMatchObject({ event: "status", data: { status: "done" } });
    const reports = events.filter((e) => e.event === "progress").map((e) => (e.data as { report: { option: string; seed: number; iterations: number } }).report);
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) expect(report).toMatchObject({ option: expect.stringMatching(/^(re-plan|protect-confirmed)$/), seed: 1, iterations: expect.any(Number) });
    const response = InsertResponse.parse((await getJob(app, id)).result);
    expectSoundOptions(InsertRequest.parse(plant), response, true);
  });

  it("gives every option, re-plan included, the projected stock of its own plan with options.materialLedger", async () => {
    const options = { timeLimitSeconds: 4, workers: 1, maxIterations: 50, materialLedger: true };
    const res = await post(app, "/v1/schedule/insert", { ...plant, options });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const response = InsertResponse.parse(res.json());
    expect(response.options.map((o) => o.name)).toContain("re-plan");
    const onHand = new Map<string, number>(plant.items.map((i: { id: string; onHand?: number }) => [i.id, i.onHand ?? 0]));
    for (const option of response.options) {
      const materials = option.schedule.materials!;
      expect(materials.length, option.name).toBeGreaterThan(0);
      const starts = new Set(option.schedule.operations.map((op) => `${op.order}@${op.start}`));
      for (const item of materials) {
        // The ledger adds up from the stock on hand to the end balance, and every consumption is at the
        // start of one of its order's operations in this option's plan (not the current plan's).
        let balance = onHand.get(item.item)!;
        expect(item.onHand).toBe(balance);
        for (const entry of item.ledger!) {
          balance += entry.change;
          expect(entry.balance).toBeCloseTo(balance, 6);
          if (entry.change < 0 && entry.order !== undefined) expect(starts.has(`${entry.order}@${entry.at}`), `${option.name}: ${entry.order} at ${entry.at}`).toBe(true);
        }
        expect(item.endBalance).toBeCloseTo(balance, 6);
      }
    }
  });

  it("answers a plan naming an unknown order with 422 and its path", async () => {
    const broken = structuredClone(plant);
    broken.schedule.operations[3].order = "NO-SUCH-ORDER";
    const res = await post(app, "/v1/schedule/insert", broken);
    expect(res.statusCode).toBe(422);
    expect(ErrorResponse.parse(res.json()).problems!.map((p) => p.path)).toContain("schedule.operations[3].order");
  });

  it("answers a request without rush orders with 400", async () => {
    const res = await post(app, "/v1/schedule/insert", { ...plant, rushOrders: [] });
    expect(res.statusCode).toBe(400);
    expect(ErrorResponse.parse(res.json()).problems!.map((p) => p.path)).toContain("rushOrders");
  });
});
