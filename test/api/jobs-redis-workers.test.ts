/**
 * The Redis backend across processes, as it runs in production: an API-only node (this test's app, with
 * `workers: 0`) and `takt worker` processes, all on a real redis-server. Searches end on maxIterations,
 * so a job's answer is the same whichever worker runs it, however often (the synchronous route's answer).
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ErrorResponse } from "../../api/errors.ts";
import { testApp } from "../helpers/app.ts";
import { taktBin } from "../helpers/cli.ts";
import { runRedisTests, startRedis } from "../helpers/redis-server.ts";
import type { TestRedis } from "../helpers/redis-server.ts";
import { getJob, post, steelPlant, submit, waitFor, waitForBatch } from "./jobs-helpers.ts";

/** A dead worker's job is taken over this long after its last lock renewal. */
const LOCK_SECONDS = 2;

function schedule(maxIterations: number) {
  return { ...steelPlant(), options: { timeLimitSeconds: 600, seed: 3, workers: 1, maxIterations } };
}

interface Worker {
  id: string;
  process: ChildProcess;
}

describe.skipIf(!runRedisTests)("jobs on takt worker processes", { timeout: 180_000 }, () => {
  let redis: TestRedis;
  let prefix: string;
  let app: FastifyInstance;
  let client: Redis;
  const workers: Worker[] = [];

  /**
   * `takt worker` on one thread, started and ready to take jobs. One client (this test) may run two jobs at
   * once: the default share, half of two workers' slots, would run a batch one job at a time on either.
   */
  async function startWorker(): Promise<Worker> {
    const args = ["worker", "--redis", redis.url, "--concurrency", "1", "--threads", "1", "--lock-seconds", String(LOCK_SECONDS), "--max-running-per-client", "2"];
    const child = spawn(process.execPath, [taktBin, ...args], {
      env: { ...process.env, TAKT_REDIS_PREFIX: prefix },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let output = "";
    const id = await new Promise<string>((resolve, reject) => {
      child.stderr!.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const banner = /Takt worker ([0-9a-f-]{36})/.exec(output);
        if (banner) resolve(banner[1]!);
      });
      child.once("exit", (code) => reject(new Error(`takt worker exited (${code}): ${output}`)));
    });
    const worker = { id, process: child };
    workers.push(worker);
    return worker;
  }

  const ranOn = async (jobId: string) => client.hget(`${prefix}:job:${jobId}`, "worker");

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
  }, 60_000);
  afterAll(async () => {
    client.disconnect();
    await redis.close();
  });

  beforeAll(async () => {
    prefix = `test-${randomUUID()}`;
    app = await testApp({ jobs: { redis: { url: redis.url, prefix, workers: 0 } } });
  });
  afterAll(() => app.close());

  afterEach(async () => {
    for (const worker of workers.splice(0)) {
      if (worker.process.exitCode !== null || worker.process.signalCode !== null) continue;
      const exited = new Promise((resolve) => worker.process.once("exit", resolve));
      worker.process.kill("SIGTERM");
      await exited;
    }
  });

  it("spreads a scenario batch over two workers and compares it as one process would", async () => {
    const [a, b] = await Promise.all([startWorker(), startWorker()]);
    const base = schedule(300);
    const res = await post(app, "/v1/scenarios", { kind: "schedule", base, variations: [{ name: "more", scaleDemand: 1.1 }, { name: "less", scaleDemand: 0.9 }, { name: "again" }] });
    expect(res.statusCode, res.body).toBe(202);
    const accepted = res.json() as { id: string; scenarios: Array<{ name: string; job: string }> };
    const batch = await waitForBatch<{ status: string; scenarios: Array<{ status: string }>; comparison: { scenarios: Array<{ name: string; values: Record<string, unknown> }> } }>(app, accepted.id);
    expect(batch.scenarios.map((s) => s.status)).toEqual(["done", "done", "done", "done"]);
    const ran = await Promise.all(accepted.scenarios.map((s) => ranOn(s.job)));
    expect(new Set(ran)).toEqual(new Set([a.id, b.id]));
    // The base and its unchanged copy: the same answer on whichever worker, the synchronous route's.
    const [baseJob, againJob] = await Promise.all([getJob(app, accepted.scenarios[0]!.job), getJob(app, accepted.scenarios[3]!.job)]);
    const sync = (await post(app, "/v1/schedule", base)).json() as { operations: unknown };
    expect((baseJob.result as { operations: unknown }).operations).toEqual(sync.operations);
    expect((againJob.result as { operations: unknown }).operations).toEqual(sync.operations);
    expect(batch.comparison.scenarios[3]!.values).toEqual(batch.comparison.scenarios[0]!.values);
  });

  it("runs a job again on another worker when its worker is killed mid-job (kill -9)", async () => {
    const first = await startWorker();
    const input = schedule(1500);
    const id = await submit(app, "schedule", input);
    await waitFor(app, id, ["running"]);
    expect(await ranOn(id)).toBe(first.id);
    first.process.kill("SIGKILL");
    const second = await startWorker();
    const job = await waitFor(app, id);
    expect(job).toMatchObject({ status: "done", attempts: 2 });
    expect(await ranOn(id)).toBe(second.id);
    const sync = (await post(app, "/v1/schedule", input)).json() as { operations: unknown };
    expect((job.result as { operations: unknown }).operations).toEqual(sync.operations);
  });

  it("fails a job whose worker dies under it at every one of its 3 attempts, as the SQLite runner does", async () => {
    const id = await submit(app, "schedule", schedule(1_000_000));
    for (let attempt = 1; attempt <= 3; attempt++) {
      const worker = await startWorker();
      for (let job = await getJob(app, id); job.status !== "running" || (await ranOn(id)) !== worker.id; job = await getJob(app, id)) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await getJob(app, id)).attempts).toBe(attempt);
      worker.process.kill("SIGKILL");
    }
    await startWorker();
    const job = await waitFor(app, id);
    expect(job).toMatchObject({ status: "failed", attempts: 3, error: { code: "TAKT_ERR_TASK_FAILED" } });
    expect(job.error?.message).toContain("interrupted 3 times");
  });

  it("cancels a search running in another process, which keeps its best plan so far", async () => {
    await startWorker();
    const id = await submit(app, "schedule", { ...steelPlant(), options: { timeLimitSeconds: 120, seed: 7, workers: 1 } });
    for (let job = await getJob(app, id); job.status === "queued" || (job.progress?.elapsedMs ?? 0) < 1500; job = await getJob(app, id)) {
      expect(job.status).toMatch(/queued|running/);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await app.inject({ method: "DELETE", url: `/v1/jobs/${id}` })).statusCode).toBe(200);
    const job = await waitFor(app, id);
    expect(job.status).toBe("cancelled");
    const plan = job.result as { operations: unknown[]; solver: { elapsedMs: number } };
    expect(plan.operations.length).toBeGreaterThan(0);
    expect(plan.solver.elapsedMs).toBeLessThan(60_000);
  });

  it("answers 503 with Retry-After while Redis is down, and loses nothing queued across its restart", async () => {
    const queued = [await submit(app, "schedule", schedule(50)), await submit(app, "schedule", schedule(60))];
    await redis.stop();
    for (const res of [
      await app.inject({ method: "GET", url: `/v1/jobs/${queued[0]}` }),
      await app.inject({ method: "GET", url: "/v1/jobs" }),
      await post(app, "/v1/jobs", { kind: "schedule", input: schedule(50) }),
    ]) {
      expect(res.statusCode, res.body).toBe(503);
      expect(ErrorResponse.parse(res.json()).code).toBe("TAKT_ERR_STORE_UNAVAILABLE");
      expect(Number(res.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    }
    await redis.restart();
    // The service reconnects by itself.
    for (;;) {
      const res = await app.inject({ method: "GET", url: `/v1/jobs/${queued[0]}` });
      if (res.statusCode === 200) break;
      expect(res.statusCode).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await Promise.all(queued.map((id) => getJob(app, id)))).map((job) => job.status)).toEqual(["queued", "queued"]);
    await startWorker();
    for (const id of queued) expect((await waitFor(app, id)).status).toBe("done");
  });
});
