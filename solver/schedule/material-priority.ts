/**
 * Confirmed orders keep their material when others are inserted into their plan (rush insertion, order
 * review; issue 14): their operations become KEPT (they consume without waiting) and the inserted orders'
 * operations AFTER, checked against the static supply less every confirmed consumption at its planned
 * start (material-ledger.ts). Planned starts only move later in a right-shifted plan, so the curve built
 * here never promises an inserted order material a confirmed one needs.
 */
import type { MaterialModel } from "./material-ledger.ts";
import { AFTER, curvesFrom, KEPT } from "./material-ledger.ts";

/**
 * @param kept whether each operation belongs to a confirmed order
 * @param plannedStart its start in the current plan (NaN: not planned, as for inserted orders)
 */
export function protectConfirmed(model: MaterialModel, kept: (op: number) => boolean, plannedStart: Float64Array): MaterialModel {
  const n = model.items.length;
  const opCount = model.consStart.length - 1;
  const opClass = new Uint8Array(opCount);
  const events: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    for (let k = model.curveStart[i]!; k < model.curveStart[i + 1]!; k++) {
      events[i]!.push([model.curveAt[k]!, model.curveLevel[k]! - (k > model.curveStart[i]! ? model.curveLevel[k - 1]! : 0)]);
    }
  }
  const slotLeft = model.slotQty.slice();
  const order = Array.from({ length: opCount }, (_, op) => op).filter((op) => kept(op));
  order.sort((a, b) => plannedStart[a]! - plannedStart[b]! || a - b);
  for (const op of order) {
    opClass[op] = KEPT;
    for (let c = model.consStart[op]!; c < model.consStart[op + 1]!; c++) {
      const slot = model.consSlot[c]!;
      const fromSlot = slot >= 0 ? Math.min(model.consQty[c]!, slotLeft[slot]!) : 0;
      if (slot >= 0) slotLeft[slot] = slotLeft[slot]! - fromSlot;
      const at = Number.isNaN(plannedStart[op]!) ? -Infinity : plannedStart[op]!;
      if (model.consQty[c]! > fromSlot) events[model.consItem[c]!]!.push([at, fromSlot - model.consQty[c]!]);
    }
  }
  for (let op = 0; op < opCount; op++) if (opClass[op] !== KEPT) opClass[op] = AFTER;
  const { curveStart, curveAt, curveMin } = curvesFrom(events);
  return { ...model, priority: { opClass, curveStart, curveAt, curveMin } };
}
