/**
 * Issue 13, case 8: a search answers with its response written where it searched, from the problem it
 * compiled (the main thread used to compile the request a second time to build it), and the route's answer
 * is that text with `solver` added. Run here in the test's thread with a context of its own.
 */
import { describe, expect, it } from "vitest";
import { scheduleAnswerText, scheduleSearch } from "../../api/schedule-tasks.ts";
import type { TaskContext } from "../../api/task-protocol.ts";
import { jsonBodyText } from "../../api/json-body.ts";
import { kpiExtractors } from "../../api/jobs/kpis.ts";
import { toScheduleResponse } from "../../solver/schedule/to-response.ts";
import { ScheduleRequest, ScheduleResponse } from "../../src/schedule.ts";
import { jsonText } from "../helpers/app.ts";
import { demo } from "../helpers/demo.ts";
import { validateSchedule } from "../helpers/validate-schedule.ts";

function context(parsed: unknown[]): TaskContext {
  return {
    budgetFrom: Date.now(),
    deadlineEpochMs: Date.now() + 60_000,
    setDeadline: () => undefined,
    clock: () => performance.now(),
    remainingMs: () => 60_000,
    shouldStop: () => false,
    progress: () => undefined,
    parsed: (info) => parsed.push(info),
  };
}

describe("the schedule-search task", () => {
  const body = { ...demo("steel-plant"), options: { timeLimitSeconds: 30, maxIterations: 20, seed: 4 } };

  it("writes the response of its plan (the response built from its result, compiled again, is the same) and its KPIs", () => {
    const parsed: unknown[] = [];
    const answer = scheduleSearch({ body: jsonText(body), as: "schedule", index: 0, respond: true, kpis: true }, context(parsed));
    expect(parsed).toEqual([{ planGiven: false, seed: 4, workers: undefined, timeLimitSeconds: 30 }]);
    const solver = { elapsedMs: 12, iterations: answer.result!.iterations, workers: 1, bestFoundAtMs: answer.result!.bestFoundAtMs, objective: answer.result!.objective };
    const response = ScheduleResponse.parse(JSON.parse(jsonBodyText(scheduleAnswerText(answer.head!, solver))));

    // The same search again, its response built the way the main thread built it before.
    const request = ScheduleRequest.parse(body);
    const again = scheduleSearch({ body: jsonText(body), as: "schedule", index: 0, respond: false, kpis: false }, context([]));
    // The same plan, iteration for iteration; only when it was found differs (wall time).
    const expected = toScheduleResponse(request, again.result!, { elapsedMs: 12, workers: 1 });
    expect({ ...response, solver: { ...response.solver, bestFoundAtMs: 0 } }).toEqual({ ...expected, solver: { ...expected.solver, bestFoundAtMs: 0 } });
    expect(validateSchedule(request, response)).toEqual([]);
    expect(answer.kpis).toEqual(kpiExtractors.schedule!.extract(request, response));
  });

  it("says an insert request with a plan has nothing to search", () => {
    const withPlan = { ...demo("steel-plant"), schedule: { operations: [] } };
    const parsed: unknown[] = [];
    expect(scheduleSearch({ body: jsonText(withPlan), as: "insert", index: 0, respond: false, kpis: false }, context(parsed))).toEqual({
      parsed: { planGiven: true, seed: 0, timeLimitSeconds: 0 },
    });
    expect(parsed).toHaveLength(1);
  });
});
