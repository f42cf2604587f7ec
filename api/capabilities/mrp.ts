import { MrpRequest, MrpResponse } from "../../src/mrp.ts";
import { defineCapability, runTask } from "../capability.ts";

export const mrp = defineCapability({
  command: "mrp",
  url: "/v1/mrp",
  summary: "Plan materials (MRP)",
  description:
    "BOM explosion by low-level code, gross-to-net netting with safety stock, lot sizing (lot-for-lot, fixed, periods, EOQ, Wagner-Whitin, Silver-Meal), " +
    "scrap, lead-time offsetting, phantoms, single-level FIFO pegging and exception messages (past-due, expedite, excess). " +
    "With `options.asOrders`, planned make orders also come back as orders that /v1/capacity and /v1/schedule accept; " +
    "`options.records` (\"all\", \"none\" or a list of item ids) chooses the time-phased records returned (a third of a large answer). " +
    "Unknown items, duplicate ids, buckets or dates outside the horizon and BOM cycles are a 422 naming the culprit.",
  request: MrpRequest,
  response: MrpResponse,
  spreadsheet: { what: "the planned orders", fromPlan: true },
  cliFlags: {
    "no-records": {
      description: 'leave the items\' time-phased records out (options.records: "none"): planned orders and exceptions only',
      apply: (body) => {
        body.options = { ...(body.options as object | undefined), records: "none" };
      },
    },
    orders: {
      description: "also print planned make orders as orders (options.asOrders)",
      apply: (body) => {
        body.options = { ...(body.options as object | undefined), asOrders: true };
      },
    },
  },
  // ERP snapshots are tens of MB: the worker parses them, and writes the plan straight to JSON text.
  run: runTask("mrp", 60_000),
});
