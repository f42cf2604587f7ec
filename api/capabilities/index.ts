import type { Capability } from "../capability.ts";
import { bottleneck } from "./bottleneck.ts";
import { capacity } from "./capacity.ts";
import { mrp } from "./mrp.ts";
import { schedule } from "./schedule.ts";
import { validate } from "./validate.ts";

/** Every capability, in the order the docs and `takt --help` list them. */
export const capabilities: ReadonlyArray<Capability> = [validate, schedule, capacity, mrp, bottleneck];
