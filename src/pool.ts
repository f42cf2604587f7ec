/**
 * Secondary resources (issue 21): crews, operators, tools and fixtures an operation needs alongside its
 * machine. A pool has its own calendar and a number of units that may differ by shift (fewer operators at
 * night); an operation holds the units it requires from its start to its end, setup included, and works only
 * while its machine and every pool it requires work.
 */
import { z } from "zod";
import { Id, listOf, MAX_POOL_SKILLS, MAX_POOL_UNITS, MAX_UNITS_BY_SHIFT, Text } from "./limits.ts";
import { TimeOfDay } from "./time.ts";

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
    id: Id,
    name: Text.optional(),
    calendar: Id.describe("Id of the pool's calendar: operations requiring it work only in its working time"),
    units: PoolUnits.describe(`Units (operators, tools) outside every unitsByShift window (1 … ${MAX_POOL_UNITS})`),
    unitsByShift: listOf(UnitsByShift, MAX_UNITS_BY_SHIFT, "windows per pool")
      .optional()
      .describe(`Units by time of day (at most ${MAX_UNITS_BY_SHIFT} windows, not overlapping); outside them: units`),
    skills: listOf(Id, MAX_POOL_SKILLS, "skills per pool").optional().describe(`What the crew can do (informative, at most ${MAX_POOL_SKILLS})`),
  })
  .meta({ id: "Pool", description: "A secondary resource: a crew, operators, tools or fixtures with their own calendar and units" });
export type Pool = z.infer<typeof Pool>;

export const PoolRequirement = z
  .object({
    pool: Id.describe("Id of the pool"),
    units: PoolUnits.default(1).describe(`Units held for the whole operation, setup included (1 … ${MAX_POOL_UNITS}, default 1)`),
  })
  .meta({ id: "PoolRequirement" });
export type PoolRequirement = z.infer<typeof PoolRequirement>;

/** Largest units a pool ever has (its base units or any window's). */
export function largestUnits(pool: Pool): number {
  return Math.max(pool.units, ...(pool.unitsByShift ?? []).map((w) => w.units));
}
