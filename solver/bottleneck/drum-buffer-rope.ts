/**
 * Drum-buffer-rope (Goldratt & Fox, "The Race", 1986; Schragenheim & Ronen, "Drum-buffer-rope shop floor
 * control", Production and Inventory Management Journal 31(3), 1990):
 * - drum: the orders' operations on the constraint, sequenced by due date (less the order's due-date buffer,
 *   issue 16), then priority, then request order, placed at finite capacity on the constraint's units and
 *   calendar (list scheduling: each operation on the unit free first; split into parts over the units where
 *   it may be split, in unbroken stretches where it may not be interrupted: place-on-drum.ts). Done operations are history; a running one keeps its unit from its
 *   reported start until its remaining work is done. An order's later visits follow its earlier ones.
 * - buffer: `bufferMinutes`, or half of the order's lead time upstream of the constraint — the working
 *   minutes its operations before the first drum operation take ((setup + quantity × run) / efficiency on
 *   each one's preferred resource) — in working time.
 * - rope: release = drum start − buffer, in working time of the order's first operation's resource (its
 *   gateway: material is released when the gateway works). Buffer status is measured on the same calendar.
 * Orders whose first drum operation is done or running have passed the constraint: no rope, no buffer.
 * Orders whose upstream operations are all done wait in the buffer in front of the drum: they have a rope
 * (their release is history) but no buffer status, which tracks only the orders still on their way
 * (a "hole" in the buffer is an order that should have arrived and has not).
 */
import type { Calendar } from "../../src/calendar.ts";
import type { BottleneckRequest, DrumBufferRope } from "../../src/bottleneck.ts";
import type { Operation } from "../../src/routing.ts";
import type { ProgressEntry } from "../../src/schedule.ts";
import type { Minute } from "../../src/time.ts";
import { formatDateTime, MINUTES_PER_DAY, parseDateTime } from "../../src/time.ts";
import { compileCalendar } from "../calendar/compile-calendar.ts";
import type { WorkingTime } from "../calendar/working-time.ts";
import { bufferStatus } from "./buffer-status.ts";
import { placeOnDrum } from "./place-on-drum.ts";

export interface DbrInput extends Pick<BottleneckRequest, "orders" | "routings" | "resources" | "calendars" | "progress" | "bufferMinutes"> {
  /** The resource the drum beats on. */
  readonly drumResource: string;
  /** Nothing new starts on the drum earlier. */
  readonly planStart: Minute;
  /** When given, the buffer status of every open order at this instant. */
  readonly now?: Minute;
}

/** Calendars are known from a year before the earliest instant of interest to two years after the latest. */
function horizonOf(input: DbrInput): { from: Minute; to: Minute } {
  let from = input.now === undefined ? input.planStart : Math.min(input.planStart, input.now);
  let to = input.now === undefined ? input.planStart : Math.max(input.planStart, input.now);
  // A loop, not Math.min(...instants): a call's arguments cannot hold 350,000 of them.
  for (const t of [...input.progress.map((p) => parseDateTime(p.start)!), ...input.orders.map((o) => parseDateTime(o.due)!)]) {
    from = Math.min(from, t);
    to = Math.max(to, t);
  }
  return { from: from - 366 * MINUTES_PER_DAY, to: to + 731 * MINUTES_PER_DAY };
}

interface DrumTask {
  readonly order: number;
  readonly operation: Operation;
}

export function drumBufferRope(input: DbrInput): DrumBufferRope {
  const horizon = horizonOf(input);
  const calendars = new Map<string, Calendar>(input.calendars.map((c) => [c.id, c]));
  const resources = new Map(input.resources.map((r) => [r.id, r]));
  const compiled = new Map<string, WorkingTime>();
  const timeOf = (resourceId: string): WorkingTime => {
    const calendarId = resources.get(resourceId)!.calendar;
    let wt = compiled.get(calendarId);
    if (!wt) compiled.set(calendarId, (wt = compileCalendar(calendars.get(calendarId)!, horizon)));
    return wt;
  };
  const routings = new Map(input.routings.map((r) => [r.item, r]));
  const progress = new Map<string, ProgressEntry>(input.progress.map((p) => [`${p.order}\u0000${p.operation}`, p]));
  const progressOf = (order: string, op: string) => progress.get(`${order}\u0000${op}`);
  const drum = resources.get(input.drumResource)!;
  const drumTime = timeOf(drum.id);
  const workingMinutes = (op: Operation, quantity: number) =>
    (op.setupMinutes + quantity * op.runMinutesPerUnit) / (resources.get(op.resources[0]!)?.efficiency ?? 1);

  const unitFree = new Array<Minute>(drum.units).fill(input.planStart);
  const result: DrumBufferRope = { drumResource: drum.id, drum: [], releases: [], buffers: [], unscheduled: [] };
  const planned: DrumTask[] = [];
  input.orders.forEach((order, o) => {
    for (const operation of routings.get(order.item)?.operations ?? []) {
      if (operation.resources[0] !== drum.id) continue;
      const minutes = workingMinutes(operation, order.quantity);
      const reported = progressOf(order.id, operation.id);
      if (reported?.status === "done") continue;
      if (reported?.status === "running") {
        const start = parseDateTime(reported.start)!;
        const at = Math.max(input.now ?? input.planStart, start);
        const remaining = reported.remainingMinutes ?? Math.max(0, minutes - drumTime.workingMinutesBetween(start, at));
        const end = drumTime.addWorkingMinutes(at, remaining) ?? horizon.to;
        const unit = Math.min(reported.unit, drum.units - 1);
        unitFree[unit] = Math.max(unitFree[unit]!, end);
        result.drum.push({ order: order.id, operation: operation.id, unit, start: formatDateTime(start), end: formatDateTime(end) });
      } else planned.push({ order: o, operation });
    }
  });

  const due = input.orders.map((x) => parseDateTime(x.due)! - (x.dueBufferMinutes ?? 0));
  planned.sort((a, b) => due[a.order]! - due[b.order]! || input.orders[a.order]!.priority - input.orders[b.order]!.priority || a.order - b.order);
  const firstDrumStart = new Map<number, Minute>();
  const lastDrumEnd = new Map<number, Minute>();
  const unscheduled = new Set<number>();
  for (const task of planned) {
    if (unscheduled.has(task.order)) continue;
    const order = input.orders[task.order]!;
    const earliest = Math.max(
      input.planStart,
      lastDrumEnd.get(task.order) ?? -Infinity,
      order.release === undefined ? -Infinity : parseDateTime(order.release)!,
      order.materialReady === undefined ? -Infinity : parseDateTime(order.materialReady)!,
    );
    const parts = placeOnDrum(drumTime, unitFree, earliest, task.operation, order.quantity, drum.efficiency);
    if (parts === null) {
      unscheduled.add(task.order);
      continue;
    }
    lastDrumEnd.set(task.order, Math.max(...parts.map((x) => x.end)));
    if (!firstDrumStart.has(task.order)) firstDrumStart.set(task.order, Math.min(...parts.map((x) => x.start)));
    parts.forEach((x, part) => {
      const split = task.operation.split === undefined ? {} : { part, quantity: x.quantity };
      result.drum.push({ order: order.id, operation: task.operation.id, unit: x.unit, start: formatDateTime(x.start), end: formatDateTime(x.end), ...split });
    });
  }

  input.orders.forEach((order, o) => {
    const drumStart = firstDrumStart.get(o);
    if (drumStart === undefined) return;
    const operations = routings.get(order.item)!.operations;
    const firstOnDrum = operations.findIndex((op) => op.resources[0] === drum.id);
    // A later visit on the drum while the first is done or running: the order has already reached it.
    if (progressOf(order.id, operations[firstOnDrum]!.id) !== undefined) return;
    const upstream = operations.slice(0, firstOnDrum).reduce((sum, op) => sum + workingMinutes(op, order.quantity), 0);
    const buffer = input.bufferMinutes ?? upstream / 2;
    const gateway = timeOf(operations[0]!.resources[0]!);
    const release = gateway.subtractWorkingMinutes(drumStart, buffer);
    if (release === null) {
      unscheduled.add(o);
      return;
    }
    result.releases.push({ order: order.id, release: formatDateTime(release), drumStart: formatDateTime(drumStart), bufferMinutes: buffer });
    const upstreamOps = operations.slice(0, firstOnDrum);
    const arrived = upstreamOps.length > 0 && upstreamOps.every((op) => progressOf(order.id, op.id)?.status === "done");
    if (input.now !== undefined && !arrived) result.buffers.push({ order: order.id, ...bufferStatus(release, input.now, buffer, gateway) });
  });
  result.unscheduled = [...unscheduled].sort((a, b) => a - b).map((o) => input.orders[o]!.id);
  return result;
}
