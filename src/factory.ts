import { z } from "zod";
import { BomLine } from "./bom.ts";
import { Calendar } from "./calendar.ts";
import { Item } from "./item.ts";
import { Receipt, Reservation } from "./material.ts";
import { Order } from "./order.ts";
import { MAX_POOLS, Pool } from "./pool.ts";
import { Resource } from "./resource.ts";
import { Routing } from "./routing.ts";

/** The factory model every endpoint shares; each capability's request extends it. */
export const FactoryModel = z
  .object({
    calendars: z.array(Calendar).default([]),
    resources: z.array(Resource).default([]),
    pools: z.array(Pool).max(MAX_POOLS).default([]).describe(`Secondary resources: crews, operators, tools (at most ${MAX_POOLS}, issue 21)`),
    items: z.array(Item).default([]),
    bom: z.array(BomLine).default([]),
    routings: z.array(Routing).default([]),
    orders: z.array(Order).default([]),
    receipts: z.array(Receipt).default([]).describe("Open purchase and work orders (the material model, issue 14)"),
    reservations: z.array(Reservation).default([]).describe("Stock on hand allocated to confirmed orders"),
  })
  .meta({ id: "FactoryModel", description: "Calendars, resources, items, BOM, routings and orders of one plant" });
export type FactoryModel = z.infer<typeof FactoryModel>;

export const ValidateResponse = z
  .object({
    valid: z.boolean(),
    problems: z.array(z.object({ path: z.string(), message: z.string() })),
  })
  .meta({ id: "ValidateResponse" });
export type ValidateResponse = z.infer<typeof ValidateResponse>;
