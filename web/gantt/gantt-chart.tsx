/**
 * The plan as a Gantt on an ECharts canvas. Each row (resource unit) is one item of a custom series that
 * paints its visible bars as a few rectangle paths (row-paint.ts), changeover and setup as darker and lighter
 * parts at their start; another series shades non-working time; the plan start and the frozen fence are
 * lines. Zoom and pan with the wheel, dragging, the slider, the buttons or the keyboard (← → pan, + − zoom).
 * Hover and click find the bar under the pointer themselves. Since a canvas has no elements, an off-screen
 * list carries one entry per bar (`data-testid="gantt-bar"`) for screen readers and tests.
 */
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, CustomSeriesRenderItemReturn } from "echarts";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Chart } from "../charts.ts";
import { echarts, useChart } from "../charts.ts";
import { formatMs, localMs } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Plan, Plant } from "../model.ts";
import { barTooltip, escapeHtml, rowLabel, STATE_LABELS } from "./bar-tooltip.ts";
import type { BarState, GanttBar, GanttModel } from "./gantt-model.ts";
import { firstEndingAfter } from "./gantt-model.ts";
import type { Paint } from "./row-paint.ts";
import { paintRow } from "./row-paint.ts";

/** Bar colours, chosen to stay apart for colour-blind readers and to carry white text at 4.5:1. */
export const BAR_COLOURS: Record<BarState, string> = {
  "on-time": "#2c6ea8",
  late: "#c0392b",
  running: "#b45f06",
  frozen: "#4b5563",
  other: "#7046a8",
};
export const CLOSED_COLOUR = "#e6e9ee";
export { STATE_LABELS };

const PAINTS: ReadonlyArray<readonly [Paint, Record<string, unknown>]> = [
  ...(Object.entries(BAR_COLOURS) as Array<[BarState, string]>).flatMap(([state, fill]) => [
    [state, { fill }] as const,
    [`dim-${state}` as const, { fill, opacity: 0.18 }] as const,
  ]),
  ["changeover", { fill: "#000000", opacity: 0.5 }],
  ["setup", { fill: "#ffffff", opacity: 0.45 }],
  ["outline", { fill: "none", stroke: "#111827", lineWidth: 2 }],
];

// Many rectangles as one path: a canvas fills them in one call (the shape ECharts lets custom series use).
echarts.graphic.registerShape(
  "gantt-rects",
  echarts.graphic.extendShape({
    shape: { rects: [] as number[] },
    buildPath(ctx, shape: { rects: number[] }) {
      const r = shape.rects;
      for (let i = 0; i < r.length; i += 4) ctx.rect(r[i]!, r[i + 1]!, r[i + 2]!, r[i + 3]!);
    },
  }),
);

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

export function GanttChart({ model, plan, plant, t, highlight, onHighlight, frozenUntil }: Props) {
  const lang = t.lang;
  /** The x window shown (epoch ms) and the first and last row, kept across redraws. */
  const view = useRef({ start: 0, end: 0, firstRow: 0, lastRow: VISIBLE_ROWS - 1 });
  const [hover, setHover] = useState<{ x: number; y: number; html: string } | null>(null);
  // The list is written as one HTML string: the parser builds 10,000 entries several times faster than
  // creating them node by node. The highlight is then set on the entries of the order, not re-written.
  const list = useRef<HTMLOListElement>(null);
  const listHtml = useMemo(
    () =>
      model.bars
        .map((bar) => {
          const op = plan.operations[bar.index]!;
          const text = `${op.order} ${op.operation} ${rowLabel(model.rows[bar.row]!)} ${op.start}–${op.end} ${t(STATE_LABELS[bar.state])}`;
          return `<li data-testid="gantt-bar" data-order="${escapeHtml(bar.order)}" data-operation="${escapeHtml(bar.operation)}" data-state="${bar.state}">${escapeHtml(text)}</li>`;
        })
        .join(""),
    [model, plan, lang],
  );
  useEffect(() => {
    const entries = highlight === null ? [] : [...list.current!.querySelectorAll(`[data-order="${CSS.escape(highlight)}"]`)];
    for (const entry of entries) entry.setAttribute("data-highlighted", "true");
    return () => entries.forEach((entry) => entry.removeAttribute("data-highlighted"));
  }, [highlight, listHtml]);

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
      const zr = instance.getZr();
      zr.off("mousemove");
      zr.off("click");
      zr.off("globalout");
      zr.on("mousemove", (e) => {
        const bar = barAt(instance, e.offsetX, e.offsetY);
        setHover(bar ? { x: e.offsetX, y: e.offsetY, html: barTooltip(bar, model, plan, plant, t) } : null);
      });
      zr.on("globalout", () => setHover(null));
      zr.on("click", (e) => {
        const bar = barAt(instance, e.offsetX, e.offsetY);
        if (bar || highlight !== null) onHighlight(bar?.order ?? null);
      });
      instance.setOption(ganttOption(), { notMerge: true });
    },
    [model, highlight, frozenUntil],
  );

  // A highlighted chain partly out of view: show all of it (from its first start to its last end).
  useEffect(() => {
    const chain = highlight === null ? [] : model.bars.filter((bar) => bar.order === highlight);
    if (chain.length === 0) return;
    const first = Math.min(...chain.map((bar) => bar.start)) * MS;
    const last = Math.max(...chain.map((bar) => bar.end)) * MS;
    if (first >= view.current.start && last <= view.current.end) return;
    const margin = Math.max((last - first) * 0.05, 60 * MS);
    chart.current?.dispatchAction({ type: "dataZoom", dataZoomId: "x-slider", startValue: first - margin, endValue: last + margin });
  }, [highlight, model]);

  /** The bar under a pixel: its row from the y axis, then the bar holding the time in that row. */
  function barAt(instance: Chart, x: number, y: number): GanttBar | null {
    if (!instance.containPixel({ gridIndex: 0 }, [x, y])) return null;
    const [ms, rowValue] = instance.convertFromPixel({ gridIndex: 0 }, [x, y]) as [number, number];
    const row = model.barsByRow[Math.round(rowValue)];
    if (!row) return null;
    const bar = row[firstEndingAfter(row, ms / MS)];
    return bar && bar.start <= ms / MS ? bar : null;
  }

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
    const { rows, closed, from, to } = model;
    const planStart = plant.planStart ? localMs(plant.planStart) : Number.NaN;
    if (view.current.end === 0) {
      // First look: the week from the plan start (two hours before it, so the line is in view).
      const first = Number.isNaN(planStart) ? from * MS : planStart - 120 * MS;
      view.current = { ...view.current, start: first, end: Math.min(to * MS, first + 7 * 1440 * MS) };
    }
    const marks = [
      ...(Number.isNaN(planStart) ? [] : [{ xAxis: planStart, name: t("gantt.planStart"), lineStyle: { color: "#1f2937", type: "solid" as const, width: 2 } }]),
      ...(frozenUntil === null ? [] : [{ xAxis: frozenUntil * MS, name: t("gantt.frozenUntil"), lineStyle: { color: "#4b5563", type: "dashed" as const, width: 2 } }]),
    ];

    const renderRow = (params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn => {
      const row = api.value(0) as number;
      // The time axis is linear: two points give minutes → pixels, and the grid's edges the visible minutes.
      const [a, y] = api.coord([from * MS, row]) as [number, number];
      const [b] = api.coord([to * MS, row]) as [number, number];
      const perMinute = (b - a) / (to - from);
      const toX = (minute: number) => a + (minute - from) * perMinute;
      const grid = params.coordSys as unknown as { x: number; width: number };
      const window = { from: from + (grid.x - a) / perMinute, to: from + (grid.x + grid.width - a) / perMinute };
      const height = (api.size!([0, 1]) as number[])[1]! * 0.62;
      const paint = paintRow(model.barsByRow[row] ?? [], window, toX, { top: y - height / 2, height }, highlight);
      return {
        type: "group",
        // Matched by paint, so a redraw never gives one paint's path another's style.
        $mergeChildren: "byName",
        children: PAINTS.filter(([key]) => paint.has(key)).map(([key, style]) => ({ type: "gantt-rects", name: key, shape: { rects: paint.get(key)! }, style }) as never),
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
      aria: { enabled: true, label: { description: t("gantt.aria", { operations: model.bars.length, rows: rows.length }) } },
      grid: { left: 96, right: scrollRows ? 40 : 16, top: 28, bottom: 64 },
      xAxis: { type: "time", min: from * MS, max: to * MS, position: "top", splitLine: { show: true, lineStyle: { color: "#d1d5db" } }, axisLabel: { color: "#1f2937", hideOverlap: true } },
      yAxis: { type: "category", inverse: true, data: rows.map(rowLabel), axisLabel: { color: "#1f2937", fontWeight: "bold" }, splitLine: { show: true, lineStyle: { color: "#eef0f3" } } },
      dataZoom: [
        { id: "x-slider", type: "slider", xAxisIndex: 0, filterMode: "none", startValue: view.current.start, endValue: view.current.end, bottom: 12, height: 22, minValueSpan: MIN_SPAN_MS, labelFormatter: (v: number) => formatMs(v, lang, "date") },
        { id: "x-inside", type: "inside", xAxisIndex: 0, filterMode: "none", minValueSpan: MIN_SPAN_MS },
        ...(scrollRows
          ? [{ id: "y-slider", type: "slider" as const, yAxisIndex: 0, filterMode: "weakFilter" as const, startValue: view.current.firstRow, endValue: view.current.lastRow, right: 8, width: 16, showDetail: false }]
          : []),
      ],
      series: [
        { id: "closed", type: "custom", renderItem: renderClosed, data: closed.map((c) => [c.firstRow, c.start * MS, c.end * MS, c.lastRow]), encode: { x: [1, 2], y: [0, 3] }, silent: true, clip: true, z: 1 },
        {
          id: "ops",
          type: "custom",
          renderItem: renderRow,
          data: rows.map((_, i) => [i]),
          encode: { y: 0 },
          silent: true,
          clip: true,
          z: 2,
          markLine: { silent: true, symbol: "none", animation: false, label: { formatter: "{b}", position: "end", color: "#111827", backgroundColor: "#ffffffdd", padding: [1, 3] }, data: marks },
        },
      ],
    };
  }

  const zoomTo = (minutes: number) => {
    const { start, end } = view.current;
    const centre = (start + end) / 2;
    const half = (minutes * MS) / 2;
    chart.current?.dispatchAction({ type: "dataZoom", dataZoomId: "x-slider", startValue: centre - half, endValue: centre + half });
  };
  const panBy = (share: number) => {
    const { start, end } = view.current;
    const shift = (end - start) * share;
    chart.current?.dispatchAction({ type: "dataZoom", dataZoomId: "x-slider", startValue: start + shift, endValue: end + shift });
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
      <div class="gantt-frame">
        <div
          ref={box}
          class="gantt-canvas"
          data-testid="gantt"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the chart takes focus so that it pans and zooms with the keys below
          tabIndex={0}
          role="img"
          aria-label={t("gantt.aria", { operations: model.bars.length, rows: model.rows.length })}
          style={{ height: `${Math.min(model.rows.length, VISIBLE_ROWS) * 30 + 110}px` }}
          onKeyDown={(event) => {
            const span = (view.current.end - view.current.start) / MS;
            const keys: Record<string, () => void> = {
              ArrowLeft: () => panBy(-0.25),
              ArrowRight: () => panBy(0.25),
              "+": () => zoomTo(span / 2),
              "=": () => zoomTo(span / 2),
              "-": () => zoomTo(span * 2),
              Escape: () => onHighlight(null),
            };
            const action = keys[event.key];
            if (action) {
              event.preventDefault();
              action();
            }
          }}
        />
        {hover && <div class="gantt-tooltip" role="tooltip" style={{ left: `${hover.x + 14}px`, top: `${hover.y + 14}px` }} dangerouslySetInnerHTML={{ __html: hover.html }} />}
      </div>
      <ol ref={list} class="gantt-list" aria-label={t("gantt.list")} dangerouslySetInnerHTML={{ __html: listHtml }} />
    </div>
  );
}
