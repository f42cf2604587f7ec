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
 */
import type { Order } from "../../src/order.ts";
import type { Resource } from "../../src/resource.ts";
import type { Routing } from "../../src/routing.ts";
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
}

/** One operation of one order as loaded. */
export interface OperationLoad {
  /** Index of the operation in its routing. */
  readonly operation: number;
  /** Resource index (the operation's first resource). */
  readonly resource: number;
  /** Standard minutes of the whole operation, inside the grid or not. */
  readonly standardMinutes: number;
  readonly start: Minute;
  /** End of the operation; +Infinity when it runs past the calendar horizon. */
  readonly end: Minute;
  /** The operation's load per bucket it touches, ascending by bucket; minutes > 0. */
  readonly buckets: ReadonlyArray<{ readonly bucket: number; readonly minutes: number }>;
}

export interface OrderLoading {
  readonly unmeetable: boolean;
  readonly operations: readonly OperationLoad[];
}

export interface LoadResult {
  /** Per order, in request order. */
  readonly orders: readonly OrderLoading[];
  /** Standard minutes of load per resource index and bucket. */
  readonly load: readonly Float64Array[];
}


interface Placement {
  readonly resource: number;
  readonly standardMinutes: number;
  readonly start: Minute;
  readonly end: Minute;
}

class Loader {
  /** Parsed date-times: orders share due dates, and parsing is a measurable share of loading 10,000 orders. */
  private readonly instants = new Map<string, Minute>();

  constructor(private readonly input: LoadingInput) {}

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
    const due = this.instant(order.due);
    const earliest = Math.max(this.input.planStart, this.instant(order.release), this.instant(order.materialReady));
    let placements: Placement[] | null = null;
    let unmeetable: boolean;
    if (this.input.direction === "backward") {
      placements = this.backward(order, routing, due);
      unmeetable = placements === null || placements[0]!.start < earliest;
    } else {
      unmeetable = false;
    }
    if (placements === null || unmeetable) {
      placements = this.forward(order, routing, earliest);
      unmeetable ||= placements[placements.length - 1]!.end > due;
    }
    const operations = placements.map((p, operation): OperationLoad => {
      const buckets = this.spread(p);
      for (const { bucket, minutes } of buckets) load[p.resource]![bucket]! += minutes;
      return { operation, ...p, buckets };
    });
    return { unmeetable, operations };
  }

  private resourceOf(routing: Routing, operation: number): number {
    const id = routing.operations[operation]!.resources[0]!;
    const index = this.input.resourceIndex.get(id);
    if (index === undefined) throw new RangeError(`routing "${routing.item}": unknown resource "${id}" (the request was not checked)`);
    return index;
  }

  private standardMinutes(order: Order, routing: Routing, operation: number): number {
    const op = routing.operations[operation]!;
    return op.setupMinutes + order.quantity * op.runMinutesPerUnit;
  }

  /** Placements from last to first operation; null when the walk leaves the calendar horizon. */
  private backward(order: Order, routing: Routing, due: Minute): Placement[] | null {
    const placements: Placement[] = [];
    let end = due;
    for (let i = routing.operations.length - 1; i >= 0; i--) {
      const resource = this.resourceOf(routing, i);
      const standardMinutes = this.standardMinutes(order, routing, i);
      const start = this.input.working[resource]!.subtractWorkingMinutes(end, standardMinutes / this.input.resources[resource]!.efficiency);
      if (start === null) return null;
      placements.push({ resource, standardMinutes, start, end });
      end = start - routing.operations[i]!.minGapMinutes;
    }
    return placements.reverse();
  }

  private forward(order: Order, routing: Routing, earliest: Minute): Placement[] {
    const placements: Placement[] = [];
    let ready = earliest;
    for (let i = 0; i < routing.operations.length; i++) {
      const resource = this.resourceOf(routing, i);
      const standardMinutes = this.standardMinutes(order, routing, i);
      const working = this.input.working[resource]!;
      if (i > 0) ready += routing.operations[i]!.minGapMinutes;
      // Past the horizon (which ends after the grid) the operation cannot touch a bucket any more.
      const start = working.nextWorkingInstant(ready) ?? Infinity;
      const end = start === Infinity ? Infinity : (working.addWorkingMinutes(start, standardMinutes / this.input.resources[resource]!.efficiency) ?? Infinity);
      placements.push({ resource, standardMinutes, start, end });
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
