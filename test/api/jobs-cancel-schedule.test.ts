import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capabilities } from "../../api/capabilities/index.ts";
import { ScheduleRequest } from "../../src/schedule.ts";
import type { ScheduleResponse } from "../../src/schedule.ts";
import { testApp } from "../helpers/app.ts";
import { validateSchedule } from "../helpers/validate-schedule.ts";
import { getJob, steelPlant, submit, waitFor } from "./jobs-helpers.ts";
import { BACKENDS, useBackend } from "./job-backends.ts";

describe.each(BACKENDS)("cancelling a schedule job on %s", (name) => {
  const TIME_LIMIT_SECONDS = 120;

  const backend = useBackend(name);
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ jobs: backend.jobs() });
  });
  afterAll(() => app.close());

  describe("cancelling a running schedule search", () => {
    it("stops it early and keeps its best plan so far with the cancelled job", async () => {
      expect(
        capabilities.some((c) => c.command === "schedule"),
        "the `schedule` capability is not registered in api/capabilities/index.ts yet: this test needs a search that honours the abort signal",
      ).toBe(true);
      const input = { ...steelPlant(), options: { timeLimitSeconds: TIME_LIMIT_SECONDS, seed: 7, workers: 1 } };
      const id = await submit(app, "schedule", input);
      // Let the search get going: running, and past its first plan.
      for (let job = await getJob(app, id); job.status === "queued" || (job.progress?.elapsedMs ?? 0) < 1500; job = await getJob(app, id)) {
        expect(job.status, "the search ended before it could be cancelled").toMatch(/queued|running/);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const res = await app.inject({ method: "DELETE", url: `/v1/jobs/${id}` });
      expect(res.statusCode).toBe(200);
      const job = await waitFor(app, id);
      expect(job.status).toBe("cancelled");
      const plan = job.result as ScheduleResponse;
      expect(plan.operations.length).toBeGreaterThan(0);
      // Stopped at the request, far inside its time limit: the plan is the best found so far.
      expect(plan.solver.elapsedMs).toBeLessThan((TIME_LIMIT_SECONDS * 1000) / 2);
      expect(validateSchedule(ScheduleRequest.parse(input), plan)).toEqual([]);
    });
  });
});
