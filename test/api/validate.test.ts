import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidateResponse } from "../../src/factory.ts";
import { post, testApp } from "../helpers/app.ts";
import { tinyFactory } from "../helpers/tiny-factory.ts";

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

async function validate(body: unknown) {
  const res = await post(app, "/v1/validate", body);
  expect(res.statusCode).toBe(200);
  return ValidateResponse.parse(res.json());
}

describe("POST /v1/validate", () => {
  it("says valid for a sound model", async () => {
    expect(await validate(tinyFactory())).toEqual({ valid: true, problems: [] });
  });

  it("names every reference problem by path", async () => {
    const model = tinyFactory();
    model.resources[1]!.calendar = "night";
    model.routings[0]!.operations[1]!.resources = ["lathe", "mill"];
    model.orders.push({ id: "o1", item: "gear", quantity: 1, due: "2026-03-06T14:00" });
    const result = await validate(model);
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { path: "resources[1].calendar", message: 'unknown calendar "night"' },
        { path: "routings[0].operations[1].resources[1]", message: 'unknown resource "mill"' },
        { path: "orders[1]", message: 'duplicate order id "o1" (first at orders[0])' },
        { path: "orders[1].item", message: 'item "gear" has no routing' },
      ]),
    );
    expect(result.problems).toHaveLength(4);
  });

  it("lists every shape problem by path, not only the first", async () => {
    const model = tinyFactory() as unknown as { resources: Array<Record<string, unknown>>; orders: Array<Record<string, unknown>> };
    model.resources[0]!.units = 0;
    model.orders[0]!.due = "2026-02-30T10:00";
    delete model.orders[0]!.quantity;
    const result = await validate(model);
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => p.path).sort()).toEqual(["orders[0].due", "orders[0].quantity", "resources[0].units"]);
  });

  it("names a BOM cycle", async () => {
    const model = { ...tinyFactory(), bom: [
      { parent: "A", component: "B", quantity: 1 },
      { parent: "B", component: "C", quantity: 2 },
      { parent: "C", component: "A", quantity: 1 },
    ] };
    const result = await validate(model);
    expect(result.problems).toContainEqual({ path: "bom[0]", message: "BOM cycle: A → B → C → A" });
  });

  it.each(["steel-plant.json", "appliance-plant.json"])("accepts the demo factory %s", async (file) => {
    const body = JSON.parse(readFileSync(new URL(`../../data/${file}`, import.meta.url), "utf8")) as unknown;
    expect(await validate(body)).toEqual({ valid: true, problems: [] });
  });
});
