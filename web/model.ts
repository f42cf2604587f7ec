/**
 * What the workbench keeps and shows: the plant (a factory JSON file as loaded, with the extra fields the demo
 * files carry for each capability) and the current plan. Types come from the API's own schemas (src/), made
 * loose where the API is growing: an order's `cause` and `status`, an operation's `state` are read when present
 * and shown generically when their values are new to this page.
 */
import type { z } from "zod";
import { FactoryModel } from "../src/factory.ts";
import type { CapacityBuckets, CapacityLevers } from "../src/capacity.ts";
import type { Order } from "../src/order.ts";
import type { Candidate, OrderChange } from "../src/review.ts";
import type { InsertResponse } from "../src/insert.ts";
import type { MaterialProjection } from "../src/material.ts";
import type { OrderOutcome, PlanChanges, ScheduledOperation, ScheduleKpis, ScheduleRequest, ScheduleResponse } from "../src/schedule.ts";

/** A factory model as a file gives it: the schedule request's fields (defaults not applied) and the extras. */
export type Plant = Partial<z.input<typeof ScheduleRequest>> & {
  name?: string;
  description?: string;
  now?: string;
  frozenUntil?: string;
  rushOrders?: Array<z.input<typeof Order>>;
  candidates?: Array<z.input<typeof Candidate>>;
  changes?: Array<z.input<typeof OrderChange>>;
  buckets?: z.input<typeof CapacityBuckets>;
  levers?: z.input<typeof CapacityLevers>;
  [key: string]: unknown;
};

/** Why a late order is late (issue 14's `cause`); older answers only name the resource (`heldBy`). */
export interface LateCause {
  kind: string;
  resource?: string;
  item?: string;
  availableAt?: string;
}

export type PlanOrder = Omit<OrderOutcome, "cause" | "status"> & { cause?: LateCause | undefined; status?: string | undefined };
export type PlanOperation = Omit<ScheduledOperation, "state"> & { state: string };

/** The plan on the workbench: a /v1/schedule answer, or a rush option chosen (same operations and orders). */
export interface Plan {
  operations: PlanOperation[];
  orders: PlanOrder[];
  kpis?: ScheduleKpis;
  status?: string;
  /** Why no plan exists (infeasible). */
  reason?: string;
  /** The frozen fence the plan was made with, when there is one. */
  frozenUntil?: string;
  /** Projected stock per item with its ledger (a /v1/schedule plan of a plant with material), for the Materials view. */
  materials?: MaterialProjection[];
  /** A plan recalculated against the plan in force (issue 15): what the server says it changed. */
  changes?: PlanChanges;
  /** The search's statistics (a /v1/schedule plan), so the plan is again a whole answer for /v1/export. */
  solver?: ScheduleResponse["solver"];
  /** Where the plan came from: a schedule job, or a rush option with the insertion's answer it belongs to. */
  source: { kind: "schedule"; jobStatus?: string } | { kind: "rush"; option: string; answer: InsertResponse };
  /** When the browser received it (ISO instant). */
  madeAt: string;
}

/** A plant's orders by id (the plan names orders; customers, items and quantities live here). */
export function ordersById(plant: Plant): Map<string, z.input<typeof Order>> {
  return new Map((plant.orders ?? []).map((order) => [order.id, order]));
}

/**
 * The plant with the model's defaults applied (weekdays without shifts, breaks, exceptions, units), as the
 * engine reads it; null when it does not parse (the plant view then shows why).
 */
export function parseFactory(plant: Plant): FactoryModel | null {
  const parsed = FactoryModel.safeParse(plant);
  return parsed.success ? parsed.data : null;
}
