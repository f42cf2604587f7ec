/**
 * Independent validator of an MRP response (shares no code with the engine, its calendar logic included):
 * recomputes every gross requirement from the demands and the parents' planned releases in the response,
 * replays the netting identities of issue 5 (conventions 2–7) and issue 23 (firm planned orders netted
 * like receipts, no lots inside the planning fence, its shortage carried) bucket by bucket, and checks the
 * planned and firm orders and their single-level pegs against the records. Returns the violations found,
 * so tests can print them all.
 */
import type { MrpRequest } from "../../../src/mrp.ts";
import type { MrpObjectsResponse } from "./plan.ts";

const TOLERANCE = 1e-6;
const near = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
const DAY_MS = 86_400_000;
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** Whether a date (ms) is a working day of the request's bucket calendar: its exception, else its weekday, has a shift. */
function isWorkingDay(request: MrpRequest, ms: number): boolean {
  const calendar = request.calendars.find((c) => c.id === request.buckets.calendar)!;
  const date = new Date(ms).toISOString().slice(0, 10);
  const exception = calendar.exceptions.find((e) => e.date === date);
  const weekday = WEEKDAYS[(new Date(ms).getUTCDay() + 6) % 7]!;
  return (exception ? exception.shifts : calendar.shifts[weekday]).length > 0;
}

export function bucketOf(request: MrpRequest, entry: { bucket?: number | undefined; date?: string | undefined }): number {
  if (entry.bucket !== undefined) return entry.bucket;
  const start = Date.parse(request.buckets.start);
  const date = Date.parse(entry.date!);
  if (request.buckets.calendar !== undefined && request.buckets.size === "day") {
    // The working days from start up to the date, the first one being bucket 0 (days before it too).
    let workingDays = 0;
    for (let ms = start; ms <= date; ms += DAY_MS) if (isWorkingDay(request, ms)) workingDays++;
    return Math.max(0, workingDays - 1);
  }
  return Math.floor((date - start) / DAY_MS / (request.buckets.size === "week" ? 7 : 1));
}

export function validateMrp(request: MrpRequest, response: MrpObjectsResponse): string[] {
  const errors: string[] = [];
  const fail = (message: string) => errors.push(message);
  const T = request.buckets.count;
  const byId = new Map(request.items.map((item) => [item.id, item]));
  const firmIds = new Set(request.firmPlannedOrders.map((f) => f.id));
  const firmOf = (itemId: string) => {
    const firm = new Array<number>(T).fill(0);
    for (const f of request.firmPlannedOrders) if (f.item === itemId) firm[bucketOf(request, f)]! += f.quantity;
    return firm;
  };

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
    const fence = phantom ? 0 : Math.max(request.options?.planningFenceBuckets ?? 0, item.planningFenceBuckets ?? 0);
    const gross = new Array<number>(T).fill(0);
    const scheduled = new Array<number>(T).fill(0);
    const firm = firmOf(item.id);
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
      const avail = poh + scheduled[t]! + firm[t]! - gross[t]!;
      const net = rec.net[t]!;
      const lot = rec.plannedReceipts[t]! - firm[t]!;
      if (net < 0) fail(`${at}: negative net ${net}`);
      if (lot < -TOLERANCE) fail(`${at}: planned receipts ${rec.plannedReceipts[t]} below the firm orders' ${firm[t]}`);
      if (avail >= ss - TOLERANCE) {
        if (net > TOLERANCE || lot > TOLERANCE) fail(`${at}: available ${avail} ≥ SS ${ss} but net ${net}, lot ${lot}`);
      } else {
        if (!near(net, ss - avail)) fail(`${at}: net ${net} ≠ SS − available = ${ss - avail}`);
        if (t < fence && lot > TOLERANCE) fail(`${at}: a lot of ${lot} inside the planning fence (${fence})`);
        if (t >= fence && lot < net - TOLERANCE) fail(`${at}: lot ${lot} < net ${net}`);
        if (phantom && !near(lot, net)) fail(`${at}: phantom not lot-for-lot`);
      }
      poh = avail + Math.max(0, lot);
      if (!near(rec.projectedOnHand[t]!, poh)) fail(`${at}: POH ${rec.projectedOnHand[t]} ≠ ${poh}`);
      if (lot > TOLERANCE && poh < ss - TOLERANCE) fail(`${at}: POH ${poh} below safety stock ${ss} after a lot`);
      if (rec.plannedReceipts[t]! > TOLERANCE) releases[Math.max(0, t - lead)]! += rec.plannedReceipts[t]! / good;
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
    if (order.firm !== undefined !== firmIds.has(order.id)) fail(`${order.id}: firm is ${order.firm}`);
    const lot = rec.plannedReceipts[order.receiptBucket]! - firmOf(order.item)[order.receiptBucket]!;
    if (!order.firm && !near(order.quantity, lot)) fail(`${order.id}: quantity ${order.quantity} ≠ planned receipt ${lot}`);
    if (!near(order.startQuantity, order.quantity / (1 - item.scrapRate))) fail(`${order.id}: start quantity`);
    if (order.releaseBucket !== Math.max(0, order.receiptBucket - item.leadTime)) fail(`${order.id}: release bucket`);
    const pegged = order.pegging.reduce((sum, p) => sum + p.quantity, 0);
    if (pegged > order.quantity + TOLERANCE) fail(`${order.id}: pegs ${pegged} > quantity ${order.quantity}`);
    for (const peg of order.pegging) {
      if ("path" in peg) continue; // full pegging: checked by its own property test
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
    const count = response.plannedOrders.filter((o) => o.item === item.id && !o.firm).length;
    const firm = firmOf(item.id);
    const lots = response.items[item.id]!.plannedReceipts.filter((q, t) => q - firm[t]! > TOLERANCE).length;
    if (count !== lots) fail(`${item.id}: ${count} planned orders for ${lots} planned receipts`);
  }
  return errors;
}
