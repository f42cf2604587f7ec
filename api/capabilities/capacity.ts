import { CapacityRequest, CapacityResponse } from "../../src/capacity.ts";
import { defineCapability, runTask } from "../capability.ts";

export const capacity = defineCapability({
  command: "capacity",
  url: "/v1/capacity",
  summary: "Assess capacity and plan countermeasures",
  description:
    "The handbooks' four steps: standard hours per order and resource, load per resource and bucket (infinite loading, backward from due or forward), " +
    "load against available capacity (working minutes × units × efficiency), and, when `levers` are given, the cheapest mix of countermeasures " +
    "(overtime, alternate resources, building ahead, outsourcing, deferring) by linear programming, with the load no lever can cover. " +
    "Also ranks bottlenecks and gives each routed item's line capacity. Unknown resources or calendars are a 422 naming them.",
  request: CapacityRequest,
  response: CapacityResponse,
  spreadsheet: { what: "the load per resource and bucket" },
  run: runTask("capacity", 60_000),
});
