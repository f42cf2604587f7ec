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
import type { MrpColumnarRecords, MrpItemRecord, MrpResponse } from "../../src/mrp.ts";
import type { Plant } from "../../src/plant.ts";
import type { ScheduleResponse } from "../../src/schedule.ts";
import { bucketCalendar, isBucketCalendar } from "../mrp/bucket-dates.ts";
import { capacityLoadTable } from "./capacity-load.ts";
import { countermeasuresTable } from "./countermeasures.ts";
import { dispatchTable } from "./dispatch-list.ts";
import type { MrpAnswerRows, MrpRecordRows } from "./mrp-answer.ts";
import { mrpFollowUpTable } from "./mrp-follow-up.ts";
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

const OPTION_COLUMNS = columnsOf({
  option: "text",
  chosen: "boolean",
  promise: "text",
  ordersMadeLate: "number",
  weightedHarm: "number",
  changes: "number",
  movedOperations: "number",
  onTimeRate: "number",
});

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
    weightedHarm: o.weightedHarm,
    changes: o.changes.count,
    movedOperations: o.movedOperations,
    onTimeRate: o.kpis.onTimeRate,
  }));
  return [...scheduleTables(model, chosen?.schedule ?? { operations: [], orders: [] }), tableOf("options", OPTION_COLUMNS, options)];
}

export function capacityTables(answer: Pick<CapacityResponse, "buckets" | "resources" | "countermeasures">): Table[] {
  return [capacityLoadTable(answer), countermeasuresTable(answer)];
}

export function mrpTables(rows: MrpAnswerRows): Table[] {
  return [plannedOrdersTable(rows.plannedOrders), mrpExceptionsTable(rows.exceptions), mrpFollowUpTable(rows.followUp), mrpRecordsTable(rows)];
}

/** The bucket dates of the model's buckets, on its calendar if it names one (none if it names one it lacks). */
function modelBucketDates(model: AnswerModel): readonly string[] | undefined {
  if (!model.buckets) return undefined;
  const calendar = bucketCalendar(model.buckets, model.calendars ?? []);
  return isBucketCalendar(calendar) ? calendar.dates : undefined;
}

/** The records of an answer, item by item, whether they came as objects or as columns (options.format "columnar"). */
function recordEntries(items: MrpResponse["items"]): Iterable<readonly [string, MrpRecordRows]> {
  if (!("ids" in items && Array.isArray(items.ids))) return Object.entries(items as Record<string, MrpItemRecord>);
  const columns = items as MrpColumnarRecords;
  const T = columns.buckets;
  const slice = (series: number[], k: number) => series.slice(k * T, (k + 1) * T);
  return columns.ids.map((id, k) => [
    id,
    {
      lowLevelCode: columns.lowLevelCode[k]!,
      gross: slice(columns.gross, k),
      scheduledReceipts: slice(columns.scheduledReceipts, k),
      projectedOnHand: slice(columns.projectedOnHand, k),
      net: slice(columns.net, k),
      plannedReceipts: slice(columns.plannedReceipts, k),
      plannedReleases: slice(columns.plannedReleases, k),
    },
  ]);
}

/** A /v1/mrp answer's lists as the MRP sheets read them. */
export function mrpAnswerRows(model: AnswerModel, answer: Pick<MrpResponse, "items" | "plannedOrders" | "exceptions"> & Partial<Pick<MrpResponse, "followUp">>): MrpAnswerRows {
  return {
    bucketDates: modelBucketDates(model),
    records: recordEntries(answer.items),
    plannedOrders: answer.plannedOrders,
    exceptions: answer.exceptions,
    followUp: answer.followUp ?? [],
  };
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
