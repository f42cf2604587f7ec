/**
 * The shipped path: the `takt` command runs the build in dist/ (test/global-setup.ts builds it, as `npm
 * install` does), its solver threads load dist/worker.cjs, and `npm pack` ships that build and what a user
 * needs beside it, without the tests or the sources.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ScheduleRequest, ScheduleResponse } from "../../src/schedule.ts";
import { takt } from "../helpers/cli.ts";
import { demo } from "../helpers/demo.ts";
import { validateSchedule } from "../helpers/validate-schedule.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const packageJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };

describe("the built takt", () => {
  it("prints the package's version", async () => {
    const { code, stdout } = await takt("--version");
    expect([code, stdout]).toEqual([0, `${packageJson.version}\n`]);
  });

  it("schedules the steel plant on CommonJS worker threads, a plan the independent validator accepts", async () => {
    // CommonJS, and no ES module worker beside it: Node 20 aborts when a thread loading an ES module by require() is stopped (bin/build.mjs).
    expect([existsSync(join(root, "dist", "worker.cjs")), existsSync(join(root, "dist", "worker.js")), existsSync(join(root, "dist", "worker.mjs"))]).toEqual([true, false, false]);
    const file = join(mkdtempSync(join(tmpdir(), "takt-built-")), "plant.json");
    const body = { ...demo("steel-plant"), options: { timeLimitSeconds: 10, maxIterations: 20, workers: 2, seed: 1 } };
    writeFileSync(file, JSON.stringify(body));
    const { code, stdout, stderr } = await takt("schedule", file);
    expect(code, stderr).toBe(0);
    expect(validateSchedule(ScheduleRequest.parse(body), ScheduleResponse.parse(JSON.parse(stdout)))).toEqual([]);
  });

  it("runs the README's job-shop example from the repository (data/jobshop/ft06.txt): a valid schedule no shorter than the optimum, 55", async () => {
    const { code, stdout, stderr } = await takt("jobshop", join(root, "data", "jobshop", "ft06.txt"), "--time-limit", "1");
    expect(code, stderr).toBe(0);
    const answer = JSON.parse(stdout) as { makespan: number; operations: { job: number; index: number; machine: number; start: number; end: number }[] };
    // The OR-Library file read here, not by the engine's parser: per job, (machine, minutes) pairs in order.
    const jobs = readFileSync(join(root, "data", "jobshop", "ft06.txt"), "utf8").trim().split("\n").slice(1).map((line) => line.trim().split(/\s+/).map(Number));
    expect(answer.operations).toHaveLength(36);
    for (const o of answer.operations) expect([o.machine, o.end - o.start], `job ${o.job} step ${o.index}`).toEqual([jobs[o.job]![2 * o.index], jobs[o.job]![2 * o.index + 1]]);
    // A job's steps in order, a machine's operations one at a time.
    const inOrder = (key: "job" | "machine", by: "index" | "start") => {
      for (const value of new Set(answer.operations.map((o) => o[key]))) {
        const runs = answer.operations.filter((o) => o[key] === value).sort((x, y) => x[by] - y[by]);
        for (let i = 1; i < runs.length; i++) expect(runs[i]!.start, `${key} ${value}`).toBeGreaterThanOrEqual(runs[i - 1]!.end);
      }
    };
    inOrder("job", "index");
    inOrder("machine", "start");
    expect(answer.makespan).toBe(Math.max(...answer.operations.map((o) => o.end)));
    expect(answer.makespan).toBeGreaterThanOrEqual(55);
  });
});

describe("npm pack", () => {
  it("ships the build, the demo plants, the README and the licence, and no tests or sources", async () => {
    // --ignore-scripts: packing runs `prepare`, which would rebuild dist/ under the other tests' feet.
    const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root });
    const files = ((JSON.parse(stdout) as [{ files: { path: string }[] }])[0].files.map((f) => f.path)).sort();
    for (const needed of ["LICENSE", "README.md", "package.json", "bin/takt.mjs", "dist/takt.mjs", "dist/worker.cjs", "dist/web/index.html", "dist/web/app.js", "dist/web/app.css", "data/steel-plant.json", "data/appliance-plant.json", "data/README.md"]) {
      expect(files).toContain(needed);
    }
    const shipped = /^(LICENSE|README\.md|package\.json|bin\/takt\.mjs|dist\/(takt\.mjs|worker\.cjs)(\.map)?|dist\/web\/(index\.html|app\.js|app\.css)|data\/(jobshop\/)?[^/]+)$/;
    expect(files.filter((path) => !shipped.test(path))).toEqual([]);
  });
});
