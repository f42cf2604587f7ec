/**
 * Issue 13, case 8: a scenario's KPIs are extracted once, on the worker that answered, and stored with the
 * job; reading a batch never parses a result (every GET of a finished 100k-item MRP batch once parsed 347 MB
 * per scenario). Results stored before KPIs were are read once, on a worker, and their KPIs kept.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { kpiExtractors } from "../../api/jobs/kpis.ts";
import { CapacityRequest } from "../../src/capacity.ts";
import { testApp } from "../helpers/app.ts";
import { post, tinyCapacity, waitFor, waitForBatch } from "./jobs-helpers.ts";

interface Batch {
  status: string;
  scenarios: Array<{ job: string }>;
  comparison: null | { scenarios: Array<{ name: string; values: Record<string, unknown> }> };
}

const dir = mkdtempSync(join(tmpdir(), "takt-kpis-"));
const study = { kind: "capacity", base: tinyCapacity(), variations: [{ name: "two presses", patch: { resources: { press: { units: 2 } } } }] };

/** The batch as a new app on the database reads it. */
async function batchFrom(databasePath: string, id: string): Promise<Batch> {
  const app = await testApp({ jobs: { databasePath } });
  try {
    return (await app.inject({ method: "GET", url: `/v1/scenarios/${id}` })).json() as Batch;
  } finally {
    await app.close();
  }
}

async function finishedBatch(databasePath: string) {
  const app = await testApp({ jobs: { databasePath } });
  const accepted = (await post(app, "/v1/scenarios", study)).json() as { id: string; scenarios: Array<{ job: string }> };
  const batch = await waitForBatch<Batch>(app, accepted.id);
  const results = await Promise.all(accepted.scenarios.map(async (s) => (await waitFor(app, s.job)).result));
  await app.close();
  return { id: accepted.id, batch, results };
}

describe("stored scenario KPIs", () => {
  it("are the KPIs of each result, and reading the batch does not parse a result", async () => {
    const databasePath = join(dir, "stored.sqlite");
    const { id, batch, results } = await finishedBatch(databasePath);
    const inputs = [study.base, { ...study.base, resources: study.base.resources.map((r) => (r.id === "press" ? { ...r, units: 2 } : r)) }];
    batch.comparison!.scenarios.forEach((row, i) => expect(row.values).toEqual(kpiExtractors.capacity!.extract(CapacityRequest.parse(inputs[i]), results[i])));

    // Results that no longer parse: the comparison comes from the stored KPIs all the same.
    const db = new Database(databasePath);
    db.prepare("UPDATE job_results SET bytes = ?").run(Buffer.from("not JSON"));
    db.close();
    expect((await batchFrom(databasePath, id)).comparison).toEqual(batch.comparison);
  });

  it("are read once from results stored before KPIs were, and kept", async () => {
    const databasePath = join(dir, "legacy.sqlite");
    const { id, batch } = await finishedBatch(databasePath);
    // As a database written before migration 2 holds it: results without KPIs.
    const db = new Database(databasePath);
    db.prepare("UPDATE jobs SET kpis = NULL").run();
    db.close();
    expect((await batchFrom(databasePath, id)).comparison).toEqual(batch.comparison);
    const check = new Database(databasePath, { readonly: true });
    const stored = check.prepare("SELECT kpis FROM jobs WHERE batch = ? ORDER BY position").pluck().all(id) as string[];
    check.close();
    expect(stored.map((text) => JSON.parse(text))).toEqual(batch.comparison!.scenarios.map((row) => row.values));
  });
});
