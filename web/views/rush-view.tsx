/**
 * Rush orders (紧急插单): the orders to insert, /v1/schedule/insert on the current plan, its options (re-plan
 * included) on a chart of promise against the confirmed orders' priority-weighted harm, each with its changes
 * and its impact list by priority; the one chosen becomes the current plan and its rush orders join the plant's orders.
 */
import { useState } from "preact/hooks";
import type { InsertResponse, PlanOption } from "../../src/insert.ts";
import { useChart } from "../charts.ts";
import { formatDateTime, formatDuration, formatMs, formatShare, localMs } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Plant } from "../model.ts";
import type { RushState } from "../store.ts";
import { update, useAppState } from "../store.ts";
import { EditableRows, orderFields } from "./editable-rows.tsx";
import { JobProgressBar, useJob } from "./job-progress.tsx";
import { NeedsPlant } from "./needs-plant.tsx";

type RushOrder = RushState["rushOrders"][number];
const DAY_MS = 86_400_000;
type Option = PlanOption;

function initialRush(plant: Plant): RushState {
  const now = plant.now ?? plant.planStart ?? new Date().toISOString().slice(0, 16);
  return { rushOrders: plant.rushOrders ?? [], now, frozenUntil: plant.frozenUntil ?? now, response: null, chosen: null };
}

/** The latest promise among the option's rush orders (when the whole rush is done). */
function promiseOf(option: Option): string {
  return Object.values(option.promise).sort().at(-1) ?? "";
}

export function RushView({ t }: { t: Translate }) {
  const state = useAppState();
  const job = useJob<InsertResponse>("insert", (outcome) => {
    const response = outcome.result;
    if (response) update((s) => (s.rush ? { rush: { ...s.rush, response, chosen: null } } : {}));
  });
  const plant = state.plant?.model;
  const [focus, setFocus] = useState<string | null>(null);
  if (!plant) return <NeedsPlant t={t} />;
  const rush = state.rush ?? initialRush(plant);
  const edit = (change: Partial<RushState>) => update({ rush: { ...rush, ...change } });
  const items = (plant.routings ?? []).map((r) => r.item);

  const insert = () => {
    edit({ response: null, chosen: null });
    return job.run("insert", {
      ...plant,
      ...(state.plan ? { schedule: { operations: state.plan.operations } } : {}),
      rushOrders: rush.rushOrders,
      now: rush.now,
      frozenUntil: rush.frozenUntil,
      // Each option's material projection with its ledger, for the Materials view once it is made the plan.
      options: { ...(plant.options ?? {}), materialLedger: true },
    });
  };
  const choose = (option: Option) => {
    const known = new Set((plant.orders ?? []).map((o) => o.id));
    update({
      plant: { ...state.plant!, model: { ...plant, orders: [...(plant.orders ?? []), ...rush.rushOrders.filter((o) => !known.has(o.id))] } },
      plan: {
        operations: option.schedule.operations,
        orders: option.schedule.orders,
        ...(option.schedule.materials !== undefined ? { materials: option.schedule.materials } : {}),
        kpis: option.kpis,
        status: "feasible",
        frozenUntil: rush.frozenUntil,
        source: { kind: "rush", option: option.name, answer: rush.response! },
        madeAt: new Date().toISOString(),
      },
      rush: { ...rush, chosen: option.name },
      capacity: null,
    });
  };

  const options = (rush.response?.options ?? []) as Option[];
  return (
    <section aria-labelledby="rush-title">
      <h2 id="rush-title">{t("rush.title")}</h2>
      <form
        class="card"
        data-testid="rush-form"
        onSubmit={(e) => {
          e.preventDefault();
          void insert();
        }}
      >
        <p class="muted">{state.plan ? t("rush.intoPlan") : t("rush.noPlan")}</p>
        <EditableRows
          t={t}
          rows={rush.rushOrders}
          fields={[...orderFields<RushOrder>(items, "orders.due"), { label: "orders.customer", kind: "text", get: (o) => o.customer ?? "", set: (o, customer) => ({ ...o, customer }) }]}
          onChange={(rushOrders) => edit({ rushOrders })}
        />
        <div class="toolbar">
          <button
            type="button"
            onClick={() =>
              edit({ rushOrders: [...rush.rushOrders, { id: `RUSH-${rush.rushOrders.length + 1}`, item: items[0] ?? "", quantity: 10, due: rush.now, priority: 1 }] })
            }
          >
            {t("rush.add")}
          </button>
          <label>
            {t("rush.now")} <input type="datetime-local" value={rush.now} onChange={(e) => edit({ now: (e.currentTarget as HTMLInputElement).value })} />
          </label>
          <label>
            {t("gantt.frozenUntil")} <input type="datetime-local" value={rush.frozenUntil} onChange={(e) => edit({ frozenUntil: (e.currentTarget as HTMLInputElement).value })} />
          </label>
          <button type="submit" class="primary" data-testid="rush-insert" disabled={job.running || rush.rushOrders.length === 0}>
            {t("rush.insert")}
          </button>
          <JobProgressBar job={job} expectedMs={5000} t={t} />
        </div>
      </form>
      {rush.response && (
        <div data-testid="rush-options">
          {rush.response.status === "infeasible" && <p class="error">{rush.response.reason}</p>}
          {options.length > 0 && <OptionsChart t={t} options={options} focus={focus} onFocus={setFocus} />}
          <div class="options">
            {options.map((option) => (
              <OptionCard key={option.name} t={t} option={option} chosen={rush.chosen === option.name} focused={focus === option.name} onChoose={() => choose(option)} />
            ))}
          </div>
        </div>
      )}
    </section>
  );
}

function OptionsChart({ t, options, focus, onFocus }: { t: Translate; options: Option[]; focus: string | null; onFocus(name: string): void }) {
  const { box } = useChart(
    t.lang,
    (chart) => {
      const points = options.map((o) => ({ name: o.name, value: [localMs(promiseOf(o)), o.weightedHarm, o.changes.count], symbolSize: o.name === focus ? 18 : 12 }));
      chart.off("click");
      chart.on("click", (event) => onFocus((event as { name: string }).name));
      chart.setOption(
        {
          animation: false,
          useUTC: true,
          aria: { enabled: true },
          grid: { left: 56, right: 24, top: 24, bottom: 48 },
          tooltip: {
            trigger: "item",
            formatter: (p: unknown) => {
              const { name, value } = p as { name: string; value: number[] };
              return `${name}<br>${formatMs(value[0]!, t.lang)} · ${t("rush.weightedHarmValue", { value: value[1]! })} · ${t("rush.changes", { count: value[2]! })}`;
            },
          },
          xAxis: {
            type: "time",
            name: t("rush.promise"),
            nameLocation: "middle",
            nameGap: 28,
            // A day of room on the left and three on the right, where the last option's name is written.
            min: Math.min(...points.map((p) => p.value[0]!)) - DAY_MS,
            max: Math.max(...points.map((p) => p.value[0]!)) + 3 * DAY_MS,
            axisLabel: { color: "#1f2937", hideOverlap: true, formatter: (ms: number) => formatMs(ms, t.lang, "date") },
          },
          yAxis: { type: "value", name: t("rush.weightedHarm"), minInterval: 1, axisLabel: { color: "#1f2937" } },
          series: [
            { type: "line", data: [...points].sort((a, b) => a.value[0]! - b.value[0]!).map((p) => p.value), symbol: "none", lineStyle: { color: "#9ca3af", type: "dashed" }, silent: true },
            { type: "scatter", data: points, itemStyle: { color: "#2c6ea8" }, label: { show: true, formatter: "{b}", position: "right", color: "#111827" } },
          ],
        },
        { notMerge: true },
      );
    },
    [options, focus],
  );
  return (
    <div class="card">
      <h3>{t("rush.tradeOff")}</h3>
      <div ref={box} class="chart" role="img" aria-label={t("rush.tradeOff")} />
    </div>
  );
}

function OptionCard({ t, option, chosen, focused, onChoose }: { t: Translate; option: Option; chosen: boolean; focused: boolean; onChoose(): void }) {
  return (
    <article class={`card option${chosen ? " chosen" : ""}${focused ? " focused" : ""}`} data-option={option.name} aria-label={option.name}>
      <h3>{option.name}</h3>
      <ul class="facts">
        {Object.entries(option.promise).map(([order, promise]) => (
          <li key={order}>
            {t("rush.promiseOf", { order })}: <b>{formatDateTime(promise, t.lang)}</b>
          </li>
        ))}
        <li>{t("rush.ordersMadeLate", { count: option.ordersMadeLate })}</li>
        <li data-testid="option-harm">{t("rush.weightedHarmValue", { value: option.weightedHarm })}</li>
        <li data-testid="option-changes">{t("rush.changes", { count: option.changes.count })}</li>
        <li>{t("rush.moved", { count: option.movedOperations })}</li>
        <li>
          {t("orders.onTimeRate")}: {formatShare(option.kpis.onTimeRate)}
        </li>
      </ul>
      {option.impact.length > 0 && (
        <details>
          <summary>{t("rush.impact", { count: option.impact.length })}</summary>
          <table>
            <thead>
              <tr>
                <th>{t("orders.order")}</th>
                <th>{t("rush.priority")}</th>
                <th>{t("rush.before")}</th>
                <th>{t("rush.after")}</th>
                <th>{t("rush.delay")}</th>
                <th>{t("rush.harm")}</th>
              </tr>
            </thead>
            <tbody>
              {option.impact.map((i) => (
                <tr key={i.order} class={i.becameLate ? "late" : undefined}>
                  <td>{i.order}</td>
                  <td class="num">{i.priority}</td>
                  <td>{formatDateTime(i.before, t.lang)}</td>
                  <td>{formatDateTime(i.after, t.lang)}</td>
                  <td>
                    {formatDuration(i.delayMinutes, t.lang)}
                    {i.becameLate && <span class="bad"> · {t("rush.becameLate")}</span>}
                  </td>
                  <td>{i.harmMinutes > 0 ? formatDuration(i.harmMinutes, t.lang) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      <button type="button" class={chosen ? undefined : "primary"} data-testid="choose-option" disabled={chosen} onClick={onChoose}>
        {chosen ? t("rush.isPlan") : t("rush.choose")}
      </button>
    </article>
  );
}
