/**
 * Semantic checks of a factory model, beyond its shape: duplicate ids, references to things that do not
 * exist, BOM cycles, breaks outside their shift. Every problem is reported with its path, never just the
 * first, because an ERP integrator fixing an export wants the whole list at once.
 */
import type { Calendar } from "./calendar.ts";
import { shiftTimeline, WEEKDAYS } from "./calendar.ts";
import { checkBomShape, checkModelLimits } from "./check-limits.ts";
import type { IndexedBom } from "./check-limits.ts";
import { checkMaterial } from "./check-material.ts";
import { checkPools } from "./check-pools.ts";
import type { FactoryModel } from "./factory.ts";
import { findCycle } from "./find-cycle.ts";
import type { Problem } from "./problem.ts";
import { addProblems, formatPath } from "./problem.ts";

export interface CheckOptions {
  /** Every order's item must have a routing (scheduling, capacity); MRP orders need not. Default true. */
  ordersNeedRoutings?: boolean;
}

/** Reports ids that occur more than once in a list, at each repeated occurrence. */
export function checkUniqueIds(list: ReadonlyArray<unknown>, key: (x: never) => string, path: PropertyKey[], what: string): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  list.forEach((entry, i) => {
    const id = key(entry as never);
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else problems.push({ path: formatPath([...path, i]), message: `duplicate ${what} "${id}" (first at ${formatPath([...path, first])})` });
  });
  return problems;
}

function checkCalendar(calendar: Calendar, path: PropertyKey[]): Problem[] {
  const problems: Problem[] = [];
  const shiftLists: Array<[PropertyKey[], Calendar["shifts"]["mon"]]> = WEEKDAYS.map((d) => [[...path, "shifts", d], calendar.shifts[d]]);
  calendar.exceptions.forEach((e, i) => shiftLists.push([[...path, "exceptions", i, "shifts"], e.shifts]));
  for (const [listPath, shifts] of shiftLists) {
    shifts.forEach((shift, s) => {
      const timeline = shiftTimeline(shift);
      timeline.breaks.forEach(([breakStart, breakEnd], b) => {
        if (breakStart < timeline.start || breakEnd > timeline.end) {
          const br = shift.breaks[b]!;
          problems.push({ path: formatPath([...listPath, s, "breaks", b]), message: `break ${br.start}-${br.end} is not inside its shift ${shift.start}-${shift.end}` });
        }
      });
    });
  }
  return checkUniqueIds(calendar.exceptions, (e: { date: string }) => e.date, [...path, "exceptions"], "exception date").concat(problems);
}

/** All semantic problems of a factory model (empty when it is sound), the limits on its totals included. */
export function checkFactory(model: FactoryModel, options: CheckOptions = {}): Problem[] {
  const { ordersNeedRoutings = true } = options;
  const problems: Problem[] = [];
  const byId = (x: { id: string }) => x.id;
  addProblems(problems, checkUniqueIds(model.calendars, byId, ["calendars"], "calendar id"));
  addProblems(problems, checkUniqueIds(model.resources, byId, ["resources"], "resource id"));
  addProblems(problems, checkUniqueIds(model.items, byId, ["items"], "item id"));
  addProblems(problems, checkUniqueIds(model.orders, byId, ["orders"], "order id"));
  addProblems(problems, checkUniqueIds(model.routings, (r: { item: string }) => r.item, ["routings"], "routing for item"));

  model.calendars.forEach((c, i) => addProblems(problems, checkCalendar(c, ["calendars", i])));

  const calendars = new Set(model.calendars.map(byId));
  model.resources.forEach((r, i) => {
    if (!calendars.has(r.calendar)) problems.push({ path: formatPath(["resources", i, "calendar"]), message: `unknown calendar "${r.calendar}"` });
  });

  // With no item master, routings and orders define the items; with one, every reference must be in it.
  const items = new Set(model.items.map(byId));
  const knowsItem = (id: string) => model.items.length === 0 || items.has(id);
  const resources = new Set(model.resources.map(byId));
  model.routings.forEach((routing, i) => {
    if (!knowsItem(routing.item)) problems.push({ path: formatPath(["routings", i, "item"]), message: `unknown item "${routing.item}"` });
    addProblems(problems, checkUniqueIds(routing.operations, byId, ["routings", i, "operations"], "operation id"));
    routing.operations.forEach((op, j) => {
      op.resources.forEach((res, k) => {
        if (!resources.has(res)) problems.push({ path: formatPath(["routings", i, "operations", j, "resources", k]), message: `unknown resource "${res}"` });
      });
      if (op.maxWaitMinutes !== undefined && op.maxWaitMinutes < op.minGapMinutes) {
        problems.push({
          path: formatPath(["routings", i, "operations", j, "maxWaitMinutes"]),
          message: `operation "${op.id}" may wait at most ${op.maxWaitMinutes} minutes but must wait at least its minGapMinutes ${op.minGapMinutes}`,
        });
      }
    });
  });

  const routed = new Set(model.routings.map((r) => r.item));
  model.orders.forEach((order, i) => {
    if (!knowsItem(order.item)) problems.push({ path: formatPath(["orders", i, "item"]), message: `unknown item "${order.item}"` });
    else if (ordersNeedRoutings && !routed.has(order.item)) {
      problems.push({ path: formatPath(["orders", i, "item"]), message: `item "${order.item}" has no routing` });
    }
  });

  addProblems(problems, checkBom(model));
  addProblems(problems, checkMaterial(model));
  addProblems(problems, checkPools(model));
  addProblems(problems, checkModelLimits(model));
  return problems;
}

/** BOM references and cycles, and its depth and explosion when it has none. A cycle is named in full: `A → B → C → A`. */
export function checkBom(model: Pick<FactoryModel, "items" | "bom">): Problem[] {
  const problems: Problem[] = [];
  const items = new Set(model.items.map((x) => x.id));
  const components = new Map<string, string[]>();
  model.bom.forEach((line, i) => {
    for (const end of ["parent", "component"] as const) {
      if (model.items.length > 0 && !items.has(line[end])) {
        problems.push({ path: formatPath(["bom", i, end]), message: `unknown item "${line[end]}"` });
      }
    }
    if (line.parent === line.component) return; // reported as a cycle below
    const list = components.get(line.parent) ?? [];
    list.push(line.component);
    components.set(line.parent, list);
  });
  model.bom.forEach((line, i) => {
    if (line.parent === line.component) problems.push({ path: formatPath(["bom", i]), message: `BOM cycle: ${line.parent} → ${line.parent}` });
  });
  const cycle = findCycle(components.keys(), (n) => components.get(n) ?? []);
  if (cycle) {
    const at = model.bom.findIndex((l) => l.parent === cycle[0] && l.component === cycle[1]);
    problems.push({ path: formatPath(["bom", at]), message: `BOM cycle: ${cycle.join(" → ")}` });
  } else if (!model.bom.some((line) => line.parent === line.component)) {
    addProblems(problems, checkBomShape(indexBom(model)));
  }
  return problems;
}

/** The BOM on item indexes (items first, then ids only the BOM names), for checkBomShape. */
function indexBom(model: Pick<FactoryModel, "items" | "bom">): IndexedBom {
  const index = new Map<string, number>();
  const scrap: number[] = [];
  const indexOf = (id: string) => {
    let i = index.get(id);
    if (i === undefined) index.set(id, (i = index.size)), scrap.push(0);
    return i;
  };
  for (const item of model.items) if (!index.has(item.id)) scrap[indexOf(item.id)] = item.scrapRate;
  const parent = model.bom.map((line) => indexOf(line.parent));
  const component = model.bom.map((line) => indexOf(line.component));
  return { itemCount: index.size, parent, component, quantity: model.bom.map((line) => line.quantity), scrapRate: (i) => scrap[i]! };
}
