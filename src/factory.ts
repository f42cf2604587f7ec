import { z } from "zod";
import { BomLine } from "./bom.ts";
import { Calendar } from "./calendar.ts";
import { Item } from "./item.ts";
import { listOf, MAX_BOM_LINES, MAX_CALENDARS, MAX_ITEMS, MAX_MRP_ENTRIES, MAX_ORDERS, MAX_POOLS, MAX_RESOURCES, MAX_ROUTINGS } from "./limits.ts";
import { Receipt, Reservation } from "./material.ts";
import { Order } from "./order.ts";
import { Pool } from "./pool.ts";
import { Resource } from "./resource.ts";
import { Routing } from "./routing.ts";

/** The factory model every endpoint shares; each capability's request extends it. */
export const FactoryModel = z
  .object({
    calendars: listOf(Calendar, MAX_CALENDARS, "calendars").default([]),
    resources: listOf(Resource, MAX_RESOURCES, "resources").default([]),
    pools: listOf(Pool, MAX_POOLS, "pools").default([]).describe(`Secondary resources: crews, operators, tools (at most ${MAX_POOLS}, issue 21)`),
    items: listOf(Item, MAX_ITEMS, "items").default([]),
    bom: listOf(BomLine, MAX_BOM_LINES, "BOM lines").default([]),
    routings: listOf(Routing, MAX_ROUTINGS, "routings").default([]),
    orders: listOf(Order, MAX_ORDERS, "orders").default([]),
    receipts: listOf(Receipt, MAX_MRP_ENTRIES, "receipts").default([]).describe("Open purchase and work orders (the material model, issue 14)"),
    reservations: listOf(Reservation, MAX_MRP_ENTRIES, "reservations").default([]).describe("Stock on hand allocated to confirmed orders"),
  })
  .meta({ id: "FactoryModel", description: "Calendars, resources, items, BOM, routings and orders of one plant" });
export type FactoryModel = z.infer<typeof FactoryModel>;

/** The factory model's own fields of a request that extends it, without the capability's fields. */
export function factoryModelOf(request: FactoryModel): FactoryModel {
  const { calendars, resources, pools, items, bom, routings, orders, receipts, reservations } = request;
  return { calendars, resources, pools, items, bom, routings, orders, receipts, reservations };
}

export const ValidateResponse = z
  .object({
    valid: z.boolean(),
    problems: z.array(z.object({ path: z.string(), message: z.string() })),
  })
  .meta({ id: "ValidateResponse" });
export type ValidateResponse = z.infer<typeof ValidateResponse>;
