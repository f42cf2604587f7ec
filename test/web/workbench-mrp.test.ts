/**
 * The workbench's material and constraint views in a real browser (Chromium through playwright-core)
 * against a real `takt serve`: MRP on the demo appliance plant, the materials of a recalculated plan of the
 * demo steel plant, its bottleneck. Every check compares the page with the API's own answer to the same
 * job, fetched by the test; each view is photographed into test-results/workbench/ (git-ignored).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BottleneckResponse } from "../../src/bottleneck.ts";
import type { MrpResponse } from "../../src/mrp.ts";
import type { ScheduleResponse } from "../../src/schedule.ts";
import { partsPlant } from "../helpers/parts-plant.ts";
import { chromiumInstalled } from "../helpers/workbench.ts";
import { workbenchSession } from "../helpers/workbench-session.ts";

// CI installs Chromium (.ci/run), so there a missing browser fails the suite instead of skipping it.
const run = chromiumInstalled || process.env.CI !== undefined;

describe.skipIf(!run)("the workbench's MRP, materials and bottleneck views in Chromium", { timeout: 90_000 }, () => {
  const session = workbenchSession(join("test-results", "workbench"));
  const { latestJob, open, nextFrames, shoot } = session;
  let page: Page;

  /** A paged table's `attribute` on every row, page after page (the pager shows 100 rows at a time). */
  const allRows = async (testId: string, attribute: string): Promise<string[]> => {
    const table = page.getByTestId(testId);
    const next = page.getByTestId(`${testId}-next`);
    while (await page.getByTestId(`${testId}-previous`).isEnabled()) await page.getByTestId(`${testId}-previous`).click();
    const values: string[] = [];
    for (;;) {
      values.push(...(await table.locator("tbody tr").evaluateAll((rows, name) => rows.map((r) => r.getAttribute(name) ?? ""), attribute)));
      if (!(await next.isEnabled())) return values;
      await next.click();
    }
  };
  const openDemo = async (demo: "steel" | "appliance") => {
    await open("plant");
    await page.getByTestId(`load-demo-${demo}`).click();
    await expect.poll(() => page.getByTestId("validation").textContent()).toContain("The model is valid");
  };
  /** Whether a canvas inside `where` has a pixel of this colour. */
  const hasPixel = (where: Locator, rgb: readonly [number, number, number]) =>
    where
      .locator("canvas")
      .first()
      .evaluate((element, [r, g, b]) => {
        const c = element as unknown as { width: number; height: number; getContext(kind: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
        const { data } = c.getContext("2d").getImageData(0, 0, c.width, c.height);
        for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) return true;
        return false;
      }, rgb);

  beforeAll(async () => {
    page = await session.start({ downloads: true });
    await open("plant");
    await page.getByTestId("lang").selectOption("en");
  });

  afterAll(() => session.stop());

  it("runs MRP on the appliance plant: one row per planned order, the action messages and the follow-up list", async () => {
    await openDemo("appliance");
    await open("mrp");
    await page.getByTestId("mrp-summary").waitFor({ timeout: 30_000 });
    const { result } = await latestJob<MrpResponse>("mrp");
    expect(result.plannedOrders.length).toBeGreaterThan(100); // more than a page: the pager is exercised
    expect(await allRows("mrp-orders", "data-order")).toEqual(result.plannedOrders.map((o) => o.id));
    expect(await page.locator('[data-testid="mrp-orders"] tbody tr').count()).toBeLessThanOrEqual(100);
    // Filtered to what is bought, the table holds the planned purchases, sorted by due date on request.
    await page.getByTestId("mrp-source").selectOption("buy");
    const bought = result.plannedOrders.filter((o) => o.source === "buy");
    expect((await allRows("mrp-orders", "data-order")).sort()).toEqual(bought.map((o) => o.id).sort());
    await page.locator('[data-testid="mrp-orders"] th button', { hasText: "Due" }).click();
    const due = new Map(bought.map((o) => [o.id, o.receiptDate]));
    const byDue = (await allRows("mrp-orders", "data-order")).map((id) => due.get(id)!);
    expect(byDue).toEqual([...byDue].sort());
    await page.getByTestId("mrp-source").selectOption("");

    expect(await allRows("mrp-messages", "data-kind")).toEqual(result.exceptions.map((m) => m.kind));
    await page.getByTestId("mrp-kind").selectOption("reschedule-in");
    const rescheduleIn = result.exceptions.filter((m) => m.kind === "reschedule-in");
    expect(rescheduleIn.length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="mrp-messages"] tbody').textContent()).toContain(rescheduleIn[0]!.message);
    expect(await allRows("mrp-messages", "data-kind")).toEqual(rescheduleIn.map((m) => m.kind));
    await page.getByTestId("mrp-kind").selectOption("");
    expect(await allRows("mrp-follow-up", "data-id")).toEqual(result.followUp.map((f) => f.id));
    expect(await page.getByTestId("mrp-no-demands").count()).toBe(0);
    await shoot("10-mrp");
  });

  it("downloads the planned orders as CSV matching the API's answer, and the workbook", async () => {
    const { result } = await latestJob<MrpResponse>("mrp");
    const download = page.waitForEvent("download");
    await page.getByTestId("mrp-csv").click();
    const csv = parse(readFileSync(await (await download).path(), "utf8"), { bom: true, columns: true }) as Array<Record<string, string>>;
    const row = (o: Record<string, unknown>) => `${String(o.id)} ${String(o.item)} ${String(o.source)} ${Number(o.quantity)} ${String(o.releaseDate)} → ${String(o.receiptDate)}`;
    expect(csv.map(row)).toEqual(result.plannedOrders.map(row));
    const workbook = page.waitForEvent("download");
    await page.getByTestId("mrp-xlsx").click();
    expect(readFileSync(await (await workbook).path()).subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("shows the steel plan's hot-rolled coil projection and the orders waiting for it", async () => {
    await openDemo("steel");
    await open("plan");
    await page.getByTestId("time-limit").fill("2");
    await page.getByTestId("recalculate").click();
    await page.getByTestId("gantt-bar").first().waitFor({ state: "attached", timeout: 30_000 });
    await expect.poll(() => page.getByTestId("recalculate").isEnabled(), { timeout: 30_000 }).toBe(true);
    const { result } = await latestJob<ScheduleResponse>("schedule");
    const coil = result.materials!.find((m) => m.item === "HRC-2.5")!;
    expect(coil.ledger!.length).toBeGreaterThan(0);

    await open("materials");
    await page.locator('[data-item="HRC-2.5"] button').click();
    const chart = page.getByTestId("materials-chart");
    await expect.poll(() => chart.getAttribute("data-item")).toBe("HRC-2.5");
    await chart.locator("canvas").first().waitFor();
    await nextFrames();
    expect(await hasPixel(chart, [0x2c, 0x6e, 0xa8])).toBe(true); // the stock line
    expect(await hasPixel(chart, [0x16, 0x65, 0x34])).toBe(true); // the receipts (two coil deliveries)
    const row = await page.locator('[data-testid="materials-table"] tr[data-item="HRC-2.5"]').textContent();
    expect(row).toContain("2,600"); // on hand
    expect(row).toContain((2200).toLocaleString("en-GB")); // received
    // The ledger under the chart is the API's, change by change.
    const ledgerStatus = page.locator('[data-testid="materials-ledger-pager"] [role="status"]');
    expect(await ledgerStatus.textContent()).toContain(`of ${coil.ledger!.length}`);

    // Orders waiting for coil: each waited for material, took coil after a coil supply, and had too little
    // coil before that supply; every late order the API blames on coil is among them.
    const waiting = page.getByTestId("materials-waiting");
    const listed = (await waiting.evaluate((e) => e.tagName)) === "TABLE" ? await allRows("materials-waiting", "data-order") : [];
    const orders = new Map(result.orders.map((o) => [o.id, o]));
    for (const id of listed) {
      expect(orders.get(id)!.waits!.material, id).toBeGreaterThan(0);
      expect(coil.ledger!.some((e) => e.order === id && e.change < 0), id).toBe(true);
    }
    const blamed = result.orders.filter((o) => o.cause?.kind === "material" && o.cause.item === "HRC-2.5").map((o) => o.id);
    expect(listed).toEqual(expect.arrayContaining(blamed));
    await shoot("11-materials");

    // Every order that waited for material waits for some item (data/README.md: zinc and Al-Zn ingot, not coil).
    const waitingFor = new Map<string, string[]>();
    for (const material of result.materials!) {
      await page.locator(`[data-item="${material.item}"] button`).click();
      await expect.poll(() => chart.getAttribute("data-item")).toBe(material.item);
      const ids = (await waiting.evaluate((e) => e.tagName)) === "TABLE" ? await allRows("materials-waiting", "data-order") : [];
      for (const id of ids) expect(material.ledger!.some((e) => e.order === id && e.change < 0), `${id} takes ${material.item}`).toBe(true);
      waitingFor.set(material.item, ids);
    }
    const waited = result.orders.filter((o) => (o.waits?.material ?? 0) > 0).map((o) => o.id);
    expect(waited.length).toBeGreaterThan(0);
    expect([...new Set([...waitingFor.values()].flat())].sort()).toEqual(waited.sort());
  });

  it("names the constraint the API names in the bottleneck panel", async () => {
    await open("bottleneck");
    const constraint = page.getByTestId("bottleneck-constraint");
    await constraint.waitFor({ timeout: 30_000 });
    const { result } = await latestJob<BottleneckResponse>("bottleneck");
    expect(result.constraint.kind).toBe("resource");
    expect(await constraint.getAttribute("data-resource")).toBe(result.constraint.resource);
    expect(await constraint.textContent()).toContain(result.constraint.resource);
    expect(await page.locator('[data-testid="bottleneck-loads"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-resource")))).toEqual(result.loads.map((l) => l.resource));
    expect(await page.locator("tr.constraint").getAttribute("data-resource")).toBe(result.constraint.resource);
    expect(await allRows("bottleneck-releases", "data-order")).toEqual(result.dbr!.releases.map((r) => r.order));
    await shoot("12-bottleneck");
  });

  it("keeps a 10,000-order MRP answer to one page of rows, paged, sorted and searched", async () => {
    const count = 10_000;
    const plant = partsPlant(count);
    await open("plant");
    await page.getByTestId("plant-file").setInputFiles({ name: "parts.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(plant)) });
    await expect.poll(() => page.locator(".header-status").textContent()).toContain(plant.name);
    await open("mrp");
    await expect.poll(() => page.getByTestId("mrp-summary").textContent(), { timeout: 60_000 }).toContain("10,000 planned orders");
    const { result } = await latestJob<MrpResponse>("mrp");
    expect(result.plannedOrders).toHaveLength(count);
    const rows = page.locator('[data-testid="mrp-orders"] tbody tr');
    const status = page.locator('[data-testid="mrp-orders-pager"] [role="status"]');
    expect(await rows.count()).toBe(100);
    expect(await status.textContent()).toBe("Rows 1–100 of 10,000");
    await page.getByTestId("mrp-orders-next").click();
    expect(await status.textContent()).toBe("Rows 101–200 of 10,000");
    expect(await rows.first().getAttribute("data-order")).toBe(result.plannedOrders[100]!.id);
    // The largest quantity first: 96 + 1 units, parts P-00096, P-00193, …
    const quantity = page.locator('[data-testid="mrp-orders"] th button', { hasText: /^Quantity/ });
    await quantity.click();
    await quantity.click();
    expect(await status.textContent()).toBe("Rows 1–100 of 10,000");
    expect(await rows.first().getAttribute("data-order")).toBe(result.plannedOrders.find((o) => o.quantity === 97)!.id);
    await page.getByTestId("mrp-search").fill("P-09999");
    await expect.poll(() => rows.evaluateAll((r) => r.map((row) => row.getAttribute("data-order")))).toEqual(["MRP-P-09999-2"]);
  });

  it("switches the new views' labels to Chinese and back", async () => {
    await openDemo("steel");
    await open("bottleneck");
    await page.getByTestId("bottleneck-constraint").waitFor({ timeout: 30_000 });
    await page.getByTestId("lang").selectOption("zh");
    await expect.poll(() => page.locator("main h2").textContent()).toBe("瓶颈（约束管理）");
    const tabs = await page.locator("nav.tabs").textContent();
    for (const label of ["物料需求计划", "物料", "瓶颈"]) expect(tabs).toContain(label);
    expect(await page.getByTestId("bottleneck-constraint").textContent()).toContain("约束");
    await open("mrp");
    expect(await page.locator("main h2").textContent()).toBe("物料需求计划（MRP）");
    await page.getByTestId("mrp-summary").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("mrp-summary").textContent()).toContain("计划订单");
    // The steel plant plans orders, not MRP demands: the view says why MRP plans nothing for it.
    expect(await page.getByTestId("mrp-no-demands").textContent()).toContain("没有独立需求");
    await shoot("13-mrp-zh");
    await page.getByTestId("lang").selectOption("en");
    await expect.poll(() => page.locator("main h2").textContent()).toBe("Material requirements planning (MRP)");
  });

  it("logged no console error", () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
