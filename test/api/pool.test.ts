import { afterAll, describe, expect, it } from "vitest";
import { QueueFullError, TaskFailedError, TaskMemoryError, TaskStoppedError } from "../../src/errors.ts";
import { createSolverPool } from "../../api/pool.ts";
import type { TaskKind } from "../../api/tasks.ts";

const workerUrl = new URL("../helpers/misbehaving-worker.ts", import.meta.url);
// The misbehaving worker ignores the task kind; any name from the table satisfies the type.
const kind: TaskKind = "validate";

describe("solver pool", () => {
  const pool = createSolverPool({ workerUrl, threads: 2, graceMs: 300 });
  afterAll(() => pool.close());

  it("runs a task on a worker thread", async () => {
    await expect(pool.run(kind, { mode: "echo", n: 1 }, { budgetMs: 1000 })).resolves.toEqual({ echo: { mode: "echo", n: 1 } });
  });

  it("stops a task that ignores its budget within budget + 1 s, and the pool stays usable", async () => {
    const started = Date.now();
    const failure = await pool.run(kind, { mode: "spin" }, { budgetMs: 400 }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(failure).toBeInstanceOf(TaskStoppedError);
    expect((failure as Error).message).toMatch(/past its time budget of 400 ms/);
    expect(elapsed).toBeLessThan(400 + 1000);
    await expect(pool.run(kind, { mode: "echo" }, { budgetMs: 1000 })).resolves.toEqual({ echo: { mode: "echo" } });
  });

  it("says a task was asked to stop, not that it overran, when its caller cancelled and it would not stop", async () => {
    const controller = new AbortController();
    const running = pool.run(kind, { mode: "spin" }, { budgetMs: 60_000, signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 100);
    const failure = await running;
    expect(failure).toBeInstanceOf(TaskStoppedError);
    expect((failure as Error).message).toMatch(/asked to stop .* had not within 300 ms/);
    await expect(pool.run(kind, { mode: "echo" }, { budgetMs: 1000 })).resolves.toEqual({ echo: { mode: "echo" } });
  });

  it("fails only the task whose worker throws", async () => {
    const [bad, good] = await Promise.allSettled([
      pool.run(kind, { mode: "crash" }, { budgetMs: 1000 }),
      pool.run(kind, { mode: "echo" }, { budgetMs: 1000 }),
    ]);
    expect(bad.status).toBe("rejected");
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(TaskFailedError);
    expect(((bad as PromiseRejectedResult).reason as Error).message).toMatch(/solver bug: index out of range/);
    expect(good).toEqual({ status: "fulfilled", value: { echo: { mode: "echo" } } });
  });

  it("survives a worker thread that exits, and replaces it", async () => {
    await expect(pool.run(kind, { mode: "exit" }, { budgetMs: 1000 })).rejects.toBeInstanceOf(TaskFailedError);
    await expect(pool.run(kind, { mode: "echo" }, { budgetMs: 1000 })).resolves.toEqual({ echo: { mode: "echo" } });
  });

  it("lets a cooperative task run to its deadline and reports progress", async () => {
    const reports: unknown[] = [];
    const result = await pool.run<{ iterations: number; stoppedEarly: boolean }>(kind, { mode: "cooperate" }, { budgetMs: 300, onProgress: (r) => reports.push(r) });
    expect(result.stoppedEarly).toBe(false);
    expect(result.iterations).toBeGreaterThan(0);
    expect(reports.length).toBeGreaterThan(0);
  });

  it("stops a cooperative task early when its signal aborts, returning its answer so far", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    const result = await pool.run<{ stoppedEarly: boolean }>(kind, { mode: "cooperate" }, { budgetMs: 20_000, signal: controller.signal });
    expect(result.stoppedEarly).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("solver pool back-pressure", () => {
  it("refuses work with QueueFullError once its queue is full", async () => {
    const pool = createSolverPool({ workerUrl, threads: 1, maxQueue: 1, graceMs: 100 });
    try {
      const running = pool.run(kind, { mode: "cooperate" }, { budgetMs: 500 });
      // Give the first task time to reach the thread; the second then waits in the queue.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const queued = pool.run(kind, { mode: "echo" }, { budgetMs: 500 });
      const refused = await pool.run(kind, { mode: "echo" }, { budgetMs: 500 }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(QueueFullError);
      expect((refused as QueueFullError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      await expect(running).resolves.toMatchObject({ stoppedEarly: false });
      await expect(queued).resolves.toEqual({ echo: { mode: "echo" } });
    } finally {
      await pool.close();
    }
  });
});

describe("solver pool lanes", () => {
  it("runs the LP tasks (capacity, bottleneck) on threads of their own, apart from the searches and MRP", async () => {
    const pool = createSolverPool({ workerUrl, threads: 1, lpThreads: 1 });
    try {
      const threadOf = async (task: TaskKind) => (await pool.run<{ threadId: number }>(task, { mode: "thread" }, { budgetMs: 5_000 })).threadId;
      const [capacity, bottleneck, search, mrp, validate] = [await threadOf("capacity"), await threadOf("bottleneck"), await threadOf("schedule-search"), await threadOf("mrp"), await threadOf("validate")];
      expect(bottleneck).toBe(capacity);
      expect([search, mrp, validate]).toEqual([search, search, search]);
      expect(search).not.toBe(capacity);
    } finally {
      await pool.close();
    }
  });
});

const rssMb = () => process.memoryUsage.rss() / 2 ** 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a runaway task (issue 13, case 1)", () => {
  it("is stopped at its hard deadline: the pool keeps its threads and the process's memory returns near its baseline", async () => {
    const pool = createSolverPool({ workerUrl, threads: 2, graceMs: 200 });
    try {
      await pool.warm();
      const baseline = rssMb();
      let whileRunning = 0;
      const failure = await pool
        .run(kind, { mode: "hog", megabytes: 400 }, { budgetMs: 5000, onProgress: () => (whileRunning = rssMb()) })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(TaskStoppedError);
      // The runaway did take the memory (so the checks below can fail) …
      expect(whileRunning).toBeGreaterThan(baseline + 250);
      // … its thread was replaced at once …
      expect(pool.liveThreads()).toBe(2);
      // … and once the stopped thread is gone, so is its memory. Generous margins: the machine is shared.
      let after = rssMb();
      for (let waited = 0; after > baseline + 150 && waited < 15_000; waited += 250) {
        await sleep(250);
        after = rssMb();
      }
      expect(after).toBeLessThan(baseline + 150);
      await expect(pool.run(kind, { mode: "echo" }, { budgetMs: 1000 })).resolves.toEqual({ echo: { mode: "echo" } });
    } finally {
      await pool.close();
    }
  });

  it("fails only its own request with TaskMemoryError when it passes its thread's heap limit, and the thread is replaced", async () => {
    const pool = createSolverPool({ workerUrl, threads: 1, threadMemoryMb: 96 });
    try {
      const failure = await pool.run(kind, { mode: "hog", megabytes: 400 }, { budgetMs: 30_000 }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(TaskMemoryError);
      expect((failure as Error).message).toMatch(/96 MB/);
      expect(pool.liveThreads()).toBe(1);
      await expect(pool.run(kind, { mode: "echo" }, { budgetMs: 1000 })).resolves.toEqual({ echo: { mode: "echo" } });
    } finally {
      await pool.close();
    }
  });
});

describe("jobs' share of the pool (issue 13, case 7)", () => {
  it("runs at most threads − 1 batch tasks at once, so a synchronous task finds a thread while jobs run", async () => {
    const pool = createSolverPool({ workerUrl, threads: 2 });
    try {
      await pool.warm();
      expect(pool.batchThreads).toBe(1);
      const stop = new AbortController();
      const finished: string[] = [];
      // Three jobs' tasks that would run for a minute: one runs, two wait for the share.
      const jobs = Array.from({ length: 3 }, (_, i) =>
        pool.run(kind, { mode: "cooperate" }, { budgetMs: 60_000, batch: true, signal: stop.signal }).then(() => finished.push(`job ${i}`)),
      );
      await sleep(200);
      expect(pool.queued).toBe(2);
      await pool.run(kind, { mode: "echo" }, { budgetMs: 1000 }).then(() => finished.push("request"));
      stop.abort();
      await Promise.all(jobs);
      expect(finished[0]).toBe("request");
    } finally {
      await pool.close();
    }
  });
});
