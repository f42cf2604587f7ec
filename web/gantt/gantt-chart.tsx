/**
 * The plan as a Gantt on an ECharts canvas: a custom series draws one bar per operation (changeover and setup
 * as darker and lighter parts at its start), another the non-working time of each row's calendar; the plan
 * start and the frozen fence are lines. Zoom and pan with the wheel, dragging, the slider, the preset
 * buttons or the keyboard (← → pan, + − zoom). Since a canvas has no elements, an off-screen list carries one
 * entry per bar (`data-testid="gantt-bar"`) for screen readers and tests.
 */
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, CustomSeriesRenderItemReturn } from "echarts";
import { useMemo, useRef } from "preact/hooks";
import { useChart } from "../charts.ts";
import { formatDuration, formatMs, localMs } from "../format.ts";
import type { Lang, Translate } from "../i18n.ts";
import type { Plan, Plant } from "../model.ts";
import { ordersById } from "../model.ts";
import type { BarState, GanttModel } from "./gantt-model.ts";

/** Bar colours, chosen to stay apart for colour-blind readers and to carry white text at 4.5:1. */
export const BAR_COLOURS: Record<BarState, string> = {
  "on-time": "#2c6ea8",
  late: "#c0392b",
  running: "#b45f06",
  frozen: "#4b5563",
  other: "#7046a8",
};
export const CLOSED_COLOUR = "#e6e9ee";
export const STATE_LABELS = { "on-time": "state.onTime", late: "state.late", running: "state.running", frozen: "state.frozen", other: "state.other" } as const;
const MS = 60_000;
const MIN_SPAN_MS = 2 * 60 * MS;
/** Rows shown at once; more scroll with the slider on the right. */
const VISIBLE_ROWS = 24;
const ZOOMS = [
  ["zoom.shift", 8 * 60],
  ["zoom.day", 24 * 60],
  ["zoom.week", 7 * 24 * 60],
  ["zoom.month", 31 * 24 * 60],
] as const;

interface Props {
  model: GanttModel;
  plan: Plan;
  plant: Plant;
  lang: Lang;
  t: Translate;
  highlight: string | null;
  onHighlight(order: string | null): void;
  frozenUntil: number | null;
}

interface ZoomWindow {
  dataZoomId?: string;
  start?: number;
  end?: number;
  startValue?: number;
  endValue?: number;
}
type ZoomEvent = ZoomWindow & { batch?: ZoomWindow[] };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function rowLabel(row: { resource: string; unit: number; units: number }): string {
  return row.units > 1 ? `${row.resource} · ${row.unit + 1}` : row.resource;
}

export function GanttChart({ model, plan, plant, lang, t, highlight, onHighlight, frozenUntil }: Props) {
  /** The x window shown (epoch ms) and the first and last row, kept across redraws. */
  const view = useRef({ start: 0, end: 0, firstRow: 0, lastRow: VISIBLE_ROWS - 1 });
  const orders = useMemo(() => ordersById(plant), [plant]);

  const { box, chart } = useChart(
    lang,
    (instance) => {
      performance.mark("takt:gantt-start");
      instance.off("finished");
      instance.on("finished", () => {
        instance.off("finished");
        performance.measure("takt:gantt-render", "takt:gantt-start");
      });
      instance.off("datazoom");
      instance.on("datazoom", (event) => followZoom(event as ZoomEvent));
      instance.off("click");
      instance.on("click", (event) => {
        const p = event as { seriesId?: string; value?: number[] };
        if (p.seriesId === "ops" && p.value) onHighlight(plan.operations[p.value[5]!]!.order);
      });
      instance.setOption(ganttOption(), { notMerge: true });
    },
    [model, highlight, frozenUntil],
  );

  /** Keeps the window a zoom or pan chose, from percentages of the axis or values. */
  function followZoom(event: ZoomEvent) {
    for (const zoom of event.batch ?? [event]) {
      if (zoom.dataZoomId === "y-slider") {
        const span = model.rows.length - 1;
        view.current.firstRow = zoom.startValue ?? Math.round(((zoom.start ?? 0) / 100) * span);
        view.current.lastRow = zoom.endValue ?? Math.round(((zoom.end ?? 100) / 100) * span);
      } else {
        const [from, to] = [model.from * MS, model.to * MS];
        view.current.start = zoom.startValue ?? from + ((to - from) * (zoom.start ?? 0)) / 100;
        view.current.end = zoom.endValue ?? from + ((to - from) * (zoom.end ?? 100)) / 100;
      }
    }
  }

  function ganttOption() {
    const { rows, bars, closed, from, to } = model;
    const planStart = plant.planStart ? localMs(plant.planStart) : Number.NaN;
    if (view.current.end === 0) {
      // First look: the week from the plan start (two hours before it, so the line is in view).
      const first = Number.isNaN(planStart) ? from * MS : planStart - 120 * MS;
      view.current = { ...view.current, start: first, end: Math.min(to * MS, first + 7 * 1440 * MS) };
    }
    const barOf = new Map(bars.map((b) => [b.index, b]));
    const marks = [
      ...(Number.isNaN(planStart) ? [] : [{ xAxis: planStart, name: t("gantt.planStart"), lineStyle: { color: "#1f2937", type: "solid" as const, width: 2 } }]),
      ...(frozenUntil === null ? [] : [{ xAxis: frozenUntil * MS, name: t("gantt.frozenUntil"), lineStyle: { color: "#4b5563", type: "dashed" as const, width: 2 } }]),
    ];

    const renderOp = (_params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn => {
      const row = api.value(0) as number;
      const start = api.value(1) as number;
      const [x0, y] = api.coord([start, row]) as [number, number];
      const [x1] = api.coord([api.value(2), row]) as [number, number];
      const height = (api.size!([0, 1]) as number[])[1]! * 0.62;
      const bar = barOf.get(api.value(5) as number)!;
      const dimmed = highlight !== null && bar.order !== highlight;
      const top = y - height / 2;
      const main = {
        type: "rect" as const,
        shape: { x: x0, y: top, width: Math.max(x1 - x0, 1), height },
        style: { fill: BAR_COLOURS[bar.state], opacity: dimmed ? 0.18 : 1, ...(highlight !== null && !dimmed ? { stroke: "#111827", lineWidth: 2 } : {}) },
      };
      const setupEnd = api.value(4) as number;
      if (setupEnd <= start || dimmed) return main;
      const [xc] = api.coord([api.value(3), row]) as [number, number];
      const [xs] = api.coord([setupEnd, row]) as [number, number];
      return {
        type: "group",
        children: [
          main,
          // Setup: the bar's colour lightened; the changeover before it darkened (both at the start, as booked).
          { type: "rect", shape: { x: xc, y: top, width: Math.max(xs - xc, 0), height }, style: { fill: "#ffffff", opacity: 0.45 } },
          { type: "rect", shape: { x: x0, y: top, width: Math.max(xc - x0, 0), height }, style: { fill: "#000000", opacity: 0.5 } },
        ],
      };
    };
    const renderClosed = (_params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn => {
      const [x0, yFirst] = api.coord([api.value(1), api.value(0)]) as [number, number];
      const [x1, yLast] = api.coord([api.value(2), api.value(3)]) as [number, number];
      const band = (api.size!([0, 1]) as number[])[1]!;
      return { type: "rect", shape: { x: x0, y: yFirst - band / 2, width: Math.max(x1 - x0, 0.5), height: yLast - yFirst + band }, style: { fill: CLOSED_COLOUR } };
    };

    const scrollRows = rows.length > VISIBLE_ROWS;
    return {
      animation: false,
      useUTC: true,
      aria: { enabled: true, label: { description: t("gantt.aria", { operations: bars.length, rows: rows.length }) } },
      grid: { left: 96, right: scrollRows ? 40 : 16, top: 28, bottom: 64 },
      xAxis: { type: "time", min: from * MS, max: to * MS, position: "top", splitLine: { show: true, lineStyle: { color: "#d1d5db" } }, axisLabel: { color: "#1f2937", hideOverlap: true } },
      yAxis: { type: "category", inverse: true, data: rows.map(rowLabel), axisLabel: { color: "#1f2937", fontWeight: "bold" }, splitLine: { show: true, lineStyle: { color: "#eef0f3" } } },
      tooltip: { trigger: "item", confine: true, formatter: (params: unknown) => tooltip(params as { seriesId?: string; value: number[] }) },
      dataZoom: [
        { id: "x-slider", type: "slider", xAxisIndex: 0, filterMode: "weakFilter", startValue: view.current.start, endValue: view.current.end, bottom: 12, height: 22, minValueSpan: MIN_SPAN_MS, labelFormatter: (v: number) => formatMs(v, lang, "date") },
        { id: "x-inside", type: "inside", xAxisIndex: 0, filterMode: "weakFilter", minValueSpan: MIN_SPAN_MS },
        ...(scrollRows
          ? [{ id: "y-slider", type: "slider" as const, yAxisIndex: 0, filterMode: "weakFilter" as const, startValue: view.current.firstRow, endValue: view.current.lastRow, right: 8, width: 16, showDetail: false }]
          : []),
      ],
      series: [
        { id: "closed", type: "custom", renderItem: renderClosed, data: closed.map((c) => [c.firstRow, c.start * MS, c.end * MS, c.lastRow]), encode: { x: [1, 2], y: 0 }, silent: true, clip: true, z: 1, progressive: 0 },
        {
          id: "ops",
          type: "custom",
          renderItem: renderOp,
          data: bars.map((b) => [b.row, b.start * MS, b.end * MS, b.changeoverEnd * MS, b.setupEnd * MS, b.index]),
          encode: { x: [1, 2], y: 0 },
          clip: true,
          z: 2,
          progressive: 0,
          markLine: { silent: true, symbol: "none", animation: false, label: { formatter: "{b}", position: "insideEndTop", color: "#111827" }, data: marks },
        },
      ],
    };

    function tooltip(p: { seriesId?: string; value: number[] }): string {
      if (p.seriesId !== "ops") return "";
      const bar = barOf.get(p.value[5]!)!;
      const op = plan.operations[bar.index]!;
      const order = orders.get(op.order);
      return [
        `<b>${escapeHtml(op.order)}</b> · ${escapeHtml(op.operation)}${order?.customer ? ` · ${escapeHtml(order.customer)}` : ""}`,
        `${escapeHtml(rowLabel(rows[bar.row]!))}: ${formatMs(bar.start * MS, lang)} → ${formatMs(bar.end * MS, lang)}`,
        ...(order ? [`${t("orders.item")}: ${escapeHtml(order.item)} · ${t("orders.quantity")}: ${order.quantity}`] : []),
        `${t("gantt.setup")}: ${formatDuration(op.setupMinutes, lang)}${op.changeoverMinutes > 0 ? ` (${t("gantt.changeover")} ${formatDuration(op.changeoverMinutes, lang)})` : ""}`,
        `${t("gantt.state")}: ${t(STATE_LABELS[bar.state])}${bar.state === "other" ? ` (${escapeHtml(op.state)})` : ""}`,
      ].join("<br>");
    }
  }

  const zoomTo = (minutes: number) => {
    const instance = chart.current;
    if (!instance) return;
    const { start, end } = view.current;
    const centre = (start + end) / 2;
    const half = (minutes * MS) / 2;
    instance.dispatchAction({ type: "dataZoom", dataZoomId: "x-slider", startValue: centre - half, endValue: centre + half });
  };
  const panBy = (share: number) => {
    const instance = chart.current;
    if (!instance) return;
    const { start, end } = view.current;
    const shift = (end - start) * share;
    instance.dispatchAction({ type: "dataZoom", dataZoomId: "x-slider", startValue: start + shift, endValue: end + shift });
  };

  return (
    <div class="gantt">
      <div class="toolbar" role="toolbar" aria-label={t("gantt.zoom")}>
        <span>{t("gantt.zoom")}:</span>
        {ZOOMS.map(([key, minutes]) => (
          <button type="button" key={key} onClick={() => zoomTo(minutes)}>
            {t(key)}
          </button>
        ))}
        <button type="button" onClick={() => panBy(-0.5)} aria-label={t("gantt.earlier")}>
          ◀
        </button>
        <button type="button" onClick={() => panBy(0.5)} aria-label={t("gantt.later")}>
          ▶
        </button>
      </div>
      <div
        ref={box}
        class="gantt-canvas"
        data-testid="gantt"
        tabIndex={0}
        role="img"
        aria-label={t("gantt.aria", { operations: model.bars.length, rows: model.rows.length })}
        style={{ height: `${Math.min(model.rows.length, VISIBLE_ROWS) * 30 + 110}px` }}
        onKeyDown={(event) => {
          const keys: Record<string, () => void> = {
            ArrowLeft: () => panBy(-0.25),
            ArrowRight: () => panBy(0.25),
            "+": () => zoomTo((view.current.end - view.current.start) / MS / 2),
            "=": () => zoomTo((view.current.end - view.current.start) / MS / 2),
            "-": () => zoomTo(((view.current.end - view.current.start) / MS) * 2),
            Escape: () => onHighlight(null),
          };
          const action = keys[event.key];
          if (action) {
            event.preventDefault();
            action();
          }
        }}
      />
      <ol class="visually-hidden" aria-label={t("gantt.list")}>
        {model.bars.map((bar) => {
          const op = plan.operations[bar.index]!;
          return (
            <li key={bar.index} data-testid="gantt-bar" data-order={bar.order} data-operation={bar.operation} data-state={bar.state}>
              {`${op.order} ${op.operation} ${rowLabel(model.rows[bar.row]!)} ${op.start}–${op.end} ${t(STATE_LABELS[bar.state])}`}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
