/**
 * Reference checks of the material model (issue 14), part of every factory model's checks: receipts and
 * reservations name known items (and orders), reservations of an item add up to no more than its stock on
 * hand, and an operation's `consumes` names components of its routing's item. Receipts given by bucket
 * need the request's buckets: checkReceiptBuckets, for the requests that have them.
 */
import type { FactoryModel } from "./factory.ts";
import type { Receipt } from "./material.ts";
import type { Problem } from "./problem.ts";
import { formatPath } from "./problem.ts";

export function checkMaterial(model: FactoryModel): Problem[] {
  const problems: Problem[] = [];
  const items = new Map(model.items.map((i) => [i.id, i]));
  const known = (id: string) => model.items.length === 0 || items.has(id);
  model.receipts.forEach((r, i) => {
    if (!known(r.item)) problems.push({ path: formatPath(["receipts", i, "item"]), message: `unknown item "${r.item}"` });
  });
  const orders = new Set(model.orders.map((o) => o.id));
  const reserved = new Map<string, number>();
  model.reservations.forEach((r, i) => {
    if (!orders.has(r.order)) problems.push({ path: formatPath(["reservations", i, "order"]), message: `unknown order "${r.order}"` });
    if (!known(r.item)) return problems.push({ path: formatPath(["reservations", i, "item"]), message: `unknown item "${r.item}"` });
    const total = (reserved.get(r.item) ?? 0) + r.quantity;
    reserved.set(r.item, total);
    const onHand = items.get(r.item)?.onHand ?? 0;
    if (total > onHand + 1e-9) {
      problems.push({ path: formatPath(["reservations", i, "quantity"]), message: `reservations of "${r.item}" add up to ${total}, more than its ${onHand} on hand` });
    }
    return undefined;
  });
  const components = new Map<string, Set<string>>();
  for (const line of model.bom) components.set(line.parent, (components.get(line.parent) ?? new Set()).add(line.component));
  model.routings.forEach((routing, i) => {
    const ofItem = components.get(routing.item) ?? new Set<string>();
    routing.operations.forEach((op, j) => {
      (op.consumes ?? []).forEach((c, k) => {
        if (!ofItem.has(c)) problems.push({ path: formatPath(["routings", i, "operations", j, "consumes", k]), message: `"${c}" is not a BOM component of "${routing.item}"` });
      });
    });
  });
  return problems;
}

/** Receipts by bucket against the request's bucket count (undefined: the request has no buckets). */
export function checkReceiptBuckets(receipts: readonly Receipt[], bucketCount: number | undefined): Problem[] {
  const problems: Problem[] = [];
  receipts.forEach((r, i) => {
    if (r.bucket === undefined) return;
    const path = formatPath(["receipts", i, "bucket"]);
    if (bucketCount === undefined) problems.push({ path, message: "a bucket needs the request's buckets; give a date" });
    else if (r.bucket >= bucketCount) problems.push({ path, message: `bucket ${r.bucket} is outside the ${bucketCount} buckets` });
  });
  return problems;
}
