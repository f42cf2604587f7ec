/**
 * The workbench against a Takt that serves bearer tokens: /v1 answers 401 until the planner gives the token,
 * which then goes with every call, the job's event stream included (Chromium, a real `takt serve`).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumInstalled, launchChromium, startTakt } from "../helpers/workbench.ts";
import type { Takt } from "../helpers/workbench.ts";

const TOKEN = "planner-token-0123456789abcdef";
const run = chromiumInstalled || process.env.CI !== undefined;

describe.skipIf(!run)("the workbench with bearer tokens", { timeout: 90_000 }, () => {
  let takt: Takt;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  beforeAll(async () => {
    takt = await startTakt({ TAKT_TOKENS: `li.wei:${TOKEN}` });
    browser = await launchChromium();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await takt?.stop();
  });

  it("asks for the token after a 401, then plans with it, following the job's events", async () => {
    await page.goto(`${takt.url}/#plant`);
    await page.getByTestId("lang").selectOption("en");
    await page.getByTestId("load-demo-steel").click();
    await page.getByTestId("token").waitFor();
    await page.getByTestId("token").fill(TOKEN);
    await page.getByRole("button", { name: "Use it" }).click();
    await page.getByTestId("load-demo-steel").click();
    await expect.poll(() => page.getByTestId("validation").textContent()).toContain("The model is valid");
    await page.goto(`${takt.url}/#plan`);
    await page.getByTestId("time-limit").fill("1");
    await page.getByTestId("recalculate").click();
    await page.getByTestId("gantt-bar").first().waitFor({ state: "attached", timeout: 30_000 });
    // The job belongs to the token's client.
    const jobs = await fetch(`${takt.url}/v1/jobs?kind=schedule`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(((await jobs.json()) as { jobs: Array<{ client: string; status: string }> }).jobs[0]).toMatchObject({ client: "li.wei", status: "done" });
    expect(await page.getByTestId("token").count()).toBe(0);
  });
});
