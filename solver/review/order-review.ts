/**
 * One order review in progress (订单评审): the confirmed orders and the plan as accepted so far, and the two
 * ways an order is promised against them.
 * - `insert`: the order (a candidate, or a changed order's unstarted operations) goes into the plan at the
 *   earliest completion that makes no confirmed order late or later (capable-to-promise.ts), starting no
 *   earlier than its purchased materials are free for it (material-availability.ts) and, for a non-standard
 *   order, its engineering days are over;
 * - `inPlace`: a changed order stays where the plan has it, its operations re-timed for the change (a smaller
 *   quantity shortens them; nothing else moves earlier).
 * Accept when the promise meets the requested date, counter-offer when it is later but within the customer's
 * maxDelayDays (or no limit is given), decline otherwise, or when even a plan within the horizon cannot make
 * it (the horizon reason then gives the date a longer horizon would). Nothing is stored: accepted plans are
 * committed only to this review's state, for the orders reviewed after.
 */
import type { FactoryModel } from "../../src/factory.ts";
import type { Receipt } from "../../src/material.ts";
import { receiptMinute } from "../../src/material.ts";
import type { Order } from "../../src/order.ts";
import type { ReviewDecision, ReviewReason, ReviewRequest } from "../../src/review.ts";
import type { ScheduledOperation } from "../../src/schedule.ts";
import { DEFAULT_MOVE_TOLERANCE_MINUTES } from "../../src/schedule.ts";
import { formatDateTime, MINUTES_PER_DAY, parseDateTime } from "../../src/time.ts";
import { withHorizon } from "../insert/plan-rush-insertion.ts";
import { planImpact } from "../insert/plan-impact.ts";
import { planSchedule } from "../insert/plan-schedule.ts";
import type { InsertionInput } from "../insert/prepare-insertion.ts";
import { planKey } from "../schedule/freeze-plan.ts";
import { capableToPromise } from "./capable-to-promise.ts";
import type { PromiseOutcome } from "./capable-to-promise.ts";
import { confirmedDemands } from "./confirmed-demands.ts";
import { explodeToPurchased, freeStock, itemAvailability, materialSupply } from "./material-availability.ts";
import type { TakeFromStock } from "./material-availability.ts";

/** Quantities in reasons are rounded to this many decimals (BOM products carry float noise). */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Accept when `promise` meets `due`, counter-offer within `maxDelayDays` days after it (or with no limit), else decline. */
export function decisionFor(promise: number, due: number, maxDelayDays: number | undefined): ReviewDecision["decision"] {
  return promise <= due ? "accept" : maxDelayDays === undefined || promise <= due + maxDelayDays * MINUTES_PER_DAY ? "counter-offer" : "decline";
}

/** A decision, and what accepting it makes of the review's state (null when declined). */
export interface Reviewed {
  decision: ReviewDecision;
  /** Completion of the reviewed order in minutes (null: none at all). */
  completion: number | null;
  accepted: { orders: Order[]; plan: ScheduledOperation[]; bought: Receipt[] } | null;
}

export interface InsertOptions {
  maxDelayDays?: number | undefined;
  engineeringDays?: number;
  /** The confirmed order the reviewed one changes: its unstarted operations leave the plan, its started ones stay. */
  replaces?: Order | undefined;
}

export class OrderReview {
  orders: Order[];
  plan: ScheduledOperation[];
  /** Purchases of the orders accepted so far: later reviews see them as receipts. */
  bought: Receipt[] = [];
  private readonly model: Omit<FactoryModel, "orders">;
  private readonly receipts: Array<{ item: string; quantity: number; at: number }>;

  /** @param leadTimeUnit minutes per lead-time unit (a day, or a bucket) */
  constructor(
    readonly request: ReviewRequest,
    readonly now: number,
    readonly frozenUntil: number,
    readonly horizonEnd: number,
    private readonly leadTimeUnit: number,
    receipts: Array<{ item: string; quantity: number; at: number }>,
  ) {
    const { calendars, resources, pools, items, bom, routings, reservations } = request;
    this.model = { calendars, resources, pools, items, bom, routings, receipts: request.receipts, reservations };
    this.receipts = receipts;
    this.orders = [...request.orders];
    this.plan = [...request.schedule.operations];
  }

  /** Whether an order has started (reported progress) or is frozen (running, or starting before the fence, in the plan). */
  started(orderId: string): boolean {
    return this.request.progress.some((e) => e.order === orderId) || this.plan.some((op) => op.order === orderId && (op.state === "running" || parseDateTime(op.start)! < this.frozenUntil));
  }

  /** The plan without an order's unstarted operations: what is running or frozen stays. */
  withoutUnstarted(orderId: string): ScheduledOperation[] {
    return this.plan.filter((op) => op.order !== orderId || op.state === "running" || parseDateTime(op.start)! < this.frozenUntil);
  }

  /** The insertion input of `order` into `basePlan` with the confirmed orders `confirmed`. */
  private input(confirmed: Order[], basePlan: ScheduledOperation[], inserted: Order[], receipts: Receipt[] = []): InsertionInput {
    const { progress, options } = this.request;
    return {
      model: { ...this.model, orders: confirmed, receipts: [...this.model.receipts, ...this.bought, ...receipts] },
      plan: basePlan,
      inserted,
      progress,
      now: this.now,
      frozenUntil: this.frozenUntil,
      material: options.material,
    };
  }

  /** Inserts `order` (see the header). */
  insert(order: Order, options: InsertOptions = {}): Reviewed {
    const { replaces } = options;
    const confirmed = this.orders.filter((o) => o !== replaces);
    const basePlan = replaces === undefined ? this.plan : this.withoutUnstarted(replaces.id);
    const reasons: ReviewReason[] = [];
    let earliest = this.now;
    // What the order buys arrives for it: the shared ledger (issue 14) then times it like any receipt.
    const purchases: Receipt[] = [];
    // A changed order that has started took its material already; the plan's ledger times the rest.
    if (replaces === undefined || !this.started(replaces.id)) {
      const supply = materialSupply(this.request.items, this.request.bom, [...this.receipts, ...this.bought.map((r) => ({ item: r.item, quantity: r.quantity, at: receiptMinute(r.date!) }))], this.leadTimeUnit);
      const demands = confirmedDemands(supply, confirmed, basePlan, this.request, this.now);
      // The order takes sub-assemblies the confirmed orders leave free, and has the rest made.
      const taken = new Map<string, number>();
      const take: TakeFromStock = (item, wanted) => {
        const quantity = Math.max(0, Math.min(wanted, freeStock(supply, item, demands, this.now) - (taken.get(item) ?? 0)));
        taken.set(item, (taken.get(item) ?? 0) + quantity);
        return quantity;
      };
      for (const [item, required] of explodeToPurchased(supply, order.item, order.quantity, new Map(), take)) {
        const a = itemAvailability(supply, item, required, demands, this.now);
        if (a.available > this.now) reasons.push({ kind: "material", item, required: round(required), shortage: round(a.shortage), availableDate: formatDateTime(a.available), source: a.source });
        if (a.shortage > 0) purchases.push({ id: `purchase for ${order.id}`, item, date: formatDateTime(a.available), quantity: a.shortage });
        earliest = Math.max(earliest, a.available);
      }
    }
    const engineeringDays = options.engineeringDays ?? 0;
    if (order.kind === "non-standard" && engineeringDays > 0) {
      const until = this.now + engineeringDays * MINUTES_PER_DAY;
      reasons.push({ kind: "engineering", days: engineeringDays, until: formatDateTime(until) });
      earliest = Math.max(earliest, until);
    }
    const release = Math.max(earliest, order.release === undefined ? earliest : parseDateTime(order.release)!);
    const ctp = capableToPromise(this.input(confirmed, basePlan, [{ ...order, release: formatDateTime(release) }], purchases));
    return this.decide(order, options.maxDelayDays, replaces, confirmed, basePlan, purchases, reasons, ctp);
  }

  /** Keeps a changed order where the plan has it (see the header). */
  inPlace(changed: Order, original: Order, maxDelayDays: number | undefined): Reviewed {
    const confirmed = this.orders.map((o) => (o === original ? changed : o));
    const others = this.orders.filter((o) => o !== original);
    const kept = withHorizon(this.input(confirmed, this.plan, []), (prepared) => ({ sequencing: prepared.sequencing, timing: prepared.timing }));
    const ctp: PromiseOutcome = !kept.ok
      ? kept
      : (() => {
          const { compiled, request } = kept.prepared;
          const job = compiled.problem.jobs[compiled.orderOfJob.findIndex((o) => request.orders[o]!.id === changed.id)]!;
          return { ok: true, prepared: kept.prepared, state: kept.value, completion: kept.value.timing.end[job.firstOp + job.opCount - 1]!, waits: [] };
        })();
    return this.decide(changed, maxDelayDays, original, others, this.plan, [], [], ctp, confirmed);
  }

  /**
   * The decision for a promise outcome.
   * @param committed the orders the plan holds once accepted (default: confirmed and the order)
   */
  private decide(order: Order, maxDelayDays: number | undefined, replaces: Order | undefined, confirmed: Order[], basePlan: ScheduledOperation[], purchases: Receipt[], reasons: ReviewReason[], ctp: PromiseOutcome, committed = [...confirmed, order]): Reviewed {
    const due = parseDateTime(order.due)!;
    const horizon = (beyond: number | null): ReviewReason => ({ kind: "horizon", horizonEnd: formatDateTime(this.horizonEnd), ...(beyond !== null ? { promiseBeyond: formatDateTime(beyond) } : {}) });
    if (!ctp.ok || ctp.completion > this.horizonEnd) {
      const beyond = ctp.ok ? ctp.completion : null;
      return { decision: { order: order.id, decision: "decline", requested: order.due, promise: null, reasons: [...reasons, horizon(beyond)], impact: [] }, completion: beyond, accepted: null };
    }
    for (const w of ctp.waits) reasons.push({ kind: "capacity", ...w });
    const decision = decisionFor(ctp.completion, due, maxDelayDays);
    const planned = planSchedule(ctp.prepared, ctp.state, new Map(basePlan.map((op) => [planKey(op.order, op.operation, op.part), op])));
    const tolerance = this.request.options.moveToleranceMinutes ?? DEFAULT_MOVE_TOLERANCE_MINUTES;
    const { impact } = planImpact(confirmed.filter((o) => o.id !== order.id), basePlan, planned.operations, tolerance);
    if (replaces !== undefined) {
      const was = Math.max(...this.plan.filter((op) => op.order === replaces.id).map((op) => parseDateTime(op.end)!));
      if (ctp.completion > was) {
        const wasDue = parseDateTime(replaces.due)!;
        impact.unshift({ order: order.id, priority: order.priority, before: formatDateTime(was), after: formatDateTime(ctp.completion), delayMinutes: ctp.completion - was, becameLate: was <= wasDue && ctp.completion > due, harmMinutes: 0 });
      }
    }
    const result: ReviewDecision = { order: order.id, decision, requested: order.due, promise: formatDateTime(ctp.completion), reasons, impact };
    if (decision === "decline") return { decision: result, completion: ctp.completion, accepted: null };
    return {
      decision: { ...result, schedule: { operations: planned.operations, orders: planned.orders } },
      completion: ctp.completion,
      accepted: { orders: committed, plan: planned.operations, bought: [...this.bought, ...purchases] },
    };
  }

  /** Makes an accepted decision the review's plan. */
  commit(accepted: NonNullable<Reviewed["accepted"]>): void {
    this.orders = accepted.orders;
    this.plan = accepted.plan;
    this.bought = accepted.bought;
  }
}
