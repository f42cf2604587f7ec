import { mkdtempSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorResponse } from "../../api/errors.ts";
import { MrpRequest, MrpResponse } from "../../src/mrp.ts";
import { post, testApp } from "../helpers/app.ts";
import { takt } from "../helpers/cli.ts";
import { demo } from "../helpers/demo.ts";
import type { MrpObjectsResponse } from "../solver/mrp/plan.ts";
import { planJson } from "../solver/mrp/plan.ts";
import { validateMrp } from "../solver/mrp/validate-mrp.ts";

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe("POST /v1/mrp", () => {
  it("plans the demo appliance plant exactly as the solver does", async () => {
    const res = await post(app, "/v1/mrp", demo("appliance-plant"));
    expect(res.statusCode).toBe(200);
    const body = MrpResponse.parse(res.json()) as MrpObjectsResponse;
    const request = MrpRequest.parse(demo("appliance-plant"));
    expect(body).toEqual(planJson(request));
    expect(validateMrp(request, body)).toEqual([]);
    expect(body.orders).toBeUndefined();
  });

  it("returns planned make orders as orders with options.asOrders", async () => {
    const res = await post(app, "/v1/mrp", { ...demo("appliance-plant"), options: { asOrders: true } });
    const body = MrpResponse.parse(res.json());
    const makeOrders = body.plannedOrders.filter((o) => o.source === "make");
    expect(body.orders).toHaveLength(makeOrders.length);
  });

  it("returns only the records options.records lists, and names an unknown one with 422", async () => {
    const plant = demo("appliance-plant");
    const id = plant.items[1].id as string;
    const selected = await post(app, "/v1/mrp", { ...plant, options: { records: [id] } });
    expect(selected.statusCode).toBe(200);
    const body = MrpResponse.parse(selected.json());
    expect(body).toEqual({ ...planJson(MrpRequest.parse(plant)), items: { [id]: planJson(MrpRequest.parse(plant)).items[id] } });
    const unknown = await post(app, "/v1/mrp", { ...plant, options: { records: [id, "ghost"] } });
    expect(unknown.statusCode).toBe(422);
    expect(ErrorResponse.parse(unknown.json()).problems!.map((p) => p.path)).toEqual(["options.records[1]"]);
  });

  it("names a BOM cycle with 422", async () => {
    const plant = demo("appliance-plant");
    const [top, child] = [plant.bom[0].parent as string, plant.bom[0].component as string];
    plant.bom.push({ parent: child, component: top, quantity: 1 });
    const res = await post(app, "/v1/mrp", plant);
    expect(res.statusCode).toBe(422);
    const messages = ErrorResponse.parse(res.json()).problems!.map((p) => p.message);
    // The cycle is named in either direction, and the message says it is one.
    expect(messages.some((m) => m.startsWith("BOM cycle: ") && (m.includes(`${top} → ${child}`) || m.includes(`${child} → ${top}`)))).toBe(true);
  });

  it("answers negative quantities and scrapRate ≥ 1 with 400", async () => {
    const plant = demo("appliance-plant");
    plant.demands[0].quantity = -5;
    plant.items[0].scrapRate = 1;
    const res = await post(app, "/v1/mrp", plant);
    expect(res.statusCode).toBe(400);
    expect(ErrorResponse.parse(res.json()).problems!.map((p) => p.path)).toEqual(expect.arrayContaining(["demands[0].quantity", "items[0].scrapRate"]));
  });

  it("names an unknown firm planned order item, an unknown calendar and a fence past the horizon with 422 (issue 23)", async () => {
    const plant = demo("appliance-plant");
    plant.buckets.calendar = "four-shift";
    plant.firmPlannedOrders = [{ id: "F-1", item: "WM-F90", bucket: 1, quantity: 100 }];
    plant.options = { planningFenceBuckets: plant.buckets.count + 1 };
    plant.items[0].planningFenceBuckets = plant.buckets.count + 2;
    const res = await post(app, "/v1/mrp", plant);
    expect(res.statusCode).toBe(422);
    expect(ErrorResponse.parse(res.json()).problems!.map((p) => p.path)).toEqual([
      "buckets.calendar",
      "options.planningFenceBuckets",
      "items[0].planningFenceBuckets",
      "firmPlannedOrders[0].item",
    ]);
  });

  it("answers negative fences and windows with 400 at their paths", async () => {
    const plant = demo("appliance-plant");
    plant.options = { planningFenceBuckets: -1, releaseWindowBuckets: -1 };
    plant.items[2].planningFenceBuckets = -3;
    const res = await post(app, "/v1/mrp", plant);
    expect(res.statusCode).toBe(400);
    expect(ErrorResponse.parse(res.json()).problems!.map((p) => p.path)).toEqual(["items[2].planningFenceBuckets", "options.releaseWindowBuckets", "options.planningFenceBuckets"]);
  });

  // The route hands the body to the worker unparsed (an ERP snapshot is tens of MB); its errors must
  // still be the 400s every other route gives.
  it("answers a body that is not JSON with 400 at $", async () => {
    const res = await post(app, "/v1/mrp", '{"buckets": ');
    expect(res.statusCode).toBe(400);
    const body = ErrorResponse.parse(res.json());
    expect(body.code).toBe("TAKT_ERR_BAD_REQUEST");
    expect(body.problems!.map((p) => p.path)).toEqual(["$"]);
  });

  it("answers a request without a body with 400", async () => {
    const res = await app.inject({ method: "POST", url: "/v1/mrp" });
    expect(res.statusCode).toBe(400);
    expect(ErrorResponse.parse(res.json()).code).toBe("TAKT_ERR_BAD_REQUEST");
  });

  it("reads application/json with a charset, and refuses another content type unread, as the other routes do", async () => {
    expect((await post(app, "/v1/mrp", demo("appliance-plant"), "text/plain")).statusCode).toBe(415);
    const res = await post(app, "/v1/mrp", demo("appliance-plant"), "application/json; charset=utf-8");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(Number(res.headers["content-length"])).toBe(Buffer.byteLength(res.body));
    expect(MrpResponse.parse(res.json())).toEqual(planJson(MrpRequest.parse(demo("appliance-plant"))));
  });
});

describe("takt mrp", () => {
  const dir = mkdtempSync(join(tmpdir(), "takt-mrp-"));
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  };

  it("prints the route's plan", async () => {
    const { code, stdout } = await takt("mrp", file("plant.json", demo("appliance-plant")));
    expect(code).toBe(0);
    expect(MrpResponse.parse(JSON.parse(stdout))).toEqual(planJson(MrpRequest.parse(demo("appliance-plant"))));
  });

  it("adds the planned make orders as orders with --orders", async () => {
    const { code, stdout } = await takt("mrp", "--orders", file("plant.json", demo("appliance-plant")));
    expect(code).toBe(0);
    const expected = planJson(MrpRequest.parse({ ...demo("appliance-plant"), options: { asOrders: true } }));
    expect(MrpResponse.parse(JSON.parse(stdout)).orders).toEqual(expected.orders);
  });

  it("leaves the records out with --no-records", async () => {
    const { code, stdout } = await takt("mrp", "--no-records", file("plant.json", demo("appliance-plant")));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ ...planJson(MrpRequest.parse(demo("appliance-plant"))), items: {} });
  });

  it("returns columns and full pegging with --columnar --full-pegging", async () => {
    const { code, stdout } = await takt("mrp", "--columnar", "--full-pegging", file("plant.json", demo("appliance-plant")));
    expect(code).toBe(0);
    const expected = planJson(MrpRequest.parse({ ...demo("appliance-plant"), options: { format: "columnar", pegging: "full" } }));
    expect(JSON.parse(stdout)).toEqual(expected);
    expect(expected.demands!.length).toBe(demo("appliance-plant").demands.length);
  });

  it("exits 2 with every failing path for a file of the wrong shape", async () => {
    const plant = demo("appliance-plant");
    plant.demands[0].quantity = -5;
    plant.items[0].scrapRate = 1;
    const { code, stdout } = await takt("mrp", file("bad.json", plant));
    expect(code).toBe(2);
    const body = ErrorResponse.parse(JSON.parse(stdout));
    expect(body.problems!.map((p) => p.path)).toEqual(expect.arrayContaining(["demands[0].quantity", "items[0].scrapRate"]));
  });

  it("exits 2 for a file that is not JSON", async () => {
    const { code, stdout } = await takt("mrp", file("broken.json", "{ nope"));
    expect(code).toBe(2);
    expect(ErrorResponse.parse(JSON.parse(stdout))).toMatchObject({ statusCode: 400, code: "TAKT_ERR_BAD_REQUEST" });
  });
});

describe("a client hanging up before its answer", () => {
  async function withLoggedServer(
    test: (address: string, logged: () => Array<{ level: number; msg: string }>) => Promise<void>,
    addRoutes: (server: FastifyInstance) => void = () => {},
  ) {
    const lines: string[] = [];
    const server = await testApp({ logger: { level: "info", stream: { write: (line: string) => lines.push(line) } } });
    try {
      addRoutes(server);
      await test(await server.listen({ host: "127.0.0.1", port: 0 }), () => lines.map((line) => JSON.parse(line) as { level: number; msg: string }));
    } finally {
      await server.close();
    }
  }

  /** Posts `body` and hangs up as soon as the answer starts (or the connection fails). */
  function postAndHangUp(url: string, body: string): Promise<void> {
    return new Promise<void>((resolve) => {
      const req = httpRequest(url, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
        res.once("data", () => {
          req.destroy();
          resolve();
        });
      });
      req.on("error", () => resolve());
      req.end(body);
    });
  }

  it("mid-stream (a 20 MB plan): no server error is logged, and the next request is served", async () => {
    const items = Array.from({ length: 20_000 }, (_, k) => ({ id: `P${k}`, safetyStock: 5 }));
    const big = {
      buckets: { start: "2026-01-05", size: "week", count: 52 },
      items,
      bom: [],
      demands: items.map((item, k) => ({ id: `D${k}`, item: item.id, bucket: k % 52, quantity: 10 + (k % 7) })),
      receipts: [],
    };
    await withLoggedServer(async (address, logged) => {
      await postAndHangUp(`${address}/v1/mrp`, JSON.stringify(big));
      const res = await fetch(`${address}/v1/mrp`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(demo("appliance-plant")) });
      expect(res.status).toBe(200);
      expect(MrpResponse.parse(await res.json()).plannedOrders.length).toBeGreaterThan(0);
      expect(logged().filter((entry) => entry.level >= 50)).toEqual([]);
    });
  });

  it("when an error meets a closed connection, logs it as the client's doing, not a server error", async () => {
    await withLoggedServer(
      async (address, logged) => {
        await postAndHangUp(`${address}/test/hang-up`, "{}");
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(logged().filter((entry) => entry.level >= 50)).toEqual([]);
        expect(logged().some((entry) => entry.msg === "the client closed the connection before its answer was sent")).toBe(true);
      },
      // Stands in for the race where a large plan's answer fails after its client has gone.
      (server) =>
        server.post("/test/hang-up", async (_request, reply) => {
          reply.raw.destroy();
          throw new Error("the answer could not be sent");
        }),
    );
  });
});
