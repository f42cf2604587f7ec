/**
 * MRP request and response (issues 5 and 23, `POST /v1/mrp`). Shape rules live here (negative quantities,
 * fences and windows, scrapRate ≥ 1 and "bucket or date, not both" are 400s); reference rules (unknown
 * items or calendar, duplicate ids, dates outside the horizon, fences longer than it, BOM cycles) are in
 * solver/mrp/check-mrp-request.ts (422s).
 */
import { z } from "zod";
import { BomLine } from "./bom.ts";
import { Calendar } from "./calendar.ts";
import { Item } from "./item.ts";
import {
  Id,
  listOf,
  MAX_BOM_LINES,
  MAX_CALENDARS,
  MAX_FENCE_BUCKETS,
  MAX_FIRM_BUCKET,
  MAX_FIRM_QUANTITY,
  MAX_FOLLOW_UP_DAYS,
  MAX_ITEMS,
  MAX_MRP_BUCKETS,
  MAX_MRP_ENTRIES,
  Quantity,
} from "./limits.ts";
import { Order } from "./order.ts";
import { LocalDate } from "./time.ts";


export const MrpBuckets = z
  .object({
    start: LocalDate.describe("Start date of bucket 0"),
    size: z.enum(["day", "week"]),
    count: z
      .number()
      .int()
      .min(1)
      .max(MAX_MRP_BUCKETS)
      .describe("Number of buckets in the horizon (their span is at most the MAX_HORIZON_DAYS limit, and items × buckets at most MAX_MRP_CELLS)"),
    calendar: Id.optional().describe(
      "Id of a calendar in `calendars`: its working days are the factory's. Daily buckets are then working days (non-working days are skipped, " +
        "so lead times count working days) and every bucket's date is a working day (a week's first); without one, every day is a bucket day and " +
        "Monday to Friday count as working days for the follow-up list",
    ),
  })
  .meta({ id: "MrpBuckets", description: "Planning horizon: bucket t starts at start + t × size (t working days with a calendar and daily buckets)" });
export type MrpBuckets = z.infer<typeof MrpBuckets>;

/** A quantity of an item placed in a bucket, given either by index or by a date inside it. */
function placed(id: string, description: string) {
  return z
    .object({
      id: Id,
      item: Id,
      bucket: z.number().int().nonnegative().max(MAX_MRP_BUCKETS - 1).optional().describe("0-based bucket index"),
      date: LocalDate.optional().describe("A date inside the bucket"),
      quantity: Quantity,
    })
    .refine((x) => (x.bucket === undefined) !== (x.date === undefined), {
      message: "give exactly one of bucket or date",
      path: ["bucket"],
    })
    .meta({ id, description });
}

export const MrpDemand = placed("MrpDemand", "Independent (customer or forecast) demand for an item in a bucket");
export type MrpDemand = z.infer<typeof MrpDemand>;
export const MrpReceipt = placed("MrpReceipt", "An open purchase or work order arriving at the start of a bucket");
export type MrpReceipt = z.infer<typeof MrpReceipt>;

export const MrpFirmPlannedOrder = z
  .object({
    id: Id,
    item: Id,
    bucket: z
      .number()
      .int()
      .nonnegative()
      .max(MAX_FIRM_BUCKET)
      .optional()
      .describe(`0-based receipt bucket (at most ${MAX_FIRM_BUCKET}, and inside the horizon: else a 422)`),
    date: LocalDate.optional().describe("A date inside the receipt bucket"),
    quantity: z.number().finite().positive().max(MAX_FIRM_QUANTITY).describe(`Good units received (more than 0, at most ${MAX_FIRM_QUANTITY})`),
  })
  .refine((x) => (x.bucket === undefined) !== (x.date === undefined), { message: "give exactly one of bucket or date", path: ["bucket"] })
  .meta({
    id: "MrpFirmPlannedOrder",
    description:
      "A planned order the planner has firmed: netted like an open receipt (MRP never changes it), exploded to its components like a planned order, " +
      "and returned among the planned orders with firm: true",
  });
export type MrpFirmPlannedOrder = z.infer<typeof MrpFirmPlannedOrder>;

/**
 * Which items' time-phased records the response carries: planning and the exceptions are the same either
 * way. At 100k items × 52 buckets the records are 31M numbers, 120 MB of a 350 MB answer, which an ERP
 * loading planned orders does not need, and a planner looks at a few items' records at a time.
 */
export const MrpRecordSelection = z
  .union([z.enum(["all", "none"]), listOf(Id, MAX_ITEMS, "items").describe("Ids of the items whose records to return")])
  .describe('Records in `items`: "all" (the default), "none" (`items` is then empty), or the listed items\' only')
  .meta({ id: "MrpRecordSelection" });
export type MrpRecordSelection = z.infer<typeof MrpRecordSelection>;

const fenceBuckets = (what: string) => z.number().int().nonnegative().max(MAX_FENCE_BUCKETS).describe(`${what} (0 … ${MAX_FENCE_BUCKETS})`);

export const MrpOptions = z
  .object({
    asOrders: z.boolean().optional().describe("Also return planned make orders as orders for /v1/capacity and /v1/schedule"),
    records: MrpRecordSelection.optional(),
    format: z
      .enum(["objects", "columnar"])
      .optional()
      .describe('Shape of `items`: "objects" (default: a record per item id) or "columnar" (item ids once, each series one flat array, item-major)'),
    pegging: z
      .enum(["single", "full"])
      .optional()
      .describe(
        '"single" (default): each planned order pegged to the demands and parent orders it covers; "full": every planned order, firm order and open ' +
          "receipt pegged through all levels to the independent demands it serves, with the item path, and each demand's supply listed",
      ),
    releaseWindowBuckets: fenceBuckets("A planned order released in a bucket up to this one gets a release message; default 0, the first bucket").optional(),
    planningFenceBuckets: fenceBuckets(
      "Planning time fence in buckets, default 0: no planned orders are due inside it; a shortage there is a shortage-in-fence message and is carried to the fence",
    ).optional(),
    followUpDays: z
      .number()
      .int()
      .nonnegative()
      .max(MAX_FOLLOW_UP_DAYS)
      .optional()
      .describe(`Supplier follow-up window, working days (0 … ${MAX_FOLLOW_UP_DAYS}, default 5): bought receipts and planned orders due within it are listed in followUp`),
  })
  .meta({ id: "MrpOptions" });
export type MrpOptions = z.infer<typeof MrpOptions>;

export const MrpRequest = z
  .object({
    buckets: MrpBuckets,
    calendars: listOf(Calendar, MAX_CALENDARS, "calendars").default([]).describe("Calendars; buckets.calendar names one"),
    items: listOf(Item, MAX_ITEMS, "items").min(1),
    bom: listOf(BomLine, MAX_BOM_LINES, "BOM lines").default([]),
    demands: listOf(MrpDemand, MAX_MRP_ENTRIES, "demands").default([]),
    receipts: listOf(MrpReceipt, MAX_MRP_ENTRIES, "receipts").default([]),
    firmPlannedOrders: listOf(MrpFirmPlannedOrder, MAX_MRP_ENTRIES, "firm planned orders").default([]),
    options: MrpOptions.optional(),
  })
  .meta({ id: "MrpRequest", description: "Items, BOM, stock, open receipts and demand to plan materials for" });
export type MrpRequest = z.infer<typeof MrpRequest>;

const series = z.array(z.number()).describe("One number per bucket");

const MrpRecordSeries = {
  gross: series,
  scheduledReceipts: series,
  projectedOnHand: series,
  net: series,
  plannedReceipts: series.describe("Good units received at the start of the bucket (firm planned orders included)"),
  plannedReleases: series.describe("Start quantities (scrap-inflated) released in the bucket (firm planned orders included)"),
};

export const MrpItemRecord = z
  .object({
    lowLevelCode: z.number().int().describe("Longest path from any top item; 0 for end items"),
    ...MrpRecordSeries,
  })
  .meta({ id: "MrpItemRecord", description: "The time-phased MRP record of one item" });
export type MrpItemRecord = z.infer<typeof MrpItemRecord>;

const column = z.array(z.number()).describe("Item-major: the value of item ids[k] in bucket t is at k × buckets + t");
export const MrpColumnarRecords = z
  .object({
    buckets: z.number().int().describe("Buckets per item"),
    ids: z.array(z.string()).describe("Item ids, in the order of the columns"),
    lowLevelCode: z.array(z.number().int()),
    gross: column,
    scheduledReceipts: column,
    projectedOnHand: column,
    net: column,
    plannedReceipts: column,
    plannedReleases: column,
  })
  .meta({ id: "MrpColumnarRecords", description: 'The records as columns (options.format "columnar"), for loading into tables' });
export type MrpColumnarRecords = z.infer<typeof MrpColumnarRecords>;

const path = z.array(z.string()).describe("Items from the supply's up to the demand's: [component, …, parent, end item]");

export const MrpFullPeg = z
  .object({ demand: z.string().describe("Independent demand id"), quantity: z.number().describe("Units of the supply's item"), path })
  .meta({ id: "MrpFullPeg", description: "An independent demand a supply serves, through all levels (options.pegging \"full\")" });
export type MrpFullPeg = z.infer<typeof MrpFullPeg>;

export const MrpPeg = z
  .union([
    MrpFullPeg,
    z.object({ demand: z.string().describe("Independent demand id"), quantity: z.number() }),
    z.object({ parentOrder: z.string().describe("Id of the parent's planned or firm order"), quantity: z.number() }),
  ])
  .meta({ id: "MrpPeg", description: "A requirement this order covers: single-level (a demand or a parent order), or with full pegging a demand and the path to it; first in first out" });
export type MrpPeg = z.infer<typeof MrpPeg>;

export const MrpPlannedOrder = z
  .object({
    id: z.string().describe("MRP-{item}-{receiptBucket}; a firm planned order's own id"),
    item: z.string(),
    source: z.enum(["make", "buy"]),
    firm: z.literal(true).optional().describe("A firm planned order of the request (absent for MRP's own)"),
    quantity: z.number().describe("Good units received"),
    startQuantity: z.number().describe("Units started: quantity / (1 − scrapRate)"),
    releaseBucket: z.number().int(),
    receiptBucket: z.number().int(),
    releaseDate: LocalDate,
    receiptDate: LocalDate,
    pegging: z.array(MrpPeg),
  })
  .meta({ id: "MrpPlannedOrder" });
export type MrpPlannedOrder = z.infer<typeof MrpPlannedOrder>;

export const MrpException = z
  .object({
    item: z.string(),
    kind: z.enum(["release", "reschedule-in", "reschedule-out", "cancel", "past-due", "shortage-in-fence"]),
    bucket: z
      .number()
      .int()
      .describe(
        "release: the order's release bucket; past-due: its receipt bucket; reschedule-in, reschedule-out, cancel: the receipt's bucket; " +
          "shortage-in-fence: where the shortage arises",
      ),
    toBucket: z.number().int().optional().describe("reschedule-in, reschedule-out: the bucket to move the receipt to (where it is first needed)"),
    bucketsLate: z.number().int().positive().optional().describe("past-due: buckets the release lies before bucket 0"),
    receipt: z.string().optional().describe("The open receipt concerned (reschedule-in, reschedule-out, cancel)"),
    order: z.string().optional().describe("The planned or firm order concerned (release, past-due)"),
    quantity: z.number().optional().describe("release: units to start; reschedule, cancel: the receipt's units; shortage-in-fence: the units short"),
    message: z.string(),
  })
  .meta({ id: "MrpException", description: "An action message for the planner or buyer (Orlicky; APICS)" });
export type MrpException = z.infer<typeof MrpException>;

export const MrpFollowUp = z
  .object({
    kind: z.enum(["receipt", "planned-order", "firm-order"]).describe("An open purchase receipt, a planned purchase order or a firm one"),
    id: z.string(),
    item: z.string(),
    supplier: z.string().optional().describe("The item's supplier, when it has one"),
    quantity: z.number().describe("Units due"),
    bucket: z.number().int().describe("Receipt bucket"),
    date: LocalDate.describe("Due date (the receipt bucket's date)"),
    workingDays: z.number().int().describe("Working days from the start of the horizon to the due date"),
  })
  .meta({ id: "MrpFollowUp", description: "A purchase due within options.followUpDays working days: confirm its delivery with the supplier (供应商确认)" });
export type MrpFollowUp = z.infer<typeof MrpFollowUp>;

export const MrpSupplyPeg = z
  .object({
    kind: z.enum(["on-hand", "receipt", "planned-order", "firm-order"]),
    id: z.string().optional().describe("The receipt's or order's id (not for on-hand)"),
    item: z.string(),
    quantity: z.number().describe("Units of the item serving the demand"),
    path,
  })
  .meta({ id: "MrpSupplyPeg", description: "Stock, a receipt or an order serving a demand (full pegging)" });
export type MrpSupplyPeg = z.infer<typeof MrpSupplyPeg>;

export const MrpDemandSupply = z
  .object({ id: z.string(), item: z.string(), bucket: z.number().int(), quantity: z.number(), supply: z.array(MrpSupplyPeg) })
  .meta({ id: "MrpDemandSupply", description: "What an independent demand waits for, through all levels (full pegging)" });
export type MrpDemandSupply = z.infer<typeof MrpDemandSupply>;

export const MrpReceiptPegging = z
  .object({ id: z.string(), item: z.string(), bucket: z.number().int(), quantity: z.number(), pegging: z.array(MrpFullPeg) })
  .meta({ id: "MrpReceiptPegging", description: "The demands an open receipt serves, through all levels (full pegging)" });
export type MrpReceiptPegging = z.infer<typeof MrpReceiptPegging>;

export const MrpResponse = z
  .object({
    items: z
      .union([MrpColumnarRecords, z.record(z.string(), MrpItemRecord)])
      .describe("The time-phased record of every item, or of those options.records selects; columns with options.format \"columnar\""),
    plannedOrders: z.array(MrpPlannedOrder),
    exceptions: z.array(MrpException),
    followUp: z.array(MrpFollowUp).describe("Purchases due within options.followUpDays working days, by due date"),
    demands: z.array(MrpDemandSupply).optional().describe("Each independent demand's supply (full pegging)"),
    receipts: z.array(MrpReceiptPegging).optional().describe("Each open receipt's demands (full pegging)"),
    orders: z.array(Order).optional().describe("Planned make orders as orders (when options.asOrders)"),
  })
  .meta({ id: "MrpResponse" });
export type MrpResponse = z.infer<typeof MrpResponse>;
