/**
 * Secondary resources (issue 21): crews, operators, tools and fixtures an operation needs alongside its
 * machine. A pool has its own calendar and a number of units that may differ by shift (fewer operators at
 * night); an operation holds the units it requires from its start to its end, setup included, and works only
 * while its machine and every pool it requires work.
 */
import { z } from "zod";
import { TimeOfDay } from "./time.ts";

/** Units of one pool: a plant's whole workforce or tool crib, with room to spare. */
export const MAX_POOL_UNITS = 10_000;
/** Pools per request. */
export const MAX_POOLS = 1000;
/** Time-of-day windows of one pool with their own units (one per shift is the use; 24 covers every hour). */
export const MAX_UNITS_BY_SHIFT = 24;
/** Pools one operation requires at once (an operator, a crane, a fixture, …). */
export const MAX_REQUIREMENTS = 16;

const PoolUnits = z.number().int().positive().max(MAX_POOL_UNITS);

export const UnitsByShift = z
  .object({
    from: TimeOfDay,
    to: TimeOfDay.describe("End; earlier than or equal to from means the window crosses midnight (22:00-06:00)"),
    units: PoolUnits.describe(`Units in this window of every day (1 … ${MAX_POOL_UNITS})`),
  })
  .meta({ id: "UnitsByShift", description: "The pool's units during a time-of-day window (a night shift with fewer operators)" });
export type UnitsByShift = z.infer<typeof UnitsByShift>;

export const Pool = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    calendar: z.string().min(1).describe("Id of the pool's calendar: operations requiring it work only in its working time"),
    units: PoolUnits.describe(`Units (operators, tools) outside every unitsByShift window (1 … ${MAX_POOL_UNITS})`),
    unitsByShift: z
      .array(UnitsByShift)
      .max(MAX_UNITS_BY_SHIFT)
      .optional()
      .describe(`Units by time of day (at most ${MAX_UNITS_BY_SHIFT} windows, not overlapping); outside them: units`),
    skills: z.array(z.string().min(1)).max(100).optional().describe("What the crew can do (informative, at most 100)"),
  })
  .meta({ id: "Pool", description: "A secondary resource: a crew, operators, tools or fixtures with their own calendar and units" });
export type Pool = z.infer<typeof Pool>;

export const PoolRequirement = z
  .object({
    pool: z.string().min(1).describe("Id of the pool"),
    units: PoolUnits.default(1).describe(`Units held for the whole operation, setup included (1 … ${MAX_POOL_UNITS}, default 1)`),
  })
  .meta({ id: "PoolRequirement" });
export type PoolRequirement = z.infer<typeof PoolRequirement>;

/** Largest units a pool ever has (its base units or any window's). */
export function largestUnits(pool: Pool): number {
  return Math.max(pool.units, ...(pool.unitsByShift ?? []).map((w) => w.units));
}
