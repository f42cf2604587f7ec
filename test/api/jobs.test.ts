import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capabilities } from "../../api/capabilities/index.ts";
import { ErrorResponse } from "../../api/errors.ts";
import { testApp } from "../helpers/app.ts";
import { BACKENDS, useBackend } from "./job-backends.ts";
import { count, getJob, parseEvents, post, steelPlant, submit, tinyCapacity, waitFor } from "./jobs-helpers.ts";

describe.each(BACKENDS)("jobs on %s", (name) => {
  const backend = useBackend(name);
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ capabilities: [...capabilities, count], jobs: backend.jobs() });
  });
  afterAll(() => app.close());

  describe("job lifecycle", () => {
    it("runs a capacity job to the very result the synchronous route returns", async () => {
      const input = steelPlant();
      const res = await post(app, "/v1/jobs", { kind: "capacity", input, options: { label: "steel, week 14" } });
      expect(res.statusCode).toBe(202);
      const accepted = res.json() as { id: string; status: string; location: string };
      expect(accepted.status).toBe("queued");
      expect(res.headers.location).toBe(`/v1/jobs/${accepted.id}`);
      expect(accepted.location).toBe(res.headers.location);

      const job = await waitFor(app, accepted.id);
      expect(job).toMatchObject({ kind: "capacity", status: "done", attempts: 1, label: "steel, week 14" });
      expect(Date.parse(job.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(job.startedAt!));
      expect(job.progress?.elapsedMs).toBeGreaterThanOrEqual(0);
      const sync = await post(app, "/v1/capacity", input);
      expect(sync.statusCode).toBe(200);
      expect(job.result).toEqual(sync.json());
    });

    it("lists jobs by status, newest first, without results", async () => {
      const first = await submit(app, "capacity", tinyCapacity());
      const second = await submit(app, "capacity", tinyCapacity());
      await waitFor(app, first);
      await waitFor(app, second);
      const done = (await app.inject({ method: "GET", url: "/v1/jobs?status=done" })).json() as { jobs: Array<{ id: string; status: string; result?: unknown }> };
      const ids = done.jobs.map((j) => j.id);
      expect(ids.indexOf(second)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
      expect(done.jobs.every((j) => j.status === "done" && j.result === undefined)).toBe(true);
      const queued = (await app.inject({ method: "GET", url: "/v1/jobs?status=queued" })).json() as { jobs: unknown[] };
      expect(queued.jobs).toEqual([]);
      const bad = await app.inject({ method: "GET", url: "/v1/jobs?status=finished" });
      expect(bad.statusCode).toBe(400);
    });

    it("streams the job's statuses as server-sent events and closes when it is done", async () => {
      const id = await submit(app, "capacity", steelPlant());
      const res = await app.inject({ method: "GET", url: `/v1/jobs/${id}/events` });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("text/event-stream");
      const events = parseEvents(res.body);
      const statuses = events.filter((e) => e.event === "status").map((e) => (e.data as { status: string }).status);
      expect(["queued", "running"]).toContain(statuses[0]);
      expect(statuses.at(-1)).toBe("done");
      expect(events.at(-1)?.event).toBe("status");
      expect((events.at(-1)!.data as { id: string; result?: unknown }).id).toBe(id);
      expect((events.at(-1)!.data as { result?: unknown }).result).toBeUndefined();
      // A finished job's stream is its final status, at once.
      const again = parseEvents((await app.inject({ method: "GET", url: `/v1/jobs/${id}/events` })).body);
      expect(again.map((e) => [e.event, (e.data as { status: string }).status])).toEqual([["status", "done"]]);
    });

    it("ends a job whose model is wrong `failed` with the problems the synchronous route gives as a 422", async () => {
      const input = tinyCapacity();
      input.resources[0]!.calendar = "night";
      const sync = await post(app, "/v1/capacity", input);
      expect(sync.statusCode).toBe(422);
      const job = await waitFor(app, await submit(app, "capacity", input));
      expect(job.status).toBe("failed");
      expect(job.result).toBeUndefined();
      expect(job.error).toEqual(sync.json());
      expect(job.error?.problems?.map((p) => p.path)).toContain("resources[0].calendar");
    });
  });

  describe("bad submissions never enter the queue", () => {
    it("answers an unknown kind with 400 naming `kind`", async () => {
      const res = await post(app, "/v1/jobs", { kind: "teleport", input: {} });
      expect(res.statusCode).toBe(400);
      const body = ErrorResponse.parse(res.json());
      expect(body.problems?.map((p) => p.path)).toEqual(["kind"]);
      expect(body.problems?.[0]?.message).toContain("capacity");
    });

    it("answers an input that does not match the capability's schema with 400, paths prefixed `input.`", async () => {
      const input: Record<string, unknown> = tinyCapacity();
      delete input.buckets;
      (input.orders as Array<Record<string, unknown>>)[0]!.quantity = -3;
      const before = ((await app.inject({ method: "GET", url: "/v1/jobs" })).json() as { jobs: unknown[] }).jobs.length;
      const res = await post(app, "/v1/jobs", { kind: "capacity", input });
      expect(res.statusCode).toBe(400);
      expect(ErrorResponse.parse(res.json()).problems?.map((p) => p.path).sort()).toEqual(["input.buckets", "input.orders[0].quantity"]);
      const after = ((await app.inject({ method: "GET", url: "/v1/jobs" })).json() as { jobs: unknown[] }).jobs.length;
      expect(after).toBe(before);
    });

    it.each(["/v1/jobs", "/v1/scenarios"])("answers a body that is not a JSON object on %s with 400, never 500", async (url) => {
      for (const body of ["{ nope", "", "[1, 2]", "42", "null"]) {
        const res = await post(app, url, body);
        expect(res.statusCode, body).toBe(400);
        expect(ErrorResponse.parse(res.json()).code).toBe("TAKT_ERR_BAD_REQUEST");
      }
    });

    it("answers a missing input with 400 at `input`, and an unknown job with a coded 404", async () => {
      const res = await post(app, "/v1/jobs", { kind: "mrp" });
      expect(res.statusCode).toBe(400);
      expect(ErrorResponse.parse(res.json()).problems?.[0]?.path).toBe("input");
      for (const [method, url] of [["GET", "/v1/jobs/nope"], ["DELETE", "/v1/jobs/nope"], ["GET", "/v1/jobs/nope/events"]] as const) {
        const missing = await app.inject({ method, url });
        expect(missing.statusCode, url).toBe(404);
        expect(ErrorResponse.parse(missing.json()).code).toBe("TAKT_ERR_JOB_NOT_FOUND");
      }
    });
  });

  describe("cancelling", () => {
    it("cancels a queued job without running it", async () => {
      const local = await testApp({ capabilities: [...capabilities, count], jobs: backend.jobs({ maxRunning: 1 }) });
      try {
        // The one slot is taken by a search that runs until cancelled.
        const running = await submit(local, "count", { target: 1e9 });
        await waitFor(local, running, ["running"]);
        const waiting = await submit(local, "capacity", tinyCapacity());
        expect((await getJob(local, waiting)).status).toBe("queued");
        const res = await local.inject({ method: "DELETE", url: `/v1/jobs/${waiting}` });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ id: waiting, status: "cancelled", attempts: 0 });
        await local.inject({ method: "DELETE", url: `/v1/jobs/${running}` });
        expect((await waitFor(local, running)).status).toBe("cancelled");
        const cancelled = await getJob(local, waiting);
        expect(cancelled).toMatchObject({ status: "cancelled", attempts: 0 });
        expect(cancelled.startedAt).toBeUndefined();
        expect(cancelled.result).toBeUndefined();
      } finally {
        await local.close();
      }
    });

    it("ends a running job `cancelled` WITH the answer its task returns, and leaves a finished job alone", async () => {
      // A task that cannot stop early (as an LP solve): counting on to 100 after the cancel.
      const id = await submit(app, "count", { target: 100, ignoreCancel: true });
      await waitFor(app, id, ["running"]);
      const res = await app.inject({ method: "DELETE", url: `/v1/jobs/${id}` });
      expect(res.statusCode).toBe(200);
      const job = await waitFor(app, id);
      expect(job.status).toBe("cancelled");
      expect(job.result).toEqual({ count: 100, stoppedEarly: false });
      const again = await app.inject({ method: "DELETE", url: `/v1/jobs/${id}` });
      expect(again.json()).toMatchObject({ status: "cancelled" });
    });
  });

  describe("limits", () => {
    it("refuses an input over the size limit with 413 and stores a result over its limit as a failure", async () => {
      const local = await testApp({ jobs: backend.jobs({ maxInputBytes: 200, maxResultBytes: 100 }) });
      try {
        const big = await post(local, "/v1/jobs", { kind: "capacity", input: steelPlant() });
        expect(big.statusCode).toBe(413);
        expect(ErrorResponse.parse(big.json()).code).toBe("TAKT_ERR_BODY_TOO_LARGE");
        const small = { items: [{ id: "x" }], buckets: { start: "2026-03-02", size: "week", count: 1 } };
        const job = await waitFor(local, await submit(local, "mrp", small));
        expect(job).toMatchObject({ status: "failed", error: { code: "TAKT_ERR_RESULT_TOO_LARGE" } });
      } finally {
        await local.close();
      }
    });
  });
});
