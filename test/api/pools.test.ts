/** Pools and batch resources through the API (issue 21): bad input is a 400 or 422 at its path, and a plan lists its pools and batches. */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorResponse } from "../../api/errors.ts";
import { ScheduleResponse } from "../../src/schedule.ts";
import { post, testApp } from "../helpers/app.ts";
import { demo } from "../helpers/demo.ts";

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const problems = (body: string) => ErrorResponse.parse(JSON.parse(body)).problems!.map((p) => [p.path, p.message]);
const fast = { timeLimitSeconds: 10, maxIterations: 5, workers: 1, seed: 1 };

describe("POST /v1/schedule with pools and batches", () => {
  it("plans the demo plant with the mill crew and the annealing furnace", async () => {
    const res = await post(app, "/v1/schedule", { ...demo("steel-plant-annealing"), options: fast });
    expect(res.statusCode).toBe(200);
    const answer = ScheduleResponse.parse(res.json());
    expect(answer.operations.filter((o) => o.operation === "roll" && o.state === "planned").every((o) => o.pools?.[0]?.pool === "mill-crew")).toBe(true);
    expect(answer.operations.filter((o) => o.operation === "anneal").every((o) => o.batch !== undefined)).toBe(true);
    expect(answer.kpis.poolUtilization?.["mill-crew"]).toBeGreaterThan(0);
  });

  it("is a 422 at the path of an unknown pool, units above the pool's largest and an order larger than the furnace", async () => {
    const plant = demo("steel-plant-annealing");
    plant.routings[0].operations[1].requires = [{ pool: "cranes" }];
    plant.routings[1].operations[1].requires = [{ pool: "mill-crew", units: 3 }];
    plant.orders[0].quantity = 450;
    const res = await post(app, "/v1/schedule", { ...plant, options: fast });
    expect(res.statusCode).toBe(422);
    expect(problems(res.body)).toEqual([
      ["routings[0].operations[1].requires[0].pool", 'unknown pool "cranes"'],
      ["routings[1].operations[1].requires[0].units", 'operation "roll" requires 3 units of pool "mill-crew", which never has more than 2'],
      ["orders[0].quantity", 'order "SO-26-001" of 450 is larger than the batch capacity 400 of resource "BAF"'],
    ]);
  });

  it("is a 400 at the path of units ≤ 0", async () => {
    const plant = demo("steel-plant-annealing");
    plant.pools[0].units = 0;
    plant.routings[0].operations[1].requires = [{ pool: "mill-crew", units: -1 }];
    const res = await post(app, "/v1/schedule", plant);
    expect(res.statusCode).toBe(400);
    expect(problems(res.body).map(([path]) => path)).toEqual(["pools[0].units", "routings[0].operations[1].requires[0].units"]);
  });
});
