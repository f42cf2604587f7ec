/**
 * `npm run bench:limits`: issue 13's promises measured at the client, against `takt serve` (two solver
 * threads) in its own process:
 * 1. deadlines: the answer of /v1/schedule arrives within timeLimitSeconds + 1 s, at every plant size the
 *    benchmarks use (the demo steel plant, 1,000 / 10,000 / 50,000 orders of the scheduling benchmark's
 *    plant); the overrun is the time from sending the request to its answer's last byte, minus the limit;
 * 2. the same under load: 10 clients at once asking for 0.5 s plans of the steel plant, 5 rounds;
 * 3. /health while the largest requests run: polled every 10 ms during each of them (a 100k-item MRP,
 *    1,000,000 small orders to /v1/validate and /v1/capacity, a 50,000-order schedule), its p50/p99/max;
 * 4. a synchronous request while a job runs: /v1/validate and a 1 s /v1/schedule of the steel plant, idle
 *    and beside a one-minute schedule job.
 * Prints a table per part; the machine's load average with each, as the machine is shared.
 * `npm run bench:limits -- health jobs` runs only the parts named (deadlines, load, health, jobs).
 */
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { generateMrpRequest } from "./mrp.bench.ts";
import { scalePlant } from "./schedule.bench.ts";
import type { Server } from "./serve.ts";
import { listeningServer, processUsage, send } from "./serve.ts";

function steelPlant(): Record<string, unknown> {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, "data", "steel-plant.json"), "utf8")) as Record<string, unknown>;
    } catch {
      // not here: look further up
    }
  }
  throw new Error("data/steel-plant.json not found");
}

const load = () => loadavg()[0]!.toFixed(1);
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

async function deadlines(server: Server): Promise<void> {
  console.log("\n## 1. /v1/schedule: answer time against timeLimitSeconds (from sending to the last byte)\n");
  console.log("| plant | operations | timeLimitSeconds | answered in | overrun | status | plan | load |");
  console.log("|---|---|---|---|---|---|---|---|");
  const plants: Array<[string, Record<string, unknown>, number, number[]]> = [
    ["steel plant (demo)", steelPlant(), 200, [1, 5]],
    ["1,000 orders", scalePlant(1_000) as unknown as Record<string, unknown>, 5_000, [1, 5]],
    ["10,000 orders", scalePlant(10_000) as unknown as Record<string, unknown>, 50_000, [2, 5, 10]],
    ["50,000 orders", scalePlant(50_000) as unknown as Record<string, unknown>, 250_000, [2, 10]],
  ];
  for (const [name, plant, operations, limits] of plants) {
    for (const limit of limits) {
      const body = JSON.stringify({ ...plant, options: { timeLimitSeconds: limit } });
      const answer = await send(`${server.url}/v1/schedule`, body);
      const status = /"status":"(\w+)"/.exec(answer.text)?.[1] ?? `HTTP ${answer.status}`;
      const plan = /"operations":\[\]/.test(answer.text) ? "none" : "yes";
      console.log(`| ${name} | ${operations.toLocaleString("en-US")} | ${limit} | ${seconds(answer.ms)} s | ${seconds(answer.ms - limit * 1000)} s | ${status} | ${plan} | ${load()} |`);
    }
  }
}

async function underLoad(server: Server): Promise<void> {
  console.log("\n## 2. 10 clients at once, 0.5 s plans of the steel plant, 5 rounds\n");
  const body = JSON.stringify({ ...steelPlant(), options: { timeLimitSeconds: 0.5 } });
  const times: number[] = [];
  const statuses = new Map<string, number>();
  for (let round = 0; round < 5; round++) {
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(`${server.url}/v1/schedule`, body)));
    for (const answer of answers) {
      times.push(answer.ms);
      const status = /"status":"(\w+)"/.exec(answer.text)?.[1] ?? `HTTP ${answer.status}`;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }
  console.log(`answers: p50 ${seconds(percentile(times, 50))} s, p99 ${seconds(percentile(times, 99))} s, max ${seconds(Math.max(...times))} s; ` + `statuses ${JSON.stringify(Object.fromEntries(statuses))}; load ${load()}`);
}

/**
 * Polls /health every 10 ms from a thread of its own (this thread blocks while it writes a 74 MB body, which
 * is the client's delay, not the server's) until told to stop; posts the latencies.
 */
const POLLER = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
let stop = false;
parentPort.on("message", () => (stop = true));
const latencies = [];
const poll = () => {
  if (stop) return parentPort.postMessage(latencies);
  const started = performance.now();
  http.get(workerData + "/health", (res) => {
    res.resume();
    res.on("end", () => {
      latencies.push(performance.now() - started);
      setTimeout(poll, 10);
    });
  });
};
poll();`;

/** /health latencies, polled every 10 ms until `work` settles. */
async function healthDuring<T>(server: Server, work: Promise<T>): Promise<{ result: T; latencies: number[] }> {
  const poller = new Worker(POLLER, { eval: true, workerData: server.url });
  const result = await work;
  poller.postMessage("stop");
  const [latencies] = (await once(poller, "message")) as [number[]];
  await poller.terminate();
  return { result, latencies };
}

/** `count` small orders on the steel plant's model, as JSON text (74 MB at 1,000,000), written without building them as objects. */
function manyOrders(count: number): string {
  const { orders: _orders, ...plant } = steelPlant();
  const parts = Array.from({ length: count }, (_, i) => `{"id":"O${i}","item":"GI-Z100-0.40","quantity":${1 + (i % 30)},"due":"2026-04-${String(1 + (i % 28)).padStart(2, "0")}T14:00"}`);
  return `${JSON.stringify(plant).slice(0, -1)},"orders":[${parts.join(",")}]}`;
}

async function healthWhileLarge(server: Server): Promise<void> {
  console.log("\n## 3. /health while the largest requests run (polled every 10 ms)\n");
  console.log("| request | body | answer | took | /health p50 | p99 | max | polls | server peak RSS | load |");
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  const million = manyOrders(1_000_000);
  const requests: Array<[string, string, string]> = [
    ["POST /v1/mrp, 100k items, 300k BOM lines", "/v1/mrp", JSON.stringify(generateMrpRequest())],
    ["POST /v1/validate, 1,000,000 orders", "/v1/validate", million],
    ["POST /v1/capacity, 1,000,000 orders", "/v1/capacity", `${million.slice(0, -1)},"buckets":{"start":"2026-03-30","size":"week","count":8}}`],
    ["POST /v1/schedule, 50,000 orders, 10 s", "/v1/schedule", JSON.stringify({ ...scalePlant(50_000), options: { timeLimitSeconds: 10 } })],
  ];
  for (const [name, url, body] of requests) {
    const { result, latencies } = await healthDuring(server, send(`${server.url}${url}`, body));
    const mb = (Buffer.byteLength(body) / 2 ** 20).toFixed(0);
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(
      `| ${name} | ${mb} MB | ${result.status} | ${seconds(result.ms)} s | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 99))} | ${ms(Math.max(...latencies))} | ${latencies.length} | ${processUsage(server.pid).peakRssMb} MB | ${load()} |`,
    );
  }
}

async function besideAJob(server: Server): Promise<void> {
  console.log("\n## 4. A synchronous request beside a running job\n");
  const plant = steelPlant();
  const validate = JSON.stringify(plant);
  const schedule = JSON.stringify({ ...plant, options: { timeLimitSeconds: 1 } });
  const measure = async () => ({ validate: (await send(`${server.url}/v1/validate`, validate)).ms, schedule: (await send(`${server.url}/v1/schedule`, schedule)).ms });
  const idle = await measure();
  const job = JSON.parse((await send(`${server.url}/v1/jobs`, JSON.stringify({ kind: "schedule", input: { ...plant, options: { timeLimitSeconds: 60 } } }))).text) as { id: string };
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const busy = await measure();
  const state = /"status":"(\w+)"/.exec((await send(`${server.url}/v1/jobs/${job.id}`)).text)?.[1];
  await send(`${server.url}/v1/jobs/${job.id}`, undefined, "DELETE");
  console.log("| request | idle | beside a one-minute schedule job |");
  console.log("|---|---|---|");
  console.log(`| POST /v1/validate, steel plant | ${idle.validate.toFixed(0)} ms | ${busy.validate.toFixed(0)} ms |`);
  console.log(`| POST /v1/schedule, steel plant, 1 s | ${seconds(idle.schedule)} s | ${seconds(busy.schedule)} s |`);
  console.log(`(the job was ${state} while they ran; load ${load()})`);
}

const parts = { deadlines, load: underLoad, health: healthWhileLarge, jobs: besideAJob };
const chosen = process.argv.slice(2);
const server = await listeningServer(["--threads", "2", "--db", ":memory:"]);
try {
  for (const [name, part] of Object.entries(parts)) if (chosen.length === 0 || chosen.includes(name)) await part(server);
} finally {
  await server.close();
}
