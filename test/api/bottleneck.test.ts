import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorResponse } from "../../api/errors.ts";
import { BottleneckResponse } from "../../src/bottleneck.ts";
import { post, testApp } from "../helpers/app.ts";
import { demo } from "../helpers/demo.ts";

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe("POST /v1/bottleneck", () => {
  it("finds the galvanizing line as the steel plant's constraint and an LP mix at least as good as the ranking", async () => {
    const res = await post(app, "/v1/bottleneck", demo("steel-plant"));
    expect(res.statusCode).toBe(200);
    const body = BottleneckResponse.parse(res.json());
    expect(body.constraint).toMatchObject({ kind: "resource", resource: "CGL" });
    // Recompute the ranking's throughput from its mix rather than trusting its own total.
    const rankingThroughput = body.products.reduce((sum, p) => sum + p.throughputPerUnit * (body.rankingMix.mix[p.item] ?? 0), 0);
    expect(rankingThroughput).toBeCloseTo(body.rankingMix.throughput, 6);
    expect(body.throughput).toBeGreaterThanOrEqual(rankingThroughput - 1e-6);
  });

  it("names a product without a routing with 422", async () => {
    const plant = demo("steel-plant");
    plant.items.push({ id: "MYSTERY-COIL" });
    plant.products.push({ item: "MYSTERY-COIL", price: 100, demand: 1 });
    const res = await post(app, "/v1/bottleneck", plant);
    expect(res.statusCode).toBe(422);
    const problems = ErrorResponse.parse(res.json()).problems!;
    expect(problems.some((p) => p.path.startsWith(`products[${plant.products.length - 1}]`) && p.message.includes("MYSTERY-COIL"))).toBe(true);
  });
});
