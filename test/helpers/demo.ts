import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { ScheduleResponse } from "../../src/schedule.ts";
import { post } from "./app.ts";

/** A demo factory from data/, parsed fresh each call so tests may modify it. */
export function demo(name: "steel-plant" | "steel-plant-annealing" | "appliance-plant"): Record<string, any> {
  return JSON.parse(readFileSync(new URL(`../../data/${name}.json`, import.meta.url), "utf8")) as Record<string, any>;
}

/** The steel plant with its current plan from /v1/schedule as `schedule`, as insert and review take it. */
export async function steelPlantWithPlan(app: FastifyInstance): Promise<Record<string, any>> {
  const plant = demo("steel-plant");
  // The iteration cap, not the generous limit, ends the search: the same plan however busy the machine.
  const res = await post(app, "/v1/schedule", { ...plant, options: { timeLimitSeconds: 10, maxIterations: 50, workers: 1, seed: 1 } });
  expect(res.statusCode).toBe(200);
  // The /v1/schedule answer is passed on as it is.
  plant.schedule = ScheduleResponse.parse(res.json());
  return plant;
}
