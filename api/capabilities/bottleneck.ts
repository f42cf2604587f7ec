import { BottleneckRequest, BottleneckResponse } from "../../src/bottleneck.ts";
import { defineCapability, runTask } from "../capability.ts";

export const bottleneck = defineCapability({
  command: "bottleneck",
  url: "/v1/bottleneck",
  summary: "Find the constraint, the best product mix and drum-buffer-rope releases",
  description:
    "Theory of Constraints: per-unit load of each product on every resource rolled up through the BOM, totally variable cost, the constraint " +
    "(or the market when no resource exceeds its capacity), throughput per constraint minute, the optimal product mix by integer LP beside the " +
    "T/CU ranking's answer, the value of an extra hour on each binding resource, and, with `orders`, the drum schedule, rope release times and buffer status. " +
    "Unknown items and products without a routing are a 422 naming them.",
  request: BottleneckRequest,
  response: BottleneckResponse,
  run: runTask("bottleneck", 60_000),
});
