/**
 * An answer as spreadsheet tables (issue 18): which capability gave it is told by its shape, and each kind
 * has its sheets, the first of which is its CSV answer:
 * - schedule: `dispatch` (生产计划表), `orders` (订单信息与交货确认表);
 * - rush insertion: the chosen option's `dispatch` and `orders`, and `options` comparing every option;
 * - capacity: `load`, `countermeasures`;
 * - MRP: `planned-orders`, `exceptions`, `records` (the textbook's time-phased layout).
 * The model (the request the answer came from) supplies what the answer leaves out: shifts, items,
 * quantities, customers, bucket dates; without it those cells stay empty.
 */
import { ModelError } from "../../src/errors.ts";
import type { CapacityResponse } from "../../src/capacity.ts";
import type { InsertResponse, PlanOption } from "../../src/insert.ts";
import type { MrpResponse } from "../../src/mrp.ts";
import type { Plant } from "../../src/plant.ts";
import type { ScheduleResponse } from "../../src/schedule.ts";
import { bucketDates } from "../mrp/bucket-dates.ts";
import { capacityLoadTable } from "./capacity-load.ts";
import { countermeasuresTable } from "./countermeasures.ts";
import { dispatchTable } from "./dispatch-list.ts";
import type { MrpAnswerRows } from "./mrp-answer.ts";
import { mrpExceptionsTable } from "./mrp-exceptions.ts";
import { mrpRecordsTable } from "./mrp-records.ts";
import { orderOutcomeTable } from "./order-outcomes.ts";
import { plannedOrdersTable } from "./planned-orders.ts";
import type { Table } from "./table.ts";
import { columnsOf, tableOf } from "./table.ts";

export type AnswerKind = "schedule" | "insert" | "capacity" | "mrp";

/** What an answer's tables may read of its request. */
export type AnswerModel = Partial<Pick<Plant, "calendars" | "resources" | "orders" | "rushOrders" | "buckets">>;

const has = (value: object, ...keys: string[]) => keys.every((key) => key in value);

/** The capability an answer comes from, by its shape; null when it is none that exports. */
export function answerKind(answer: unknown): AnswerKind | null {
  if (typeof answer !== "object" || answer === null || Array.isArray(answer)) return null;
  if (has(answer, "operations", "orders", "kpis")) return "schedule";
  if (has(answer, "options", "status") && Array.isArray((answer as { options: unknown }).options)) return "insert";
  if (has(answer, "buckets", "resources", "bottlenecks")) return "capacity";
  if (has(answer, "plannedOrders", "exceptions", "items")) return "mrp";
  return null;
}

function dispatchModel(model: AnswerModel) {
  return { calendars: model.calendars ?? [], resources: model.resources ?? [], orders: [...(model.orders ?? []), ...(model.rushOrders ?? [])] };
}

export function scheduleTables(model: AnswerModel, answer: Pick<ScheduleResponse, "operations" | "orders">): Table[] {
  const withRush = dispatchModel(model);
  return [dispatchTable(withRush, answer), orderOutcomeTable(withRush.orders, answer.orders)];
}

const OPTION_COLUMNS = columnsOf({ option: "text", chosen: "boolean", promise: "text", ordersMadeLate: "number", movedOperations: "number", onTimeRate: "number" });

/** The option named `optionName` (default the first, `fastest`); an unknown name is a 400 listing the options. */
export function chosenOption(answer: Pick<InsertResponse, "options">, optionName?: string): PlanOption | undefined {
  if (optionName === undefined) return answer.options[0];
  const option = answer.options.find((o) => o.name === optionName);
  if (!option) {
    const names = answer.options.map((o) => o.name).join(", ") || "none: the insertion is infeasible";
    throw new ModelError([{ path: "option", message: `no option "${optionName}" (there are: ${names})` }], "TAKT_ERR_BAD_REQUEST");
  }
  return option;
}

export function insertTables(model: AnswerModel, answer: Pick<InsertResponse, "options">, optionName?: string): Table[] {
  const chosen = chosenOption(answer, optionName);
  const options = answer.options.map((o) => ({
    option: o.name,
    chosen: o === chosen,
    promise: Object.entries(o.promise)
      .map(([order, at]) => `${order} ${at}`)
      .join("; "),
    ordersMadeLate: o.ordersMadeLate,
    movedOperations: o.movedOperations,
    onTimeRate: o.kpis.onTimeRate,
  }));
  return [...scheduleTables(model, chosen?.schedule ?? { operations: [], orders: [] }), tableOf("options", OPTION_COLUMNS, options)];
}

export function capacityTables(answer: Pick<CapacityResponse, "buckets" | "resources" | "countermeasures">): Table[] {
  return [capacityLoadTable(answer), countermeasuresTable(answer)];
}

export function mrpTables(rows: MrpAnswerRows): Table[] {
  return [plannedOrdersTable(rows.plannedOrders), mrpExceptionsTable(rows.exceptions), mrpRecordsTable(rows)];
}

/** A /v1/mrp answer's lists as the MRP sheets read them. */
export function mrpAnswerRows(model: AnswerModel, answer: Pick<MrpResponse, "items" | "plannedOrders" | "exceptions">): MrpAnswerRows {
  return { bucketDates: model.buckets ? bucketDates(model.buckets) : undefined, records: Object.entries(answer.items), plannedOrders: answer.plannedOrders, exceptions: answer.exceptions };
}

/** The tables of any exportable answer, its kind first; throws a 400-coded ModelError for one that is not. */
export function answerTables(answer: unknown, model: AnswerModel = {}, optionName?: string): { kind: AnswerKind; tables: Table[] } {
  const kind = answerKind(answer);
  switch (kind) {
    case "schedule":
      return { kind, tables: scheduleTables(model, answer as ScheduleResponse) };
    case "insert":
      return { kind, tables: insertTables(model, answer as InsertResponse, optionName) };
    case "capacity":
      return { kind, tables: capacityTables(answer as CapacityResponse) };
    case "mrp":
      return { kind, tables: mrpTables(mrpAnswerRows(model, answer as MrpResponse)) };
    case null:
      throw new ModelError(
        [{ path: "answer", message: "not an answer of /v1/schedule, /v1/schedule/insert, /v1/capacity or /v1/mrp (none of their keys are there)" }],
        "TAKT_ERR_BAD_REQUEST",
      );
  }
}
