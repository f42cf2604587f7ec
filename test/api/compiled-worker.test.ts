/**
 * Users may run Takt compiled (`npm run build`, `node dist/api/cli/takt.js`): the pool must then start
 * plain-JS workers without tsx. Compiles the sources and runs a real task through the compiled pool.
 */
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../api/capability.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
// Inside the project so the compiled files resolve node_modules as the real dist/ does.
const outDir = `${root}node_modules/.cache/takt-compiled`;

beforeAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-p", `${root}tsconfig.build.json`, "--outDir", outDir], { stdio: "pipe" });
  } catch (error) {
    throw new Error(`the build failed:\n${String((error as { stdout?: unknown }).stdout)}`);
  }
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("compiled build", () => {
  it("runs solver tasks on plain-JS workers", async () => {
    const poolModule = `${outDir}/api/pool.js`;
    expect(existsSync(poolModule)).toBe(true);
    const { createSolverPool } = (await import(pathToFileURL(poolModule).href)) as typeof import("../../api/pool.ts");
    const pool = createSolverPool({ threads: 1 });
    try {
      const request = { resources: [{ id: "r", calendar: "missing" }] };
      const { body } = await pool.run<Answer>("validate", { body: { jsonChunks: [Buffer.from(JSON.stringify(request))] }, kpis: false }, { budgetMs: 5000 });
      expect(JSON.parse(Buffer.concat(body.jsonChunks).toString())).toEqual({ valid: false, problems: [{ path: "resources[0].calendar", message: 'unknown calendar "missing"' }] });
    } finally {
      await pool.close();
    }
  });
});
