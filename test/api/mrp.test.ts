import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorResponse } from "../../api/errors.ts";
import { planMaterials } from "../../solver/mrp/plan-materials.ts";
import { MrpRequest, MrpResponse } from "../../src/mrp.ts";
import { post, testApp } from "../helpers/app.ts";
import { demo } from "../helpers/demo.ts";

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe("POST /v1/mrp", () => {
  it("plans the demo appliance plant exactly as the solver does", async () => {
    const res = await post(app, "/v1/mrp", demo("appliance-plant"));
    expect(res.statusCode).toBe(200);
    const body = MrpResponse.parse(res.json());
    expect(body).toEqual(planMaterials(MrpRequest.parse(demo("appliance-plant"))));
    expect(body.orders).toBeUndefined();
  });

  it("returns planned make orders as orders with options.asOrders", async () => {
    const res = await post(app, "/v1/mrp", { ...demo("appliance-plant"), options: { asOrders: true } });
    const body = MrpResponse.parse(res.json());
    const makeOrders = body.plannedOrders.filter((o) => o.source === "make");
    expect(body.orders).toHaveLength(makeOrders.length);
  });

  it("names a BOM cycle with 422", async () => {
    const plant = demo("appliance-plant");
    const [top, child] = [plant.bom[0].parent as string, plant.bom[0].component as string];
    plant.bom.push({ parent: child, component: top, quantity: 1 });
    const res = await post(app, "/v1/mrp", plant);
    expect(res.statusCode).toBe(422);
    const messages = ErrorResponse.parse(res.json()).problems!.map((p) => p.message);
    expect(messages.some((m) => m.startsWith("BOM cycle: ") && m.includes(`${top} → ${child}`) || m.includes(`${child} → ${top}`))).toBe(true);
  });

  it("answers negative quantities and scrapRate ≥ 1 with 400", async () => {
    const plant = demo("appliance-plant");
    plant.demands[0].quantity = -5;
    plant.items[0].scrapRate = 1;
    const res = await post(app, "/v1/mrp", plant);
    expect(res.statusCode).toBe(400);
    expect(ErrorResponse.parse(res.json()).problems!.map((p) => p.path)).toEqual(expect.arrayContaining(["demands[0].quantity", "items[0].scrapRate"]));
  });
});
