/**
 * The KPIs a scenario comparison shows, per capability, read from the capability's response (and, where
 * the response lacks a figure, its request). Only kinds listed here can be compared in a scenario batch.
 * They are extracted on the worker that answered, once, and stored with the job's result (job-runner.ts):
 * reading them never parses a result again. MRP's answer is never built as objects: its extractor reads
 * the MrpFigures counted as the text was written.
 */
import type { BottleneckResponse } from "../../src/bottleneck.ts";
import type { CapacityResponse } from "../../src/capacity.ts";
import type { InsertRequest, InsertResponse, PlanOption } from "../../src/insert.ts";
import type { MrpFigures } from "../../solver/mrp/response-text.ts";
import type { MrpRequest, MrpResponse } from "../../src/mrp.ts";
import type { ReviewDecision, ReviewResponse } from "../../src/review.ts";
import type { ScheduleResponse } from "../../src/schedule.ts";
import { parseDateTime } from "../../src/time.ts";

export type KpiValue = number | string | null;

export const KPI_UNITS = ["share", "minutes", "money", "count", "resource", "datetime"] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

/** Units whose values are names, not quantities: compared side by side, never subtracted. */
export const NAME_UNITS: ReadonlySet<KpiUnit> = new Set(["resource", "datetime"]);

export interface KpiDefinition {
  key: string;
  label: string;
  /**
   * `share` is 0…1; `money` is the model's currency; `minutes` are standard minutes (capacity) or elapsed
   * (schedule, insert, review); `resource` a resource id and `datetime` a factory-local "YYYY-MM-DDTHH:mm",
   * both names rather than numbers, so they get no difference to the base.
   */
  unit: KpiUnit;
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
    { key: "exceptions", label: "exception messages (release messages not counted)", unit: "count", better: "lower" },
  ],
  /**
   * Spend = Σ planned buy orders' startQuantity (what is ordered, scrap included) × the item's unitCost (0 if
   * none). `response` is the MrpFigures the worker counted, or a response read back (results stored before
   * KPIs were stored with them).
   */
  extract(request, response) {
    const figures = Array.isArray((response as MrpResponse).plannedOrders) ? figuresOf(request as MrpRequest, response as MrpResponse) : (response as MrpFigures);
    return { purchaseSpend: figures.purchaseSpend, plannedOrders: figures.plannedOrders, exceptions: figures.exceptions };
  },
};

/** A release is the routine message of every order due to start: the others call for a correction, and are counted. */
function figuresOf(request: MrpRequest, plan: MrpResponse): MrpFigures {
  const unitCost = new Map(request.items.map((item) => [item.id, item.unitCost ?? 0]));
  const spend = plan.plannedOrders.filter((order) => order.source === "buy").reduce((sum, order) => sum + order.startQuantity * (unitCost.get(order.item) ?? 0), 0);
  return { purchaseSpend: spend, plannedOrders: plan.plannedOrders.length, exceptions: plan.exceptions.filter((message) => message.kind !== "release").length };
}

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

function minutes(dateTime: string): number {
  const t = parseDateTime(dateTime);
  if (t === null) throw new RangeError(`not a date-time: ${dateTime}`);
  return t;
}

/** The latest of date-times (all "YYYY-MM-DDTHH:mm", so the order of minutes); null when there are none. */
function latest(dateTimes: readonly string[]): string | null {
  return dateTimes.reduce<string | null>((max, t) => (max === null || minutes(t) > minutes(max) ? t : max), null);
}

/** Promise, rush lateness and delay of one named insertion plan, keyed `${prefix}…`; null when the plan is absent (infeasible). */
function insertionFigures(prefix: string, option: PlanOption | undefined, rushDue: ReadonlyMap<string, string>): Record<string, KpiValue> {
  const promises = Object.entries(option?.promise ?? {});
  return {
    [`${prefix}Promise`]: option ? latest(promises.map(([, promise]) => promise)) : null,
    [`${prefix}RushLatenessMinutes`]: option ? Math.max(...promises.map(([order, promise]) => minutes(promise) - minutes(rushDue.get(order)!))) : null,
    [`${prefix}DelayMinutes`]: option ? option.impact.reduce((sum, i) => sum + i.delayMinutes, 0) : null,
  };
}

/**
 * Per plan kind — `fastest` (earliest rush promise) and `protect-confirmed` (no confirmed order harmed):
 * the latest rush promise, the worst rush lateness (promise − due, elapsed minutes, negative = early), the
 * confirmed orders harmed (late and later than in the current plan: the response's `ordersMadeLate`) and the
 * elapsed minutes confirmed orders' completions move later in total. protect-confirmed harms none by
 * construction, so its harmed count is left out. Issue 15 adds fastest's priority-weighted harm and the
 * `re-plan` plan's promise, rush lateness, weighted harm and changes (null when the answer has no re-plan: it was
 * beaten, or not asked for). An infeasible answer has no plans: every value null.
 */
const insert: KpiExtractor = {
  definitions: [
    { key: "fastestPromise", label: "fastest: rush orders complete", unit: "datetime", better: "lower" },
    { key: "fastestRushLatenessMinutes", label: "fastest: rush lateness (worst, − = early)", unit: "minutes", better: "lower" },
    { key: "fastestOrdersHarmed", label: "fastest: confirmed orders harmed (late, and later than planned)", unit: "count", better: "lower" },
    { key: "fastestDelayMinutes", label: "fastest: delay to confirmed orders, total", unit: "minutes", better: "lower" },
    { key: "fastestWeightedHarm", label: "fastest: weighted harm to confirmed orders", unit: "count", better: "lower" },
    { key: "replanPromise", label: "re-plan: rush orders complete", unit: "datetime", better: "lower" },
    { key: "replanRushLatenessMinutes", label: "re-plan: rush lateness (worst, − = early)", unit: "minutes", better: "lower" },
    { key: "replanWeightedHarm", label: "re-plan: weighted harm to confirmed orders", unit: "count", better: "lower" },
    { key: "replanChanges", label: "re-plan: operations changed", unit: "count", better: "lower" },
    { key: "protectPromise", label: "protect-confirmed: rush orders complete", unit: "datetime", better: "lower" },
    { key: "protectRushLatenessMinutes", label: "protect-confirmed: rush lateness (worst, − = early)", unit: "minutes", better: "lower" },
    { key: "protectDelayMinutes", label: "protect-confirmed: delay to confirmed orders, total", unit: "minutes", better: "lower" },
    { key: "tradeOffPlans", label: "plans in between (trade-off plans and re-plan)", unit: "count", better: "none" },
  ],
  extract(request, response) {
    const rushDue = new Map((request as InsertRequest).rushOrders.map((o) => [o.id, o.due]));
    const { options } = response as InsertResponse;
    const named = (name: string) => options.find((o) => o.name === name);
    const fastest = named("fastest");
    const replan = named("re-plan");
    const { replanDelayMinutes: _delay, ...replanFigures } = insertionFigures("replan", replan, rushDue);
    return {
      ...insertionFigures("fastest", fastest, rushDue),
      fastestOrdersHarmed: fastest?.ordersMadeLate ?? null,
      fastestWeightedHarm: fastest?.weightedHarm ?? null,
      ...replanFigures,
      replanWeightedHarm: replan?.weightedHarm ?? null,
      replanChanges: replan?.changes.count ?? null,
      ...insertionFigures("protect", named("protect-confirmed"), rushDue),
      tradeOffPlans: options.length === 0 ? null : options.filter((o) => o.name !== "fastest" && o.name !== "protect-confirmed").length,
    };
  },
};

/**
 * Over every reviewed request, changes and candidates alike: how many are accepted, counter-offered and
 * declined; how far the counter-offers lie past the requested dates (Σ promise − requested, elapsed
 * minutes); the latest promise among accepted ones; and what the accepted ones cost the other orders —
 * how many complete later and by how many minutes in total. Only acceptances enter the plan the next
 * request is reviewed against, so their impacts add up to the total delay against the current plan.
 */
const review: KpiExtractor = {
  definitions: [
    { key: "accepted", label: "requests accepted", unit: "count", better: "higher" },
    { key: "counterOffers", label: "requests counter-offered", unit: "count", better: "none" },
    { key: "declined", label: "requests declined", unit: "count", better: "lower" },
    { key: "counterOfferDelayMinutes", label: "counter-offers past the requested dates, total", unit: "minutes", better: "lower" },
    { key: "latestAcceptedPromise", label: "latest promise accepted", unit: "datetime", better: "none" },
    { key: "ordersDelayed", label: "other orders delayed by acceptances", unit: "count", better: "lower" },
    { key: "delayMinutes", label: "delay to other orders, total", unit: "minutes", better: "lower" },
  ],
  extract(_request, response) {
    const { changes, candidates } = response as ReviewResponse;
    const decisions = [...changes, ...candidates];
    const withDecision = (kind: ReviewDecision["decision"]) => decisions.filter((d) => d.decision === kind);
    const accepted = withDecision("accept");
    const counterOffers = withDecision("counter-offer");
    const othersImpact = accepted.flatMap((d) => d.impact.filter((i) => i.order !== d.order));
    return {
      accepted: accepted.length,
      counterOffers: counterOffers.length,
      declined: withDecision("decline").length,
      counterOfferDelayMinutes: counterOffers.reduce((sum, d) => sum + minutes(d.promise!) - minutes(d.requested), 0),
      latestAcceptedPromise: latest(accepted.map((d) => d.promise!)),
      ordersDelayed: new Set(othersImpact.map((i) => i.order)).size,
      delayMinutes: othersImpact.reduce((sum, i) => sum + i.delayMinutes, 0),
    };
  },
};

/** By capability command. */
export const kpiExtractors: Readonly<Record<string, KpiExtractor>> = { schedule, capacity, mrp, bottleneck, insert, review };

/** Scenario value minus base value, for numbers; null when either is missing or not a number. */
export function difference(value: KpiValue | undefined, base: KpiValue | undefined): number | null {
  return typeof value === "number" && typeof base === "number" ? value - base : null;
}
