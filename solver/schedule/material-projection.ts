/**
 * Projected stock of every item a plan consumes or receives (issue 14): the stock on hand at the plan start
 * (reserved stock included), receipts from the minute they are usable (arrival + staging), production at
 * the end of each order's last operation (its last slice), consumption at the start of each operation (each
 * slice of a split one, its share) that uses the item,
 * in time order (what comes in at a minute before what goes out at it, as the ledger counts it), with the
 * lowest balance and when it occurs, and the shortages of the orders left out.
 */
import type { MaterialProjection } from "../../src/material.ts";
import type { ScheduleRequest } from "../../src/schedule.ts";
import { formatDateTime } from "../../src/time.ts";
import type { CompiledRequest } from "./compile-problem.ts";
import { DONE, jobEnd } from "./problem.ts";

interface Timed {
  start: ArrayLike<number>;
  end: ArrayLike<number>;
}

interface Event {
  at: number;
  change: number;
  order?: string;
  receipt?: string;
}

/** Rounds away float noise of BOM products in reported quantities. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function materialProjection(request: ScheduleRequest, compiled: CompiledRequest, schedule: Timed, withLedger: boolean): MaterialProjection[] {
  const prepass = compiled.material;
  if (prepass === null) return [];
  const p = compiled.problem;
  const master = new Map(request.items.map((i) => [i.id, i]));
  const events = new Map<string, Event[]>();
  const of = (item: string) => {
    let list = events.get(item);
    if (list === undefined) events.set(item, (list = []));
    return list;
  };
  for (const list of prepass.consumptions) for (const c of list) of(c.item);
  request.receipts.forEach((r, k) => {
    of(r.item).push({ at: prepass.receiptAt[k]! + (master.get(r.item)?.stagingMinutes ?? 0), change: r.quantity, receipt: r.id ?? `${r.item}#${k}` });
  });
  p.jobs.forEach((job, j) => {
    const order = request.orders[compiled.orderOfJob[j]!]!;
    const steps = compiled.stepFirstOp[j]!;
    for (const c of prepass.consumptions[compiled.orderOfJob[j]!]!) {
      // Each slice of a split lot consumes its share at its start.
      for (let op = steps[c.operation]!; op < steps[c.operation + 1]!; op++) {
        const share = p.rules === null ? 1 : p.rules.quantity[op]! / order.quantity;
        of(c.item).push({ at: schedule.start[op]!, change: -c.quantity * share, order: order.id });
      }
    }
    const last = job.firstOp + job.opCount - 1;
    if (events.has(order.item) && p.opState[last] !== DONE && !compiled.excluded.has(compiled.orderOfJob[j]!)) of(order.item).push({ at: jobEnd(p, job, schedule.end), change: order.quantity, order: order.id });
  });
  const shortages = new Map<string, MaterialProjection["shortages"]>();
  for (const [o, list] of compiled.unplannable) {
    for (const s of list) {
      const entry = { order: request.orders[o]!.id, quantity: round(s.quantity), neededBy: formatDateTime(compiled.orderEarliest[o]!) };
      shortages.set(s.item, [...(shortages.get(s.item) ?? []), entry]);
    }
  }
  return [...events].map(([item, list]): MaterialProjection => {
    list.sort((a, b) => a.at - b.at || b.change - a.change);
    const onHand = master.get(item)?.onHand ?? 0;
    let balance = onHand;
    let lowest = onHand;
    let lowestAt = compiled.planStart;
    let consumed = 0;
    let received = 0;
    let produced = 0;
    const ledger: NonNullable<MaterialProjection["ledger"]> = [];
    for (const e of list) {
      balance += e.change;
      if (e.change < 0) consumed -= e.change;
      else if (e.receipt !== undefined) received += e.change;
      else produced += e.change;
      if (balance < lowest) (lowest = balance), (lowestAt = Math.max(compiled.planStart, e.at));
      if (withLedger) {
        ledger.push({
          at: formatDateTime(Math.max(compiled.planStart, e.at)),
          change: round(e.change),
          balance: round(balance),
          ...(e.order !== undefined ? { order: e.order } : {}),
          ...(e.receipt !== undefined ? { receipt: e.receipt } : {}),
        });
      }
    }
    return {
      item,
      onHand,
      consumed: round(consumed),
      received: round(received),
      produced: round(produced),
      endBalance: round(balance),
      lowestBalance: round(lowest),
      lowestAt: formatDateTime(lowestAt),
      shortages: shortages.get(item) ?? [],
      ...(withLedger ? { ledger } : {}),
    };
  });
}
