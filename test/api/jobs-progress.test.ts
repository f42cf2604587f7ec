/**
 * Both backends' handling of progress and cancellation, with a search of known behaviour: `count`
 * (jobs-helpers.ts). (test/api/jobs-cancel-schedule.test.ts does the same with the real schedule search.)
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capabilities } from "../../api/capabilities/index.ts";
import { JobStore } from "../../api/jobs/job-store.ts";
import { testApp } from "../helpers/app.ts";
import { BACKENDS, useBackend } from "./job-backends.ts";
import { count, getJob, parseEvents, submit, waitFor } from "./jobs-helpers.ts";

describe.each(BACKENDS)("job progress on %s", (name) => {
  const databasePath = join(mkdtempSync(join(tmpdir(), "takt-progress-")), "jobs.sqlite");
  const backend = useBackend(name);
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ capabilities: [...capabilities, count], jobs: backend.jobs({ databasePath, progressPersistMs: 20 }) });
  });
  afterAll(() => app.close());

  async function waitForCount(id: string, atLeast: number) {
    for (;;) {
      const job = await getJob(app, id);
      if (((job.progress?.report as { count?: number } | undefined)?.count ?? 0) >= atLeast) return job;
      expect(job.status).toMatch(/queued|running/);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  describe("progress", () => {
    it("streams every progress report between the running and the final status", async () => {
      const id = await submit(app, "count", { target: 5 });
      const events = parseEvents((await app.inject({ method: "GET", url: `/v1/jobs/${id}/events` })).body);
      const progress = events.filter((e) => e.event === "progress").map((e) => (e.data as { report: { count: number } }).report.count);
      expect(progress).toEqual([1, 2, 3, 4, 5].slice(5 - progress.length));
      expect(progress.at(-1)).toBe(5);
      expect(events.at(-1)).toMatchObject({ event: "status", data: { status: "done", progress: { report: { count: 5 } } } });
    });

    it("shows the latest report in GET and writes it to the store while the job runs", async () => {
      const id = await submit(app, "count", { target: 100_000 });
      await waitForCount(id, 3);
      // With Redis, GET reads the stored record itself (the worker is another component): waitForCount showed it.
      if (name === "redis") {
        await app.inject({ method: "DELETE", url: `/v1/jobs/${id}` });
        return void (await waitFor(app, id));
      }
      const reader = new JobStore(databasePath);
      try {
        for (;;) {
          const stored = reader.get(id)!;
          if (((stored.progress?.report as { count?: number } | undefined)?.count ?? 0) >= 3) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(reader.get(id)!.status).toBe("running");
      } finally {
        reader.close();
        await app.inject({ method: "DELETE", url: `/v1/jobs/${id}` });
        await waitFor(app, id);
      }
    });
  });

  describe("cancel", () => {
    it("stops a running search and keeps what it returns: its best so far", async () => {
      const id = await submit(app, "count", { target: 100_000 });
      const before = await waitForCount(id, 3);
      await app.inject({ method: "DELETE", url: `/v1/jobs/${id}` });
      const job = await waitFor(app, id);
      expect(job.status).toBe("cancelled");
      const result = job.result as { count: number; stoppedEarly: boolean };
      expect(result.stoppedEarly).toBe(true);
      expect(result.count).toBeGreaterThanOrEqual((before.progress!.report as { count: number }).count);
      expect(result.count).toBeLessThan(100_000);
    });
  });
});
