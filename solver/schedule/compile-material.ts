/**
 * Compiling the material model of a schedule request (issue 14), in two steps around the compilation of
 * the jobs: before it, what every order consumes and the allocation that leaves out the orders whose
 * material cannot arrive (allocate-material.ts); after it, the ledger's arrays (material-ledger.ts) over
 * the planned jobs' operations. Material is constrained when `options.material` says so, by default when
 * any item has stock on hand or the request has receipts or reservations; a request in which no
 * operation consumes anything compiles to no material model at all (the decoder's fast path).
 */
import type { Receipt } from "../../src/material.ts";
import { receiptMinute } from "../../src/material.ts";
import type { ScheduleRequest } from "../../src/schedule.ts";
import { MINUTES_PER_DAY, parseDate, parseDateTime } from "../../src/time.ts";
import { allocateMaterial } from "./allocate-material.ts";
import type { AllocationOrder, AllocationShortage } from "./allocate-material.ts";
import { curvesFrom } from "./material-ledger.ts";
import type { MaterialModel } from "./material-ledger.ts";
import type { Consumption } from "./material-needs.ts";
import { materialNeeds } from "./material-needs.ts";

/**
 * How far along an operation of an order is: to do, done, running (its material consumed, its production
 * to come), or fixed to start at `start` (a frozen operation, consuming then).
 */
export type OperationProgress = { state: "free" } | { state: "done" } | { state: "running" } | { state: "fixed"; start: number };

const hasConsumed = (p: OperationProgress) => p.state === "done" || p.state === "running";

export interface MaterialPrepass {
  /** Consumptions still to happen per order (request.orders' indices). */
  consumptions: Consumption[][];
  /** Orders left out for lack of material, with their shortages. */
  unplannable: Map<number, AllocationShortage[]>;
  /** Started orders short all the same: no plan can be made. */
  shortStarted: Map<number, AllocationShortage[]>;
  /** Arrival minute of every receipt (request.receipts' order). */
  receiptAt: number[];
}

export function materialConstrained(request: ScheduleRequest): boolean {
  const mode = request.options.material ?? (request.items.some((i) => i.onHand > 0) || request.receipts.length > 0 || request.reservations.length > 0 ? "constrain" : "ignore");
  return mode === "constrain";
}

/** Arrival minute of a receipt (by date, or at the start of its bucket). */
export function receiptArrival(receipt: Receipt, buckets: ScheduleRequest["buckets"]): number {
  if (receipt.date !== undefined) return receiptMinute(receipt.date);
  return parseDate(buckets!.start)! + receipt.bucket! * (buckets!.size === "week" ? 7 : 1) * MINUTES_PER_DAY;
}

/** Reserved stock per order id and item. */
function reservedByOrder(request: ScheduleRequest): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of request.reservations) {
    const of = out.get(r.order) ?? new Map<string, number>();
    of.set(r.item, (of.get(r.item) ?? 0) + r.quantity);
    out.set(r.order, of);
  }
  return out;
}

/**
 * @param progressOf how far along operation k of order o is
 * @param kept orders that keep the material they consume in a current plan (re-planning): never left out
 * @param skipped orders left out for another reason (issue 16): they neither consume nor produce
 * @returns null when material is ignored or nothing is consumed
 */
export function prepareMaterial(
  request: ScheduleRequest,
  progressOf: (order: number, operation: number) => OperationProgress,
  kept: ReadonlySet<number> = new Set(),
  skipped: ReadonlySet<number> = new Set(),
): MaterialPrepass | null {
  if (!materialConstrained(request)) return null;
  const needs = materialNeeds(request, request.orders);
  const routings = new Map(request.routings.map((r) => [r.item, r]));
  const consumedItems = new Set<string>();
  const consumptions = needs.consumptions.map((list, o) => (skipped.has(o) ? [] : list.filter((c) => !hasConsumed(progressOf(o, c.operation)))));
  for (const list of consumptions) for (const c of list) consumedItems.add(c.item);
  if (consumedItems.size === 0) return null;
  const reserved = reservedByOrder(request);
  const supply = new Map<string, number>();
  for (const item of request.items) supply.set(item.id, item.onHand);
  for (const r of request.reservations) supply.set(r.item, (supply.get(r.item) ?? 0) - r.quantity);
  const receiptAt = request.receipts.map((r) => receiptArrival(r, request.buckets));
  request.receipts.forEach((r) => supply.set(r.item, (supply.get(r.item) ?? 0) + r.quantity));
  const orders: AllocationOrder[] = request.orders.map((order, o) => {
    const operations = routings.get(order.item)?.operations ?? [];
    const started = kept.has(o) || operations.some((_, k) => progressOf(o, k).state !== "free");
    const last = operations.length - 1;
    const produces = !skipped.has(o) && consumedItems.has(order.item) && last >= 0 && progressOf(o, last).state !== "done" ? { item: order.item, quantity: order.quantity } : null;
    return { priority: order.priority, due: parseDateTime(order.due)!, started, consumptions: consumptions[o]!, produces, reserved: reserved.get(order.id) ?? new Map() };
  });
  const { unplannable, shortStarted } = allocateMaterial(orders, supply);
  // Kept orders consume what the current plan gives them, short or not.
  for (const o of kept) shortStarted.delete(o);
  return { consumptions, unplannable, shortStarted, receiptAt };
}

/** The planned jobs as the ledger needs them. */
export interface MaterialJobs {
  /** request.orders index of every job. */
  orderOfJob: readonly number[];
  /** Per job, the first operation of each routing operation (its slices up to the next entry; one entry more at the end). */
  stepFirstOp: readonly (readonly number[])[];
  /** Units each operation makes: a slice of a split lot consumes its share (null: every operation makes its whole lot). */
  quantity: readonly number[] | null;
  opCount: number;
  /** Start of every fixed operation that has not consumed yet (by operation index), NaN for the others. */
  fixedStart: Float64Array;
  /** Whether each job will produce nothing: its last operation is done (its production is in stock already), or it was left out. */
  completed: readonly boolean[];
}

export function buildMaterialModel(request: ScheduleRequest, prepass: MaterialPrepass, jobs: MaterialJobs): MaterialModel {
  const itemIndex = new Map<string, number>();
  for (const list of prepass.consumptions) for (const c of list) if (!itemIndex.has(c.item)) itemIndex.set(c.item, itemIndex.size);
  const master = new Map(request.items.map((i) => [i.id, i]));
  const items = [...itemIndex.keys()];
  const events: Array<Array<[number, number]>> = items.map((id) => [[-Infinity, master.get(id)?.onHand ?? 0]]);
  const reserved = reservedByOrder(request);
  for (const r of request.reservations) {
    const i = itemIndex.get(r.item);
    if (i !== undefined) events[i]![0]![1] -= r.quantity;
  }
  request.receipts.forEach((r, k) => {
    const i = itemIndex.get(r.item);
    if (i !== undefined) events[i]!.push([prepass.receiptAt[k]! + (master.get(r.item)?.stagingMinutes ?? 0), r.quantity]);
  });

  const consStart: number[] = [0];
  const consItem: number[] = [];
  const consQty: number[] = [];
  const consSlot: number[] = [];
  const slotQty: number[] = [];
  const slotOf = new Map<string, number>();
  const perOp: Array<Array<{ item: number; quantity: number; slot: number }>> = Array.from({ length: jobs.opCount }, () => []);
  const jobItem = new Int32Array(jobs.orderOfJob.length).fill(-1);
  const jobQty = new Float64Array(jobs.orderOfJob.length);
  jobs.orderOfJob.forEach((o, j) => {
    const order = request.orders[o]!;
    for (const c of prepass.consumptions[o]!) {
      const key = `${j}\u0000${c.item}`;
      let slot = slotOf.get(key) ?? -1;
      const quantity = reserved.get(order.id)?.get(c.item);
      if (slot < 0 && quantity !== undefined) {
        slot = slotQty.length;
        slotQty.push(quantity);
        slotOf.set(key, slot);
      }
      const item = itemIndex.get(c.item)!;
      // Each slice of a split lot consumes its share at its own start.
      for (let op = jobs.stepFirstOp[j]![c.operation]!; op < jobs.stepFirstOp[j]![c.operation + 1]!; op++) {
        const quantity = jobs.quantity === null ? c.quantity : (c.quantity * jobs.quantity[op]!) / order.quantity;
        const fixedAt = jobs.fixedStart[op]!;
        if (Number.isNaN(fixedAt)) {
          perOp[op]!.push({ item, quantity, slot });
          continue;
        }
        // A fixed operation takes its material whatever happens: from the static curve.
        const fromSlot = slot >= 0 ? Math.min(quantity, slotQty[slot]!) : 0;
        if (slot >= 0) slotQty[slot] = slotQty[slot]! - fromSlot;
        if (quantity - fromSlot > 0) events[item]!.push([fixedAt, -(quantity - fromSlot)]);
      }
    }
    const produced = itemIndex.get(order.item);
    if (produced !== undefined && !jobs.completed[j]) {
      jobItem[j] = produced;
      jobQty[j] = order.quantity;
    }
  });
  for (const list of perOp) {
    for (const e of list) (consItem.push(e.item), consQty.push(e.quantity), consSlot.push(e.slot));
    consStart.push(consItem.length);
  }

  return {
    items,
    ...curvesFrom(events),
    consStart: Int32Array.from(consStart),
    consItem: Int32Array.from(consItem),
    consQty: Float64Array.from(consQty),
    consSlot: Int32Array.from(consSlot),
    slotQty: Float64Array.from(slotQty),
    jobItem,
    jobQty,
    priority: null,
  };
}
