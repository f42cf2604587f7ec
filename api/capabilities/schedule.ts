import { toScheduleResponse } from "../../solver/schedule/to-response.ts";
import type { ScheduleSearchResult } from "../../solver/schedule/search-schedule.ts";
import { ScheduleRequest, ScheduleResponse } from "../../src/schedule.ts";
import { defineCapability } from "../capability.ts";
import { parallelSearch } from "../parallel-search.ts";

export const schedule = defineCapability({
  command: "schedule",
  url: "/v1/schedule",
  summary: "Schedule the shop at finite capacity",
  description:
    "Sequences every order's operations on real resources and units, inside their calendars' working time, in routing order, with alternatives, " +
    "family changeovers, minimum gaps, release and material dates, and done or running work from `progress`. The objective is lexicographic: " +
    "priority-weighted tardiness, then total completion time (or makespan with `objective: \"makespan\"`), then changeover minutes. " +
    "A dispatching construction (ATC with priorities) is improved by tabu search on `workers` independent seeds for `timeLimitSeconds`; the same " +
    "seed and workers give the same plan. An infeasible plan is a 200 with `status: \"infeasible\"`; wrong references are a 422.",
  request: ScheduleRequest,
  response: ScheduleResponse,
  spreadsheet: { what: "the dispatch list (生产计划表)" },
  async run(request, context) {
    const { seed, timeLimitSeconds, workers = context.pool.threads } = request.options;
    const outcome = await parallelSearch<ScheduleSearchResult>("schedule-search", (s) => ({ request, seed: s }), { seed, workers, timeLimitSeconds }, context);
    return toScheduleResponse(request, outcome.best, { elapsedMs: outcome.elapsedMs, workers: outcome.workers });
  },
});
