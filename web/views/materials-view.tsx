/**
 * Materials (物料): the current plan's material projection (issue 14, /v1/schedule's `materials` with its
 * ledger): per item the stock on hand, receipts, consumption by operations and production; the chosen
 * item's projected stock over time as a step line with its receipts, lowest point and shortages; the orders
 * that wait for it (web/material-waits.ts) and the orders left out for lack of it.
 */
import { useMemo, useState } from "preact/hooks";
import type { MaterialProjection } from "../../src/material.ts";
import { useChart } from "../charts.ts";
import { formatDateTime, formatDuration, formatNumber, localMs } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { MaterialWait } from "../material-waits.ts";
import { ordersWaitingFor } from "../material-waits.ts";
import type { Plan } from "../model.ts";
import { lateCause } from "../cause.ts";
import { useAppState } from "../store.ts";
import { NeedsPlant } from "./needs-plant.tsx";
import type { Column } from "./paged-table.tsx";
import { PagedTable } from "./paged-table.tsx";
import "./material-views.css";

const BALANCE_COLOUR = "#2c6ea8";
const RECEIPT_COLOUR = "#166534";
const SHORT_COLOUR = "#c0392b";

type LedgerEntry = NonNullable<MaterialProjection["ledger"]>[number];

export function MaterialsView({ t }: { t: Translate }) {
  const state = useAppState();
  const plant = state.plant?.model;
  const plan = state.plan;
  const materials = plan?.materials;
  const waits = useMemo(() => new Map((materials ?? []).map((m) => [m.item, ordersWaitingFor(m, plan!.orders)])), [materials, plan]);
  const [selected, setSelected] = useState<string | null>(null);
  if (!plant) return <NeedsPlant t={t} />;
  if (!plan) return <p class="card">{t("plan.none")}</p>;

  const title = <h2 id="materials-title">{t("materials.title")}</h2>;
  if (!materials)
    return (
      <section aria-labelledby="materials-title">
        {title}
        <p class="card">
          {t("materials.noProjection")} <a href="#plan">{t("nav.plan")}</a>
        </p>
      </section>
    );
  if (materials.length === 0)
    return (
      <section aria-labelledby="materials-title">
        {title}
        <p class="card">{t("materials.unconstrained")}</p>
      </section>
    );
  // First look: the item most orders wait for (ties: the first listed).
  const busiest = [...materials].sort((a, b) => (waits.get(b.item)?.length ?? 0) - (waits.get(a.item)?.length ?? 0))[0]!;
  const item = materials.find((m) => m.item === selected) ?? busiest;
  const names = new Map((plant.items ?? []).map((i) => [i.id, i.name ?? ""]));
  return (
    <section aria-labelledby="materials-title">
      {title}
      <ItemsTable t={t} materials={materials} waits={waits} names={names} selected={item.item} onSelect={setSelected} />
      <StockChart t={t} projection={item} plan={plan} planStart={plant.planStart ?? ""} />
      <Waiting t={t} item={item.item} waits={waits.get(item.item) ?? []} plan={plan} />
      {item.shortages.length > 0 && <Shortages t={t} projection={item} />}
      <Ledger t={t} projection={item} />
    </section>
  );
}

function ItemsTable({ t, materials, waits, names, selected, onSelect }: { t: Translate; materials: MaterialProjection[]; waits: Map<string, MaterialWait[]>; names: Map<string, string>; selected: string; onSelect(item: string): void }) {
  const columns: ReadonlyArray<Column<MaterialProjection>> = [
    {
      label: "materials.item",
      value: (m) => m.item,
      render: (m) => (
        <>
          <button type="button" class="link" aria-pressed={m.item === selected} onClick={() => onSelect(m.item)}>
            {m.item}
          </button>{" "}
          <span class="muted">{names.get(m.item)}</span>
        </>
      ),
    },
    { label: "materials.onHand", value: (m) => m.onHand, numeric: true },
    { label: "materials.received", value: (m) => m.received, numeric: true },
    { label: "materials.consumed", value: (m) => m.consumed, numeric: true },
    { label: "materials.produced", value: (m) => m.produced, numeric: true },
    { label: "materials.endBalance", value: (m) => m.endBalance, numeric: true },
    { label: "materials.lowest", value: (m) => m.lowestBalance, numeric: true, render: (m) => `${formatNumber(m.lowestBalance, t.lang, 2)} (${formatDateTime(m.lowestAt, t.lang)})` },
    { label: "materials.shortages", value: (m) => m.shortages.length, numeric: true, render: (m) => <span class={m.shortages.length ? "bad" : undefined}>{m.shortages.length}</span> },
    { label: "materials.waiting", value: (m) => waits.get(m.item)?.length ?? 0, numeric: true },
  ];
  return (
    <div class="card">
      <h3>{t("materials.items")}</h3>
      <PagedTable
        t={t}
        rows={materials}
        columns={columns}
        testId="materials-table"
        label={t("materials.items")}
        rowKey={(m) => m.item}
        rowAttributes={(m) => ({ "data-item": m.item, class: m.item === selected ? "selected" : undefined })}
      />
    </div>
  );
}

/** The step line's points: the stock at the plan start, every change, and the end balance held to the plan's end. */
function stockSteps(projection: MaterialProjection, planStart: string, planEnd: number): Array<[number, number]> {
  const points: Array<[number, number]> = [[localMs(planStart), projection.onHand]];
  for (const entry of projection.ledger ?? []) points.push([localMs(entry.at), entry.balance]);
  const last = points.at(-1)!;
  if (planEnd > last[0]) points.push([planEnd, last[1]]);
  return points.filter(([at]) => !Number.isNaN(at));
}

function StockChart({ t, projection, plan, planStart }: { t: Translate; projection: MaterialProjection; plan: Plan; planStart: string }) {
  const label = t("materials.chartTitle", { item: projection.item });
  const { box } = useChart(
    t.lang,
    (chart) => {
      const planEnd = Math.max(...plan.operations.map((o) => localMs(o.end)).filter((ms) => !Number.isNaN(ms)), localMs(planStart));
      const receipts = (projection.ledger ?? []).filter((e) => e.receipt !== undefined);
      chart.setOption(
        {
          animation: false,
          aria: { enabled: true },
          legend: { top: 0, textStyle: { color: "#1f2937" } },
          tooltip: { trigger: "axis" },
          grid: { left: 64, right: 24, top: 36, bottom: 40 },
          xAxis: { type: "time", axisLabel: { color: "#1f2937" } },
          yAxis: { type: "value", name: t("materials.balance"), axisLabel: { color: "#1f2937" } },
          series: [
            {
              name: t("materials.balance"),
              type: "line",
              step: "end",
              symbol: "none",
              lineStyle: { color: BALANCE_COLOUR, width: 2 },
              itemStyle: { color: BALANCE_COLOUR },
              areaStyle: { color: "#2c6ea833" },
              data: stockSteps(projection, planStart, planEnd),
              markLine: {
                symbol: "none",
                label: { color: SHORT_COLOUR, formatter: "{b}" },
                lineStyle: { color: SHORT_COLOUR, type: "dashed" },
                data: projection.shortages.map((s) => ({ name: t("materials.shortageAt", { order: s.order, quantity: formatNumber(s.quantity, t.lang, 2) }), xAxis: localMs(s.neededBy) })),
              },
            },
            {
              name: t("materials.receipt"),
              type: "scatter",
              symbol: "triangle",
              symbolSize: 12,
              itemStyle: { color: RECEIPT_COLOUR },
              data: receipts.map((e) => ({ value: [localMs(e.at), e.balance], name: e.receipt })),
            },
            {
              name: t("materials.lowestPoint"),
              type: "scatter",
              symbolSize: 12,
              itemStyle: { color: SHORT_COLOUR },
              label: { show: true, position: "top", color: SHORT_COLOUR, formatter: () => formatNumber(projection.lowestBalance, t.lang, 2) },
              data: [[localMs(projection.lowestAt), projection.lowestBalance]],
            },
          ],
        },
        { notMerge: true },
      );
    },
    [projection, plan, planStart],
  );
  return (
    <div class="card">
      <h3>{label}</h3>
      <div ref={box} class="chart" data-testid="materials-chart" data-item={projection.item} role="img" aria-label={label} />
    </div>
  );
}

function Waiting({ t, item, waits, plan }: { t: Translate; item: string; waits: MaterialWait[]; plan: Plan }) {
  const orders = useMemo(() => new Map(plan.orders.map((o) => [o.id, o])), [plan]);
  const columns: ReadonlyArray<Column<MaterialWait>> = [
    { label: "materials.order", value: (w) => w.order },
    { label: "materials.need", value: (w) => w.need, numeric: true },
    { label: "materials.start", value: (w) => w.takenAt, render: (w) => formatDateTime(w.takenAt, t.lang) },
    { label: "materials.availableFrom", value: (w) => w.availableFrom, render: (w) => formatDateTime(w.availableFrom, t.lang) },
    { label: "materials.waited", value: (w) => w.waitedMinutes, numeric: true, render: (w) => formatDuration(w.waitedMinutes, t.lang) },
    { label: "materials.cause", value: (w) => lateCause(orders.get(w.order)!, t) ?? "", render: (w) => <span class="bad">{lateCause(orders.get(w.order)!, t) ?? ""}</span> },
  ];
  return (
    <div class="card">
      <h3>{t("materials.waitingTitle", { item })}</h3>
      <p class="muted">{t("materials.waitingHint")}</p>
      {waits.length === 0 ? (
        <p data-testid="materials-waiting">{t("materials.noneWaiting", { item })}</p>
      ) : (
        <PagedTable t={t} rows={waits} columns={columns} testId="materials-waiting" label={t("materials.waitingTitle", { item })} rowKey={(w) => w.order} rowAttributes={(w) => ({ "data-order": w.order })} />
      )}
    </div>
  );
}

function Shortages({ t, projection }: { t: Translate; projection: MaterialProjection }) {
  return (
    <div class="card">
      <h3 class="bad">{t("materials.shortTitle", { item: projection.item })}</h3>
      <table data-testid="materials-shortages">
        <thead>
          <tr>
            <th>{t("materials.order")}</th>
            <th class="num">{t("mrp.quantity")}</th>
            <th>{t("materials.neededBy")}</th>
          </tr>
        </thead>
        <tbody>
          {projection.shortages.map((s) => (
            <tr key={s.order} data-order={s.order}>
              <td>{s.order}</td>
              <td class="num">{formatNumber(s.quantity, t.lang, 2)}</td>
              <td>{formatDateTime(s.neededBy, t.lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Ledger({ t, projection }: { t: Translate; projection: MaterialProjection }) {
  const ledger = projection.ledger ?? [];
  const columns: ReadonlyArray<Column<LedgerEntry>> = [
    { label: "materials.at", value: (e) => e.at, render: (e) => formatDateTime(e.at, t.lang) },
    { label: "materials.change", value: (e) => e.change, numeric: true, render: (e) => `${e.change > 0 ? "+" : ""}${formatNumber(e.change, t.lang, 2)}` },
    { label: "materials.balance", value: (e) => e.balance, numeric: true },
    { label: "materials.what", value: (e) => e.order ?? e.receipt ?? "" },
  ];
  return (
    <details class="card ledger">
      <summary>
        <h3>{t("materials.ledger", { item: projection.item, count: ledger.length })}</h3>
      </summary>
      <PagedTable t={t} rows={ledger} columns={columns} testId="materials-ledger" label={t("materials.ledger", { item: projection.item, count: ledger.length })} rowKey={(e) => `${e.at}/${e.order ?? e.receipt ?? ""}/${e.change}/${e.balance}`} />
    </details>
  );
}
