/**
 * The workbench's MRP view at scale (issue 17): an answer of 10,000 planned orders (test/helpers/parts-plant.ts,
 * 10,000 bought parts) run through the page as a planner would, in Debian's headless Chromium.
 * "reload" is the page reloaded on the MRP view until the planned orders' first page is in the table: the bundle,
 * the answer read from IndexedDB, the three tables' filters and first pages. "sort" reverses the planned orders'
 * sort by quantity (all 10,000 sorted) until the new first page is in the table. The page's own times are
 * printed (tinybench's rows add the round trips to the browser). Target: responsive — well under the 1 s the
 * Gantt is given for 10,000 operations. Needs /usr/bin/chromium (else skipped).
 */
import type { Page } from "playwright-core";
import type { Bench } from "tinybench";
import { partsPlant } from "../test/helpers/parts-plant.ts";
import { chromiumInstalled, launchChromium, startTakt } from "../test/helpers/workbench.ts";

/** The planned orders' first row on the page. */
const FIRST_ROW = '[data-testid="mrp-orders"] tbody tr';

/** Reloads the page on the MRP view; resolves with the time from navigation to the first page of planned orders, ms. */
async function reloadMrpView(page: Page): Promise<number> {
  await page.reload();
  return page.evaluate(async (selector) => {
    const g = globalThis as unknown as { performance: typeof performance; document: { querySelector(s: string): unknown } };
    while (!g.document.querySelector(selector)) await new Promise((resolve) => setTimeout(resolve, 2));
    return g.performance.now();
  }, FIRST_ROW);
}

/** Clicks the Quantity header (sorting all rows, reversing each time); resolves with the time until the table shows the new order, ms. */
async function sortByQuantity(page: Page): Promise<number> {
  return page.evaluate(async () => {
    type Element = { textContent: string | null; parentElement: Element; getAttribute(name: string): string | null; click(): void };
    const g = globalThis as unknown as { performance: typeof performance; document: { querySelectorAll(s: string): Element[] } };
    const header = [...g.document.querySelectorAll('[data-testid="mrp-orders"] th button')].find((b) => b.textContent?.startsWith("Quantity"))!;
    // The header's aria-sort changes in the same render as the rows (Preact renders the table at once).
    const before = header.parentElement.getAttribute("aria-sort");
    const t0 = g.performance.now();
    header.click();
    while (header.parentElement.getAttribute("aria-sort") === before) await new Promise((resolve) => setTimeout(resolve, 2));
    return g.performance.now() - t0;
  });
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export async function register(bench: Bench): Promise<void> {
  if (!chromiumInstalled) {
    console.log("workbench MRP benchmarks skipped: no Chromium at /usr/bin/chromium (apt-get install chromium)");
    return;
  }
  const takt = await startTakt();
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  const plant = partsPlant(10_000);
  await page.goto(`${takt.url}/#plant`);
  await page.getByTestId("lang").selectOption("en");
  await page.getByTestId("plant-file").setInputFiles({ name: "parts.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(plant)) });
  await page.locator(".header-status", { hasText: plant.name }).waitFor({ timeout: 60_000 });
  await page.goto(`${takt.url}/#mrp`);
  await page.getByTestId("mrp-summary").filter({ hasText: "10,000 planned orders" }).waitFor({ timeout: 120_000 });

  const reloads: number[] = [];
  bench.add("workbench: reload on the MRP view with 10,000 planned orders, to the first page", async () => {
    reloads.push(await reloadMrpView(page));
  });
  const sorts: number[] = [];
  bench.add("workbench: sort 10,000 planned orders by quantity, to the new first page", async () => {
    sorts.push(await sortByQuantity(page));
  });
  bench.addEventListener("complete", async () => {
    console.log(`reload to the first page (page's time): mean ${mean(reloads).toFixed(0)} ms, max ${Math.max(...reloads).toFixed(0)} ms over ${reloads.length} reloads`);
    console.log(`sort to the new first page (page's time): mean ${mean(sorts).toFixed(0)} ms, max ${Math.max(...sorts).toFixed(0)} ms over ${sorts.length} sorts`);
    await browser.close();
    await takt.stop();
  });
}
