/**
 * Order review (订单评审): changes to confirmed orders, then candidate orders, each reviewed in the given
 * order against the plan with the ones accepted before it. An order's earliest start is when its purchased
 * materials are free for it (material-availability.ts) and, for a non-standard order, when its engineering
 * days are over; from there capable-to-promise.ts gives its promise without making a confirmed order late.
 * Accept when the promise meets the requested date, counter-offer when it is later but within the
 * customer's maxDelayDays (or no limit is given), decline otherwise or when no date exists before the
 * horizon's end. A changed order is taken out of the plan and reviewed as a new one with its changed
 * quantity and due date. Read-only: the accepted plans are returned, nothing is stored.
 */
import { ModelError } from "../../src/errors.ts";
import type { FactoryModel } from "../../src/factory.ts";
import type { Receipt } from "../../src/material.ts";
import { receiptMinute } from "../../src/material.ts";
import type { OrderImpact } from "../../src/insert.ts";
import type { Order } from "../../src/order.ts";
import type { ReviewDecision, ReviewReason, ReviewRequest, ReviewResponse } from "../../src/review.ts";
import type { ScheduledOperation } from "../../src/schedule.ts";
import { formatDateTime, MINUTES_PER_DAY, parseDateTime } from "../../src/time.ts";
import { operationKey, planKey } from "../insert/freeze-plan.ts";
import { planImpact } from "../insert/plan-impact.ts";
import { planSchedule } from "../insert/plan-schedule.ts";
import { capableToPromise } from "./capable-to-promise.ts";
import { checkReviewRequest, reviewHorizon } from "./check-review-request.ts";
import { receiptArrival } from "../schedule/compile-material.ts";
import { explodeToPurchased, freeStock, itemAvailability, materialSupply, stockBy } from "./material-availability.ts";
import type { MaterialDemand, MaterialSupply, TakeFromStock } from "./material-availability.ts";

/** Quantities in reasons are rounded to this many decimals (BOM products carry float noise). */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * What the confirmed orders still need of purchased items and of sub-assemblies in stock, each dated at its
 * first operation's planned start. They take sub-assembly stock in that order, each what is on hand or
 * received by its start and not taken before, and make the rest.
 */
function confirmedDemands(supply: MaterialSupply, orders: readonly Order[], plan: readonly ScheduledOperation[], request: ReviewRequest, now: number): MaterialDemand[] {
  const starts = new Map<string, number>();
  // An operation in parts starts with its earliest part.
  for (const op of plan) starts.set(operationKey(op.order, op.operation), Math.min(starts.get(operationKey(op.order, op.operation)) ?? Infinity, parseDateTime(op.start)!));
  const issued = new Set(request.progress.map((e) => e.order));
  const firstOp = new Map(request.routings.map((r) => [r.item, r.operations[0]!.id]));
  const dated = orders.filter((order) => !issued.has(order.id)).map((order) => ({ order, at: starts.get(operationKey(order.id, firstOp.get(order.item)!)) ?? now }));
  dated.sort((a, b) => a.at - b.at);
  const demands: MaterialDemand[] = [];
  const taken = new Map<string, number>();
  for (const { order, at } of dated) {
    const take: TakeFromStock = (item, wanted) => {
      const quantity = Math.max(0, Math.min(wanted, stockBy(supply, item, at) - (taken.get(item) ?? 0)));
      if (quantity > 0) {
        taken.set(item, (taken.get(item) ?? 0) + quantity);
        demands.push({ item, quantity, at });
      }
      return quantity;
    };
    for (const [item, quantity] of explodeToPurchased(supply, order.item, order.quantity, new Map(), take)) demands.push({ item, quantity, at });
  }
  return demands;
}

export function reviewOrders(request: ReviewRequest, clock: () => number): ReviewResponse {
  const problems = checkReviewRequest(request);
  if (problems.length > 0) throw new ModelError(problems);
  const begin = clock();
  const now = parseDateTime(request.now)!;
  const frozenUntil = Math.max(now, parseDateTime(request.frozenUntil ?? request.now)!);
  const { unit, end: horizonEnd } = reviewHorizon(request);
  const buckets = request.buckets;
  const receipts = request.receipts.map((r) => ({ item: r.item, quantity: r.quantity, at: receiptArrival(r, buckets) }));
  // Purchases of the orders accepted so far: later reviews see them as receipts.
  let bought: Receipt[] = [];
  const model: Omit<FactoryModel, "orders"> = {
    calendars: request.calendars,
    resources: request.resources,
    pools: request.pools,
    items: request.items,
    bom: request.bom,
    routings: request.routings,
    receipts: request.receipts,
    reservations: request.reservations,
  };

  let orders: Order[] = [...request.orders];
  let plan: ScheduledOperation[] = [...request.schedule.operations];

  /** Reviews `order` against the plan without `replaces`; commits it when accepted. */
  const review = (order: Order, maxDelayDays: number | undefined, engineeringDays: number, replaces: Order | undefined): ReviewDecision => {
    const confirmed = orders.filter((o) => o !== replaces);
    const basePlan = replaces === undefined ? plan : plan.filter((op) => op.order !== replaces.id);
    const reasons: ReviewReason[] = [];
    const supply = materialSupply(request.items, request.bom, [...receipts, ...bought.map((r) => ({ item: r.item, quantity: r.quantity, at: receiptMinute(r.date!) }))], unit);
    const demands = confirmedDemands(supply, confirmed, basePlan, request, now);
    // The order takes sub-assemblies the confirmed orders leave free, and has the rest made.
    const taken = new Map<string, number>();
    const take: TakeFromStock = (item, wanted) => {
      const quantity = Math.max(0, Math.min(wanted, freeStock(supply, item, demands, now) - (taken.get(item) ?? 0)));
      taken.set(item, (taken.get(item) ?? 0) + quantity);
      return quantity;
    };
    let earliest = now;
    // What the candidate buys arrives for it: the shared ledger (issue 14) then times it like any receipt.
    const purchases: Receipt[] = [];
    for (const [item, required] of explodeToPurchased(supply, order.item, order.quantity, new Map(), take)) {
      const a = itemAvailability(supply, item, required, demands, now);
      if (a.available > now) reasons.push({ kind: "material", item, required: round(required), shortage: round(a.shortage), availableDate: formatDateTime(a.available), source: a.source });
      if (a.shortage > 0) purchases.push({ id: `purchase for ${order.id}`, item, date: formatDateTime(a.available), quantity: a.shortage });
      earliest = Math.max(earliest, a.available);
    }
    if (order.kind === "non-standard" && engineeringDays > 0) {
      const until = now + engineeringDays * MINUTES_PER_DAY;
      reasons.push({ kind: "engineering", days: engineeringDays, until: formatDateTime(until) });
      earliest = Math.max(earliest, until);
    }
    const due = parseDateTime(order.due)!;
    const decline = (): ReviewDecision => ({ order: order.id, decision: "decline", requested: order.due, promise: null, reasons: [...reasons, { kind: "horizon", horizonEnd: formatDateTime(horizonEnd) }], impact: [] });
    if (earliest > horizonEnd) return decline();
    const release = Math.max(earliest, order.release === undefined ? earliest : parseDateTime(order.release)!);
    const ctp = capableToPromise({ model: { ...model, orders: confirmed, receipts: [...model.receipts, ...bought, ...purchases] }, plan: basePlan, inserted: [{ ...order, release: formatDateTime(release) }], progress: request.progress, now, frozenUntil, material: request.options.material });
    if (!ctp.ok || ctp.completion > horizonEnd) return decline();
    for (const w of ctp.waits) reasons.push({ kind: "capacity", ...w });
    const decision = ctp.completion <= due ? "accept" : maxDelayDays === undefined || ctp.completion <= due + maxDelayDays * MINUTES_PER_DAY ? "counter-offer" : "decline";
    const impact: OrderImpact[] = planImpact(ctp.prepared, ctp.state).impact;
    if (replaces !== undefined) {
      const was = Math.max(...plan.filter((op) => op.order === replaces.id).map((op) => parseDateTime(op.end)!));
      if (ctp.completion > was) {
        const wasDue = parseDateTime(replaces.due)!;
        impact.unshift({ order: order.id, before: formatDateTime(was), after: formatDateTime(ctp.completion), delayMinutes: ctp.completion - was, becameLate: was <= wasDue && ctp.completion > due });
      }
    }
    const result: ReviewDecision = { order: order.id, decision, requested: order.due, promise: formatDateTime(ctp.completion), reasons, impact };
    if (decision === "decline") return result;
    const planned = planSchedule(ctp.prepared, ctp.state, new Map(basePlan.map((op) => [planKey(op.order, op.operation, op.part), op])));
    if (decision === "accept") {
      orders = [...confirmed, order];
      plan = planned.operations;
      bought = [...bought, ...purchases];
    }
    return { ...result, schedule: { operations: planned.operations, orders: planned.orders } };
  };

  const changes = request.changes.map((change) => {
    const original = orders.find((o) => o.id === change.order)!;
    const changed: Order = { ...original, ...(change.quantity !== undefined ? { quantity: change.quantity } : {}), ...(change.due !== undefined ? { due: change.due } : {}) };
    return review(changed, change.maxDelayDays, 0, original);
  });
  const candidates = request.candidates.map(({ engineeringDays, maxDelayDays, ...order }) => review(order, maxDelayDays, engineeringDays, undefined));
  return { changes, candidates, solver: { elapsedMs: clock() - begin } };
}
