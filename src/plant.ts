/**
 * A plant file (issue 18): the factory model with the other data a planner keeps beside it — plan dates,
 * buckets, shop-floor progress, open receipts, MRP demand, rush orders, candidates, products and capacity
 * levers. It is what a planners' workbook holds (`takt import`, `POST /v1/import`), and every capability's
 * request is a plant file (each takes the fields it needs), as the demo plants in data/ are.
 *
 * Lists are optional rather than defaulting to []: a sheet the workbook does not have stays absent, so a
 * capability that requires the list (rushOrders for insert, products for bottleneck) says so itself.
 */
import { z } from "zod";
import { BottleneckPeriod, BottleneckProduct, BottleneckRequest } from "./bottleneck.ts";
import { CapacityLevers, CapacityRequest } from "./capacity.ts";
import { FactoryModel } from "./factory.ts";
import { MrpBuckets, MrpDemand, MrpFirmPlannedOrder, MrpReceipt } from "./mrp.ts";
import { Order } from "./order.ts";
import { Candidate } from "./review.ts";
import { ProgressEntry } from "./schedule.ts";
import { LocalDateTime } from "./time.ts";

export const Plant = FactoryModel.extend({
  name: z.string().optional(),
  description: z.string().optional(),
  planStart: LocalDateTime.optional().describe("Scheduling and capacity: nothing new starts earlier"),
  now: LocalDateTime.optional().describe("Rush insertion, order review and drum-buffer-rope: the current time"),
  frozenUntil: LocalDateTime.optional(),
  horizonEnd: LocalDateTime.optional().describe("Order review: no promise later than this"),
  buckets: MrpBuckets.optional().describe("Capacity, MRP and order review: the planning buckets"),
  loading: CapacityRequest.shape.loading.unwrap().optional().describe("Capacity assessment's loading direction"),
  levers: CapacityLevers.optional(),
  period: BottleneckPeriod.optional(),
  operatingExpense: BottleneckRequest.shape.operatingExpense.optional(),
  bufferMinutes: BottleneckRequest.shape.bufferMinutes,
  progress: z.array(ProgressEntry).optional(),
  receipts: z.array(MrpReceipt).optional(),
  demands: z.array(MrpDemand).optional(),
  firmPlannedOrders: z.array(MrpFirmPlannedOrder).optional().describe("MRP: planned orders the planner has firmed"),
  rushOrders: z.array(Order).optional(),
  candidates: z.array(Candidate).optional(),
  products: z.array(BottleneckProduct).optional(),
}).meta({
  id: "Plant",
  description: "A factory model with the plan dates, buckets, progress, receipts, demand, rush orders, candidates, products and levers kept beside it",
});
export type Plant = z.infer<typeof Plant>;
