/**
 * Load against capacity (产能评估) from /v1/capacity: per resource and bucket the load, the available
 * capacity and the overload, a chart of one resource at a time, the bottlenecks, and the countermeasure
 * plan with its cost.
 */
import { useEffect, useState } from "preact/hooks";
import type { CapacityResponse } from "../../src/capacity.ts";
import { useChart } from "../charts.ts";
import { formatMs, formatNumber, formatShare, localMs } from "../format.ts";
import type { MessageKey, Translate } from "../i18n.ts";
import type { Plant } from "../model.ts";
import { getState, update, useAppState } from "../store.ts";
import { JobProgressBar, useJob } from "./job-progress.tsx";
import { NeedsPlant } from "./needs-plant.tsx";

/** The plant's buckets, or the four weeks from its plan start. */
function capacityRequest(plant: Plant): Plant {
  const start = (plant.planStart ?? new Date().toISOString()).slice(0, 10);
  return { ...plant, buckets: plant.buckets ?? { start, size: "week", count: 4 }, levers: plant.levers ?? { overtime: true } };
}

const LEVERS: ReadonlyArray<readonly [string, MessageKey]> = [
  ["overtime", "load.lever.overtime"],
  ["alternates", "load.lever.alternates"],
  ["buildAhead", "load.lever.buildAhead"],
  ["latenessCostPerBucket", "load.lever.defer"],
  ["outsourceCostPerMinute", "load.lever.outsource"],
];

const ACTION_LABELS = {
  overtime: "load.kind.overtime",
  alternate: "load.kind.alternate",
  "build-ahead": "load.kind.buildAhead",
  outsource: "load.kind.outsource",
  defer: "load.kind.defer",
} as const satisfies Record<string, MessageKey>;

export function LoadView({ t }: { t: Translate }) {
  const state = useAppState();
  const job = useJob<CapacityResponse>("capacity", (outcome) => outcome.result && update({ capacity: outcome.result }));
  const plant = state.plant?.model;
  const report = state.capacity;
  const [selected, setSelected] = useState<string | null>(null);
  const assess = () => plant && job.run("capacity", capacityRequest(plant));
  useEffect(() => {
    // A first look assesses at once, unless an assessment is already under way (perhaps from before a reload).
    if (plant && !report && !job.running && !getState().runningJobs.capacity) void assess();
  }, [plant, report]);
  if (!plant) return <NeedsPlant t={t} />;

  const resource = selected ?? report?.bottlenecks[0]?.resource ?? report?.resources[0]?.id ?? null;
  const levers = capacityRequest(plant).levers ?? {};
  const used = LEVERS.filter(([key]) => {
    const value = (levers as Record<string, unknown>)[key];
    return value === true || (typeof value === "number" && value >= 0) || (typeof value === "object" && value !== null && Object.keys(value).length > 0);
  });
  return (
    <section aria-labelledby="load-title">
      <h2 id="load-title">{t("load.title")}</h2>
      <div class="toolbar">
        <button type="button" class="primary" data-testid="assess-capacity" disabled={job.running} onClick={() => void assess()}>
          {t("load.assess")}
        </button>
        <JobProgressBar job={job} expectedMs={2000} t={t} />
      </div>
      {report && (
        <>
          <LoadTable t={t} report={report} selected={resource} onSelect={setSelected} />
          {resource && <LoadChart t={t} report={report} resource={resource} />}
          <Countermeasures t={t} report={report} levers={used.map(([, label]) => t(label))} />
        </>
      )}
    </section>
  );
}

function bucketLabel(t: Translate, start: string, index: number): string {
  return `${t("load.bucket", { n: index + 1 })} ${formatMs(localMs(start), t.lang, "date")}`;
}

function LoadTable({ t, report, selected, onSelect }: { t: Translate; report: CapacityResponse; selected: string | null; onSelect(resource: string): void }) {
  const ranks = new Map(report.bottlenecks.map((b, i) => [b.resource, i + 1]));
  return (
    <div class="table-scroll card">
      <table class="load-table">
        <caption>{t("load.tableCaption")}</caption>
        <thead>
          <tr>
            <th>{t("load.resource")}</th>
            {report.buckets.map((b) => (
              <th key={b.index}>{bucketLabel(t, b.start, b.index)}</th>
            ))}
            <th>{t("load.rank")}</th>
          </tr>
        </thead>
        <tbody>
          {report.resources.map((r) => (
            <tr key={r.id} aria-selected={r.id === selected}>
              <th scope="row">
                <button type="button" class="link" onClick={() => onSelect(r.id)} aria-pressed={r.id === selected}>
                  {r.id}
                </button>
              </th>
              {r.buckets.map((b, i) => (
                <td key={i} class={`util ${b.overloadMinutes > 0 ? "over" : (b.utilization ?? 0) > 0.85 ? "high" : ""}`} data-overload={b.overloadMinutes > 0 ? String(b.overloadMinutes) : undefined}>
                  {b.utilization === null ? (b.loadMinutes > 0 ? t("load.noCapacity") : "—") : formatShare(b.utilization)}
                  {b.overloadMinutes > 0 && <span class="overload"> ▲ {t("load.overloadMinutes", { minutes: formatNumber(b.overloadMinutes, t.lang) })}</span>}
                </td>
              ))}
              <td class="num">{ranks.get(r.id) ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LoadChart({ t, report, resource }: { t: Translate; report: CapacityResponse; resource: string }) {
  const { box } = useChart(
    t.lang,
    (chart) => {
      const r = report.resources.find((x) => x.id === resource);
      if (!r) return;
      const after = report.countermeasures?.after.find((a) => a.resource === resource);
      const hours = (minutes: number) => Math.round(minutes / 6) / 10;
      chart.setOption(
        {
          animation: false,
          aria: { enabled: true },
          title: { show: false },
          legend: { top: 0, textStyle: { color: "#1f2937" } },
          tooltip: { trigger: "axis" },
          grid: { left: 56, right: 16, top: 36, bottom: 32 },
          xAxis: { type: "category", data: report.buckets.map((b) => bucketLabel(t, b.start, b.index)), axisLabel: { color: "#1f2937" } },
          yAxis: { type: "value", name: t("load.hours"), axisLabel: { color: "#1f2937" } },
          series: [
            { name: t("load.loadWithin"), type: "bar", stack: "load", itemStyle: { color: "#2c6ea8" }, data: r.buckets.map((b) => hours(b.loadMinutes - b.overloadMinutes)) },
            { name: t("load.overload"), type: "bar", stack: "load", itemStyle: { color: "#c0392b" }, data: r.buckets.map((b) => hours(b.overloadMinutes)) },
            { name: t("load.available"), type: "line", step: "middle", symbol: "none", lineStyle: { color: "#111827", width: 2 }, itemStyle: { color: "#111827" }, data: r.buckets.map((b) => hours(b.availableMinutes)) },
            ...(after
              ? [{ name: t("load.availableAfter"), type: "line" as const, step: "middle" as const, symbol: "none", lineStyle: { color: "#b45f06", width: 2, type: "dashed" as const }, itemStyle: { color: "#b45f06" }, data: after.availableMinutes.map(hours) }]
              : []),
          ],
        },
        { notMerge: true },
      );
    },
    [report, resource],
  );
  return (
    <div class="card">
      <h3>{t("load.chartTitle", { resource })}</h3>
      <div ref={box} class="chart" data-testid="load-chart" role="img" aria-label={t("load.chartTitle", { resource })} />
    </div>
  );
}

function Countermeasures({ t, report, levers }: { t: Translate; report: CapacityResponse; levers: string[] }) {
  const plan = report.countermeasures;
  const bucket = (i: number) => (report.buckets[i] ? bucketLabel(t, report.buckets[i]!.start, i) : String(i));
  return (
    <div class="card">
      <h3>{t("load.countermeasures")}</h3>
      <p class="muted">{t("load.levers", { levers: levers.join(", ") || "—" })}</p>
      {!plan ? (
        <p>{t("load.noLevers")}</p>
      ) : (
        <>
          <p data-testid="countermeasure-cost">
            {t("load.totalCost", { cost: formatNumber(plan.totalCost, t.lang, 2) })} · {t("load.status", { status: plan.status })}
          </p>
          {plan.actions.length === 0 ? (
            <p>{t("load.noActions")}</p>
          ) : (
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th>{t("load.action")}</th>
                    <th>{t("load.resource")}</th>
                    <th>{t("load.when")}</th>
                    <th>{t("load.minutes")}</th>
                    <th>{t("load.detail")}</th>
                    <th>{t("load.cost")}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.actions.map((a, i) => (
                    <tr key={i}>
                      <td>{t(ACTION_LABELS[a.kind])}</td>
                      <td>{a.resource}</td>
                      <td>{bucket(a.bucket)}</td>
                      <td class="num">{formatNumber(a.minutes, t.lang, 1)}</td>
                      <td>{[a.order, a.item, a.operation, a.toResource && `→ ${a.toResource}`, a.toBucket !== undefined && `→ ${bucket(a.toBucket)}`].filter(Boolean).join(" ")}</td>
                      <td class="num">{formatNumber(a.cost, t.lang, 2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {plan.uncovered.length > 0 && (
            <p class="bad">
              {t("load.uncovered")}: {plan.uncovered.map((u) => `${u.resource} ${bucket(u.bucket)} ${formatNumber(u.minutes, t.lang)} min`).join("; ")}
            </p>
          )}
        </>
      )}
    </div>
  );
}
