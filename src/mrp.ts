/**
 * MRP request and response (issue 5, `POST /v1/mrp`). Shape rules live here (negative quantities,
 * scrapRate ≥ 1 and "bucket or date, not both" are 400s); reference rules (unknown items, duplicate ids,
 * dates outside the horizon, BOM cycles) are in solver/mrp/check-mrp-request.ts (422s).
 */
import { z } from "zod";
import { BomLine } from "./bom.ts";
import { Item } from "./item.ts";
import { Id, listOf, MAX_BOM_LINES, MAX_ITEMS, MAX_MRP_BUCKETS, MAX_MRP_ENTRIES, Quantity } from "./limits.ts";
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
  })
  .meta({ id: "MrpBuckets", description: "Planning horizon: bucket t starts at start + t × size" });
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

export const MrpRequest = z
  .object({
    buckets: MrpBuckets,
    items: listOf(Item, MAX_ITEMS, "items").min(1),
    bom: listOf(BomLine, MAX_BOM_LINES, "BOM lines").default([]),
    demands: listOf(MrpDemand, MAX_MRP_ENTRIES, "demands").default([]),
    receipts: listOf(MrpReceipt, MAX_MRP_ENTRIES, "receipts").default([]),
    options: z
      .object({
        asOrders: z.boolean().optional().describe("Also return planned make orders as orders for /v1/capacity and /v1/schedule"),
        records: MrpRecordSelection.optional(),
      })
      .optional(),
  })
  .meta({ id: "MrpRequest", description: "Items, BOM, stock, open receipts and demand to plan materials for" });
export type MrpRequest = z.infer<typeof MrpRequest>;

const series = z.array(z.number()).describe("One number per bucket");

export const MrpItemRecord = z
  .object({
    lowLevelCode: z.number().int().describe("Longest path from any top item; 0 for end items"),
    gross: series,
    scheduledReceipts: series,
    projectedOnHand: series,
    net: series,
    plannedReceipts: series.describe("Good units received at the start of the bucket"),
    plannedReleases: series.describe("Start quantities (scrap-inflated) released in the bucket"),
  })
  .meta({ id: "MrpItemRecord", description: "The time-phased MRP record of one item" });
export type MrpItemRecord = z.infer<typeof MrpItemRecord>;

export const MrpPeg = z
  .union([
    z.object({ demand: z.string().describe("Independent demand id"), quantity: z.number() }),
    z.object({ parentOrder: z.string().describe("Planned order id of the parent"), quantity: z.number() }),
  ])
  .meta({ id: "MrpPeg", description: "A requirement this planned order covers (single-level, first in first out)" });
export type MrpPeg = z.infer<typeof MrpPeg>;

export const MrpPlannedOrder = z
  .object({
    id: z.string().describe("MRP-{item}-{receiptBucket}"),
    item: z.string(),
    source: z.enum(["make", "buy"]),
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
    kind: z.enum(["past-due", "expedite", "excess"]),
    bucket: z.number().int().describe("past-due: the order's receipt bucket; expedite: where the net requirement arises; excess: the receipt's bucket"),
    bucketsLate: z.number().int().positive().optional().describe("past-due: buckets the release lies before bucket 0"),
    receipt: z.string().optional().describe("The open receipt concerned (expedite, excess)"),
    message: z.string(),
  })
  .meta({ id: "MrpException", description: "An action message for the planner" });
export type MrpException = z.infer<typeof MrpException>;

export const MrpResponse = z
  .object({
    items: z.record(z.string(), MrpItemRecord).describe("The time-phased record of every item, or of those options.records selects"),
    plannedOrders: z.array(MrpPlannedOrder),
    exceptions: z.array(MrpException),
    orders: z.array(Order).optional().describe("Planned make orders as orders (when options.asOrders)"),
  })
  .meta({ id: "MrpResponse" });
export type MrpResponse = z.infer<typeof MrpResponse>;
