/**
 * Semantic checks of a bottleneck request (issue 7, "Bad input"; answered with 422), every problem with its
 * path: the factory model's own (checkFactory, orders need routings), products naming unknown items, twice,
 * or loading no resource at all (neither it nor any made component has a routing: it has no rate on any
 * resource, so it cannot be placed against the constraint), and progress naming unknown orders, operations
 * outside the order's routing, or resources that are not the operation's alternatives.
 */
import type { BottleneckRequest } from "../../src/bottleneck.ts";
import { checkFactory, checkUniqueIds } from "../../src/check-factory.ts";
import { checkDatesNear, checkSpan } from "../../src/check-limits.ts";
import { parseDateTime } from "../../src/time.ts";
import type { Problem } from "../../src/problem.ts";
import { addProblems, formatPath } from "../../src/problem.ts";
import { findCycle } from "../../src/find-cycle.ts";
import { MAX_ROLL_UP_LINES } from "../../src/limits.ts";
import { rollUpLines, rollUpProducts } from "./roll-up-load.ts";

function hasBomCycle(request: BottleneckRequest): boolean {
  const components = new Map<string, string[]>();
  for (const line of request.bom) {
    const list = components.get(line.parent);
    if (list) list.push(line.component);
    else components.set(line.parent, [line.component]);
  }
  return findCycle(components.keys(), (n) => components.get(n) ?? []) !== null;
}

/** All semantic problems of a bottleneck request; empty when it can be analysed. */
export function checkBottleneckRequest(request: BottleneckRequest): Problem[] {
  const problems = checkFactory(request, { ordersNeedRoutings: true });
  addProblems(problems, checkUniqueIds(request.products, (p: { item: string }) => p.item, ["products"], "product item"));
  addProblems(problems, checkSpan(parseDateTime(request.period.start)!, parseDateTime(request.period.end)!, "period.end", "the period"));
  addProblems(problems, checkDatesNear(parseDateTime(request.now ?? request.period.start)!, request.now === undefined ? "period.start" : "now", request.orders, request.progress));

  // Same rule as checkFactory: without an item master, routings and BOM lines define the items.
  const items = new Set(request.items.map((x) => x.id));
  const known = (id: string) => request.items.length === 0 || items.has(id);
  const rollable = request.products.map((p) => known(p.item));
  request.products.forEach((p, i) => {
    if (!rollable[i]) problems.push({ path: formatPath(["products", i, "item"]), message: `unknown item "${p.item}"` });
  });
  // The roll-up walks the BOM, which needs it acyclic (a cycle is already reported above).
  const products = request.products.filter((_, i) => rollable[i]);
  const cyclic = hasBomCycle(request);
  const lines = cyclic ? 0 : rollUpLines(request, products, MAX_ROLL_UP_LINES);
  if (lines > MAX_ROLL_UP_LINES) {
    problems.push({
      path: "products",
      message: `the products' BOMs have more than ${MAX_ROLL_UP_LINES.toLocaleString("en-US")} lines together (each product counts the lines below it; MAX_ROLL_UP_LINES)`,
    });
  } else if (!cyclic) {
    const rolled = rollUpProducts(request, products);
    let k = 0;
    request.products.forEach((p, i) => {
      if (!rollable[i]) return;
      if (!rolled[k++]!.routed) {
        problems.push({ path: formatPath(["products", i, "item"]), message: `product "${p.item}" has no routing, and no made component has one` });
      }
    });
  }

  const orders = new Map(request.orders.map((o) => [o.id, o]));
  const routings = new Map(request.routings.map((r) => [r.item, r]));
  request.progress.forEach((entry, i) => {
    const order = orders.get(entry.order);
    if (!order) {
      problems.push({ path: formatPath(["progress", i, "order"]), message: `unknown order "${entry.order}"` });
      return;
    }
    const operation = routings.get(order.item)?.operations.find((op) => op.id === entry.operation);
    if (!operation) {
      problems.push({ path: formatPath(["progress", i, "operation"]), message: `order "${entry.order}" (item "${order.item}") has no operation "${entry.operation}"` });
      return;
    }
    if (!operation.resources.includes(entry.resource)) {
      problems.push({ path: formatPath(["progress", i, "resource"]), message: `resource "${entry.resource}" is not an alternative of operation "${entry.operation}"` });
      return;
    }
    const units = request.resources.find((r) => r.id === entry.resource)?.units ?? 1;
    if (entry.unit >= units) problems.push({ path: formatPath(["progress", i, "unit"]), message: `resource "${entry.resource}" has ${units} unit(s), numbered from 0` });
  });
  addProblems(problems, checkUniqueIds(request.progress, (p: { order: string; operation: string }) => `${p.order}/${p.operation}`, ["progress"], "progress entry for order/operation"));
  return problems;
}
