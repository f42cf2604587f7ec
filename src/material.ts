/**
 * The material model shared by scheduling, rush insertion and order review (issue 14): stock on hand
 * (`items[].onHand`), open receipts, reservations of stock for confirmed orders, staging minutes before a
 * received quantity may be used, and what each operation consumes (`operations[].consumes`). Shape rules
 * (negative quantities, "date or bucket") are 400s here; references (unknown items or orders, a
 * reservation larger than the stock, a `consumes` naming no component) are 422s in check-factory.ts.
 */
import { z } from "zod";
import { Id, MAX_MATERIAL_QUANTITY, MAX_MRP_BUCKETS } from "./limits.ts";
import { LocalDateTime, parseDate, parseDateTime } from "./time.ts";
import type { Minute } from "./time.ts";

const materialQuantity = z
  .number()
  .finite()
  .nonnegative()
  .max(MAX_MATERIAL_QUANTITY)
  .describe(`Quantity in the item's unit, 0 … ${MAX_MATERIAL_QUANTITY}`);

/** A day (`"YYYY-MM-DD"`, its first minute) or a factory-local time. */
export const ReceiptDate = z
  .string()
  .refine((s) => parseDate(s) !== null || parseDateTime(s) !== null, { message: 'expected a date "YYYY-MM-DD" or a date-time "YYYY-MM-DDTHH:mm"' })
  .meta({ description: 'Arrival: a day "YYYY-MM-DD" (its first minute) or a factory-local time "YYYY-MM-DDTHH:mm"', example: "2026-04-06" });

/** Minute a receipt date stands for. */
export function receiptMinute(date: string): Minute {
  return parseDate(date) ?? parseDateTime(date)!;
}

/**
 * An open purchase or work order. Requests with `buckets` (order review, the MRP file shape) may give a
 * bucket instead of a date: the receipt then arrives at the bucket's start.
 */
export const Receipt = z
  .object({
    id: Id.optional(),
    item: Id,
    date: ReceiptDate.optional(),
    bucket: z.number().int().nonnegative().max(MAX_MRP_BUCKETS - 1).optional().describe("0-based bucket of the request's `buckets` (only where the request has buckets)"),
    quantity: materialQuantity,
  })
  .refine((x) => (x.bucket === undefined) !== (x.date === undefined), { message: "give exactly one of date or bucket", path: ["date"] })
  .meta({ id: "Receipt", description: "An open purchase or work order: `quantity` of `item` arrives at `date` (usable `stagingMinutes` later)" });
export type Receipt = z.infer<typeof Receipt>;

export const Reservation = z
  .object({
    order: Id.describe("A confirmed order"),
    item: Id,
    quantity: materialQuantity,
  })
  .meta({ id: "Reservation", description: "Stock on hand already allocated to an order (the ERP's reservation, 主料锁定): only that order may consume it" });
export type Reservation = z.infer<typeof Reservation>;

export const MaterialMode = z
  .enum(["constrain", "ignore"])
  .describe(
    'constrain: no operation starts before its material is there (default when any item has onHand or the request has receipts or reservations); ignore: infinite material',
  );
export type MaterialMode = z.infer<typeof MaterialMode>;

export const Shortage = z
  .object({
    item: z.string(),
    quantity: z.number().nonnegative().describe("What stock, receipts and planned production cannot cover for this order"),
    neededBy: LocalDateTime.describe("The earliest the order could start the operation that consumes it"),
  })
  .meta({ id: "Shortage" });
export type Shortage = z.infer<typeof Shortage>;

export const WaitCategory = z.enum(["material", "capacity", "changeover", "release", "calendar", "engineering", "progress"]);
export type WaitCategory = z.infer<typeof WaitCategory>;

const waitMinutes = z.number().nonnegative();
export const Waits = z
  .object({
    material: waitMinutes.describe("Waiting for a component to be on hand"),
    capacity: waitMinutes.describe("Waiting for a busy resource unit"),
    changeover: waitMinutes.describe("Changeover minutes of its own operations"),
    release: waitMinutes.describe("Before its release / materialReady date"),
    calendar: waitMinutes.describe("Ready, but no working time (nights, weekends, holidays)"),
    engineering: waitMinutes.describe("Engineering days before the first operation (order review)"),
    progress: waitMinutes.describe("Waiting for running or frozen work (its own or on the resource) to finish, for the frozen fence, or held at its start in the reference plan"),
  })
  .meta({ id: "Waits", description: "Minutes an order's chain of operations waited, per category, from the plan start to its completion" });
export type Waits = z.infer<typeof Waits>;

export const LateCause = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("material"), item: z.string(), availableAt: LocalDateTime.describe("When the order could take the item") }),
    z.object({ kind: z.literal("capacity"), resource: z.string() }),
    z.object({ kind: z.literal("changeover"), resource: z.string() }),
    z.object({ kind: z.literal("release") }),
    z.object({ kind: z.literal("calendar"), resource: z.string() }),
    z.object({ kind: z.literal("engineering") }),
    z.object({ kind: z.literal("progress") }),
  ])
  .meta({ id: "LateCause", description: "The category a late order's chain waited longest on, with the item or resource that held it longest" });
export type LateCause = z.infer<typeof LateCause>;

export const LedgerEntry = z
  .object({
    at: LocalDateTime,
    change: z.number().describe("+ receipt or production, − consumption"),
    balance: z.number().describe("Projected stock after the change (reserved stock included)"),
    order: z.string().optional().describe("The consuming or producing order"),
    receipt: z.string().optional().describe("The receipt's id (or item#index when it has none)"),
  })
  .meta({ id: "LedgerEntry" });
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const MaterialProjection = z
  .object({
    item: z.string(),
    onHand: z.number().nonnegative().describe("Stock at the plan start"),
    consumed: z.number().nonnegative().describe("By the plan's operations"),
    received: z.number().nonnegative().describe("Open receipts"),
    produced: z.number().nonnegative().describe("By the plan's orders for this item"),
    endBalance: z.number(),
    lowestBalance: z.number().describe("Lowest projected stock at any instant; never below 0 in a constrained plan"),
    lowestAt: LocalDateTime,
    shortages: z.array(z.object({ order: z.string(), quantity: z.number().nonnegative(), neededBy: LocalDateTime })).describe("Unplannable orders short of this item"),
    ledger: z.array(LedgerEntry).optional().describe("With options.materialLedger: every change in time order"),
  })
  .meta({ id: "MaterialProjection", description: "Projected stock of one item over the plan" });
export type MaterialProjection = z.infer<typeof MaterialProjection>;
