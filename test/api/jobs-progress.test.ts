/**
 * The runner's handling of progress and cancellation, with a search of known behaviour: `count` counts up
 * one step every 10 ms, reporting each step, and returns its count when it reaches the target or is asked
 * to stop. (test/api/jobs-cancel-schedule.test.ts does the same with the real schedule search.)
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { capabilities } from "../../api/capabilities/index.ts";
import { defineCapability } from "../../api/capability.ts";
import { JobStore } from "../../api/jobs/job-store.ts";
import { jsonBodyText } from "../../api/json-body.ts";
import { jsonText, testApp } from "../helpers/app.ts";
import { getJob, parseEvents, submit, waitFor } from "./jobs-helpers.ts";

const count = defineCapability({
  command: "count",
  url: "/v1/count",
  summary: "Count up (test search)",
  description: "Counts one step every 10 ms up to `target`, reporting each step; stops early when aborted.",
  request: z.object({ target: z.number().int().positive() }),
  response: z.object({ count: z.number(), stoppedEarly: z.boolean() }),
  async run(request, { onProgress, signal }) {
    const { target } = JSON.parse(jsonBodyText(request)) as { target: number };
    let steps = 0;
    while (steps < target && !signal?.aborted) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      steps += 1;
      onProgress?.({ count: steps });
    }
    return { body: jsonText({ count: steps, stoppedEarly: steps < target }) };
  },
});

const databasePath = join(mkdtempSync(join(tmpdir(), "takt-progress-")), "jobs.sqlite");
let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp({ capabilities: [...capabilities, count], jobs: { databasePath, progressPersistMs: 20 } });
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

  it("shows the latest report in GET and writes it to the database while the job runs", async () => {
    const id = await submit(app, "count", { target: 100_000 });
    await waitForCount(id, 3);
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
