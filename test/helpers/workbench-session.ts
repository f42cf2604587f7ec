/**
 * One browser test session of the workbench: a real `takt serve` and Chromium (test/helpers/workbench.ts),
 * a page whose console errors are collected, and what every browser test asks of them — the API's own
 * answer (`api`, `latestJob`), a view opened by its address, two animation frames, a screenshot. Kept apart
 * from workbench.ts, which the benchmarks bundle: this file uses vitest's `expect`.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { launchChromium, startTakt } from "./workbench.ts";
import type { Takt } from "./workbench.ts";

export interface WorkbenchSession {
  /** Starts the server and the browser and opens a page; call in beforeAll. */
  start(options?: { downloads?: boolean }): Promise<Page>;
  stop(): Promise<void>;
  /** Console errors and uncaught exceptions of the page so far. */
  readonly consoleErrors: string[];
  /** GET of the API, expected to answer 200. */
  api<T>(path: string): Promise<T>;
  /** The newest job of a kind, with its result: what the page was answered. */
  latestJob<T>(kind: string): Promise<{ id: string; status: string; result: T }>;
  /** Opens a view by its address (`#plan`) and waits for its heading. */
  open(view: string): Promise<void>;
  /** Two animation frames: effects have drawn the canvas. */
  nextFrames(): Promise<void>;
  /** A full-page screenshot into the session's folder as NAME.png. */
  shoot(name: string): Promise<unknown>;
}

/** A session photographing into `shots` (git-ignored test-results/…). */
export function workbenchSession(shots: string): WorkbenchSession {
  let takt: Takt | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let page: Page | undefined;
  const consoleErrors: string[] = [];
  const opened = () => page ?? expect.fail("the session has not started");
  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${takt!.url}${path}`);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  return {
    consoleErrors,
    async start(options = {}) {
      mkdirSync(shots, { recursive: true });
      takt = await startTakt();
      browser = await launchChromium(options);
      page = await browser.context.newPage();
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(message.text());
      });
      page.on("pageerror", (error) => consoleErrors.push(error.message));
      return page;
    },
    async stop() {
      await browser?.close();
      await takt?.stop();
    },
    api,
    async latestJob<T>(kind: string) {
      const { jobs } = await api<{ jobs: Array<{ id: string }> }>(`/v1/jobs?kind=${kind}&limit=1`);
      return api<{ id: string; status: string; result: T }>(`/v1/jobs/${jobs[0]!.id}`);
    },
    async open(view) {
      await opened().goto(`${takt!.url}/#${view}`);
      await opened().locator("main h2").waitFor();
    },
    nextFrames: () =>
      opened().evaluate(() => {
        const frame = (globalThis as unknown as { requestAnimationFrame(callback: () => void): void }).requestAnimationFrame;
        return new Promise<void>((resolve) => frame(() => frame(resolve)));
      }),
    shoot: (name) => opened().screenshot({ path: join(shots, `${name}.png`), fullPage: true }),
  };
}
