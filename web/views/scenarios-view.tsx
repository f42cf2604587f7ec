/**
 * What-if scenarios: variations of the plant (more units or another calendar on a resource, demand scaled)
 * run as one /v1/scenarios batch; the KPI comparison side by side, each figure with its difference to the base.
 */
import { useEffect, useState } from "preact/hooks";
import { type ApiError, postJson, requestJson } from "../api.ts";
import { formatDateTime, formatDuration, formatNumber, formatShare } from "../format.ts";
import type { MessageKey, Translate } from "../i18n.ts";
import type { Plant } from "../model.ts";
import type { ScenarioState, ScenarioVariationDraft } from "../store.ts";
import { update, useAppState } from "../store.ts";
import { EditableRows, numberOrNull } from "./editable-rows.tsx";
import { ErrorBox } from "./job-progress.tsx";
import { NeedsPlant } from "./needs-plant.tsx";

type KpiUnit = "share" | "minutes" | "money" | "count" | "resource" | "datetime";
interface Batch {
  status: "pending" | "done";
  scenarios: Array<{ name: string; status: string }>;
  comparison: {
    kpis: Array<{ key: string; label: string; unit: KpiUnit; better: "higher" | "lower" | "none" }>;
    scenarios: Array<{ name: string; status: string; values: Record<string, number | string | null>; vsBase: Record<string, number | null> }>;
  } | null;
}

/** The KPIs' own names in the workbench's languages; a KPI new to this page shows the server's English label. */
const KPI_LABELS: Record<string, MessageKey> = {
  onTimeRate: "orders.onTimeRate",
  weightedTardiness: "plan.weightedTardiness",
  makespanMinutes: "plan.makespan",
  maxUtilization: "scenarios.kpi.maxUtilization",
  busiestResource: "scenarios.kpi.busiestResource",
  peakUtilization: "scenarios.kpi.peakUtilization",
  peakResource: "scenarios.kpi.peakResource",
  overloadMinutes: "scenarios.kpi.overloadMinutes",
  countermeasureCost: "scenarios.kpi.countermeasureCost",
  uncoveredMinutes: "scenarios.kpi.uncoveredMinutes",
};

/** The resource the plan keeps busiest. */
function busiest(utilization: Record<string, number> | undefined): string | undefined {
  return Object.entries(utilization ?? {}).sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** A first study: more demand, and two ways to relieve the bottleneck (the load view's, else the first resource). */
function defaultVariations(plant: Plant, bottleneck: string | undefined): ScenarioVariationDraft[] {
  const resource = plant.resources?.find((r) => r.id === bottleneck) ?? plant.resources?.[0];
  if (!resource) return [{ name: "+20 %", scaleDemand: 1.2, resource: "", units: null, calendar: "" }];
  const otherCalendar = plant.calendars?.find((c) => c.id !== resource.calendar)?.id;
  return [
    { name: "+20 %", scaleDemand: 1.2, resource: "", units: null, calendar: "" },
    ...(otherCalendar ? [{ name: `${resource.id}: ${otherCalendar}`, scaleDemand: null, resource: resource.id, units: null, calendar: otherCalendar }] : []),
    { name: `${resource.id} +1`, scaleDemand: null, resource: resource.id, units: (resource.units ?? 1) + 1, calendar: "" },
  ];
}

function variationOf(draft: ScenarioVariationDraft) {
  const change = { ...(draft.units ? { units: draft.units } : {}), ...(draft.calendar ? { calendar: draft.calendar } : {}) };
  return {
    name: draft.name,
    ...(draft.resource && Object.keys(change).length > 0 ? { patch: { resources: { [draft.resource]: change } } } : {}),
    ...(draft.scaleDemand ? { scaleDemand: draft.scaleDemand } : {}),
  };
}

export function ScenariosView({ t }: { t: Translate }) {
  const state = useAppState();
  const plant = state.plant?.model;
  const [error, setError] = useState<ApiError | null>(null);
  const scenarios: ScenarioState | null = plant ? (state.scenarios ?? { kind: "schedule", variations: defaultVariations(plant, state.capacity?.bottlenecks[0]?.resource ?? busiest(state.plan?.kpis?.utilization)), batchId: null, batch: null }) : null;
  const batch = scenarios?.batch as Batch | null;

  // Follow an unfinished batch (also after a reload) until its comparison is there.
  useEffect(() => {
    if (!scenarios?.batchId || batch?.status === "done") return;
    const timer = setInterval(async () => {
      try {
        const next = await requestJson<Batch>("GET", `/v1/scenarios/${scenarios.batchId}`);
        update((s) => (s.scenarios?.batchId === scenarios.batchId ? { scenarios: { ...s.scenarios, batch: next } } : {}));
      } catch (caught) {
        setError(caught as ApiError);
        update((s) => ({ scenarios: s.scenarios && { ...s.scenarios, batchId: null } }));
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [scenarios?.batchId, batch?.status]);

  if (!plant || !scenarios) return <NeedsPlant t={t} />;
  const edit = (change: Partial<ScenarioState>) => update({ scenarios: { ...scenarios, ...change } });
  const run = async () => {
    setError(null);
    try {
      const base = scenarios.kind === "schedule" ? { ...plant, options: { ...(plant.options ?? {}), timeLimitSeconds: Math.min(state.timeLimitSeconds, 5) } } : { ...plant, levers: plant.levers ?? { overtime: true } };
      const accepted = await postJson<{ id: string }>("/v1/scenarios", { kind: scenarios.kind, base, variations: scenarios.variations.map(variationOf), options: { label: "workbench" } });
      edit({ batchId: accepted.id, batch: null });
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  const running = Boolean(scenarios.batchId) && batch?.status !== "done";

  return (
    <section aria-labelledby="scenarios-title">
      <h2 id="scenarios-title">{t("scenarios.title")}</h2>
      <form
        class="card"
        data-testid="scenarios-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          {t("scenarios.kind")}{" "}
          <select value={scenarios.kind} onChange={(e) => edit({ kind: (e.currentTarget as HTMLSelectElement).value as ScenarioState["kind"] })}>
            <option value="schedule">{t("scenarios.kind.schedule")}</option>
            <option value="capacity">{t("scenarios.kind.capacity")}</option>
          </select>
        </label>
        <EditableRows
          t={t}
          rows={scenarios.variations}
          fields={[
            { label: "scenarios.name", kind: "text", required: true, get: (v) => v.name, set: (v, name) => ({ ...v, name }) },
            { label: "scenarios.scaleDemand", kind: "number", min: 0.01, get: (v) => v.scaleDemand, set: (v, x) => ({ ...v, scaleDemand: numberOrNull(x) || null }) },
            { label: "load.resource", kind: "choice", choices: [{ value: "" }, ...(plant.resources ?? []).map((r) => ({ value: r.id }))], get: (v) => v.resource, set: (v, resource) => ({ ...v, resource }) },
            { label: "plant.units", kind: "number", min: 1, get: (v) => v.units, set: (v, x) => ({ ...v, units: numberOrNull(x) || null }) },
            { label: "plant.calendar", kind: "choice", choices: [{ value: "" }, ...(plant.calendars ?? []).map((c) => ({ value: c.id }))], get: (v) => v.calendar, set: (v, calendar) => ({ ...v, calendar }) },
          ]}
          onChange={(variations) => edit({ variations })}
        />
        <div class="toolbar">
          <button type="button" onClick={() => edit({ variations: [...scenarios.variations, { name: `${t("scenarios.variation")} ${scenarios.variations.length + 1}`, scaleDemand: null, resource: "", units: null, calendar: "" }] })}>
            {t("scenarios.add")}
          </button>
          <button type="submit" class="primary" data-testid="scenarios-run" disabled={running}>
            {t("scenarios.run")}
          </button>
          {running && (
            <span class="muted" role="status">
              {t("scenarios.progress", { done: batch?.scenarios.filter((s) => ["done", "failed", "cancelled"].includes(s.status)).length ?? 0, total: scenarios.variations.length + 1 })}
            </span>
          )}
        </div>
        {error && <ErrorBox error={error} t={t} />}
      </form>
      {batch?.comparison && <Comparison t={t} comparison={batch.comparison} />}
    </section>
  );
}

function kpiValue(value: number | string | null | undefined, unit: KpiUnit, t: Translate): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return unit === "datetime" ? formatDateTime(value, t.lang) : value;
  if (unit === "minutes") return formatDuration(value, t.lang);
  return unit === "share" ? formatShare(value) : formatNumber(value, t.lang, unit === "money" ? 2 : 0);
}

function Comparison({ t, comparison }: { t: Translate; comparison: NonNullable<Batch["comparison"]> }) {
  return (
    <div class="card table-scroll">
      <table data-testid="scenario-comparison">
        <thead>
          <tr>
            <th>{t("scenarios.kpi")}</th>
            {comparison.scenarios.map((s) => (
              <th key={s.name} class="num">
                {s.name === "base" ? t("scenarios.base") : s.name}
                {s.status !== "done" && <span class="muted"> ({s.status})</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {comparison.kpis.map((kpi) => (
            <tr key={kpi.key}>
              <th scope="row">{KPI_LABELS[kpi.key] ? t(KPI_LABELS[kpi.key]!) : kpi.label}</th>
              {comparison.scenarios.map((s, i) => {
                const diff = s.vsBase[kpi.key];
                const better = diff === null || diff === undefined || diff === 0 || kpi.better === "none" ? "" : (diff > 0) === (kpi.better === "higher") ? "ok" : "bad";
                return (
                  <td key={s.name} class="num">
                    {kpiValue(s.values[kpi.key], kpi.unit, t)}
                    {i > 0 && diff !== null && diff !== undefined && diff !== 0 && (
                      <span class={better}> ({diff > 0 ? "+" : "−"}{kpi.unit === "share" ? `${Math.abs(diff * 100).toFixed(1)} pp` : kpi.unit === "minutes" ? formatDuration(Math.abs(diff), t.lang) : formatNumber(Math.abs(diff), t.lang, 2)})</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
