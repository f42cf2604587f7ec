/**
 * Connections to Redis for the Redis job backend. ioredis reconnects by itself (every 0.2 to 2 s) when
 * Redis goes away; what differs is how a command behaves meanwhile:
 * - an API node answers at once: its commands fail fast (no offline queue) and the routes turn that into
 *   a 503 with Retry-After (StoreUnavailableError), so no request hangs while Redis is down;
 * - a solver worker waits: its commands queue until Redis is back, and BullMQ's blocking connection needs
 *   `maxRetriesPerRequest: null`.
 */
import { Redis } from "ioredis";
import { StoreUnavailableError, TaktError } from "../../../src/errors.ts";
import { defineScripts } from "./redis-scripts.ts";

/** Seconds a client is told to wait (Retry-After) while Redis is unreachable: about one reconnection round. */
const UNAVAILABLE_RETRY_SECONDS = 5;

/** Default key prefix of the Takt records and of the BullMQ queue. */
export const DEFAULT_REDIS_PREFIX = "takt";

export interface RedisBackendOptions {
  /** `redis://[:password@]host:port[/db]` (or `rediss://` for TLS). */
  url: string;
  /** Key prefix, so several Takt installations (or tests) can share one Redis; default "takt". */
  prefix?: string;
}

const reconnect = (times: number) => Math.min(times * 200, 2000);

/** A connection whose commands fail at once while Redis is unreachable (API nodes). */
export function failFastConnection(url: string): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: reconnect, lazyConnect: false });
  defineScripts(redis);
  return redis;
}

/** A connection whose commands wait for Redis to come back (solver workers, BullMQ's blocking reads). */
export function waitingConnection(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: reconnect });
  defineScripts(redis);
  return redis;
}

/**
 * Runs `work` against Redis, turning an unreachable Redis into StoreUnavailableError (a 503 with
 * Retry-After). Domain errors pass through; anything else is a bug and passes through too.
 */
export async function whileAvailable<T>(redis: Redis, work: () => Promise<T>): Promise<T> {
  if (redis.status !== "ready") throw unavailable(redis);
  try {
    return await work();
  } catch (error) {
    if (error instanceof TaktError || !isConnectionError(error)) throw error;
    throw unavailable(redis, error);
  }
}

function unavailable(redis: Redis, cause?: unknown): StoreUnavailableError {
  const where = `${redis.options.host ?? "?"}:${redis.options.port ?? "?"}`;
  return new StoreUnavailableError(`the job store (Redis at ${where}) cannot be reached; try again shortly`, UNAVAILABLE_RETRY_SECONDS, { cause });
}

/** ioredis's errors for a connection that is down, closed or not writable (its messages are its only mark). */
function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return (
    error.name === "MaxRetriesPerRequestError" ||
    (code !== undefined && ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH"].includes(code)) ||
    /Connection is closed|enableOfflineQueue|Stream isn't writeable|LOADING|Reached the max retries/.test(error.message)
  );
}
