/**
 * The independent validator's material check (issue 14), written apart from the engine (nothing from
 * solver/): it re-derives from the request what every order consumes (BOM components × quantity, scrap
 * inflating it, phantoms exploded through, at the operation whose `consumes` names the component or the
 * first one), then replays the plan in time order — stock on hand at the plan start, receipts from their
 * arrival plus the item's staging minutes, production at each order's last end, consumption at each
 * operation's start (each part of a split one its share, issue 16), an order's reservation used before the
 * common stock — and reports every instant at
 * which the common stock or a reservation would go below zero. Unplannable orders must be absent from
 * the plan and name shortages of items they consume.
 */
import type { ScheduleRequest, ScheduleResponse } from "../../src/schedule.ts";
import { parseDate, parseDateTime } from "../../src/time.ts";

const TOLERANCE = 1e-6;

/** Whether the request constrains material (options.material, else any stock, receipt or reservation). */
export function constrainsMaterial(request: ScheduleRequest): boolean {
  const mode = request.options.material;
  if (mode !== undefined) return mode === "constrain";
  return request.items.some((i) => i.onHand > 0) || request.receipts.length > 0 || request.reservations.length > 0;
}

/** Consumption of one order per routing operation id: item → quantity. */
function consumptionOf(request: ScheduleRequest, itemId: string, quantity: number): Map<string, Map<string, number>> {
  const routing = request.routings.find((r) => r.item === itemId)!;
  const items = new Map(request.items.map((i) => [i.id, i]));
  const out = new Map<string, Map<string, number>>();
  const addTo = (operation: string, component: string, q: number) => {
    if (items.get(component)?.phantom) {
      for (const line of request.bom.filter((l) => l.parent === component)) addTo(operation, line.component, q * line.quantity);
      return;
    }
    const map = out.get(operation) ?? new Map<string, number>();
    map.set(component, (map.get(component) ?? 0) + q);
    out.set(operation, map);
  };
  const started = quantity / (1 - (items.get(itemId)?.scrapRate ?? 0));
  for (const line of request.bom.filter((l) => l.parent === itemId)) {
    const at = routing.operations.find((op) => op.consumes?.includes(line.component)) ?? routing.operations[0]!;
    addTo(at.id, line.component, started * line.quantity);
  }
  return out;
}

export function validateMaterial(request: ScheduleRequest, response: ScheduleResponse): string[] {
  const errors: string[] = [];
  const outcomes = new Map(response.orders.map((o) => [o.id, o]));
  // Orders left out for a rule they cannot keep (issue 16) carry a reason; validate-schedule.ts checks those.
  const unplannable = new Set(response.orders.filter((o) => o.status === "unplannable" && o.reason === undefined).map((o) => o.id));
  const leftOut = new Set(response.orders.filter((o) => o.status === "unplannable").map((o) => o.id));
  const constrained = constrainsMaterial(request);
  if (!constrained && unplannable.size > 0) errors.push(`orders ${[...unplannable].join(", ")} are unplannable although material is ignored`);
  for (const id of unplannable) {
    if (response.operations.some((op) => op.order === id)) errors.push(`unplannable order ${id} has operations in the plan`);
    const order = request.orders.find((o) => o.id === id)!;
    const consumed = new Set([...consumptionOf(request, order.item, order.quantity).values()].flatMap((m) => [...m.keys()]));
    const shortages = outcomes.get(id)!.shortages ?? [];
    if (shortages.length === 0 || shortages.some((s) => !consumed.has(s.item) || !(s.quantity > 0))) errors.push(`unplannable order ${id} names no real shortage`);
  }
  if (!constrained) return errors;

  const planStart = parseDateTime(request.planStart)!;
  const items = new Map(request.items.map((i) => [i.id, i]));
  const done = new Set(request.progress.filter((p) => p.status === "done").map((p) => `${p.order}/${p.operation}`));
  type Event = { at: number; item: string; change: number; order?: string; what: string };
  const events: Event[] = [];
  request.receipts.forEach((r, k) => {
    let at = r.date !== undefined ? (parseDate(r.date) ?? parseDateTime(r.date)!) : NaN;
    if (r.bucket !== undefined) at = parseDate(request.buckets!.start)! + r.bucket * (request.buckets!.size === "week" ? 7 : 1) * 1440;
    events.push({ at: at + (items.get(r.item)?.stagingMinutes ?? 0), item: r.item, change: r.quantity, what: `receipt ${r.id ?? k}` });
  });
  const planned = new Map<string, ScheduleResponse["operations"]>();
  for (const op of response.operations) planned.set(`${op.order}/${op.operation}`, [...(planned.get(`${op.order}/${op.operation}`) ?? []), op]);
  for (const order of request.orders) {
    if (leftOut.has(order.id)) continue;
    const routing = request.routings.find((r) => r.item === order.item)!;
    for (const [operation, needs] of consumptionOf(request, order.item, order.quantity)) {
      for (const op of planned.get(`${order.id}/${operation}`) ?? []) {
        // Done or running work took its material before the plan start.
        if (op.state === "running" || parseDateTime(op.start)! < planStart) continue;
        const share = (op.quantity ?? order.quantity) / order.quantity;
        for (const [item, quantity] of needs) events.push({ at: parseDateTime(op.start)!, item, change: -quantity * share, order: order.id, what: `${order.id}/${operation}` });
      }
    }
    const last = routing.operations[routing.operations.length - 1]!;
    const lastParts = planned.get(`${order.id}/${last.id}`) ?? [];
    if (lastParts.length > 0 && !done.has(`${order.id}/${last.id}`)) {
      events.push({ at: Math.max(...lastParts.map((x) => parseDateTime(x.end)!)), item: order.item, change: order.quantity, what: `${order.id} completes` });
    }
  }
  // Additions at a minute come before consumptions at it: what arrives at 06:00 can be used at 06:00.
  events.sort((a, b) => a.at - b.at || b.change - a.change);
  const common = new Map<string, number>();
  for (const item of request.items) common.set(item.id, item.onHand);
  const reserved = new Map<string, number>();
  for (const r of request.reservations) {
    common.set(r.item, (common.get(r.item) ?? 0) - r.quantity);
    reserved.set(`${r.order}/${r.item}`, (reserved.get(`${r.order}/${r.item}`) ?? 0) + r.quantity);
  }
  for (const e of events) {
    let change = e.change;
    if (change < 0 && e.order !== undefined) {
      const key = `${e.order}/${e.item}`;
      const fromReservation = Math.min(-change, reserved.get(key) ?? 0);
      if (fromReservation > 0) reserved.set(key, reserved.get(key)! - fromReservation);
      change += fromReservation;
    }
    const balance = (common.get(e.item) ?? 0) + change;
    common.set(e.item, balance);
    if (balance < -TOLERANCE * Math.max(1, -e.change)) errors.push(`${e.what} at minute ${e.at} takes ${e.item} below zero (${balance})`);
  }
  return errors;
}
