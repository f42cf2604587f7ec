import { z } from "zod";
import { InsertBody, InsertResponse } from "../../src/insert.ts";
import { defineCapability } from "../capability.ts";
import { runOnCurrentPlan } from "./on-current-plan.ts";

export const insert = defineCapability({
  command: "insert",
  url: "/v1/schedule/insert",
  summary: "Insert rush orders into the current plan (紧急插单)",
  description:
    "Takes the factory model, its current plan (`schedule`, e.g. an earlier /v1/schedule response as it is), `rushOrders`, `now` and `frozenUntil`. " +
    "Without `schedule`, the confirmed orders are first scheduled from `now` as /v1/schedule would (`options.seed`, `workers`, `maxIterations`, " +
    "`baseScheduleSeconds` as its time limit) and the rush orders are inserted into that plan; `baseSchedule` says which happened. " +
    "Operations running or starting before `frozenUntil` keep resource, unit and times; the rest keep their unit and order and only move later, " +
    "as far as the rush operations push them (right shift). Returns at least two plans: `fastest` (earliest rush completion; never later than " +
    "appending the rush orders at the end of every queue) and `protect-confirmed` (no confirmed order finishes late and later than planned), " +
    "with `allow-N-late` trade-off plans in between. Each has its promise dates, schedule, impact per delayed order, moved operations and KPIs. " +
    "Wrong references (in the plan, rush orders or progress) are a 422 naming their paths.",
  request: InsertBody,
  response: InsertResponse,
  spreadsheet: {
    what: "the chosen option's dispatch list",
    query: z.object({
      option: z.string().min(1).max(100).optional().describe("Spreadsheet answers: the option to export (fastest, protect-confirmed, allow-N-late); default the first, fastest"),
    }),
  },
  run: runOnCurrentPlan("insert"),
});
