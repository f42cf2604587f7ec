import { MrpRequest, MrpResponse } from "../../src/mrp.ts";
import { defineCapability, option, runTask } from "../capability.ts";

/** A CLI flag that sets one of the request's options. */

export const mrp = defineCapability({
  command: "mrp",
  url: "/v1/mrp",
  summary: "Plan materials (MRP)",
  description:
    "BOM explosion by low-level code, gross-to-net netting with safety stock, lot sizing (lot-for-lot, fixed, periods, EOQ, Wagner-Whitin, Silver-Meal), " +
    "scrap, lead-time offsetting, phantoms, firm planned orders and a planning time fence, FIFO pegging (single-level, or `options.pegging` \"full\": " +
    "to the end demands with the item path, and each demand's supply), the buyer's action messages (release, reschedule-in, reschedule-out, cancel, " +
    "past-due, shortage-in-fence) and the supplier follow-up list. With `buckets.calendar`, daily buckets are the factory's working days. " +
    "With `options.asOrders`, planned make orders also come back as orders that /v1/capacity and /v1/schedule accept; " +
    "`options.records` (\"all\", \"none\" or a list of item ids) chooses the time-phased records returned (a third of a large answer), " +
    "`options.format` \"columnar\" returns them as columns. The answer is compressed when the client accepts brotli or gzip. " +
    "Unknown items or calendars, duplicate ids, buckets or dates outside the horizon, fences longer than it and BOM cycles are a 422 naming the culprit.",
  request: MrpRequest,
  response: MrpResponse,
  spreadsheet: { what: "the planned orders", fromPlan: true },
  cliFlags: {
    "no-records": option('leave the items\' time-phased records out (options.records: "none"): planned orders and messages only', { records: "none" }),
    columnar: option('the records as columns (options.format: "columnar")', { format: "columnar" }),
    "full-pegging": option('peg through all levels to the end demands, and list each demand\'s supply (options.pegging: "full")', { pegging: "full" }),
    orders: option("also print planned make orders as orders (options.asOrders)", { asOrders: true }),
  },
  // ERP snapshots are tens of MB: the worker parses them, and writes the plan straight to JSON text.
  run: runTask("mrp", 60_000),
});
