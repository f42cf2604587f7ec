/**
 * GET /v1/jobs/:id sends a stored result without parsing it: the body must be the very JSON the route gave
 * when it parsed and re-serialized the result (envelope key order, bytes), with a correct content-length.
 * Expectations are built here from the database row and the synchronous route's answer, not by the route's code.
 */
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { FastifyInstance } from "fastify";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { capabilities } from "../../api/capabilities/index.ts";
import { JobSchema } from "../../api/jobs/job-schemas.ts";
import { JobStore } from "../../api/jobs/job-store.ts";
import { testApp } from "../helpers/app.ts";
import { parseEvents, post, submit, tinyCapacity, waitFor, zeros } from "./jobs-helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "takt-job-results-"));

/** An MRP request whose ids and the plan's texts are full of multi-byte characters. */
const nonAsciiMrp = {
  items: [
    { id: "Größe-Ø12", leadTime: 1, onHand: 5 },
    { id: "日本-部品🙂", leadTime: 2 },
  ],
  bom: [{ parent: "Größe-Ø12", component: "日本-部品🙂", quantity: 2 }],
  demands: [{ id: "Bestellung-ä", item: "Größe-Ø12", bucket: 2, quantity: 30 }],
  buckets: { start: "2026-03-30", size: "week", count: 4 },
};

interface JobRow {
  id: string;
  kind: string;
  status: string;
  client: string;
  options: string;
  progress: string | null;
  error: string | null;
  batch: string | null;
  scenario: string | null;
  attempts: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

function row(databasePath: string, id: string): JobRow {
  const db = new Database(databasePath, { readonly: true });
  try {
    return db.prepare("SELECT * FROM jobs WHERE id = ?").get(id) as JobRow;
  } finally {
    db.close();
  }
}

/** The job as the route has always answered it: the stored row's fields in this order, the result after the error. */
function expectedJob(r: JobRow, result?: unknown): Record<string, unknown> {
  const options = JSON.parse(r.options) as { label?: string };
  const iso = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString());
  const entries: Array<[string, unknown]> = [
    ["id", r.id],
    ["kind", r.kind],
    ["status", r.status],
    ["client", r.client],
    ["progress", r.progress === null ? undefined : JSON.parse(r.progress)],
    ["error", r.error === null ? undefined : JSON.parse(r.error)],
    ["result", result],
    ["batch", r.batch ?? undefined],
    ["scenario", r.scenario ?? undefined],
    ["attempts", r.attempts],
    ["label", options.label],
    ["createdAt", iso(r.created_at)],
    ["startedAt", iso(r.started_at)],
    ["finishedAt", iso(r.finished_at)],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

function expectJsonReply(res: LightMyRequestResponse, expected: Record<string, unknown>): void {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(Number(res.headers["content-length"])).toBe(res.rawPayload.byteLength);
  const parsed = JSON.parse(res.body) as Record<string, unknown>;
  expect(parsed).toEqual(expected);
  expect(Object.keys(parsed)).toEqual(Object.keys(expected));
  expect(res.body).toBe(JSON.stringify(expected));
  // The documented shape (the route bypasses the response serializer, so nothing else checks it).
  expect(() => JobSchema.parse(parsed)).not.toThrow();
  expect(Object.keys(JobSchema.shape)).toEqual(expect.arrayContaining(Object.keys(parsed)));
}

const databasePath = join(dir, "jobs.sqlite");
let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp({ capabilities: [...capabilities, zeros], jobs: { databasePath } });
});
afterAll(() => app.close());

describe("GET /v1/jobs/:id with a stored result", () => {
  it("answers a finished job with the JSON the route gave when it parsed the result, also on DELETE", async () => {
    const input = tinyCapacity();
    const res = await post(app, "/v1/jobs", { kind: "capacity", input, options: { label: "Größe ✓ Woche 14 🙂" } });
    const { id } = res.json() as { id: string };
    expect((await waitFor(app, id)).status).toBe("done");
    const sync = (await post(app, "/v1/capacity", input)).json() as unknown;
    const expected = expectedJob(row(databasePath, id), sync);
    expectJsonReply(await app.inject({ method: "GET", url: `/v1/jobs/${id}` }), expected);
    expectJsonReply(await app.inject({ method: "DELETE", url: `/v1/jobs/${id}` }), expected);
    const openapi = (await app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }>;
    };
    expect(openapi.paths["/v1/jobs/{id}"]?.get.responses["200"]?.content["application/json"]?.schema).toEqual({ $ref: "#/components/schemas/Job" });
  });

  it("stores a worker's MRP text byte for byte, non-ASCII ids included, and sends it as it is", async () => {
    const id = await submit(app, "mrp", nonAsciiMrp);
    expect((await waitFor(app, id)).status).toBe("done");
    const sync = await post(app, "/v1/mrp", nonAsciiMrp);
    expect(sync.statusCode).toBe(200);
    expect(sync.body).toContain("日本-部品🙂");
    const reader = new JobStore(databasePath);
    try {
      expect(Buffer.concat([...reader.result(id)!.parts()]).equals(sync.rawPayload)).toBe(true);
    } finally {
      reader.close();
    }
    const res = await app.inject({ method: "GET", url: `/v1/jobs/${id}` });
    expectJsonReply(res, expectedJob(row(databasePath, id), JSON.parse(sync.body)));
    expect(res.rawPayload.includes(sync.rawPayload)).toBe(true);
  });

  it("stores a result over the old 64 MiB limit by default and streams it with its exact length", async () => {
    const megabytes = 65;
    const id = await submit(app, "zeros", { megabytes });
    expect((await waitFor(app, id)).status).toBe("done");
    const text = `[${"0,".repeat((1 << 19) * megabytes)}0]`;
    const res = await app.inject({ method: "GET", url: `/v1/jobs/${id}` });
    expect(res.statusCode).toBe(200);
    const envelope = JSON.stringify(expectedJob(row(databasePath, id), "RESULT"));
    const [head, tail] = envelope.split('"RESULT"') as [string, string];
    const expectedBytes = Buffer.from(head + text + tail);
    expect(Number(res.headers["content-length"])).toBe(expectedBytes.byteLength);
    const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
    expect(sha(res.rawPayload)).toBe(sha(expectedBytes));
  });

  it("answers a job without a result (queued, failed) as before, without result", async () => {
    const input = tinyCapacity();
    input.resources[0]!.calendar = "night";
    const id = await submit(app, "capacity", input);
    const failed = await waitFor(app, id);
    expect(failed.status).toBe("failed");
    expectJsonReply(await app.inject({ method: "GET", url: `/v1/jobs/${id}` }), expectedJob(row(databasePath, id)));
  });

  it("never reads a result for listings and events", async () => {
    const id = await submit(app, "mrp", nonAsciiMrp);
    await waitFor(app, id);
    const read = vi.spyOn(JobStore.prototype, "result");
    try {
      const list = await app.inject({ method: "GET", url: "/v1/jobs" });
      expect((list.json() as { jobs: Array<{ id: string }> }).jobs.map((j) => j.id)).toContain(id);
      const events = parseEvents((await app.inject({ method: "GET", url: `/v1/jobs/${id}/events` })).body);
      expect(events).toHaveLength(1);
      expect(events[0]!.data).toEqual(expectedJob(row(databasePath, id)));
      expect(read).not.toHaveBeenCalled();
      await app.inject({ method: "GET", url: `/v1/jobs/${id}` });
      expect(read).toHaveBeenCalledTimes(1);
    } finally {
      read.mockRestore();
    }
  });
});

describe("the result size limit", () => {
  it("stores a result of exactly the limit and fails one byte over it with TAKT_ERR_RESULT_TOO_LARGE", async () => {
    const size = (await post(app, "/v1/mrp", nonAsciiMrp)).rawPayload.byteLength;
    for (const [limit, status] of [[size, "done"], [size - 1, "failed"]] as const) {
      const path = join(dir, `limit-${limit}.sqlite`);
      const local = await testApp({ jobs: { databasePath: path, maxResultBytes: limit } });
      try {
        const id = await submit(local, "mrp", nonAsciiMrp);
        const job = await waitFor(local, id);
        expect(job.status).toBe(status);
        if (status === "failed") {
          expect(job.error).toMatchObject({ code: "TAKT_ERR_RESULT_TOO_LARGE", message: `the result is ${size} bytes, over the limit of ${limit}` });
          expect(job.result).toBeUndefined();
          const db = new Database(path, { readonly: true });
          expect(db.prepare("SELECT count(*) FROM job_results").pluck().get()).toBe(0);
          db.close();
        }
      } finally {
        await local.close();
      }
    }
  });
});

describe("a database written before results were bytes", () => {
  it("serves a job whose result was stored as text", async () => {
    const path = join(dir, "text-results.sqlite");
    const old = new Database(path);
    old.exec(`CREATE TABLE jobs (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, status TEXT NOT NULL,
      client TEXT NOT NULL, input TEXT NOT NULL, options TEXT NOT NULL, progress TEXT, result TEXT, error TEXT, batch TEXT,
      scenario TEXT, position INTEGER, attempts INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER);
      CREATE TABLE batches (id TEXT PRIMARY KEY, kind TEXT NOT NULL, client TEXT NOT NULL, options TEXT NOT NULL, created_at INTEGER NOT NULL);`);
    const result = { items: [{ id: "Größe-Ø12", gross: [0, 2.5] }, { id: "日本-部品🙂", gross: [] }], note: "ünïcødé" };
    const now = Date.now();
    old
      .prepare(
        "INSERT INTO jobs (id, kind, status, client, input, options, progress, result, attempts, created_at, started_at, finished_at) VALUES (?, 'mrp', 'done', 'old-client', '{}', ?, ?, ?, 1, ?, ?, ?)",
      )
      .run("vorher-ä", JSON.stringify({ label: "Altbestand" }), JSON.stringify({ elapsedMs: 12 }), JSON.stringify(result), now - 3000, now - 2000, now - 1000);
    old.close();

    const local = await testApp({ jobs: { databasePath: path } });
    try {
      const res = await local.inject({ method: "GET", url: `/v1/jobs/${encodeURIComponent("vorher-ä")}` });
      expectJsonReply(res, expectedJob(row(path, "vorher-ä"), result));
      // And the migrated file takes new jobs.
      expect((await waitFor(local, await submit(local, "mrp", nonAsciiMrp))).status).toBe("done");
    } finally {
      await local.close();
    }
  });
});
