/**
 * Independent validator of an MRP response (shares no code with the engine): recomputes every gross
 * requirement from the demands and the parents' planned releases in the response, replays the netting
 * identities of issue 5 (conventions 2–7) bucket by bucket, and checks the planned orders and their pegs
 * against the records. Returns the violations found, so tests can print them all.
 */
import type { MrpRequest, MrpResponse } from "../../../src/mrp.ts";

const TOLERANCE = 1e-6;
const near = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

function bucketOf(request: MrpRequest, entry: { bucket?: number | undefined; date?: string | undefined }): number {
  if (entry.bucket !== undefined) return entry.bucket;
  const days = (Date.parse(entry.date!) - Date.parse(request.buckets.start)) / 86_400_000;
  return Math.floor(days / (request.buckets.size === "week" ? 7 : 1));
}

export function validateMrp(request: MrpRequest, response: MrpResponse): string[] {
  const errors: string[] = [];
  const fail = (message: string) => errors.push(message);
  const T = request.buckets.count;
  const byId = new Map(request.items.map((item) => [item.id, item]));

  for (const item of request.items) {
    const rec = response.items[item.id];
    if (!rec) {
      fail(`${item.id}: no record`);
      continue;
    }
    for (const [kind, series] of Object.entries(rec)) if (Array.isArray(series) && series.length !== T) fail(`${item.id}.${kind}: length ${series.length}`);
    const phantom = item.phantom;
    const ss = phantom ? 0 : item.safetyStock;
    const lead = phantom ? 0 : item.leadTime;
    const good = phantom ? 1 : 1 - item.scrapRate;
    const gross = new Array<number>(T).fill(0);
    const scheduled = new Array<number>(T).fill(0);
    for (const d of request.demands) if (d.item === item.id) gross[bucketOf(request, d)]! += d.quantity;
    for (const line of request.bom) {
      if (line.component !== item.id) continue;
      response.items[line.parent]?.plannedReleases.forEach((q, t) => (gross[t]! += q * line.quantity));
    }
    for (const r of request.receipts) if (r.item === item.id) scheduled[bucketOf(request, r)]! += r.quantity;
    const releases = new Array<number>(T).fill(0);
    let poh = item.onHand;
    for (let t = 0; t < T; t++) {
      const at = `${item.id}[${t}]`;
      if (!near(rec.gross[t]!, gross[t]!)) fail(`${at}: gross ${rec.gross[t]} ≠ ${gross[t]}`);
      if (!near(rec.scheduledReceipts[t]!, scheduled[t]!)) fail(`${at}: scheduled receipts ${rec.scheduledReceipts[t]} ≠ ${scheduled[t]}`);
      const avail = poh + scheduled[t]! - gross[t]!;
      const net = rec.net[t]!;
      const planned = rec.plannedReceipts[t]!;
      if (net < 0) fail(`${at}: negative net ${net}`);
      if (avail >= ss - TOLERANCE) {
        if (net > TOLERANCE || planned > TOLERANCE) fail(`${at}: available ${avail} ≥ SS ${ss} but net ${net}, planned ${planned}`);
      } else {
        if (!near(net, ss - avail)) fail(`${at}: net ${net} ≠ SS − available = ${ss - avail}`);
        if (planned < net - TOLERANCE) fail(`${at}: planned receipt ${planned} < net ${net}`);
        if (phantom && !near(planned, net)) fail(`${at}: phantom not lot-for-lot`);
      }
      poh = avail + planned;
      if (!near(rec.projectedOnHand[t]!, poh)) fail(`${at}: POH ${rec.projectedOnHand[t]} ≠ ${poh}`);
      if (planned > TOLERANCE) {
        if (poh < ss - TOLERANCE) fail(`${at}: POH ${poh} below safety stock ${ss} after a lot`);
        releases[Math.max(0, t - lead)]! += planned / good;
      }
    }
    rec.plannedReleases.forEach((q, t) => near(q, releases[t]!) || fail(`${item.id}[${t}]: release ${q} ≠ ${releases[t]}`));
  }

  const orders = new Map(response.plannedOrders.map((o) => [o.id, o]));
  const demands = new Map(request.demands.map((d) => [d.id, d]));
  const demandLeft = new Map(request.demands.map((d) => [d.id, d.quantity]));
  for (const order of response.plannedOrders) {
    const item = byId.get(order.item)!;
    if (item.phantom) fail(`${order.id}: a phantom's planned order`);
    const rec = response.items[order.item]!;
    if (!near(order.quantity, rec.plannedReceipts[order.receiptBucket]!)) fail(`${order.id}: quantity ≠ planned receipt`);
    if (!near(order.startQuantity, order.quantity / (1 - item.scrapRate))) fail(`${order.id}: start quantity`);
    if (order.releaseBucket !== Math.max(0, order.receiptBucket - item.leadTime)) fail(`${order.id}: release bucket`);
    const pegged = order.pegging.reduce((sum, p) => sum + p.quantity, 0);
    if (pegged > order.quantity + TOLERANCE) fail(`${order.id}: pegs ${pegged} > quantity ${order.quantity}`);
    for (const peg of order.pegging) {
      if ("demand" in peg) {
        const demand = demands.get(peg.demand);
        // A phantom's demand is pegged through to its components' orders, in their units.
        if (demand?.item === order.item) demandLeft.set(peg.demand, demandLeft.get(peg.demand)! - peg.quantity);
        else if (!demand || !byId.get(demand.item)?.phantom) fail(`${order.id}: pegged to demand ${peg.demand} of another item`);
      } else if (!orders.has(peg.parentOrder)) fail(`${order.id}: pegged to unknown order ${peg.parentOrder}`);
    }
  }
  for (const [id, left] of demandLeft) if (!(left >= -TOLERANCE)) fail(`demand ${id}: over-pegged (${left})`);
  for (const item of request.items) {
    if (item.phantom) continue;
    const count = response.plannedOrders.filter((o) => o.item === item.id).length;
    const lots = response.items[item.id]!.plannedReceipts.filter((q) => q > TOLERANCE).length;
    if (count !== lots) fail(`${item.id}: ${count} planned orders for ${lots} planned receipts`);
  }
  return errors;
}
