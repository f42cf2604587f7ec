import { ReviewBody, ReviewResponse } from "../../src/review.ts";
import { defineCapability } from "../capability.ts";
import { runOnCurrentPlan } from "./on-current-plan.ts";

export const review = defineCapability({
  command: "review",
  url: "/v1/orders/review",
  summary: "Review orders and changes: accept, counter-offer or decline (订单评审, capable-to-promise)",
  description:
    "Takes the factory model, its current plan (`schedule`), optional material data (`items` with `onHand` and `leadTime`, `bom`, open `receipts`; " +
    "lead times count `buckets` when given, else days), `now`, `candidates` (orders with `engineeringDays` for non-standard ones and `maxDelayDays`) " +
    "and `changes` to confirmed orders (quantity, due date, item), started or frozen ones too. Changes, then candidates, are reviewed in order, each " +
    "against the plan with the ones accepted before it: the promise is the earliest completion after material (on hand net of confirmed orders, " +
    "receipts, or purchase lead time) and engineering, at finite capacity, without making a confirmed order late. A smaller quantity or a later date " +
    "keeps the order in place (shorter); a larger one re-plans it before it starts and adds a follow-up lot (`splits`) after; another item re-plans " +
    "its unstarted operations; an earlier date is tried like a rush order, with the protect-confirmed and a searched re-plan answer (`options`, " +
    "`timeLimitSeconds` each) and their weighted harm. Accept when it meets the requested date, counter-offer within `maxDelayDays` " +
    "(or without a limit), decline otherwise or when no plan within the horizon can make it (the reason then gives the date a longer horizon " +
    "would); reasons name the binding resource, material or engineering; impact lists the other orders delayed, with their priority. Read-only. " +
    "Without `schedule`, the confirmed orders are first scheduled from `now` as /v1/schedule would (`options.seed`, `workers`, `maxIterations`, " +
    "`baseScheduleSeconds` as its time limit) and the review works on that plan; `baseSchedule` says which happened. " +
    "If no plan exists for the confirmed orders, that is a 422 at `schedule`.",
  request: ReviewBody,
  response: ReviewResponse,
  run: runOnCurrentPlan("review"),
});
