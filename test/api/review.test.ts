import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorResponse } from "../../api/errors.ts";
import { ReviewResponse } from "../../src/review.ts";
import { ScheduleRequest } from "../../src/schedule.ts";
import { post, testApp } from "../helpers/app.ts";
import { steelPlantWithPlan } from "../helpers/demo.ts";
import { validateSchedule } from "../helpers/validate-schedule.ts";

let app: FastifyInstance;
let plant: Record<string, any>;
beforeAll(async () => {
  app = await testApp();
  plant = await steelPlantWithPlan(app);
});
afterAll(() => app.close());

describe("POST /v1/orders/review", () => {
  it("reviews the steel plant's candidates with promises, reasons and valid implied plans", async () => {
    const res = await post(app, "/v1/orders/review", plant);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const response = ReviewResponse.parse(res.json());
    expect(response.baseSchedule).toEqual({ source: "given" });
    expect(response.candidates.map((d) => d.order)).toEqual(plant.candidates.map((c: { id: string }) => c.id));
    const accepted: unknown[] = [];
    for (const [i, decision] of response.candidates.entries()) {
      const candidate = plant.candidates[i];
      expect(decision.requested).toBe(candidate.due);
      if (decision.decision === "accept") expect(decision.promise! <= candidate.due).toBe(true);
      if (decision.decision === "counter-offer") expect(decision.promise! > candidate.due).toBe(true);
      if (decision.schedule !== undefined) {
        const { engineeringDays: _e, maxDelayDays: _m, ...order } = candidate;
        // Against the plan reviewed with its fence: the frozen day is kept (a review reports no changes list).
        const reference = i === 0 ? plant.schedule : response.candidates.slice(0, i).findLast((d) => d.decision === "accept")?.schedule ?? plant.schedule;
        const request = ScheduleRequest.parse({ ...plant, orders: [...plant.orders, ...accepted, order], planStart: plant.now, reference, frozenUntil: plant.frozenUntil });
        const errors = validateSchedule(request, { status: "feasible", operations: decision.schedule.operations, orders: decision.schedule.orders, kpis: { onTimeRate: 0, weightedTardiness: 0, makespanMinutes: 0, setupMinutes: 0, changeoverMinutes: 0, utilization: {} }, solver: { elapsedMs: 0, iterations: 0, workers: 1, bestFoundAtMs: 0, objective: [] } });
        expect(errors.filter((e) => !/onTimeRate|weightedTardiness|makespan|changes/.test(e))).toEqual([]);
      }
      if (decision.decision === "accept") accepted.push(candidate);
    }
    // The non-standard Jinlong order waits for its 3 engineering days; the Al-Zn export order needs Al-Zn ingot bought.
    expect(response.candidates[1]!.reasons).toContainEqual({ kind: "engineering", days: 3, until: "2026-04-02T06:00" });
    expect(response.candidates[2]!.reasons.find((r) => r.kind === "material" && r.item === "ALZN")).toMatchObject({ source: "purchase" });
  });

  it("answers a change to an unknown order with 422 and its path", async () => {
    const res = await post(app, "/v1/orders/review", { ...plant, changes: [{ order: "NOPE", quantity: 5 }] });
    expect(res.statusCode).toBe(422);
    expect(ErrorResponse.parse(res.json()).problems!.map((p) => p.path)).toContain("changes[0].order");
  });
});
