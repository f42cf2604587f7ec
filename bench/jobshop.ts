/**
 * `npm run bench:jobshop [-- DIR] [--time-limit S] [--workers K] [--seed N] [--only la01,ft10] [--cpsat] [--budget-only]`
 *
 * Runs the scheduling engine in benchmark mode on the OR-Library job-shop (DIR/jobshop/*.txt) and Brandimarte
 * flexible job-shop (DIR/fjsp/*.fjs) instances, default DIR ../shared/data/benchmarks, and prints a markdown
 * table: instance, best-known upper bound (bounds.json), makespan found, gap %, wall time, plus mean gaps.
 * Each instance runs K independent searches (seeds seed … seed+K−1) in K child processes, each with the
 * deterministic budget the pool would give it for the time limit, and keeps the best (pickBest), as the
 * API's worker pool does. With --cpsat, OR-tools CP-SAT (bench/jobshop-cpsat.py) then runs on the same
 * instance with the same time limit, K threads and the seed, one after the other so both have the machine,
 * and the table gets its makespan and gap beside Takt's; without python3 and the `ortools` package the
 * comparison is skipped with a message saying so.
 *
 * With --budget-only the safety deadline is lifted (to 20 × the time limit), so every search does its whole
 * work budget: the plans are then those of a quiet reference machine whatever the load (the same seed gives
 * the same plan), and the table's "cpu s" column (the search process's CPU time) says how long each took of
 * the CPU it got.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fork, spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readJobShopInstance } from "../api/cli/jobshop.ts";
import { jobShopBudget } from "../solver/jobshop/jobshop-budget.ts";
import { searchJobShop } from "../solver/jobshop/search-jobshop.ts";
import { pickBest } from "../solver/schedule/pick-best.ts";
import type { SearchResult } from "../solver/schedule/search-problem.ts";

interface Task {
  file: string;
  seed: number;
  timeLimitSeconds: number;
  budgetOnly: boolean;
}

type Measured = SearchResult & { cpuMs: number };

function runTask(task: Task): Measured {
  const instance = readJobShopInstance(task.file);
  const budget = jobShopBudget(task.timeLimitSeconds);
  if (task.budgetOnly) budget.deadlineMs = task.timeLimitSeconds * 20_000;
  const cpu = process.cpuUsage();
  const result = searchJobShop(instance, { seed: task.seed, budget, clock: () => performance.now() });
  const used = process.cpuUsage(cpu);
  return { ...result, cpuMs: (used.user + used.system) / 1000 };
}

function inChild(task: Task): Promise<Measured> {
  return new Promise((done, fail) => {
    // A child process per search, started with the same tsx loader as this one (Node 20's worker threads do
    // not apply tsx's loader hooks to a TypeScript entry file). Each search is independent and CPU-bound.
    const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(task)], { execArgv: process.execArgv, env: { ...process.env, TAKT_BENCH_CHILD: "1" } });
    child.once("message", (r) => done(r as Measured));
    child.once("error", fail);
    child.once("exit", (code) => code !== 0 && fail(new Error(`search for ${task.file} exited with ${code}`)));
  });
}

/** Why CP-SAT cannot run here, or null when python3 imports ortools. */
function cpsatMissing(): string | null {
  const probe = spawnSync("python3", ["-c", "import ortools"], { encoding: "utf8" });
  if (probe.error) return `python3 not found (${probe.error.message})`;
  return probe.status === 0 ? null : "python3 cannot import ortools (pip install ortools)";
}

/** CP-SAT's makespan on an instance (npm runs benchmarks from the repository root, where the script is). */
function runCpsat(file: string, seconds: number, threads: number, seed: number): number | null {
  const run = spawnSync("python3", [resolve("bench", "jobshop-cpsat.py"), file, String(seconds), String(threads), String(seed)], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`CP-SAT failed on ${file}: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { makespan: number | null }).makespan;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const valued = new Set(["--time-limit", "--workers", "--seed", "--only"]);
  const positional = args.filter((a, i) => !a.startsWith("--") && !valued.has(args[i - 1] ?? ""));
  const dir = resolve(positional[0] ?? "../shared/data/benchmarks");
  const timeLimitSeconds = Number(option(args, "--time-limit") ?? 10);
  const workers = Number(option(args, "--workers") ?? 2);
  const seed = Number(option(args, "--seed") ?? 1);
  const only = option(args, "--only")?.split(",");
  const cpsat = args.includes("--cpsat");
  const budgetOnly = args.includes("--budget-only");
  const missing = cpsat ? cpsatMissing() : null;
  if (missing !== null) console.log(`CP-SAT comparison skipped: ${missing}.\n`);
  const compare = cpsat && missing === null;
  const entries: Array<{ file: string; name: string; bound: number | null }> = [];
  for (const [sub, ext] of [["jobshop", ".txt"], ["fjsp", ".fjs"]] as const) {
    const folder = join(dir, sub);
    if (!existsSync(folder)) continue;
    const bounds = existsSync(join(folder, "bounds.json")) ? (JSON.parse(readFileSync(join(folder, "bounds.json"), "utf8")) as Record<string, { ub?: number | null }>) : {};
    for (const f of readdirSync(folder).filter((x) => x.endsWith(ext)).sort()) {
      const name = f.slice(0, -ext.length);
      if (only && !only.includes(name)) continue;
      entries.push({ file: join(folder, f), name, bound: bounds[name]?.ub ?? null });
    }
  }
  if (entries.length === 0) throw new Error(`no instances found under ${dir}`);
  console.log(`${entries.length} instances from ${dir}, ${timeLimitSeconds} s each, ${workers} search process(es), seeds ${seed}…${seed + workers - 1}${budgetOnly ? ", whole work budgets (safety deadline lifted)" : ""}\n`);
  console.log(`| instance | size | best-known | found | gap % | time s | cpu s | wall s | status |${compare ? " CP-SAT | CP-SAT gap % |" : ""}`);
  console.log(`|---|---|---|---|---|---|---|---|---|${compare ? "---|---|" : ""}`);
  const gaps: Array<{ name: string; gap: number; cpsatGap: number | null }> = [];
  for (const entry of entries) {
    const instance = readJobShopInstance(entry.file);
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: workers }, (_, k) => inChild({ file: entry.file, seed: seed + k, timeLimitSeconds, budgetOnly })));
    const wall = (performance.now() - started) / 1000;
    const best = pickBest(results);
    // Search time of the slowest search; the wall time adds process start-up.
    const seconds = Math.max(...results.map((r) => r.elapsedMs)) / 1000;
    const cpuSeconds = Math.max(...results.map((r) => r.cpuMs)) / 1000;
    const found = best.objective[0]!;
    const gapTo = (makespan: number | null) => (entry.bound && makespan !== null ? ((makespan - entry.bound) / entry.bound) * 100 : null);
    const gap = gapTo(found);
    const other = compare ? runCpsat(entry.file, timeLimitSeconds, workers, seed) : null;
    const cpsatGap = gapTo(other);
    if (gap !== null) gaps.push({ name: entry.name, gap, cpsatGap });
    const size = `${instance.jobs.length}×${instance.machineCount}`;
    const cpsatColumns = compare ? ` ${other ?? "none"} | ${cpsatGap === null ? "?" : cpsatGap.toFixed(2)} |` : "";
    console.log(`| ${entry.name} | ${size} | ${entry.bound ?? "?"} | ${found} | ${gap === null ? "?" : gap.toFixed(2)} | ${seconds.toFixed(1)} | ${cpuSeconds.toFixed(1)} | ${wall.toFixed(1)} | ${best.status} |${cpsatColumns}`);
  }
  const mean = (filter: (name: string) => boolean) => {
    const list = gaps.filter((g) => filter(g.name));
    if (list.length === 0) return "n/a";
    const average = (values: number[]) => (values.reduce((s, v) => s + v, 0) / values.length).toFixed(2);
    const other = list.map((g) => g.cpsatGap).filter((g) => g !== null);
    return `${average(list.map((g) => g.gap))} % over ${list.length}${compare ? ` (CP-SAT ${other.length === list.length ? `${average(other)} %` : "found no plan on some"})` : ""}`;
  };
  const families: Array<[string, RegExp]> = [
    ["la01–la40", /^la\d\d$/],
    ["mk01–mk10", /^mk\d\d$/],
    ["ta01–ta10 (15×15)", /^ta(0\d|10)$/],
    ["ta21–ta30 (20×20)", /^ta(2\d|30)$/],
    ["ta41–ta50 (30×20)", /^ta(4\d|50)$/],
  ];
  console.log("");
  for (const [label, pattern] of families) if (gaps.some((g) => pattern.test(g.name))) console.log(`mean gap ${label}: ${mean((n) => pattern.test(n))}`);
  console.log(`mean gap, all: ${mean(() => true)}`);
}

if (process.env.TAKT_BENCH_CHILD === "1") {
  process.send!(runTask(JSON.parse(process.argv[2]!) as Task), () => process.exit(0));
} else await main();
