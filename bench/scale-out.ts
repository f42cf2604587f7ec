/**
 * `npm run bench:scale-out [-- --scenarios 16] [--seconds 2]`: the Redis backend's throughput with one
 * `takt worker` process and with two, and its queue overhead per job. A redis-server (started here, as the
 * tests start theirs), an API-only `takt serve --redis … --workers 0`, and workers of one thread each, all
 * on this machine; prints a markdown table for the README's Scaling out section.
 *
 * Throughput: a schedule batch (the steel plant, `scenarios` scenarios of `seconds`-second searches, one
 * search thread each) from POST to the last scenario done, the batch's client allowed every worker's slot
 * (`--max-running-per-client`; by default one client gets half of them), twice on the same workers (fresh,
 * then warm). Where the time goes: the schedule run (parse, construction, search, answer: the capability's
 * own `solver.elapsedMs`) against the job (its record's start to end: adds reading the input and storing the
 * result in Redis), the handover from one job's end to the next start, and the CPU the workers, the API
 * process and redis-server took. Overhead: validate jobs sent one at a time to idle workers, submit → start
 * as the job records say (both stamped by Date.now on this machine).
 */
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { startRedis } from "../test/helpers/redis-server.ts";
import { listeningServer, processUsage, send, takt } from "./serve.ts";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const scenarios = option("--scenarios", 16);
const seconds = option("--seconds", 2);
// The project's root is above bin/takt.mjs (this module may run from a bundle in node_modules/.cache).
const steelPlant = JSON.parse(readFileSync(join(dirname(dirname(takt())), "data", "steel-plant.json"), "utf8")) as Record<string, unknown>;

async function startWorker(redisUrl: string, env: Record<string, string>): Promise<ChildProcess> {
  const args = ["worker", "--redis", redisUrl, "--concurrency", "1", "--threads", "1", "--max-running-per-client", "2"];
  const child = spawn(process.execPath, [takt(), ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let said = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr!.setEncoding("utf8").on("data", (text: string) => {
      said += text;
      if (said.includes("Takt worker ")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`takt worker exited with ${code}: ${said}`)));
  });
  return child;
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map(async (child) => {
    child.kill("SIGTERM");
    await once(child, "exit");
  }));
}

/** How often the batch is polled, ms. */
const POLL_MS = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface BatchRun {
  wallS: number;
  /** From POST to the first job's start, ms: the API checks and expands the batch on its thread first. */
  firstStartMs: number;
  /** Per scenario: its job's start and end (epoch ms, the worker's clock) and the search's own time (its `solver.elapsedMs`). */
  jobs: Array<{ startedAt: number; finishedAt: number; searchMs: number }>;
}

async function runBatch(api: string): Promise<BatchRun> {
  const base = { ...steelPlant, options: { timeLimitSeconds: seconds, seed: 1, workers: 1 } };
  const variations = Array.from({ length: scenarios - 1 }, (_, i) => ({ name: `demand ${100 + i}%`, scaleDemand: 1 + i / 100 }));
  const submittedAt = Date.now();
  const accepted = await send(`${api}/v1/scenarios`, JSON.stringify({ kind: "schedule", base, variations }));
  if (accepted.status !== 202) throw new Error(`POST /v1/scenarios: ${accepted.status} ${accepted.text}`);
  const { id } = JSON.parse(accepted.text) as { id: string };
  for (;;) {
    const batch = JSON.parse((await send(`${api}/v1/scenarios/${id}`)).text) as { status: string; scenarios: Array<{ status: string }> };
    if (batch.status === "done") {
      if (!batch.scenarios.every((s) => s.status === "done")) throw new Error(`not every scenario is done: ${JSON.stringify(batch.scenarios)}`);
      break;
    }
    // Seldom: the polls' own work in the API process would take CPU from the workers. The end is read from
    // the job records instead, to the millisecond.
    await sleep(POLL_MS);
  }
  // After the clock stopped: each scenario's job with its whole result (for the search's own time).
  const { scenarios: done } = (await (await fetch(`${api}/v1/scenarios/${id}`)).json()) as { scenarios: Array<{ job: string }> };
  const jobs = await Promise.all(
    done.map(async ({ job }) => {
      const record = (await (await fetch(`${api}/v1/jobs/${job}`)).json()) as { startedAt: string; finishedAt: string; result: { solver: { elapsedMs: number } } };
      return { startedAt: Date.parse(record.startedAt), finishedAt: Date.parse(record.finishedAt), searchMs: record.result.solver.elapsedMs };
    }),
  );
  const firstStartMs = Math.min(...jobs.map((job) => job.startedAt)) - submittedAt;
  return { wallS: (Math.max(...jobs.map((job) => job.finishedAt)) - submittedAt) / 1000, firstStartMs, jobs };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Share of the workers' slots busy with a job from the first job's start to the last one's end. */
function slotUse(run: BatchRun, slots: number): number {
  const busy = run.jobs.reduce((sum, job) => sum + job.finishedAt - job.startedAt, 0);
  const span = Math.max(...run.jobs.map((job) => job.finishedAt)) - Math.min(...run.jobs.map((job) => job.startedAt));
  return busy / (slots * span);
}

/** Per job but the first on each slot: from the latest end before its start to its start, ms (a free slot taking the next job). */
function handovers(run: BatchRun, slots: number): number[] {
  const starts = run.jobs.map((job) => job.startedAt).sort((a, b) => a - b).slice(slots);
  return starts.map((start) => start - Math.max(...run.jobs.map((job) => job.finishedAt).filter((end) => end <= start)));
}

/** The redis-server listening on `port` (its process title names the address). */
function redisPid(port: number): number {
  const found = spawnSync("pgrep", ["-f", `redis-server 127.0.0.1:${port}`], { encoding: "utf8" }).stdout.trim().split("\n")[0];
  if (!found) throw new Error(`no redis-server on port ${port}`);
  return Number(found);
}

const load = () => loadavg().map((value) => value.toFixed(1)).join(" / ");

async function queueOverheadMs(api: string, jobs: number): Promise<number[]> {
  const overheads: number[] = [];
  for (let i = 0; i < jobs; i++) {
    const accepted = JSON.parse((await send(`${api}/v1/jobs`, JSON.stringify({ kind: "validate", input: steelPlant }))).text) as { id: string };
    for (;;) {
      const job = JSON.parse((await send(`${api}/v1/jobs/${accepted.id}`)).text) as { status: string; createdAt: string; startedAt?: string };
      if (job.status !== "queued" && job.status !== "running" && job.status !== "done") throw new Error(`job ${accepted.id}: ${job.status}`);
      if (job.status === "done") {
        overheads.push(Date.parse(job.startedAt!) - Date.parse(job.createdAt));
        break;
      }
      await sleep(20);
    }
  }
  return overheads;
}

const redis = await startRedis();
// The API node and the workers share one key prefix (the server reads it from the environment it inherits).
const env = { TAKT_REDIS_PREFIX: `bench-${randomUUID()}` };
process.env.TAKT_REDIS_PREFIX = env.TAKT_REDIS_PREFIX;
const api = await listeningServer(["--redis", redis.url, "--workers", "0", "--threads", "1"]);
try {
  console.log(`${scenarios} schedule scenarios of ${seconds} s searches (steel plant), workers of one thread each; ${availableParallelism()} cores`);
  console.log(`load average (1 / 5 / 15 min) before: ${load()}\n`);
  // CPU seconds of the workers, the API process and redis-server during the batch: on 2 cores, what the
  // workers did not get went to the other two (or to whatever else ran on the machine).
  console.log("| worker processes | batch | batch wall s | scenarios / min | speed-up | first start ms | schedule run ms (median) | job ms (median) | handover ms (median) | slots busy | workers' CPU s | API CPU s | Redis CPU s | cores the workers got |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  const others = [api.pid, redisPid(redis.port)];
  const single: number[] = [];
  for (const count of [1, 2]) {
    const workers = await Promise.all(Array.from({ length: count }, () => startWorker(redis.url, env)));
    const cpuOf = (pids: number[]) => pids.map((pid) => processUsage(pid).cpuMs);
    // The same batch twice on the same workers: a new worker process still compiles the solver's code (V8,
    // on background threads) during its first batch; the second is what running workers do.
    for (const [round, label] of ["first", "second"].entries()) {
      const workersBefore = cpuOf(workers.map((worker) => worker.pid!));
      const othersBefore = cpuOf(others);
      const run = await runBatch(api.url);
      const workersCpu = cpuOf(workers.map((worker) => worker.pid!)).reduce((sum, ms, i) => sum + ms - workersBefore[i]!, 0) / 1000;
      const [apiCpu, redisCpu] = cpuOf(others).map((ms, i) => (ms - othersBefore[i]!) / 1000);
      const { wallS } = run;
      if (count === 1) single[round] = wallS;
      const searchMs = median(run.jobs.map((job) => job.searchMs));
      const jobMs = median(run.jobs.map((job) => job.finishedAt - job.startedAt));
      const timing = [wallS.toFixed(1), ((scenarios / wallS) * 60).toFixed(1), (single[round]! / wallS).toFixed(2), run.firstStartMs, searchMs.toFixed(0), jobMs.toFixed(0), median(handovers(run, count))];
      const cpu = [workersCpu.toFixed(1), apiCpu!.toFixed(1), redisCpu!.toFixed(1), (workersCpu / wallS).toFixed(2)];
      console.log(`| ${[count, label, ...timing, `${(slotUse(run, count) * 100).toFixed(0)} %`, ...cpu].join(" | ")} |`);
    }
    await stopAll(workers);
  }
  console.log(`\nload average after the batches: ${load()}`);
  const workers = [await startWorker(redis.url, env)];
  const overheads = await queueOverheadMs(api.url, 20);
  await stopAll(workers);
  console.log(`\nQueue overhead, submit → start, ${overheads.length} jobs to an idle worker: median ${median(overheads)} ms, max ${Math.max(...overheads)} ms`);
} finally {
  await api.close();
  await redis.close();
}
