/**
 * An API process that dies between recording a job in Redis and putting it on the BullMQ queue: the crash is
 * reproduced by making the first write (RedisJobStore.insert, what submitting does first) and never the
 * second. The accepted job must still run, once, however many API nodes sweep and however often.
 */
import { randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import type { FastifyInstance } from "fastify";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { capabilities } from "../../api/capabilities/index.ts";
import type { NewJob } from "../../api/jobs/job-store.ts";
import { RedisJobStore } from "../../api/jobs/redis/redis-job-store.ts";
import { RedisJobs } from "../../api/jobs/redis/redis-jobs.ts";
import { defineScripts } from "../../api/jobs/redis/redis-scripts.ts";
import { QUEUE_NAME } from "../../api/jobs/redis/redis-worker.ts";
import { createSolverPool } from "../../api/pool.ts";
import type { SolverPool } from "../../api/pool.ts";
import { post, testApp } from "../helpers/app.ts";
import { runRedisTests } from "../helpers/redis-server.ts";
import { useBackend } from "./job-backends.ts";
import { getJob, submit, tinyCapacity, waitFor, waitForBatch } from "./jobs-helpers.ts";

describe.skipIf(!runRedisTests)("submissions a crashed API process left unqueued", { timeout: 120_000 }, () => {
  const backend = useBackend("redis");
  let client: Redis;
  let pool: SolverPool;
  const apps: FastifyInstance[] = [];
  const nodes: RedisJobs[] = [];
  beforeAll(() => {
    client = new Redis(backend.redis().url);
    defineScripts(client);
    pool = createSolverPool({ threads: 1 });
  });
  afterEach(async () => {
    await Promise.all([...apps.splice(0).map((app) => app.close()), ...nodes.splice(0).map((node) => node.close())]);
  });
  afterAll(async () => {
    client.disconnect();
    await pool.close();
  });

  function freshPrefix(): string {
    return backend.jobs().redis!.prefix!;
  }

  function capacityJob(batch?: NewJob["batch"]): NewJob {
    return { id: randomUUID(), kind: "capacity", client: "planner", inputJson: JSON.stringify(tinyCapacity()), options: {}, createdAt: Date.now(), ...(batch ? { batch } : {}) };
  }

  /** What the API process left when it died: the records (and batch) written, nothing on the queue. */
  async function crashBetweenTheWrites(prefix: string, jobs: NewJob[], batch?: Parameters<RedisJobStore["insert"]>[1]): Promise<void> {
    await new RedisJobStore(client, prefix).insert(jobs, batch);
  }

  async function queued(prefix: string): Promise<{ counts: Record<string, number>; ids: string[] }> {
    const queue = new Queue(QUEUE_NAME, { connection: { url: backend.redis().url }, prefix });
    try {
      const counts = await queue.getJobCounts("wait", "active", "delayed", "prioritized", "completed", "failed");
      const ids = (await queue.getJobs(["wait", "prioritized", "delayed", "active"])).map((job) => job.id!);
      return { counts, ids: ids.sort() };
    } finally {
      await queue.close();
    }
  }

  async function app(prefix: string, options: { workers: number; recoverySweepMs?: number }): Promise<FastifyInstance> {
    const started = await testApp({ capabilities, jobs: { redis: { url: backend.redis().url, prefix, ...options } } });
    apps.push(started);
    await started.ready();
    return started;
  }

  /** An API node without routes or workers (its store, queue and sweep), started: it has swept once. */
  async function apiNode(prefix: string): Promise<RedisJobs> {
    const node = new RedisJobs({ url: backend.redis().url, prefix, pool, capabilities, workers: 0, recoverySweepMs: 3_600_000 });
    nodes.push(node);
    await node.start();
    return node;
  }

  it("runs the jobs and the scenario batch when an API node starts, with the synchronous answers", async () => {
    const prefix = freshPrefix();
    const single = capacityJob();
    const batchId = randomUUID();
    const scenarios = [0, 1].map((position) => capacityJob({ id: batchId, scenario: position === 0 ? "base" : "again", position }));
    await crashBetweenTheWrites(prefix, [single]);
    await crashBetweenTheWrites(prefix, scenarios, { id: batchId, kind: "capacity", client: "planner", options: {}, createdAt: Date.now() });
    // The state the crash left: three queued records, nothing on the queue, three marks.
    expect((await queued(prefix)).counts).toEqual({ wait: 0, active: 0, delayed: 0, prioritized: 0, completed: 0, failed: 0 });
    expect(await client.zcard(`${prefix}:submitting`)).toBe(3);

    const restarted = await app(prefix, { workers: 1 });
    const expected = (await post(restarted, "/v1/capacity", tinyCapacity())).json() as unknown;
    for (const id of [single.id, ...scenarios.map((job) => job.id)]) {
      const job = await waitFor(restarted, id);
      expect(job.status).toBe("done");
      expect(job.attempts).toBe(1);
      expect(job.result).toEqual(expected);
    }
    const batch = await waitForBatch<{ status: string; scenarios: Array<{ name: string; status: string }> }>(restarted, batchId);
    expect(batch.scenarios.map((s) => [s.name, s.status])).toEqual([["base", "done"], ["again", "done"]]);
    expect(await client.zcard(`${prefix}:submitting`)).toBe(0);
  });

  it("queues each job once when two API nodes sweep at the same time, and again finds nothing to do", async () => {
    const prefix = freshPrefix();
    const jobs = [capacityJob(), capacityJob()];
    const cancelled = capacityJob();
    await crashBetweenTheWrites(prefix, [...jobs, cancelled]);
    // Cancelled after the crash, before any sweep (a DELETE changes the record only: its job was never queued).
    expect(await new RedisJobStore(client, prefix).cancel(cancelled.id, Date.now())).toBe("queued");
    // Two nodes start at once, both sweeping the same marks (no worker anywhere: the jobs stay on the queue to be counted).
    const [a, b] = await Promise.all([apiNode(prefix), apiNode(prefix)]);
    expect(await queued(prefix)).toEqual({ counts: { wait: 2, active: 0, delayed: 0, prioritized: 0, completed: 0, failed: 0 }, ids: jobs.map((job) => job.id).sort() });
    expect(await client.zcard(`${prefix}:submitting`)).toBe(0);
    expect(await Promise.all([a.recoverSubmissions(), b.recoverSubmissions()])).toEqual([0, 0]);
    expect((await queued(prefix)).counts.wait).toBe(2);
    // A solver node then runs each once.
    const worker = await app(prefix, { workers: 1 });
    for (const job of jobs) expect(await waitFor(worker, job.id)).toMatchObject({ status: "done", attempts: 1 });
    expect(await getJob(worker, cancelled.id)).toMatchObject({ status: "cancelled", attempts: 0 });
  });

  it("re-queues on a running node's periodic sweep; a normal submission leaves no mark", async () => {
    const prefix = freshPrefix();
    const running = await app(prefix, { workers: 1, recoverySweepMs: 100 });
    // A normal submission leaves no mark.
    const normal = await submit(running, "capacity", tinyCapacity());
    expect((await waitFor(running, normal)).status).toBe("done");
    expect(await client.zcard(`${prefix}:submitting`)).toBe(0);

    // Another API process died after recording this one; the running node's sweep finds it.
    const lost = capacityJob();
    await crashBetweenTheWrites(prefix, [lost]);
    expect(await waitFor(running, lost.id)).toMatchObject({ status: "done", attempts: 1 });
    for (;;) {
      if ((await client.zcard(`${prefix}:submitting`)) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
