/**
 * A real `takt serve` (the build in dist/, workbench included, as `npm start` runs it; test/global-setup.ts
 * builds it) on a free port, and Debian's Chromium driven by playwright-core with a fresh profile: for the
 * browser tests and the Gantt benchmark.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import type { BrowserContext } from "playwright-core";

/** The project: the folder above this file holding bin/takt.mjs (the benchmarks run this file bundled elsewhere). */
function projectRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "bin", "takt.mjs"))) return dir;
  }
  throw new Error("bin/takt.mjs not found above " + fileURLToPath(import.meta.url));
}
const ROOT = projectRoot();

/** Debian's package (`apt-get install chromium`; .ci/run installs it when missing). */
export const CHROMIUM = process.env.TAKT_CHROMIUM ?? "/usr/bin/chromium";
export const chromiumInstalled = existsSync(CHROMIUM);

export interface Takt {
  url: string;
  stop(): Promise<void>;
}

/** Starts `node bin/takt.mjs serve` on port 0 with its own job database (and `env`); resolves with its address. */
export async function startTakt(env: Record<string, string> = {}): Promise<Takt> {
  const dir = mkdtempSync(join(tmpdir(), "takt-web-"));
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, "bin", "takt.mjs"), "serve", "--port", "0", "--threads", "2", "--db", join(dir, "jobs.sqlite")], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(text);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`takt serve exited with ${code}: ${text}`)));
  });
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Chromium headless with a fresh user-data directory (removed by `close`). */
export async function launchChromium(options: { downloads?: boolean } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "takt-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1400, height: 900 },
    locale: "en-GB",
    acceptDownloads: options.downloads ?? false,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
