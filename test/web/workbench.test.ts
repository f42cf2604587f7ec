/**
 * The workbench in a real browser (Debian's Chromium through playwright-core) against a real `takt serve`:
 * every check compares what the page shows with the API's own answer for the same job, fetched by the test.
 * The views run in sequence on one page, as a planner would use them; each is photographed into
 * test-results/workbench/ (git-ignored) for a look.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InsertResponse, PlanOption } from "../../src/insert.ts";
import type { ReviewResponse } from "../../src/review.ts";
import type { ScheduleResponse } from "../../src/schedule.ts";
import { formatDuration } from "../../web/format.ts";
import type { CapacityResponse } from "../../src/capacity.ts";
import { chromiumInstalled } from "../helpers/workbench.ts";
import { workbenchSession } from "../helpers/workbench-session.ts";

const SHOTS = join("test-results", "workbench");
// CI installs Chromium (.ci/run), so there a missing browser fails the suite instead of skipping it.
const run = chromiumInstalled || process.env.CI !== undefined;

describe.skipIf(!run)("the workbench in Chromium", { timeout: 90_000 }, () => {
  const session = workbenchSession(SHOTS);
  const { api, latestJob, open, nextFrames, shoot } = session;
  let page: Page;
  /** Where the Gantt's canvas has a pixel of this colour (page coordinates), or null. */
  const barPixel = async (rgb: readonly [number, number, number]) => {
    const canvas = page.locator('[data-testid="gantt"] canvas').first();
    const box = (await canvas.boundingBox())!;
    const found = await canvas.evaluate((element, [r, g, b]) => {
      const c = element as unknown as { width: number; height: number; getContext(kind: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
      const { data } = c.getContext("2d").getImageData(0, 0, c.width, c.height);
      for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) return { x: (i / 4) % c.width, y: Math.floor(i / 4 / c.width), width: c.width };
      return null;
    }, rgb);
    return found && { x: box.x + ((found.x + 2) * box.width) / found.width, y: box.y + ((found.y + 2) * box.width) / found.width };
  };
  /** The (order, operation) pairs of the Gantt's bars, sorted. */
  const barsShown = async () =>
    (await page.locator('[data-testid="gantt-bar"]').evaluateAll((bars) => bars.map((b) => `${b.getAttribute("data-order")}/${b.getAttribute("data-operation")}`))).sort();
  const pairsOf = (operations: ReadonlyArray<{ order: string; operation: string }>) => operations.map((o) => `${o.order}/${o.operation}`).sort();

  let workbookOfSteelPlant: string;
  beforeAll(async () => {
    // The demo plant as a planners' workbook, written by `takt export-model` (issue 18).
    workbookOfSteelPlant = join(mkdtempSync(join(tmpdir(), "takt-workbook-")), "steel-plant.xlsx");
    execFileSync(process.execPath, ["bin/takt.mjs", "export-model", "data/steel-plant.json", "--xlsx", workbookOfSteelPlant]);
    page = await session.start({ downloads: true });
  });

  afterAll(() => session.stop());

  it("opens a planners' workbook (XLSX) through /v1/import", async () => {
    await open("plant");
    await page.getByTestId("lang").selectOption("en");
    await page.getByTestId("plant-file").setInputFiles(workbookOfSteelPlant);
    await expect.poll(() => page.getByTestId("validation").textContent(), { timeout: 30_000 }).toContain("The model is valid");
    expect(await page.locator(".plant-summary").textContent()).toContain("6 resources, 2 calendars, 11 items, 8 routings, 42 orders");
  });

  it("opens the demo steel plant in one click, checked by /v1/validate", async () => {
    await open("plant");
    await page.getByTestId("load-demo-steel").click();
    await expect.poll(() => page.getByTestId("validation").textContent()).toContain("The model is valid");
    await shoot("1-plant");
  });

  it("recalculates as a job with a progress bar, stops it, and draws one Gantt bar per operation of the plan", async () => {
    await open("plan");
    await page.getByTestId("time-limit").fill("60");
    await page.getByTestId("recalculate").click();
    // The bar moves with the job's progress events; a reload follows the same job on; Stop ends the search
    // with its best plan so far.
    const progress = () => page.getByTestId("progress").evaluate((p) => (p as unknown as { value: number }).value);
    await expect.poll(progress, { timeout: 30_000 }).toBeGreaterThan(0);
    await page.reload();
    await expect.poll(progress, { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByTestId("stop").click();
    await page.getByTestId("gantt-bar").first().waitFor({ state: "attached", timeout: 30_000 });
    const job = await latestJob<ScheduleResponse>("schedule");
    expect(job.status).toBe("cancelled");
    expect(job.result.operations.length).toBeGreaterThan(0);
    expect(await barsShown()).toEqual(pairsOf(job.result.operations));
    await page.getByTestId("time-limit").fill("1");
    await page.getByTestId("recalculate").click();
    await expect.poll(async () => (await latestJob<ScheduleResponse>("schedule")).id, { timeout: 30_000 }).not.toBe(job.id);
    await expect.poll(() => page.getByTestId("recalculate").isEnabled(), { timeout: 30_000 }).toBe(true);
    const plan = await latestJob<ScheduleResponse>("schedule");
    expect(plan.status).toBe("done");
    expect(await barsShown()).toEqual(pairsOf(plan.result.operations));
    // The canvas shows the bars: pixels of the on-time and late colours (web/gantt/gantt-chart.tsx).
    await page.getByRole("button", { name: "Month" }).click();
    await nextFrames();
    expect(await barPixel([0xc0, 0x39, 0x2b])).not.toBeNull();
    await page.getByRole("button", { name: "Week" }).click();
    await nextFrames();
    const onTime = await barPixel([0x2c, 0x6e, 0xa8]);
    expect(onTime).not.toBeNull();
    // Hovering a bar tells what it is; clicking it highlights its order's whole chain.
    await page.mouse.move(onTime!.x, onTime!.y);
    const tip = page.getByRole("tooltip");
    await tip.waitFor();
    const tipText = (await tip.textContent())!;
    const order = plan.result.orders.find((o) => tipText.startsWith(`${o.id} · `));
    expect(order, tipText).toBeDefined();
    await page.mouse.click(onTime!.x, onTime!.y);
    await expect.poll(() => page.getByTestId("highlight-order").inputValue()).toBe(order!.id);
    const chain = plan.result.operations.filter((o) => o.order === order!.id).length;
    await expect.poll(() => page.locator('[data-testid="gantt-bar"][data-highlighted="true"]').count()).toBe(chain);
    // Typing an order picks it as well.
    const late = plan.result.orders.find((o) => !o.onTime)!;
    await page.getByTestId("highlight-order").fill(late.id);
    await page.getByTestId("highlight-order").press("Enter");
    await expect.poll(() => page.locator(`[data-testid="gantt-bar"][data-highlighted="true"][data-order="${late.id}"]`).count()).toBe(plan.result.operations.filter((o) => o.order === late.id).length);
    await nextFrames();
    await shoot("2-plan");
  });

  it("recalculates against the plan in force: the frozen part kept and drawn frozen, the server's changes counted and marked", async () => {
    const before = await latestJob<ScheduleResponse>("schedule");
    await open("plan");
    await page.getByTestId("keep-plan").check();
    // The fence defaults to the plant's frozenUntil (the demo's: Tuesday 06:00).
    expect(await page.getByTestId("frozen-until").inputValue()).toBe("2026-03-31T06:00");
    await page.getByTestId("recalculate").click();
    await expect.poll(async () => (await latestJob<ScheduleResponse>("schedule")).id, { timeout: 30_000 }).not.toBe(before.id);
    // The job may be listed before the page has its 202 (and disables the button): wait for the job itself.
    await expect.poll(async () => (await latestJob<ScheduleResponse>("schedule")).status, { timeout: 30_000 }).toBe("done");
    await expect.poll(() => page.getByTestId("recalculate").isEnabled(), { timeout: 30_000 }).toBe(true);
    const kept = await latestJob<ScheduleResponse>("schedule");
    const frozen = kept.result.operations.filter((o) => o.state === "frozen");
    expect(frozen.length).toBeGreaterThan(0);
    const issued = new Map(before.result.operations.map((o) => [`${o.order}/${o.operation}`, o]));
    for (const op of frozen) expect(op).toEqual({ ...issued.get(`${op.order}/${op.operation}`)!, state: "frozen" });
    await expect.poll(async () => (await page.locator('[data-testid="gantt-bar"][data-state="frozen"]').evaluateAll((bars) => bars.map((b) => `${b.getAttribute("data-order")}/${b.getAttribute("data-operation")}`))).sort()).toEqual(pairsOf(frozen));
    await expect.poll(() => page.getByTestId("plan-changes").textContent()).toBe(String(kept.result.changes!.count));
    await open("dispatch");
    await page.getByTestId("dispatch-date").selectOption("");
    const changed = await page.locator('[data-testid="dispatch-list"] tr[data-changed]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute("data-order")}/${r.getAttribute("data-operation")}`));
    expect(changed.sort()).toEqual(pairsOf(kept.result.changes!.operations));
    await open("plan");
    await page.getByTestId("keep-plan").uncheck();
  });

  it("lists late orders with their cause under the on-time rate", async () => {
    const { result } = await latestJob<ScheduleResponse>("schedule");
    await open("orders");
    const rate = `${(result.kpis.onTimeRate * 100).toFixed(1)} %`;
    await expect.poll(() => page.getByTestId("on-time-rate").textContent()).toContain(rate);
    const late = result.orders.filter((o) => !o.onTime);
    expect(late.length).toBeGreaterThan(0);
    const flagged = await page.locator('[data-testid="orders-table"] tr[data-late="true"]').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-order")));
    expect(flagged.sort()).toEqual(late.map((o) => o.id).sort());
    for (const order of late) {
      const cause = await page.locator(`tr[data-order="${order.id}"] [data-testid="order-cause"]`).textContent();
      // Issue 14's cause names the resource or item that held the order (a release holds it by itself).
      const named = order.cause === undefined ? (order.heldBy ?? "no single cause") : "resource" in order.cause ? order.cause.resource : "item" in order.cause ? order.cause.item : order.cause.kind === "release" ? "released only" : "";
      expect(cause).toContain(named);
    }
    await page.getByTestId("orders-filter").selectOption("late");
    await expect.poll(() => page.locator('[data-testid="orders-table"] tbody tr').count()).toBe(late.length);
    await shoot("3-orders");
  });

  it("shows load against capacity and the countermeasure plan from /v1/capacity", async () => {
    await open("load");
    await page.locator('[data-testid="load-chart"] canvas').waitFor({ timeout: 30_000 });
    const { result } = await latestJob<CapacityResponse>("capacity");
    const overloaded = result.resources.flatMap((r) => r.buckets.filter((b) => b.overloadMinutes > 0).map(() => r.id));
    expect(await page.locator("td[data-overload]").count()).toBe(overloaded.length);
    await expect.poll(() => page.getByTestId("countermeasure-cost").textContent()).toContain(String(Math.round(result.countermeasures!.totalCost)));
    await shoot("4-load");
  });

  let options: PlanOption[] = [];
  it("inserts the rush order, charts its options, and makes the one chosen the plan", async () => {
    await open("rush");
    await page.getByTestId("rush-insert").click();
    await page.locator('[data-testid="rush-options"] [data-option]').first().waitFor({ timeout: 30_000 });
    const { result } = await latestJob<InsertResponse>("insert");
    options = result.options;
    expect(await page.locator('[data-testid="rush-options"] [data-option]').evaluateAll((cards) => cards.map((c) => c.getAttribute("data-option")))).toEqual(options.map((o) => o.name));
    // Each card gives its weighted harm and changes as the answer has them (re-plan's too, when it is among them).
    for (const option of options) {
      const card = page.locator(`[data-testid="rush-options"] [data-option="${option.name}"]`);
      expect(await card.getByTestId("option-harm").textContent()).toBe(`weighted harm ${option.weightedHarm}`);
      expect(await card.getByTestId("option-changes").textContent()).toBe(`${option.changes.count} operations changed beyond the move tolerance`);
    }
    await page.locator('[data-option="protect-confirmed"] [data-testid="choose-option"]').click();
    await shoot("5-rush");
    await open("plan");
    const chosen = options.find((o) => o.name === "protect-confirmed")!;
    await expect.poll(barsShown).toEqual(pairsOf(chosen.schedule.operations));
    expect(await page.locator('[data-testid="gantt-bar"][data-order="RUSH-26-001"]').count()).toBeGreaterThan(0);
    // The option's own material projection comes with it: the Materials view lists its coil ledger.
    const coil = chosen.schedule.materials!.find((m) => m.item === "HRC-2.5")!;
    expect(coil.ledger!.some((entry) => entry.order === "RUSH-26-001")).toBe(true);
    await open("materials");
    await page.locator('[data-item="HRC-2.5"] button').click();
    expect(await page.locator('[data-testid="materials-ledger-pager"] [role="status"]').textContent()).toContain(`of ${coil.ledger!.length}`);
  });

  it("downloads the dispatch list as CSV, one row per operation of the plan, and marks what a new plan changes", async () => {
    await open("dispatch");
    await page.getByTestId("dispatch-date").selectOption("");
    const download = page.waitForEvent("download");
    await page.getByTestId("dispatch-csv").click();
    // The CSV comes from /v1/export (dates written "YYYY-MM-DD HH:mm", as spreadsheets read them).
    const csv = parse(readFileSync(await (await download).path(), "utf8"), { bom: true, columns: true }) as Array<Record<string, string>>;
    const chosen = options.find((o) => o.name === "protect-confirmed")!;
    const key = (o: Record<string, unknown>) => `${o.order}/${o.operation}@${o.resource}#${o.unit} ${String(o.start).replace(" ", "T")}–${String(o.end).replace(" ", "T")}`;
    expect(csv.map(key).sort()).toEqual(chosen.schedule.operations.map(key).sort());
    const workbook = page.waitForEvent("download");
    await page.getByTestId("dispatch-xlsx").click();
    const xlsx = readFileSync(await (await workbook).path());
    expect(xlsx.subarray(0, 2).toString("latin1")).toBe("PK"); // a zip, as every XLSX workbook

    await page.getByTestId("dispatch-issue").click();
    await open("rush");
    await page.locator('[data-option="fastest"] [data-testid="choose-option"]').click();
    await open("dispatch");
    await page.getByTestId("dispatch-date").selectOption("");
    const fastest = options.find((o) => o.name === "fastest")!;
    const before = new Map(chosen.schedule.operations.map((o) => [`${o.order}/${o.operation}`, key(o)]));
    const changed = fastest.schedule.operations.filter((o) => before.get(`${o.order}/${o.operation}`) !== key(o)).length;
    expect(changed).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid="dispatch-list"] tr[data-changed]').count()).toBe(changed);
    await page.getByTestId("dispatch-date").selectOption({ index: 2 });
    await shoot("6-dispatch");
  });

  it("reviews the candidate orders: accept, counter-offer or decline with what binds", async () => {
    await open("review");
    // A customer's change to a confirmed order (订单变更) is reviewed before the candidates.
    await page.getByRole("button", { name: "Add a change" }).click();
    const changes = page.locator('[data-testid="review-form"] table').nth(1);
    await changes.locator("select").first().selectOption("SO-26-042"); // not started, not frozen
    await changes.locator('input[type="datetime-local"]').fill("2026-04-20T22:00");
    await page.getByTestId("review-run").click();
    await page.locator('[data-testid="review-decisions"] tr[data-decision]').first().waitFor({ timeout: 30_000 });
    const { result } = await latestJob<ReviewResponse>("review");
    const shown = await page.locator('[data-testid="review-decisions"] tr[data-decision]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute("data-order")}:${r.getAttribute("data-decision")}`));
    expect(shown).toEqual([...result.changes, ...result.candidates].map((d) => `${d.order}:${d.decision}`));
    expect(result.changes).toHaveLength(1);
    expect(result.candidates).toHaveLength(3);
    // An earlier date: the option the decision comes from is marked among the options.
    const chosen = await page.locator('[data-testid="review-option"][data-chosen="true"]').evaluateAll((options) => options.map((o) => o.getAttribute("data-option")));
    expect(chosen).toEqual([result.changes[0]!.option]);
    await shoot("7-review");
  });

  it("compares scenarios side by side", async () => {
    await open("scenarios");
    const variations = await page.locator('[data-testid="scenarios-form"] tbody tr').count();
    await page.getByTestId("scenarios-run").click();
    const table = page.getByTestId("scenario-comparison");
    await table.waitFor({ timeout: 60_000 });
    expect(await table.locator("thead th").count()).toBe(1 + 1 + variations);
    const { jobs } = await api<{ jobs: Array<{ batch?: string }> }>("/v1/jobs?kind=schedule&limit=1");
    const batch = await api<{ comparison: { scenarios: Array<{ values: Record<string, unknown> }> } }>(`/v1/scenarios/${jobs[0]!.batch}`);
    const baseRate = batch.comparison.scenarios[0]!.values.onTimeRate as number;
    expect(await table.locator("tbody tr").first().textContent()).toContain(`${(baseRate * 100).toFixed(1)} %`);
    await shoot("8-scenarios");
  });

  it("switches to Chinese and back at any time, and a reload keeps the plant, the plan and the language", async () => {
    await open("orders");
    await page.getByTestId("lang").selectOption("zh");
    await expect.poll(() => page.locator("main h2").textContent()).toBe("订单");
    expect(await page.getByTestId("on-time-rate").textContent()).toContain("订单达成率");
    expect(await page.locator("nav.tabs").textContent()).toContain("生产计划表");
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await open("plan");
    const bars = await barsShown();
    await page.reload();
    await page.locator("main h2").waitFor();
    await expect.poll(barsShown).toEqual(bars);
    expect(await page.locator("main h2").textContent()).toBe("排程");
    await shoot("9-plan-zh");
    await page.getByTestId("lang").selectOption("en");
    await expect.poll(() => page.locator("main h2").textContent()).toBe("Plan");
  });

  it("recalculates just in time on request, and shows the plan's mean wait between operations and each order's due-date buffer", async () => {
    await open("plan");
    await page.getByTestId("timing").selectOption("just-in-time");
    await page.getByTestId("time-limit").fill("1");
    const submitted = page.waitForResponse((response) => response.request().method() === "POST" && response.url().endsWith("/v1/jobs"));
    await page.getByTestId("recalculate").click();
    const response = await submitted;
    expect((response.request().postDataJSON() as { input: { options: { timing: string } } }).input.options.timing).toBe("just-in-time");
    const { id } = (await response.json()) as { id: string };
    await expect.poll(async () => (await api<{ status: string }>(`/v1/jobs/${id}`)).status, { timeout: 30_000 }).toBe("done");
    const { result } = await api<{ result: ScheduleResponse }>(`/v1/jobs/${id}`);
    await expect.poll(() => page.getByTestId("mean-wait").textContent()).toBe(formatDuration(result.kpis.meanWaitMinutes!, "en"));
    expect(await page.getByTestId("buffer-kept-rate").textContent()).toBe(`${(result.kpis.bufferKeptRate! * 100).toFixed(1)} %`);
    await open("orders");
    const kept = await page.locator('[data-testid="buffer-kept"] .ok').count();
    expect(kept).toBe(result.orders.filter((o) => o.bufferKept === true).length);
  });

  it("logged no console error", () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
