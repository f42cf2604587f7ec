/**
 * `npm run bench:fuzz [-- COUNT]`: the project's fuzzer (test/helpers/fuzz.ts) against `takt serve` in its own
 * process, COUNT bodies per route (default 10,000; the test suite sends 20), two at a time over kept-alive
 * connections. Issue 13's "done when": no answer is a 5xx, no connection drops. Prints per route how many
 * answers had each status and the slowest, and writes every body that got a 5xx or lost its connection to
 * a folder it names, to be replayed. Accepted jobs and batches are cancelled at once, so the job queue
 * never fills (a full queue is a documented 503 with Retry-After, not what this looks for).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { Agent } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fuzzRandom, fuzzRequest, fuzzRoutes, sendFuzzRequest } from "../test/helpers/fuzz.ts";
import type { FuzzRequest } from "../test/helpers/fuzz.ts";
import { listeningServer, processUsage, send } from "./serve.ts";

const COUNT = Number(process.argv[2] ?? 10_000);
const SEED = 13;
/** Searches the fuzzer reaches run briefly; the time limit itself has tests and a benchmark of its own. */
const SEARCH_SECONDS = 0.2;
const CONCURRENCY = 2;

const dir = mkdtempSync(join(tmpdir(), "takt-fuzz-"));
const server = await listeningServer(["--threads", "2", "--db", join(dir, "jobs.sqlite")]);
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const started = Date.now();
let failures = 0;

/** Cancels what a POST to the jobs or scenarios routes accepted, so the queue stays short. */
async function cancelAccepted(request: FuzzRequest, status: number, text: string): Promise<void> {
  if (status !== 202) return;
  const id = (JSON.parse(text) as { id: string }).id;
  await send(`${server.url}${request.url}/${id}`, undefined, "DELETE");
}

try {
  for (const route of fuzzRoutes()) {
    const random = fuzzRandom(SEED);
    const requests = Array.from({ length: COUNT }, () => fuzzRequest(route, random, SEARCH_SECONDS));
    const statuses = new Map<number, number>();
    let slowest = 0;
    let next = 0;
    const routeStarted = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let k = next++; k < requests.length; k = next++) {
          const request = requests[k]!;
          const t = performance.now();
          try {
            const status = request.url === "/v1/jobs" || request.url === "/v1/scenarios" ? await postAndCancel(request) : await sendFuzzRequest(server.url, request, agent);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (status >= 500) throw new Error(`status ${status}`);
          } catch (error) {
            failures++;
            writeFileSync(join(dir, `${route.method}${route.url.replaceAll("/", "_")}-${k}.txt`), `${request.method} ${request.url}\n${request.payload ?? ""}`);
            process.stderr.write(`${route.method} ${route.url} #${k}: ${(error as Error).message}\n`);
          }
          slowest = Math.max(slowest, performance.now() - t);
        }
      }),
    );
    const counts = [...statuses].sort((a, b) => a[0] - b[0]).map(([status, n]) => `${status}: ${n}`).join(", ");
    console.log(`${route.method} ${route.url}: ${COUNT} bodies in ${((Date.now() - routeStarted) / 1000).toFixed(0)} s; ${counts}; slowest ${Math.round(slowest)} ms`);
  }
  const usage = processUsage(server.pid);
  console.log(
    `\n${failures} bodies got a 5xx or lost their connection (${dir}); ${((Date.now() - started) / 60_000).toFixed(1)} min, load average ${loadavg()[0]!.toFixed(1)}, ` +
      `server peak RSS ${usage.peakRssMb} MB`,
  );
} finally {
  agent.destroy();
  await server.close();
}

async function postAndCancel(request: FuzzRequest): Promise<number> {
  const answer = await send(`${server.url}${request.url}`, request.payload);
  await cancelAccepted(request, answer.status, answer.text);
  return answer.status;
}
