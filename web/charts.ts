/**
 * Apache ECharts with only what the workbench draws, on its canvas renderer: a canvas draws 10,000 Gantt bars
 * in a fraction of the time a DOM or SVG element per bar takes, and pans without re-layout. The custom series
 * draws the Gantt, bars the load, scatter and line the rush trade-off; dataZoom zooms and pans.
 */
import { BarChart, CustomChart, LineChart, ScatterChart } from "echarts/charts";
import { AriaComponent, DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "preact/hooks";
import type { Lang } from "./i18n.ts";

echarts.use([CustomChart, BarChart, ScatterChart, LineChart, GridComponent, TooltipComponent, DataZoomComponent, MarkLineComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export { echarts };
export type Chart = echarts.ECharts;

/**
 * A chart living in a div: created for the language (ECharts' own texts follow it), resized with its box and
 * disposed with the component. `draw` runs whenever `deps` change.
 */
export function useChart(lang: Lang, draw: (chart: Chart) => void, deps: ReadonlyArray<unknown>) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    const element = box.current!;
    const instance = echarts.init(element, null, { renderer: "canvas", locale: lang === "zh" ? "ZH" : "EN" });
    chart.current = instance;
    // Observing reports the size at once: only a real change redraws (a redraw of 10,000 bars is not free).
    let size = `${element.clientWidth}x${element.clientHeight}`;
    const resize = new ResizeObserver(() => {
      const now = `${element.clientWidth}x${element.clientHeight}`;
      if (now !== size) instance.resize();
      size = now;
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [lang]);
  useEffect(() => {
    if (chart.current) draw(chart.current);
  }, [lang, ...deps]);
  return { box, chart };
}
