/**
 * The workbench's Gantt at scale (issue 17): a 10,000-operation plan (2,000 orders × 5 operations on the
 * scheduling benchmark's 100 resources, 134 resource units) opened and recalculated through the page as a
 * planner would, then drawn in Debian's headless Chromium (software rendering, --disable-gpu).
 * "reload" is the page reloaded on the Plan view until ECharts reports the chart finished: the 1.2 MB bundle, the
 * plan read from IndexedDB, the layout (bars, setups on the calendar, non-working time), the off-screen list of
 * 10,000 bars and the canvas. "switch" comes back to the Plan view from the light Rush view (the layout is kept).
 * The page's own times are printed (tinybench's rows add the round trips to the browser).
 * "pan" drags the chart sideways in 40 mouse moves and prints the frame intervals meanwhile.
 * Target: render < 1 s; panning smooth (frames near 16.7 ms). Needs /usr/bin/chromium (else skipped).
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import type { Bench } from "tinybench";
import { chromiumInstalled, launchChromium, startTakt } from "../test/helpers/workbench.ts";
import { scalePlant } from "./schedule.bench.ts";

/** Reloads the page on the Plan view; resolves with the time from navigation to the drawn Gantt, ms. */
async function reloadPlanView(page: Page): Promise<number> {
  await page.reload();
  return page.evaluate(async () => {
    const g = globalThis as unknown as { performance: typeof performance };
    for (;;) {
      const [measure] = g.performance.getEntriesByName("takt:gantt-render");
      if (measure) return measure.startTime + measure.duration;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
}

/** Switches away from the Plan view and back; resolves with the page's own time to a drawn Gantt, ms. */
async function renderPlanView(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const g = globalThis as unknown as { location: { hash: string }; performance: typeof performance };
    g.location.hash = "#rush";
    await new Promise((resolve) => setTimeout(resolve, 50));
    g.performance.clearMeasures("takt:gantt-render");
    const t0 = g.performance.now();
    g.location.hash = "#plan";
    for (;;) {
      const [measure] = g.performance.getEntriesByName("takt:gantt-render");
      if (measure) return measure.startTime + measure.duration - t0;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
}

/** Frame intervals (ms) while the mouse drags the chart 40 steps to the left. */
async function panFrames(page: Page): Promise<number[]> {
  const box = (await page.getByTestId("gantt").boundingBox())!;
  await page.evaluate(() => {
    const g = globalThis as unknown as { requestAnimationFrame(callback: (t: number) => void): void; __frames: number[] | null };
    g.__frames = [];
    const frame = (t: number) => {
      if (!g.__frames) return;
      g.__frames.push(t);
      g.requestAnimationFrame(frame);
    };
    g.requestAnimationFrame(frame);
  });
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.8, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.2, y, { steps: 40 });
  await page.mouse.up();
  const stamps = await page.evaluate(() => {
    const g = globalThis as unknown as { __frames: number[] | null };
    const frames = g.__frames ?? [];
    g.__frames = null;
    return frames;
  });
  return stamps.slice(1).map((t, i) => t - stamps[i]!);
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

export async function register(bench: Bench): Promise<void> {
  if (!chromiumInstalled) {
    console.log("workbench benchmarks skipped: no Chromium at /usr/bin/chromium (apt-get install chromium)");
    return;
  }
  const takt = await startTakt();
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  const file = join(tmpdir(), "takt-bench-10k-plant.json");
  writeFileSync(file, JSON.stringify(scalePlant(2000, 100)));
  await page.goto(`${takt.url}/#plant`);
  await page.getByTestId("lang").selectOption("en");
  await page.getByTestId("plant-file").setInputFiles(file);
  await page.getByText("The model is valid").waitFor({ timeout: 60_000 });
  await page.goto(`${takt.url}/#plan`);
  await page.getByTestId("time-limit").fill("1");
  await page.getByTestId("recalculate").click();
  await page.locator('[data-testid="gantt-bar"]').nth(9_999).waitFor({ state: "attached", timeout: 120_000 });
  console.log(`plan on the page: ${await page.locator('[data-testid="gantt-bar"]').count()} operations`);

  const reloads: number[] = [];
  bench.add("workbench: reload on the Plan view with 10,000 operations, to the drawn Gantt", async () => {
    reloads.push(await reloadPlanView(page));
  });
  const renders: number[] = [];
  bench.add("workbench: switch to the Plan view with 10,000 operations, to the drawn Gantt", async () => {
    renders.push(await renderPlanView(page));
  });
  const frames: number[] = [];
  bench.add("workbench: pan the 10,000-operation Gantt (40 mouse moves)", async () => {
    frames.push(...(await panFrames(page)));
  });
  bench.addEventListener("complete", async () => {
    console.log(`reload to the drawn Gantt (page's time): mean ${mean(reloads).toFixed(0)} ms, max ${Math.max(...reloads).toFixed(0)} ms over ${reloads.length} reloads`);
    console.log(`switch to the drawn Gantt (page's time): mean ${mean(renders).toFixed(0)} ms, max ${Math.max(...renders).toFixed(0)} ms over ${renders.length} renders`);
    console.log(`panning: ${frames.length} frames, interval mean ${mean(frames).toFixed(1)} ms, p95 ${percentile(frames, 0.95).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms`);
    await browser.close();
    await takt.stop();
  });
}
