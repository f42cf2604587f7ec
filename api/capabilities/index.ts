import type { Capability } from "../capability.ts";
import { validate } from "./validate.ts";

/** Every capability, in the order the docs and `takt --help` list them. */
export const capabilities: ReadonlyArray<Capability> = [validate];
