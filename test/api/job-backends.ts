/**
 * The job and scenario tests run against both backends: the embedded SQLite store and Redis with BullMQ
 * (a real redis-server per test file, test/helpers/redis-server.ts). Where redis-server is missing outside
 * CI, only SQLite runs.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { JobsOptions } from "../../api/jobs/index.ts";
import { runRedisTests, startRedis } from "../helpers/redis-server.ts";
import type { TestRedis } from "../helpers/redis-server.ts";

export type Backend = "sqlite" | "redis";
export const BACKENDS: Backend[] = runRedisTests ? ["sqlite", "redis"] : ["sqlite"];

/**
 * Call in a describe block: starts Redis for it when `backend` is redis. `jobs(options)` gives an app's job
 * options for that backend, each app with its own key prefix so apps never see each other's jobs.
 */
export function useBackend(backend: Backend): { jobs(options?: JobsOptions): JobsOptions; redis(): TestRedis } {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    if (backend === "redis") redis = await startRedis();
  }, 60_000);
  afterAll(() => redis?.close());
  return {
    jobs: (options = {}) => (backend === "sqlite" ? options : { ...options, redis: { url: redis!.url, prefix: `test-${randomUUID()}` } }),
    redis: () => redis!,
  };
}
