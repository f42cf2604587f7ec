/**
 * The KPIs a scenario comparison shows, per capability, read from the capability's response (and, where
 * the response lacks a figure, its request). Only kinds listed here can be compared in a scenario batch.
 */
import type { BottleneckResponse } from "../../src/bottleneck.ts";
import type { CapacityResponse } from "../../src/capacity.ts";
import type { MrpRequest, MrpResponse } from "../../src/mrp.ts";
import type { ScheduleResponse } from "../../src/schedule.ts";

export type KpiValue = number | string | null;

export interface KpiDefinition {
  key: string;
  label: string;
  /** `share` is 0…1; `money` is the model's currency; `minutes` are standard minutes (capacity) or elapsed (schedule). */
  unit: "share" | "minutes" | "money" | "count" | "resource";
  /** Which direction is an improvement; `none` for figures that are neither (the constraint's name, counts of plans). */
  better: "higher" | "lower" | "none";
}

export interface KpiExtractor {
  definitions: ReadonlyArray<KpiDefinition>;
  /** `request` is the scenario's parsed input, `response` the job's result. */
  extract(request: unknown, response: unknown): Record<string, KpiValue>;
}

/** The largest value and its key; a null value (load on no capacity) is unbounded and wins. Both null when empty. */
function peak(entries: Iterable<[string, number | null]>): { key: string | null; value: number | null } {
  let best: { key: string | null; value: number | null } = { key: null, value: null };
  for (const [key, value] of entries) {
    if (value === null) return { key, value: null };
    if (best.value === null || value > best.value) best = { key, value };
  }
  return best;
}

const schedule: KpiExtractor = {
  definitions: [
    { key: "onTimeRate", label: "on-time rate", unit: "share", better: "higher" },
    { key: "weightedTardiness", label: "weighted tardiness", unit: "minutes", better: "lower" },
    { key: "makespanMinutes", label: "makespan", unit: "minutes", better: "lower" },
    { key: "maxUtilization", label: "utilization of the busiest resource", unit: "share", better: "none" },
    { key: "busiestResource", label: "busiest resource", unit: "resource", better: "none" },
  ],
  extract(_request, response) {
    const { kpis } = response as ScheduleResponse;
    const busiest = peak(Object.entries(kpis.utilization));
    return {
      onTimeRate: kpis.onTimeRate,
      weightedTardiness: kpis.weightedTardiness,
      makespanMinutes: kpis.makespanMinutes,
      maxUtilization: busiest.value,
      busiestResource: busiest.key,
    };
  },
};

const capacity: KpiExtractor = {
  definitions: [
    { key: "peakUtilization", label: "peak bucket utilization", unit: "share", better: "lower" },
    { key: "peakResource", label: "resource at the peak", unit: "resource", better: "none" },
    { key: "overloadMinutes", label: "overload, all resources", unit: "minutes", better: "lower" },
    { key: "countermeasureCost", label: "countermeasure cost", unit: "money", better: "lower" },
    { key: "uncoveredMinutes", label: "overload no lever covers", unit: "minutes", better: "lower" },
  ],
  extract(_request, response) {
    const { bottlenecks, countermeasures } = response as CapacityResponse;
    const top = peak(bottlenecks.map((b) => [b.resource, b.peakUtilization]));
    return {
      peakUtilization: top.value,
      peakResource: top.key,
      overloadMinutes: bottlenecks.reduce((sum, b) => sum + b.overloadMinutes, 0),
      countermeasureCost: countermeasures?.totalCost ?? null,
      uncoveredMinutes: countermeasures ? countermeasures.uncovered.reduce((sum, u) => sum + u.minutes, 0) : null,
    };
  },
};

const mrp: KpiExtractor = {
  definitions: [
    { key: "purchaseSpend", label: "planned purchase spend", unit: "money", better: "lower" },
    { key: "plannedOrders", label: "planned orders", unit: "count", better: "none" },
    { key: "exceptions", label: "exception messages", unit: "count", better: "lower" },
  ],
  /** Spend = Σ planned buy orders' startQuantity (what is ordered, scrap included) × the item's unitCost (0 if none). */
  extract(request, response) {
    const unitCost = new Map((request as MrpRequest).items.map((item) => [item.id, item.unitCost ?? 0]));
    const plan = response as MrpResponse;
    const spend = plan.plannedOrders
      .filter((order) => order.source === "buy")
      .reduce((sum, order) => sum + order.startQuantity * (unitCost.get(order.item) ?? 0), 0);
    return { purchaseSpend: spend, plannedOrders: plan.plannedOrders.length, exceptions: plan.exceptions.length };
  },
};

const bottleneck: KpiExtractor = {
  definitions: [
    { key: "throughput", label: "throughput", unit: "money", better: "higher" },
    { key: "netProfit", label: "net profit", unit: "money", better: "higher" },
    { key: "constraint", label: "constraint", unit: "resource", better: "none" },
  ],
  extract(_request, response) {
    const result = response as BottleneckResponse;
    return { throughput: result.throughput, netProfit: result.netProfit, constraint: result.constraint.resource ?? "market" };
  },
};

/** By capability command. */
export const kpiExtractors: Readonly<Record<string, KpiExtractor>> = { schedule, capacity, mrp, bottleneck };

/** Scenario value minus base value, for numbers; null when either is missing or not a number. */
export function difference(value: KpiValue | undefined, base: KpiValue | undefined): number | null {
  return typeof value === "number" && typeof base === "number" ? value - base : null;
}
