/**
 * `takt worker --redis URL`: a solver node. It takes jobs from the BullMQ queue a `takt serve --redis`
 * fills, runs them on its own threads and stores their results in Redis (jobs/redis/redis-worker.ts); run
 * as many as there are machines. It warms its threads first (warmSearches). SIGTERM or Ctrl-C stops it
 * gracefully: running jobs get a few seconds, then go back to the queue for another worker.
 */
import { parseArgs } from "node:util";
import steelPlant from "../../data/steel-plant.json" with { type: "json" };
import { capabilities } from "../capabilities/index.ts";
import { DEFAULT_REDIS_PREFIX } from "../jobs/redis/redis-connection.ts";
import { RedisWorker } from "../jobs/redis/redis-worker.ts";
import { sharedText } from "../json-body.ts";
import { createSolverPool } from "../pool.ts";
import type { SolverPool } from "../pool.ts";
import { redactedUrl } from "../server.ts";
import { redisUrl, seconds, UsageError, settingsOf } from "./flags.ts";

export const workerCommand = {
  usage: "takt worker --redis URL [--concurrency N] [--threads N] [--lock-seconds S]",
  summary: "Run jobs from the Redis queue of `takt serve --redis` on this machine (a solver node; run one per machine)",
  help: `Options (each also read from the environment variable in brackets; the flag wins):
  --redis URL             the Redis of the API nodes [TAKT_REDIS_URL], e.g. redis://10.0.0.5:6379
  --concurrency N         jobs run at once [TAKT_CONCURRENCY]; default the threads
  --threads N             solver threads [TAKT_THREADS]; default one per core
  --thread-memory-mb N    heap limit of each solver thread, MB [TAKT_THREAD_MEMORY_MB]
  --max-running-per-client N
                          jobs one client may run at once over all workers [TAKT_MAX_RUNNING_PER_CLIENT];
                          default half the live workers' slots (their concurrency), at least 1. Give every
                          worker the same value
  --lock-seconds S        how long the job of a worker that died stays locked before another worker runs it
                          again [TAKT_LOCK_SECONDS]; default 30. Give every worker the same value
The Redis keys start with TAKT_REDIS_PREFIX (default "takt"), as for takt serve.
Exit codes: 2 a bad flag; otherwise it runs until stopped (SIGTERM, Ctrl-C).`,
  async run(args: string[]): Promise<number | undefined> {
    const { values } = parseArgs({
      args,
      options: {
        redis: { type: "string" },
        concurrency: { type: "string" },
        threads: { type: "string" },
        "thread-memory-mb": { type: "string" },
        "lock-seconds": { type: "string" },
        "max-running-per-client": { type: "string" },
      },
    });
    const { setting, number } = settingsOf(values);
    const redis = setting("redis", "TAKT_REDIS_URL");
    if (!redis) throw new UsageError("--redis URL is required (the Redis that `takt serve --redis` uses)");
    const url = redisUrl(redis[0], redis[1]);
    const threads = number("threads", "TAKT_THREADS", 1, 256);
    const threadMemoryMb = number("thread-memory-mb", "TAKT_THREAD_MEMORY_MB", 64, 65_536);
    const lock = setting("lock-seconds", "TAKT_LOCK_SECONDS");
    const lockDurationMs = lock && Math.round(seconds(lock[0], lock[1], 3600) * 1000);
    const chosenConcurrency = number("concurrency", "TAKT_CONCURRENCY", 1, 256);
    const maxRunningPerClient = number("max-running-per-client", "TAKT_MAX_RUNNING_PER_CLIENT", 1, 100_000);
    // Nobody sends this process synchronous requests: jobs may use every thread.
    const pool = createSolverPool({ reserveForRequests: false, ...(threads ? { threads } : {}), ...(threadMemoryMb ? { threadMemoryMb } : {}) });
    const concurrency = chosenConcurrency ?? pool.batchThreads;
    await pool.warm();
    const log = jsonLinesLog();
    // Only a speed-up: a worker whose threads cannot run the demo search (a tight --thread-memory-mb) still serves smaller jobs.
    await warmSearches(pool).catch((error: unknown) => log.warn({ err: error }, "the warm-up search failed; taking jobs without it"));
    const prefix = process.env.TAKT_REDIS_PREFIX || DEFAULT_REDIS_PREFIX;
    const worker = new RedisWorker({
      url,
      prefix,
      pool,
      capabilities,
      concurrency,
      log,
      ...(lockDurationMs ? { lockDurationMs } : {}),
      ...(maxRunningPerClient ? { maxRunningPerClient } : {}),
    });
    await worker.ready();
    process.stderr.write(`Takt worker ${worker.id}: running up to ${concurrency} job(s) at once on ${pool.threads} thread(s), from ${redactedUrl(url)}\n`);
    const stop = async () => {
      await worker.close();
      await pool.close();
      process.exit(0);
    };
    process.once("SIGINT", () => void stop());
    process.once("SIGTERM", () => void stop());
    return undefined; // keeps running
  },
};

/** Iterations of each thread's warm-up search: about a second of one core. */
const WARM_ITERATIONS = 500;

/**
 * Runs a short search of the demo steel plant on every solver thread before the worker takes jobs. V8
 * compiles the scheduler's hot code once per thread, on background threads of the process: measured on the
 * 2-core machine, about 0.6 s of CPU over a fresh worker's first sixteen 2 s searches, 0.1 s by its third
 * sixteen. Where every core runs a solver thread that compiling takes CPU from the jobs; done here, it is
 * paid once, while the worker starts.
 */
async function warmSearches(pool: SolverPool): Promise<void> {
  const schedule = capabilities.find((c) => c.command === "schedule")!;
  const request = sharedText(JSON.stringify({ ...steelPlant, options: { timeLimitSeconds: 5, seed: 1, workers: 1, maxIterations: WARM_ITERATIONS } }));
  await Promise.all(Array.from({ length: pool.threads }, () => schedule.run(request, { pool, batch: true })));
}

/**
 * JSON lines on stderr, the shape of the server's pino logs: a failed job's error, Redis going away. (pino
 * itself comes with fastify, which a worker does not start.)
 */
function jsonLinesLog() {
  const line = (level: number) => (details: { err?: unknown }, msg: string) => {
    const err = details.err instanceof Error ? { type: details.err.name, message: details.err.message, stack: details.err.stack } : details.err;
    process.stderr.write(`${JSON.stringify({ level, time: Date.now(), name: "takt-worker", ...details, ...(err === undefined ? {} : { err }), msg })}\n`);
  };
  return { error: line(50), warn: line(40) };
}
