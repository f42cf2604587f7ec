/**
 * Infinite-capacity loading (rough-cut capacity planning, the "load profile" of Vollmann et al.,
 * Manufacturing Planning and Control Systems, ch. 10): every order's routing is placed in time as if
 * resources had no other work, and each operation's standard minutes are spread over the buckets its
 * working time falls in.
 *
 * - An operation takes S = setupMinutes + quantity × runMinutesPerUnit standard minutes of load. It runs
 *   on one unit of its resource for S / efficiency working minutes of that resource's own calendar
 *   (units add capacity, they do not shorten one order's operation). An operation with alternatives is
 *   loaded on its first resource; the countermeasures may move it.
 * - Backward (default): the last operation ends at `due`; each operation starts at
 *   subtractWorkingMinutes(end, S / efficiency), and the one before it must end `minGapMinutes`
 *   (elapsed) before. An order whose first operation would start before max(planStart, release,
 *   materialReady) — or before the calendar's known horizon — is unmeetable even with infinite capacity,
 *   and is loaded forward from that instant instead.
 * - Forward: the first operation starts at the next working instant at or after max(planStart, release,
 *   materialReady), each following one `minGapMinutes` after its predecessor ends. An order that ends
 *   after `due` is unmeetable too. Work running past the calendar horizon (which lies beyond the grid)
 *   simply falls outside every bucket.
 * - Splitting: an operation occupying [start, end) puts S × w_b / W into bucket b, where w_b is its
 *   working minutes inside b and W = S / efficiency its total working minutes: proportional to the
 *   working windows it occupies, so a weekend or a holiday in the span carries no load.
 * - Progress (shop-floor reports, as the scheduler reads them in solver/schedule/compile-problem.ts): the
 *   reported operations of an order are a prefix of its routing, all done but the last, which may be
 *   running (checkCapacityRequest rejects anything else, as checkScheduleRequest does). A done operation
 *   adds no load and ended at min(planStart, start + W). A running one is on the floor now, whatever the
 *   loading direction: its remaining working minutes R (reported, or W − the working minutes since its
 *   start) run from planStart on the resource it runs on, carrying R × efficiency standard minutes. The
 *   operations after the prefix load as above, with max(planStart, release, materialReady, the prefix's
 *   end + the next operation's minGapMinutes) as the earliest start — the scheduler's ready time — so an
 *   order whose rest cannot fit between a running operation's end and due is unmeetable too.
 */
import type { Order } from "../../src/order.ts";
import type { Resource } from "../../src/resource.ts";
import type { Routing } from "../../src/routing.ts";
import type { ProgressEntry, ScheduledOperation } from "../../src/schedule.ts";
import { parseDateTime } from "../../src/time.ts";
import type { Minute } from "../../src/time.ts";
import type { WorkingTime } from "../calendar/working-time.ts";
import type { BucketGrid } from "./bucket-grid.ts";
import { forEachBucketPiece } from "./bucket-grid.ts";

export interface LoadingInput {
  readonly orders: readonly Order[];
  readonly routings: ReadonlyMap<string, Routing>;
  readonly resources: readonly Resource[];
  readonly resourceIndex: ReadonlyMap<string, number>;
  /** Working time per resource, by resource index, compiled over a horizon covering planStart … last due. */
  readonly working: readonly WorkingTime[];
  readonly grid: BucketGrid;
  readonly planStart: Minute;
  readonly direction: "backward" | "forward";
  /** Checked shop-floor progress (see the header); empty when nothing has started. */
  readonly progress: readonly ProgressEntry[];
  /** A checked plan (see loadFromPlan): its operations by order id and operation id. */
  readonly plan?: ReadonlyMap<string, ReadonlyMap<string, ScheduledOperation>>;
}

/** Where and when one operation of one order is loaded. */
interface Placement {
  /** Index of the operation in its routing. */
  readonly operation: number;
  /** Resource index: the operation's first resource, or the one a running operation runs on. */
  readonly resource: number;
  /** Standard minutes of the whole operation (of its remaining work when running), inside the grid or not. */
  readonly standardMinutes: number;
  /** Running on the shop floor: its load stays where it is (no countermeasure may move it). */
  readonly running: boolean;
  /** Start of the loaded work: planStart for a running operation. */
  readonly start: Minute;
  /** End of the operation; +Infinity when it runs past the calendar horizon. */
  readonly end: Minute;
}

/** One operation of one order as loaded. */
export interface OperationLoad extends Placement {
  /** The operation's load per bucket it touches, ascending by bucket; minutes > 0. */
  readonly buckets: ReadonlyArray<{ readonly bucket: number; readonly minutes: number }>;
}

export interface OrderLoading {
  /** The order's remaining work cannot be done by due even with infinite capacity. */
  readonly unmeetable: boolean;
  /** The operations not done, in routing order. */
  readonly operations: readonly OperationLoad[];
}

export interface LoadResult {
  /** Per order, in request order. */
  readonly orders: readonly OrderLoading[];
  /** Standard minutes of load per resource index and bucket. */
  readonly load: readonly Float64Array[];
}


/** An order's reported prefix of its routing: where the rest begins, when it may, and a running placement. */
interface Reported {
  /** Index of the first operation not reported. */
  readonly next: number;
  /** End of the last reported operation. */
  readonly end: Minute;
  readonly running: Placement | null;
}

class Loader {
  /** Parsed date-times: orders share due dates, and parsing is a measurable share of loading 10,000 orders. */
  private readonly instants = new Map<string, Minute>();
  /** Progress per order id, then operation id. */
  private readonly progress = new Map<string, Map<string, ProgressEntry>>();

  constructor(private readonly input: LoadingInput) {
    for (const entry of input.progress) {
      let ofOrder = this.progress.get(entry.order);
      if (ofOrder === undefined) this.progress.set(entry.order, (ofOrder = new Map()));
      ofOrder.set(entry.operation, entry);
    }
  }

  private instant(text: string | undefined): Minute {
    if (text === undefined) return -Infinity;
    let t = this.instants.get(text);
    if (t === undefined) {
      const parsed = parseDateTime(text);
      if (parsed === null) throw new RangeError(`invalid date-time "${text}" (the request was not validated)`);
      this.instants.set(text, (t = parsed));
    }
    return t;
  }

  load(): LoadResult {
    const load = this.input.resources.map(() => new Float64Array(this.input.grid.count));
    const orders = this.input.orders.map((order) => this.loadOrder(order, load));
    return { orders, load };
  }

  private loadOrder(order: Order, load: Float64Array[]): OrderLoading {
    const routing = this.input.routings.get(order.item);
    if (routing === undefined) throw new RangeError(`order "${order.id}": item "${order.item}" has no routing (the request was not checked)`);
    if (this.input.plan !== undefined) return this.loadFromPlan(order, routing, load);
    const due = this.instant(order.due);
    let earliest = Math.max(this.input.planStart, this.instant(order.release), this.instant(order.materialReady));
    const ofOrder = this.progress.get(order.id);
    const reported = ofOrder === undefined ? null : this.reported(order, routing, ofOrder);
    const first = reported?.next ?? 0;
    if (reported !== null && first < routing.operations.length) earliest = Math.max(earliest, reported.end + routing.operations[first]!.minGapMinutes);

    let placements: Placement[] | null = null;
    let unmeetable = false;
    if (first < routing.operations.length) {
      if (this.input.direction === "backward") {
        placements = this.backward(order, routing, first, due);
        unmeetable = placements === null || placements[0]!.start < earliest;
      }
      if (placements === null || unmeetable) {
        placements = this.forward(order, routing, first, earliest);
        unmeetable ||= placements[placements.length - 1]!.end > due;
      }
    } else {
      unmeetable = reported !== null && reported.running !== null && reported.running.end > due;
    }
    if (reported?.running) (placements ??= []).unshift(reported.running);
    return { unmeetable, operations: this.spreadAll(placements ?? [], load) };
  }

  private spreadAll(placements: readonly Placement[], load: Float64Array[]): OperationLoad[] {
    return placements.map((p): OperationLoad => {
      const buckets = this.spread(p);
      for (const { bucket, minutes } of buckets) load[p.resource]![bucket]! += minutes;
      // Spelled out: spreading the placement made loading and reporting 10,000 orders about twice as slow.
      return { operation: p.operation, resource: p.resource, standardMinutes: p.standardMinutes, running: p.running, start: p.start, end: p.end, buckets };
    });
  }

  /**
   * Loading from a plan (issue 14): each planned operation occupies its resource from max(planStart, its
   * start) to its end, and loads the working minutes in between × efficiency: what it takes of the
   * available capacity, setup and changeover included. Done operations are not in a plan.
   */
  private loadFromPlan(order: Order, routing: Routing, load: Float64Array[]): OrderLoading {
    const ofOrder = this.input.plan!.get(order.id);
    if (ofOrder === undefined) return { unmeetable: true, operations: [] };
    const placements: Placement[] = [];
    let completion = -Infinity;
    routing.operations.forEach((op, k) => {
      const planned = ofOrder.get(op.id);
      if (planned === undefined) return;
      const resource = this.resourceIndex(routing, planned.resource);
      const start = Math.max(this.input.planStart, this.instant(planned.start));
      const end = this.instant(planned.end);
      completion = Math.max(completion, end);
      const minutes = end > start ? this.input.working[resource]!.workingMinutesBetween(start, end) : 0;
      placements.push({ operation: k, resource, standardMinutes: minutes * this.input.resources[resource]!.efficiency, running: planned.state === "running", start, end });
    });
    return { unmeetable: completion > this.instant(order.due), operations: this.spreadAll(placements, load) };
  }

  /** The reported prefix of an order's routing (checked: every operation up to the last reported one is). */
  private reported(order: Order, routing: Routing, ofOrder: ReadonlyMap<string, ProgressEntry>): Reported {
    let next = 0;
    routing.operations.forEach((op, k) => ofOrder.has(op.id) && (next = k + 1));
    const last = routing.operations[next - 1]!;
    const entry = ofOrder.get(last.id)!;
    for (let k = 0; k < next - 1; k++) {
      if (ofOrder.get(routing.operations[k]!.id)?.status !== "done") {
        throw new RangeError(`order "${order.id}": operation "${routing.operations[k]!.id}" precedes reported progress but is not done (the request was not checked)`);
      }
    }
    const resource = this.resourceIndex(routing, entry.resource);
    const working = this.input.working[resource]!;
    const efficiency = this.input.resources[resource]!.efficiency;
    const start = this.instant(entry.start);
    const fullWorking = this.standardMinutes(order, routing, next - 1) / efficiency;
    const planStart = this.input.planStart;
    if (entry.status === "done") return { next, end: Math.min(planStart, working.addWorkingMinutes(start, fullWorking) ?? planStart), running: null };
    const remaining = entry.remainingMinutes ?? Math.max(0, fullWorking - working.workingMinutesBetween(start, planStart));
    const end = remaining > 0 ? (working.addWorkingMinutes(planStart, remaining) ?? Infinity) : planStart;
    return { next, end, running: { operation: next - 1, resource, standardMinutes: remaining * efficiency, running: true, start: planStart, end } };
  }

  private resourceIndex(routing: Routing, id: string): number {
    const index = this.input.resourceIndex.get(id);
    if (index === undefined) throw new RangeError(`routing "${routing.item}": unknown resource "${id}" (the request was not checked)`);
    return index;
  }

  private standardMinutes(order: Order, routing: Routing, operation: number): number {
    const op = routing.operations[operation]!;
    return op.setupMinutes + order.quantity * op.runMinutesPerUnit;
  }

  /** Placements of operations first … last; null when the walk leaves the calendar horizon. */
  private backward(order: Order, routing: Routing, first: number, due: Minute): Placement[] | null {
    const placements: Placement[] = [];
    let end = due;
    for (let i = routing.operations.length - 1; i >= first; i--) {
      const resource = this.resourceIndex(routing, routing.operations[i]!.resources[0]!);
      const standardMinutes = this.standardMinutes(order, routing, i);
      const start = this.input.working[resource]!.subtractWorkingMinutes(end, standardMinutes / this.input.resources[resource]!.efficiency);
      if (start === null) return null;
      placements.push({ operation: i, resource, standardMinutes, running: false, start, end });
      end = start - routing.operations[i]!.minGapMinutes;
    }
    return placements.reverse();
  }

  /** Placements of operations first … last, the first starting at or after `earliest`. */
  private forward(order: Order, routing: Routing, first: number, earliest: Minute): Placement[] {
    const placements: Placement[] = [];
    let ready = earliest;
    for (let i = first; i < routing.operations.length; i++) {
      const resource = this.resourceIndex(routing, routing.operations[i]!.resources[0]!);
      const standardMinutes = this.standardMinutes(order, routing, i);
      const working = this.input.working[resource]!;
      // `earliest` already holds the gap after a reported operation.
      if (i > first) ready += routing.operations[i]!.minGapMinutes;
      // Past the horizon (which ends after the grid) the operation cannot touch a bucket any more.
      const start = working.nextWorkingInstant(ready) ?? Infinity;
      const end = start === Infinity ? Infinity : (working.addWorkingMinutes(start, standardMinutes / this.input.resources[resource]!.efficiency) ?? Infinity);
      placements.push({ operation: i, resource, standardMinutes, running: false, start, end });
      ready = end;
    }
    return placements;
  }

  private spread(p: Placement): Array<{ bucket: number; minutes: number }> {
    const buckets: Array<{ bucket: number; minutes: number }> = [];
    if (p.standardMinutes === 0) return buckets;
    const working = this.input.working[p.resource]!;
    const perWorkingMinute = this.input.resources[p.resource]!.efficiency; // S / W with W = S / efficiency
    forEachBucketPiece(this.input.grid, p.start, p.end, (bucket, from, to) => {
      const minutes = working.workingMinutesBetween(from, to) * perWorkingMinute;
      if (minutes > 0) buckets.push({ bucket, minutes });
    });
    return buckets;
  }
}

export function loadOrders(input: LoadingInput): LoadResult {
  return new Loader(input).load();
}
