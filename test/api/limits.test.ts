/**
 * Issue 13's numbered cases, each as the hostile client or the big ERP met it, answered now with a clear
 * 400, 422 or 200 instead of a 500 or a runaway. The speeds (deadline overruns, /health while the largest
 * requests run) are measured by `npm run bench:limits`, not asserted here; the memory cases compare the
 * process's resident memory with its baseline, with margins generous for a shared machine.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../api/app.ts";
import { ErrorResponse } from "../../api/errors.ts";
import { createSolverPool } from "../../api/pool.ts";
import type { RunOptions, SolverPool } from "../../api/pool.ts";
import { jsonBodyText } from "../../api/json-body.ts";
import { MAX_BOM_DEPTH, MAX_MRP_BUCKETS, MAX_MRP_CELLS, MAX_TOTAL_UNITS, MAX_UNITS_PER_RESOURCE } from "../../src/limits.ts";
import { ScheduleResponse } from "../../src/schedule.ts";
import { deepChain } from "../../bench/bottleneck.bench.ts";
import { scalePlant } from "../../bench/schedule.bench.ts";
import { post, testApp } from "../helpers/app.ts";
import { demo } from "../helpers/demo.ts";
import { getJob, submitRaw } from "./jobs-helpers.ts";

const rssMb = () => process.memoryUsage.rss() / 2 ** 20;
const problemPaths = (body: string) => ErrorResponse.parse(JSON.parse(body)).problems!.map((p) => p.path);

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

/** The demo steel plant with its galvanizing line's units set. */
function steelWithCglUnits(units: number): Record<string, any> {
  const plant = demo("steel-plant");
  plant.resources = plant.resources.map((r: { id: string }) => (r.id === "CGL" ? { ...r, units } : r));
  return plant;
}

describe("case 1: a 30 KB request with 2,000,000,000 units", () => {
  it("is a 400 at the units, on the route and as a job, and the server's memory stays at its baseline", async () => {
    const before = rssMb();
    const body = steelWithCglUnits(2_000_000_000);
    const route = await post(app, "/v1/schedule", body);
    expect(route.statusCode).toBe(400);
    expect(problemPaths(route.body)).toEqual(["resources[3].units"]);
    const job = await submitRaw(app, { kind: "schedule", input: body });
    expect(job.statusCode).toBe(400);
    expect(problemPaths(job.body)).toEqual(["input.resources[3].units"]);
    expect(rssMb()).toBeLessThan(before + 200);
  });

  it("is a 422 naming a resource when the units pass the limit together", async () => {
    const plant = demo("steel-plant");
    const extra = Math.ceil(MAX_TOTAL_UNITS / MAX_UNITS_PER_RESOURCE);
    plant.resources = [...plant.resources, ...Array.from({ length: extra }, (_, i) => ({ id: `PRESS${i}`, calendar: "two-shift", units: MAX_UNITS_PER_RESOURCE }))];
    const res = await post(app, "/v1/schedule", plant);
    expect(res.statusCode).toBe(422);
    const problem = ErrorResponse.parse(res.json()).problems!.find((p) => /MAX_TOTAL_UNITS/.test(p.message));
    expect(problem?.path).toMatch(/^resources\[\d+\]\.units$/);
  });
});

describe("case 2: plans that cannot be built in time", () => {
  it("an order quantity of 1e12 is a 400 at the quantity", async () => {
    const plant = demo("steel-plant");
    plant.orders[0].quantity = 1e12;
    const res = await post(app, "/v1/schedule", plant);
    expect(res.statusCode).toBe(400);
    expect(problemPaths(res.body)).toEqual(["orders[0].quantity"]);
  });

  it("a 10,000-order plant with a time limit too short to build a plan is a 200 timedout without a plan, naming the limit to raise", async () => {
    const plant = scalePlant(10_000);
    const res = await post(app, "/v1/schedule", { ...plant, options: { ...plant.options, timeLimitSeconds: 0.05, workers: 2 } });
    expect(res.statusCode).toBe(200);
    const answer = ScheduleResponse.parse(res.json());
    expect(answer).toMatchObject({ status: "timedout", operations: [], orders: [] });
    expect(answer.reason).toMatch(/raise options\.timeLimitSeconds \(now 0\.05 s\)/);
  });
});

describe("case 3: MRP with 10,000,000 buckets", () => {
  it("is a 400 at buckets.count, and the server's memory stays at its baseline", async () => {
    const before = rssMb();
    const plant = demo("appliance-plant");
    const res = await post(app, "/v1/mrp", { ...plant, buckets: { ...plant.buckets, count: 10_000_000 } });
    expect(res.statusCode).toBe(400);
    expect(problemPaths(res.body)).toEqual(["buckets.count"]);
    expect(rssMb()).toBeLessThan(before + 200);
  });

  it("is a 422 at buckets.count when items × buckets pass the limit", async () => {
    const items = Math.floor(MAX_MRP_CELLS / MAX_MRP_BUCKETS) + 1;
    const res = await post(app, "/v1/mrp", {
      buckets: { start: "2026-03-30", size: "day", count: MAX_MRP_BUCKETS },
      items: Array.from({ length: items }, (_, i) => ({ id: `P${i}` })),
    });
    expect(res.statusCode).toBe(422);
    expect(ErrorResponse.parse(res.json()).problems).toEqual([expect.objectContaining({ path: "buckets.count", message: expect.stringMatching(/MAX_MRP_CELLS/) })]);
  });
});

describe("case 4: the main thread never parses a request", () => {
  /** A pool that records what each task gets and answers nothing. */
  function recordingPool(): SolverPool & { inputs: unknown[] } {
    const real = createSolverPool({ threads: 1 });
    const inputs: unknown[] = [];
    return {
      ...real,
      threads: real.threads,
      batchThreads: real.batchThreads,
      queued: 0,
      inputs,
      run: <T>(_kind: never, input: unknown, _options: RunOptions) => {
        inputs.push(input);
        return Promise.reject(new Error("recorded")) as Promise<T>;
      },
    };
  }

  it("hands every capability route its body as the bytes received, even when they are not JSON", async () => {
    const pool = recordingPool();
    const recorded = await buildApp({ logger: false, pool });
    try {
      for (const url of ["/v1/validate", "/v1/schedule", "/v1/schedule/insert", "/v1/orders/review", "/v1/capacity", "/v1/mrp", "/v1/bottleneck"]) {
        pool.inputs.length = 0;
        await post(recorded, url, '{"orders": [1, 2, ');
        expect(pool.inputs.length, url).toBe(1);
        expect(jsonBodyText((pool.inputs[0] as { body: Parameters<typeof jsonBodyText>[0] }).body), url).toBe('{"orders": [1, 2, ');
      }
    } finally {
      await recorded.close();
      await pool.close();
    }
  });
});

describe("case 5: a bill of materials 10,000 levels deep", () => {
  it("is analysed (200), and one level deeper is a 422 naming the BOM line", async () => {
    const ok = await post(app, "/v1/bottleneck", deepChain(MAX_BOM_DEPTH));
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(200);
    const deeper = await post(app, "/v1/bottleneck", deepChain(MAX_BOM_DEPTH + 1));
    expect(deeper.statusCode).toBe(422);
    expect(ErrorResponse.parse(deeper.json()).problems).toEqual([expect.objectContaining({ path: `bom[${MAX_BOM_DEPTH}]`, message: expect.stringMatching(/MAX_BOM_DEPTH/) })]);
  });
});

describe("case 6: the time limit covers the answer", () => {
  it("counts a search's time from the request's arrival, not from when a thread takes it", async () => {
    const real = createSolverPool({ threads: 1 });
    const seen: RunOptions[] = [];
    const pool: SolverPool = { ...real, threads: 1, batchThreads: 1, queued: 0, run: (kind, input, options) => (seen.push(options), real.run(kind, input, options)) };
    const recorded = await buildApp({ logger: false, pool });
    try {
      await recorded.ready();
      const sent = Date.now();
      const res = await post(recorded, "/v1/schedule", { ...demo("steel-plant"), options: { timeLimitSeconds: 2, maxIterations: 5 } });
      expect(res.statusCode).toBe(200);
      const searches = seen.filter((options) => options.budgetFrom !== undefined);
      expect(searches.length).toBeGreaterThan(0);
      for (const { budgetFrom } of searches) expect(budgetFrom!).toBeGreaterThanOrEqual(sent - 5);
      for (const { budgetFrom } of searches) expect(budgetFrom!).toBeLessThanOrEqual(Date.now());
    } finally {
      await recorded.close();
      await real.close();
    }
  });
});

describe("case 7: a job never takes every solver thread", () => {
  it("a synchronous request is answered while a one-minute schedule job runs", async () => {
    const id = (await submitRaw(app, { kind: "schedule", input: { ...demo("steel-plant"), options: { timeLimitSeconds: 60 } } })).json().id as string;
    try {
      while ((await getJob(app, id)).status !== "running") await new Promise((resolve) => setTimeout(resolve, 20));
      const res = await post(app, "/v1/schedule", { ...demo("steel-plant"), options: { timeLimitSeconds: 5, maxIterations: 5 } });
      expect(res.statusCode).toBe(200);
      expect((await getJob(app, id)).status).toBe("running");
    } finally {
      await app.inject({ method: "DELETE", url: `/v1/jobs/${id}` });
    }
  });
});
