import { ScheduleRequest, ScheduleResponse } from "../../src/schedule.ts";
import { defineCapability, option } from "../capability.ts";
import { searchRequestText } from "../parallel-search.ts";
import { scheduleAnswerText } from "../schedule-tasks.ts";

export const schedule = defineCapability({
  command: "schedule",
  url: "/v1/schedule",
  summary: "Schedule the shop at finite capacity",
  description:
    "Sequences every order's operations on real resources and units, inside their calendars' working time, in routing order, with alternatives, " +
    "family changeovers, minimum gaps, release and material dates, and done or running work from `progress`; operations may send transfer batches ahead " +
    "(`transferQuantity`), run as parts on several units (`split`), need one unbroken stretch (`interruptible: false`) or a maximum wait after the one " +
    "before (`maxWaitMinutes`, hard: an order that cannot keep it is `unplannable` with the reason). The objective is lexicographic: " +
    "priority-weighted tardiness (against due − `dueBufferMinutes`, and again past due), then total completion time (or makespan with `objective: \"makespan\"`), " +
    "then changeover minutes. `timing: \"just-in-time\"` then moves every operation as late as it may go without any order finishing later. " +
    "A dispatching construction (ATC with priorities) is improved by tabu search on `workers` independent seeds; the same seed and workers give " +
    "the same plan. With a `reference` (the plan in force, e.g. yesterday's answer as it is) and `frozenUntil`, its operations starting before the " +
    "fence keep resource, unit, start and end (`state: \"frozen\"`), nothing new starts before it, and the rest stays close to it: with " +
    "`options.stability: \"minimal-change\"` (the default) the number of changed operations (another unit, or a start moved more than " +
    "`moveToleranceMinutes`) comes right after weighted tardiness in the objective; `changes` lists them. A frozen operation that cannot be kept, " +
    "or a reference naming unknown orders, operations or resources or overlapping on a unit, is a 422 naming it. The answer arrives within `timeLimitSeconds` (plus a second at most) from the request's arrival: construction counts against it, " +
    "and a plan that cannot be built in time is a 200 with `status: \"timedout\"`, no operations and a `reason` naming the limit to raise. " +
    "An infeasible plan is a 200 with `status: \"infeasible\"`; wrong references are a 422.",
  request: ScheduleRequest,
  response: ScheduleResponse,
  spreadsheet: { what: "the dispatch list (生产计划表)" },
  cliFlags: {
    "just-in-time": option('move every operation as late as it may go after the search (options.timing: "just-in-time")', { timing: "just-in-time" }),
  },
  async run(request, context) {
    const outcome = await searchRequestText(request, "schedule", true, context);
    if (outcome.planGiven) throw new TypeError("a schedule request has no plan to bring");
    const { result, head, kpis } = outcome.best;
    const solver = { elapsedMs: outcome.elapsedMs, iterations: result.iterations, workers: outcome.workers, bestFoundAtMs: result.bestFoundAtMs, objective: result.objective };
    return { body: scheduleAnswerText(head!, solver), ...(kpis ? { kpis } : {}) };
  },
});
