/**
 * Scenario batches: a base input and named variations of it, each run as a job, compared by KPIs.
 *
 * A variation is the base with, in this order:
 * 1. `patch`: a JSON merge patch (RFC 7386) whose objects may address id-keyed arrays by id (merge-patch.ts):
 *    `{ "resources": { "CGL": { "calendar": "continuous-three-shift" } } }` is a third shift on the galvanizing line;
 * 2. `scaleDemand`: a factor on every demand quantity — orders' `quantity`, MRP `demands[].quantity` and
 *    bottleneck `products[].demand` (1.2 = 20 % more demand).
 * The base runs as the scenario named "base"; every comparison's differences are to it.
 *
 * `insert` and `review` may take the current plan (`schedule`) as input, made for the base's order
 * quantities; scaling demand would leave that plan stale (operations timed for the old quantities, their
 * impact blamed on the rush order), so `scaleDemand` is refused for them when the base has a `schedule`.
 * Without one, each scenario first plans its own (scaled, patched) confirmed orders, so any variation fits.
 * Patches apply as to any kind: a resource's units, a rush order or candidate (by id), the orders' due
 * dates. With a given plan, a calendar patch reaches the frozen part too, whose operations keep the times
 * the base calendar gave them: an extra shift belongs after `frozenUntil` (calendar exceptions by date), or
 * those operations no longer match their calendar.
 */
import { z } from "zod";
import type { Capability } from "../capability.ts";
import { BadRequestError } from "../request-validation.ts";
import { ModelError } from "../../src/errors.ts";
import type { Problem } from "../../src/problem.ts";
import { formatPath } from "../../src/problem.ts";
import type { JobRecord } from "./job-store.ts";
import { FINISHED, JOB_STATUSES } from "./job-store.ts";
import { difference, KPI_UNITS, kpiExtractors, NAME_UNITS } from "./kpis.ts";
import { applyMergePatch } from "./merge-patch.ts";
import { parseInput } from "./parse-input.ts";

export const BASE_SCENARIO = "base";

export const ScenarioVariation = z
  .object({
    name: z.string().min(1).max(80).describe('Unique in the batch; "base" is the base itself'),
    patch: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("JSON merge patch on the base; arrays of objects with an `id` (routings: `item`) can be patched as objects keyed by it; null removes"),
    scaleDemand: z.number().finite().positive().optional().describe("Multiplies orders' quantity, MRP demands' quantity and bottleneck products' demand; refused for insert and review when the base has a schedule, which was made for the base quantities"),
  })
  .meta({ id: "ScenarioVariation", description: "A named what-if: the base with a patch, then demand scaled" });
export type ScenarioVariation = z.infer<typeof ScenarioVariation>;

/** Kinds whose input carries a plan made for the base's quantities (see the header). */
const PLAN_BOUND_KINDS: ReadonlySet<string> = new Set(["insert", "review"]);

export interface Scenario {
  name: string;
  input: unknown;
}

const DEMAND_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ["orders", "quantity"],
  ["demands", "quantity"],
  ["products", "demand"],
];

/** A copy of `input` with every demand quantity multiplied by `factor`. */
export function scaleDemand(input: Record<string, unknown>, factor: number): Record<string, unknown> {
  const scaled = { ...input };
  for (const [list, field] of DEMAND_FIELDS) {
    const entries = scaled[list];
    if (!Array.isArray(entries)) continue;
    scaled[list] = entries.map((entry: unknown) => {
      if (entry === null || typeof entry !== "object") return entry;
      const value = (entry as Record<string, unknown>)[field];
      return typeof value === "number" ? { ...entry, [field]: value * factor } : entry;
    });
  }
  return scaled;
}

/**
 * The base and every variation as job inputs, checked now so that a bad batch never enters the queue:
 * names must be unique and `scaleDemand` must apply to the kind (400), every patch key must name an
 * existing element (422 TAKT_ERR_PATCH_TARGET, all of them listed), and every resulting input must match the capability's request schema (400, paths
 * `base.…` or `variations[i].input.…`).
 */
export function expandScenarios(capability: Capability, base: Record<string, unknown>, variations: ReadonlyArray<ScenarioVariation>): Scenario[] {
  const batchProblems: Problem[] = [];
  const seen = new Set([BASE_SCENARIO]);
  variations.forEach((variation, i) => {
    if (seen.has(variation.name)) batchProblems.push({ path: formatPath(["variations", i, "name"]), message: `the name "${variation.name}" is already used` });
    seen.add(variation.name);
    if (variation.scaleDemand !== undefined && PLAN_BOUND_KINDS.has(capability.command) && base.schedule !== undefined) {
      batchProblems.push({
        path: formatPath(["variations", i, "scaleDemand"]),
        message:
          `${capability.command} cannot scale demand: its current plan (schedule) was made for the base quantities. ` +
          `Leave schedule out of the base (each scenario then plans its own orders first), re-plan the scaled orders with /v1/schedule ` +
          `and use that plan as the base, or patch the quantities of rushOrders or candidates by id instead`,
      });
    }
  });
  if (batchProblems.length > 0) throw new BadRequestError(batchProblems);

  const patchProblems: Problem[] = [];
  const scenarios: Scenario[] = [{ name: BASE_SCENARIO, input: base }];
  variations.forEach((variation, i) => {
    let input: unknown = base;
    if (variation.patch) {
      const patched = applyMergePatch(base, variation.patch);
      for (const p of patched.problems) patchProblems.push({ path: `variations[${i}].patch.${p.path}`, message: p.message });
      input = patched.value;
    }
    if (variation.scaleDemand !== undefined && input !== null && typeof input === "object" && !Array.isArray(input)) {
      input = scaleDemand(input as Record<string, unknown>, variation.scaleDemand);
    }
    scenarios.push({ name: variation.name, input });
  });
  if (patchProblems.length > 0) throw new ModelError(patchProblems, "TAKT_ERR_PATCH_TARGET");

  const shapeProblems = scenarios.flatMap((scenario, i) => {
    try {
      parseInput(capability, scenario.input, i === 0 ? ["base"] : ["variations", i - 1, "input"]);
      return [];
    } catch (error) {
      return (error as BadRequestError).problems;
    }
  });
  if (shapeProblems.length > 0) throw new BadRequestError(shapeProblems);
  return scenarios;
}

const KpiValueSchema = z.union([z.number(), z.string(), z.null()]);

export const ScenarioComparison = z
  .object({
    kpis: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        unit: z.enum(KPI_UNITS).describe("`datetime`: a factory-local date-time; `resource` and `datetime` values get no difference to the base"),
        better: z.enum(["higher", "lower", "none"]),
      }),
    ),
    scenarios: z.array(
      z.object({
        name: z.string(),
        status: z.enum(JOB_STATUSES),
        values: z.record(z.string(), KpiValueSchema).describe("KPI key → value; empty when the scenario has no result"),
        vsBase: z.record(z.string(), z.number().nullable()).describe("KPI key → value minus the base's value (numbers only; null otherwise)"),
      }),
    ),
  })
  .meta({ id: "ScenarioComparison", description: "Per scenario, the KPIs of its kind side by side, with the difference to the base" });
export type ScenarioComparison = z.infer<typeof ScenarioComparison>;

/**
 * The comparison of finished scenarios, from the KPIs stored with their results; undefined while any still
 * waits or runs. A cancelled scenario with a best-so-far result is compared on that result (its status says
 * so); a failed one has no values.
 */
export function compareScenarios(kind: string, jobs: ReadonlyArray<Pick<JobRecord, "scenario" | "status" | "kpis">>): ScenarioComparison | undefined {
  if (!jobs.every((job) => FINISHED.has(job.status))) return undefined;
  const extractor = kpiExtractors[kind];
  if (!extractor) return undefined;
  const values = jobs.map((job) => job.kpis ?? {});
  const base = values[0] ?? {};
  return {
    kpis: extractor.definitions.map((d) => ({ ...d })),
    scenarios: jobs.map((job, i) => ({
      name: job.scenario ?? `#${i}`,
      status: job.status,
      values: values[i]!,
      vsBase: Object.fromEntries(
        extractor.definitions.filter((d) => !NAME_UNITS.has(d.unit)).map((d) => [d.key, difference(values[i]![d.key], base[d.key])]),
      ),
    })),
  };
}
