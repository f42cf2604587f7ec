import { describe, expect, it } from "vitest";
import { capabilities } from "../../api/capabilities/index.ts";
import { ErrorResponse } from "../../api/errors.ts";
import { pickNext } from "../../api/jobs/job-runner.ts";
import { testApp } from "../helpers/app.ts";
import { BACKENDS, useBackend } from "./job-backends.ts";
import { count, getJob, steelPlant, submit, tinyCapacity, waitFor } from "./jobs-helpers.ts";

describe.each(BACKENDS)("back-pressure and fairness on %s", (name) => {
  const backend = useBackend(name);

  it("answers 503 with Retry-After, and accepts again once the queue drains", async () => {
    const app = await testApp({ jobs: backend.jobs({ maxRunning: 1, maxQueued: 1 }) });
    try {
      const running = await submit(app, "capacity", steelPlant());
      await waitFor(app, running, ["running", "done"]);
      const queued = await submit(app, "capacity", tinyCapacity());
      const refused = await app.inject({
        method: "POST",
        url: "/v1/jobs",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ kind: "capacity", input: tinyCapacity() }),
      });
      expect(refused.statusCode).toBe(503);
      expect(ErrorResponse.parse(refused.json()).code).toBe("TAKT_ERR_QUEUE_FULL");
      expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      await waitFor(app, running);
      await waitFor(app, queued);
      const later = await waitFor(app, await submit(app, "capacity", tinyCapacity()));
      expect(later.status).toBe("done");
    } finally {
      await app.close();
    }
  });

  it("refuses a scenario batch whole when its jobs would overfill the queue", async () => {
    const app = await testApp({ jobs: backend.jobs({ maxRunning: 1, maxQueued: 2 }) });
    try {
      const body = { kind: "capacity", base: tinyCapacity(), variations: [{ name: "a" }, { name: "b" }, { name: "c" }] };
      const res = await app.inject({ method: "POST", url: "/v1/scenarios", headers: { "content-type": "application/json" }, payload: JSON.stringify(body) });
      expect(res.statusCode).toBe(503);
      const listed = (await app.inject({ method: "GET", url: "/v1/jobs" })).json() as { jobs: unknown[] };
      expect(listed.jobs).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it("gives a free slot to a client with nothing running before a client over its limit", async () => {
    const app = await testApp({ capabilities: [...capabilities, count], jobs: backend.jobs({ maxRunning: 2, maxRunningPerClient: 1 }) });
    try {
      // Searches that run until cancelled: what runs when is decided by the fairness rule alone.
      const batch = [];
      for (let i = 0; i < 3; i++) batch.push(await submit(app, "count", { target: 1e9 }, "analyst-a"));
      await waitFor(app, batch[0]!, ["running"]);
      const single = await submit(app, "count", { target: 1e9 }, "planner-b");
      await waitFor(app, single, ["running"]);
      const states = await Promise.all(batch.map(async (id) => (await getJob(app, id)).status));
      expect(states).toEqual(["running", "queued", "queued"]);
      for (const id of [single, ...batch]) await app.inject({ method: "DELETE", url: `/v1/jobs/${id}` });
      for (const id of [...batch, single]) expect((await waitFor(app, id)).status).toBe("cancelled");
    } finally {
      await app.close();
    }
  });
});

describe("fairness between clients", () => {
  it("picks the oldest job of the client running fewest, skipping clients at their limit", () => {
    const queue = [
      { id: "a2", client: "a" },
      { id: "a3", client: "a" },
      { id: "b1", client: "b" },
      { id: "c1", client: "c" },
      { id: "b2", client: "b" },
    ];
    expect(pickNext(queue, new Map([["a", 1]]), 2)).toBe(2); // b has none running: its oldest job
    expect(pickNext(queue, new Map([["a", 1], ["b", 1]]), 2)).toBe(3); // c has none running
    expect(pickNext(queue, new Map([["a", 1], ["b", 1], ["c", 1]]), 2)).toBe(0); // all equal: the oldest
    expect(pickNext(queue, new Map([["a", 2], ["b", 2], ["c", 2]]), 2)).toBe(-1); // everyone at the limit
    expect(pickNext([], new Map(), 1)).toBe(-1);
  });
});
