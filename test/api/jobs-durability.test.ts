import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JobStore } from "../../api/jobs/job-store.ts";
import { testApp } from "../helpers/app.ts";
import { getJob, post, steelPlant, submit, tinyCapacity, waitFor } from "./jobs-helpers.ts";
import { BACKENDS, useBackend } from "./job-backends.ts";

const dir = mkdtempSync(join(tmpdir(), "takt-jobs-"));

describe("jobs survive restarts", () => {
  it("reads a finished job's result from a new app on the same database file", async () => {
    const databasePath = join(dir, "finished.sqlite");
    const first = await testApp({ jobs: { databasePath } });
    const id = await submit(first, "capacity", tinyCapacity());
    const done = await waitFor(first, id);
    expect(done.status).toBe("done");
    await first.close();

    const second = await testApp({ jobs: { databasePath } });
    try {
      expect(await getJob(second, id)).toEqual(done);
    } finally {
      await second.close();
    }
  });

  it("re-queues jobs a crash left queued or running, and they finish after the restart", async () => {
    const databasePath = join(dir, "crashed.sqlite");
    // What a killed process leaves behind: one job marked running, one still queued.
    const store = new JobStore(databasePath);
    const input = tinyCapacity();
    store.insert([
      { id: "was-running", kind: "capacity", client: "a", inputJson: JSON.stringify(input), options: {}, createdAt: Date.now() },
      { id: "was-queued", kind: "capacity", client: "a", inputJson: JSON.stringify(input), options: {}, createdAt: Date.now() },
    ]);
    store.markRunning("was-running", Date.now());
    store.close();

    const app = await testApp({ jobs: { databasePath } });
    try {
      const sync = (await post(app, "/v1/capacity", input)).json();
      const running = await waitFor(app, "was-running");
      const queued = await waitFor(app, "was-queued");
      expect(running).toMatchObject({ status: "done", attempts: 2, result: sync });
      expect(queued).toMatchObject({ status: "done", attempts: 1, result: sync });
    } finally {
      await app.close();
    }
  });

  it("fails a job that was interrupted as often as the attempts limit instead of retrying it forever", async () => {
    const databasePath = join(dir, "poison.sqlite");
    const store = new JobStore(databasePath);
    store.insert([{ id: "poison", kind: "capacity", client: "a", inputJson: JSON.stringify(tinyCapacity()), options: {}, createdAt: Date.now() }]);
    for (let i = 0; i < 3; i++) store.markRunning("poison", Date.now());
    store.close();
    const app = await testApp({ jobs: { databasePath } });
    try {
      const job = await getJob(app, "poison");
      expect(job).toMatchObject({ status: "failed", attempts: 3, error: { code: "TAKT_ERR_TASK_FAILED" } });
      expect(job.error?.message).toContain("interrupted 3 times");
    } finally {
      await app.close();
    }
  });

  it("re-queues the jobs still running at a graceful shutdown without counting an attempt", async () => {
    const databasePath = join(dir, "shutdown.sqlite");
    const first = await testApp({ jobs: { databasePath, shutdownGraceMs: 0 } });
    const id = await submit(first, "capacity", steelPlant());
    expect((await getJob(first, id)).status).toBe("running");
    await first.close();
    const store = new JobStore(databasePath);
    expect(store.get(id)).toMatchObject({ status: "queued", attempts: 0 });
    store.close();

    const second = await testApp({ jobs: { databasePath } });
    try {
      expect(await waitFor(second, id)).toMatchObject({ status: "done", attempts: 1 });
    } finally {
      await second.close();
    }
  });

  it("creates its schema idempotently on an existing file", () => {
    const databasePath = join(dir, "twice.sqlite");
    new JobStore(databasePath).close();
    const again = new JobStore(databasePath);
    expect(again.list({ limit: 10 })).toEqual([]);
    again.close();
  });
});

describe.each(BACKENDS)("retention on %s", (name) => {
  const backend = useBackend(name);

  it("expires finished jobs after the retention period, by the injected clock", async () => {
    let now = Date.parse("2026-03-30T06:00:00Z");
    const app = await testApp({ jobs: backend.jobs({ retentionHours: 24, now: () => now }) });
    try {
      const finished = await submit(app, "capacity", tinyCapacity());
      await waitFor(app, finished);
      now += 23 * 3600_000;
      expect((await getJob(app, finished)).status).toBe("done");
      const fresh = await submit(app, "capacity", tinyCapacity());
      await waitFor(app, fresh);
      now += 2 * 3600_000; // the first finished 25 h ago, the second 2 h ago
      expect((await app.inject({ method: "GET", url: `/v1/jobs/${finished}` })).statusCode).toBe(404);
      expect((await getJob(app, fresh)).status).toBe("done");
    } finally {
      await app.close();
    }
  });
});
