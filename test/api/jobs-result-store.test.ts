/**
 * The job store keeps results as bytes in parts: what goes in comes back byte for byte, whatever the chunking
 * and the part size; stale parts never outlive their job; databases from before keep serving their text results.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { StoredResult } from "../../api/jobs/job-store.ts";
import { JobStore } from "../../api/jobs/job-store.ts";

const dir = mkdtempSync(join(tmpdir(), "takt-results-"));
const stores: JobStore[] = [];
afterAll(() => stores.forEach((store) => store.close()));

function openStore(path = ":memory:", resultPartBytes?: number): JobStore {
  const store = new JobStore(path, resultPartBytes === undefined ? {} : { resultPartBytes });
  stores.push(store);
  return store;
}

function addJob(store: JobStore, id: string): void {
  store.insert([{ id, kind: "mrp", client: "test", inputJson: '{"items":[]}', options: {}, createdAt: 1_000 }]);
  store.markRunning(id, 2_000);
}

/** The UTF-8 bytes of `text` cut at the given offsets (sorted, deduplicated), as a worker's chunks. */
function chunked(text: string, cuts: number[]): { jsonChunks: Uint8Array[] } {
  const bytes = new TextEncoder().encode(text);
  const offsets = [...new Set([0, ...cuts.map((c) => c % (bytes.length + 1)), bytes.length])].sort((a, b) => a - b);
  return { jsonChunks: offsets.slice(1).map((end, i) => bytes.subarray(offsets[i], end)) };
}

function readAll(result: StoredResult | undefined): Buffer {
  expect(result).toBeDefined();
  return Buffer.concat([...result!.parts()]);
}

function partRows(path: string, job: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM job_results WHERE job = ?").get(job) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("results stored as bytes", () => {
  it("reads back exactly the bytes written, in parts of the configured size, for any chunking", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 1, max: 40 }), async (value, cuts, partBytes) => {
        const store = new JobStore(":memory:", { resultPartBytes: partBytes });
        try {
          const id = `job-${run++}-Größe-日本🙂`;
          addJob(store, id);
          const text = JSON.stringify(value);
          const written = await store.writeResult(id, chunked(text, cuts));
          store.finish(id, "done", 3_000, { resultBytes: written });
          const expected = Buffer.from(text, "utf8");
          expect(written).toBe(expected.byteLength);
          const result = store.result(id)!;
          expect(result.byteLength).toBe(expected.byteLength);
          const parts = [...result.parts()];
          expect(Buffer.concat(parts).equals(expected)).toBe(true);
          expect(parts.slice(0, -1).every((part) => part.byteLength === partBytes)).toBe(true);
          expect(parts.at(-1)!.byteLength).toBeLessThanOrEqual(partBytes);
        } finally {
          store.close();
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it("keeps non-ASCII text whose characters straddle chunk and part boundaries, over many transactions", async () => {
    const store = openStore(":memory:", 5);
    const id = "plan-Größe-Ø12-日本-部品🙂";
    addJob(store, id);
    // 3-byte and 4-byte characters at every offset modulo the 5-byte parts; 2000 parts, far more than one transaction holds.
    const text = JSON.stringify({ items: Array.from({ length: 300 }, (_, i) => ({ id: `部品-${i}-🙂`, name: "Größe ✓".repeat(i % 3) })) });
    const written = await store.writeResult(id, chunked(text, [1, 2, 3, 7, 11, 1000, 4321]));
    store.finish(id, "done", 3_000, { resultBytes: written });
    expect(readAll(store.result(id)).toString("utf8")).toBe(text);
    expect(store.get(id)).toMatchObject({ id, status: "done", finishedAt: 3_000 });
    expect(store.get(id)).not.toHaveProperty("result");
  });

  it("has no result for a job that has none, and none until finish records it", async () => {
    const store = openStore();
    addJob(store, "a");
    expect(store.result("a")).toBeUndefined();
    await store.writeResult("a", chunked('{"x":1}', []));
    expect(store.result("a")).toBeUndefined(); // written but not yet the job's result
    store.finish("a", "done", 3_000, { resultBytes: 7 });
    expect(readAll(store.result("a")).toString()).toBe('{"x":1}');
    expect(store.result("nope")).toBeUndefined();
  });
});

describe("stale parts", () => {
  it("replaces the parts of an interrupted earlier run, and deletes them when the job ends without a result", async () => {
    const path = join(dir, "stale.sqlite");
    const store = openStore(path, 4);
    addJob(store, "rerun");
    await store.writeResult("rerun", chunked(JSON.stringify({ long: "x".repeat(100) }), []));
    const second = '{"short":true}';
    store.finish("rerun", "done", 3_000, { resultBytes: await store.writeResult("rerun", chunked(second, [])) });
    expect(readAll(store.result("rerun")).toString()).toBe(second);
    expect(partRows(path, "rerun")).toBe(Math.ceil(second.length / 4));

    addJob(store, "fails");
    await store.writeResult("fails", chunked(JSON.stringify({ partial: "y".repeat(50) }), []));
    store.finish("fails", "failed", 3_000, { error: { statusCode: 500, code: "TAKT_ERR_TASK_FAILED", error: "Internal Server Error", message: "disk full" } });
    expect(store.result("fails")).toBeUndefined();
    expect(partRows(path, "fails")).toBe(0);
  });

  it("deletes an expired job's parts, and a reader still streaming it fails rather than ending short", async () => {
    const path = join(dir, "expiry.sqlite");
    const store = openStore(path, 3);
    addJob(store, "old");
    const text = JSON.stringify({ plan: "Größe".repeat(10) });
    store.finish("old", "done", 3_000, { resultBytes: await store.writeResult("old", chunked(text, [])) });
    const parts = store.result("old")!.parts();
    expect(parts.next().value).toEqual(Buffer.from(text).subarray(0, 3));
    expect(store.expire(4_000)).toBe(1);
    expect(() => parts.next()).toThrow(/deleted while being read/);
    expect(partRows(path, "old")).toBe(0);
    expect(store.result("old")).toBeUndefined();
  });
});

describe("databases from before results were bytes", () => {
  // The schema as it was (user_version 0): results as TEXT in jobs.result.
  const VERSION_0 = `
    CREATE TABLE jobs (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, status TEXT NOT NULL,
      client TEXT NOT NULL, input TEXT NOT NULL, options TEXT NOT NULL, progress TEXT, result TEXT, error TEXT, batch TEXT,
      scenario TEXT, position INTEGER, attempts INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER);
    CREATE INDEX jobs_by_status ON jobs (status, seq);
    CREATE INDEX jobs_by_batch ON jobs (batch, position);
    CREATE INDEX jobs_by_finish ON jobs (finished_at);
    CREATE TABLE batches (id TEXT PRIMARY KEY, kind TEXT NOT NULL, client TEXT NOT NULL, options TEXT NOT NULL, created_at INTEGER NOT NULL);`;

  it("migrates the schema once, keeps text results and serves them as their UTF-8 bytes", async () => {
    const path = join(dir, "version-0.sqlite");
    const old = new Database(path);
    old.exec(VERSION_0);
    const text = JSON.stringify({ items: [{ id: "Größe-Ø12", qty: 2.5 }, { id: "日本🙂" }] });
    old
      .prepare("INSERT INTO jobs (id, kind, status, client, input, options, progress, result, attempts, created_at, started_at, finished_at) VALUES (?, 'mrp', 'done', 'c', '{}', '{}', '{\"elapsedMs\":5}', ?, 1, 1, 2, 3)")
      .run("alt-Größe", text);
    old.close();

    const store = openStore(path);
    expect(store.result("alt-Größe")!.byteLength).toBe(Buffer.byteLength(text));
    expect(readAll(store.result("alt-Größe")).toString("utf8")).toBe(text);
    expect(store.list({ limit: 10 }).map((job) => job.id)).toEqual(["alt-Größe"]);
    // New jobs in the migrated file get byte results; reopening migrates nothing again.
    addJob(store, "new");
    store.finish("new", "done", 4, { resultBytes: await store.writeResult("new", chunked('{"n":1}', [])) });
    store.close();
    stores.pop();
    const again = openStore(path);
    expect(readAll(again.result("alt-Größe")).toString("utf8")).toBe(text);
    expect(readAll(again.result("new")).toString()).toBe('{"n":1}');
    const check = new Database(path, { readonly: true });
    expect(check.pragma("user_version", { simple: true })).toBe(2);
    check.close();
  });
});
