/**
 * `npm run bench:scale-out [-- --scenarios 16] [--seconds 2]`: the Redis backend's throughput with one
 * `takt worker` process and with two, and its queue overhead per job. A redis-server (started here, as the
 * tests start theirs), an API-only `takt serve --redis … --workers 0`, and workers of one thread each, all
 * on this machine; prints a markdown table for the README's Scaling out section.
 *
 * Throughput: a schedule batch (the steel plant, `scenarios` scenarios of `seconds`-second searches, one
 * search thread each) from POST to the last scenario done, the batch's client allowed every worker's slot
 * (`--max-running-per-client`; by default one client gets half of them). Overhead: validate jobs sent one at a time
 * to idle workers, submit → start as the job records say (both stamped by Date.now on this machine).
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runBatch(api: string): Promise<number> {
  const base = { ...steelPlant, options: { timeLimitSeconds: seconds, seed: 1, workers: 1 } };
  const variations = Array.from({ length: scenarios - 1 }, (_, i) => ({ name: `demand ${100 + i}%`, scaleDemand: 1 + i / 100 }));
  const started = performance.now();
  const accepted = await send(`${api}/v1/scenarios`, JSON.stringify({ kind: "schedule", base, variations }));
  if (accepted.status !== 202) throw new Error(`POST /v1/scenarios: ${accepted.status} ${accepted.text}`);
  const { id } = JSON.parse(accepted.text) as { id: string };
  for (;;) {
    const batch = JSON.parse((await send(`${api}/v1/scenarios/${id}`)).text) as { status: string; scenarios: Array<{ status: string }> };
    if (batch.status === "done") {
      if (!batch.scenarios.every((s) => s.status === "done")) throw new Error(`not every scenario is done: ${JSON.stringify(batch.scenarios)}`);
      return (performance.now() - started) / 1000;
    }
    await sleep(50);
  }
}

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
  console.log(`${scenarios} schedule scenarios of ${seconds} s searches (steel plant), workers of one thread each; ${availableParallelism()} cores\n`);
  // The workers' CPU time shows how much of the machine they got: on a shared machine, less than one core each.
  console.log("| worker processes | batch wall s | scenarios / min | speed-up | workers' CPU s | cores they got |");
  console.log("|---|---|---|---|---|---|");
  let single = 0;
  for (const count of [1, 2]) {
    const workers = await Promise.all(Array.from({ length: count }, () => startWorker(redis.url, env)));
    const cpuBefore = workers.map((worker) => processUsage(worker.pid!).cpuMs);
    const wall = await runBatch(api.url);
    const cpu = workers.reduce((sum, worker, i) => sum + processUsage(worker.pid!).cpuMs - cpuBefore[i]!, 0) / 1000;
    if (count === 1) single = wall;
    console.log(`| ${count} | ${wall.toFixed(1)} | ${((scenarios / wall) * 60).toFixed(1)} | ${(single / wall).toFixed(2)} | ${cpu.toFixed(1)} | ${(cpu / wall).toFixed(2)} |`);
    await stopAll(workers);
  }
  const workers = [await startWorker(redis.url, env)];
  const overheads = (await queueOverheadMs(api.url, 20)).sort((a, b) => a - b);
  await stopAll(workers);
  const median = overheads[Math.floor(overheads.length / 2)]!;
  console.log(`\nQueue overhead, submit → start, ${overheads.length} jobs to an idle worker: median ${median} ms, max ${overheads.at(-1)} ms`);
} finally {
  await api.close();
  await redis.close();
}
