import type { Capability } from "../capability.ts";
import { bottleneck } from "./bottleneck.ts";
import { capacity } from "./capacity.ts";
import { insert } from "./insert.ts";
import { mrp } from "./mrp.ts";
import { review } from "./review.ts";
import { schedule } from "./schedule.ts";
import { validate } from "./validate.ts";

/** Every capability, in the order the docs and `takt --help` list them. */
export const capabilities: ReadonlyArray<Capability> = [validate, schedule, insert, review, capacity, mrp, bottleneck];
