/**
 * The Lua scripts that change a job's record in Redis. Each runs atomically, so a cancel and a worker's
 * start cannot both win, and a worker that lost its job (it stalled, and another worker took it over) can
 * no longer write to it: every write of a run checks the run's token (`run`), the BullMQ lock token of the
 * attempt that set it.
 *
 * Record fields (hash `P:job:ID`): status, run, attempts, startedAt, finishedAt, progress, error, kpis,
 * resultBytes, cancel ("1": a DELETE asked the running job to stop), and what submission stored.
 */
import type { Redis } from "ioredis";

interface Script {
  keys: number;
  lua: string;
}

export const SCRIPTS = {
  /**
   * KEYS: job, finished index. ARGV: token, now, id, max attempts, the error of a job interrupted that often,
   * the worker's id (kept as `worker`: which node ran it, for operators and tests).
   * A queued job, or one whose previous run stalled (still `running`), becomes this run's: returns its
   * attempts including this one. A stalled run that was asked to stop ends cancelled instead, and one
   * already started max attempts times ends failed. Anything else (cancelled, finished, gone): -1.
   */
  taktStart: {
    keys: 2,
    lua: `
      local status = redis.call('HGET', KEYS[1], 'status')
      if status ~= 'queued' and status ~= 'running' then return -1 end
      local stalled = status == 'running'
      if stalled and redis.call('HGET', KEYS[1], 'cancel') == '1' then
        redis.call('HSET', KEYS[1], 'status', 'cancelled', 'finishedAt', ARGV[2])
      elseif stalled and tonumber(redis.call('HGET', KEYS[1], 'attempts')) >= tonumber(ARGV[4]) then
        redis.call('HSET', KEYS[1], 'status', 'failed', 'finishedAt', ARGV[2], 'error', ARGV[5])
      end
      if redis.call('HGET', KEYS[1], 'status') ~= status then return ended(ARGV[2], ARGV[3], -1) end
      redis.call('HSET', KEYS[1], 'status', 'running', 'run', ARGV[1], 'startedAt', ARGV[2], 'worker', ARGV[6])
      redis.call('HDEL', KEYS[1], 'progress')
      return redis.call('HINCRBY', KEYS[1], 'attempts', 1)`,
  },
  /** KEYS: job. ARGV: token. Puts this run's job back in the queue without counting the attempt (the pool was busy). */
  taktRequeue: {
    keys: 1,
    lua: `
      if redis.call('HGET', KEYS[1], 'run') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'status') ~= 'running' then return 0 end
      redis.call('HSET', KEYS[1], 'status', 'queued')
      redis.call('HDEL', KEYS[1], 'run', 'startedAt', 'progress')
      redis.call('HINCRBY', KEYS[1], 'attempts', -1)
      return 1`,
  },
  /** KEYS: job. ARGV: token, progress JSON. Returns 1 when a cancel was asked, 0 if not, -1 when the run is no longer this one. */
  taktProgress: {
    keys: 1,
    lua: `
      if redis.call('HGET', KEYS[1], 'run') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'status') ~= 'running' then return -1 end
      redis.call('HSET', KEYS[1], 'progress', ARGV[2])
      if redis.call('HGET', KEYS[1], 'cancel') == '1' then return 1 end
      return 0`,
  },
  /**
   * KEYS: job, finished index, the run's result parts, the job's result key. ARGV: token, status, at, id,
   * resultBytes ('' for none), kpis, error, progress ('' for none). Records the end of this run, its parts
   * becoming the job's result; returns 0 (and drops the parts) when the run is no longer this one.
   */
  taktFinish: {
    keys: 4,
    lua: `
      if redis.call('HGET', KEYS[1], 'run') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'status') ~= 'running' then
        redis.call('DEL', KEYS[3])
        return 0
      end
      redis.call('HSET', KEYS[1], 'status', ARGV[2], 'finishedAt', ARGV[3])
      if ARGV[5] ~= '' and redis.call('EXISTS', KEYS[3]) == 1 then
        redis.call('RENAME', KEYS[3], KEYS[4])
        redis.call('HSET', KEYS[1], 'resultBytes', ARGV[5])
        if ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'kpis', ARGV[6]) end
      elseif ARGV[5] ~= '' then
        redis.call('HSET', KEYS[1], 'resultBytes', ARGV[5])
      else
        redis.call('DEL', KEYS[3])
      end
      if ARGV[7] ~= '' then redis.call('HSET', KEYS[1], 'error', ARGV[7]) end
      if ARGV[8] ~= '' then redis.call('HSET', KEYS[1], 'progress', ARGV[8]) end
      return ended(ARGV[3], ARGV[4], 1)`,
  },
  /** KEYS: job, finished index. ARGV: at, id, error JSON. Fails a job that has not finished (BullMQ gave up on it). */
  taktFail: {
    keys: 2,
    lua: `
      local status = redis.call('HGET', KEYS[1], 'status')
      if status ~= 'queued' and status ~= 'running' then return 0 end
      redis.call('HSET', KEYS[1], 'status', 'failed', 'finishedAt', ARGV[1], 'error', ARGV[3])
      return ended(ARGV[1], ARGV[2], 1)`,
  },
  /**
   * KEYS: job, finished index. ARGV: at, id. A queued job is cancelled at once; a running one is marked for
   * its worker to stop. Returns the status the job had ('' when there is none).
   */
  taktCancel: {
    keys: 2,
    lua: `
      local status = redis.call('HGET', KEYS[1], 'status')
      if status == 'queued' then
        redis.call('HSET', KEYS[1], 'status', 'cancelled', 'finishedAt', ARGV[1])
        ended(ARGV[1], ARGV[2], 0)
      elseif status == 'running' then
        redis.call('HSET', KEYS[1], 'cancel', '1')
      end
      return status or ''`,
  },
  /**
   * Fairness across workers. KEYS: the client's running set, live workers, worker slots. ARGV: now, id,
   * lease expiry, fixed limit (0: half the live workers' slots). A client's running jobs hold leases that
   * their workers renew; a dead worker's lapse. Returns 1 when the job may start (its lease taken), else 0.
   */
  taktAdmit: {
    keys: 3,
    lua: `
      local now = tonumber(ARGV[1])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
      if redis.call('ZSCORE', KEYS[1], ARGV[2]) then
        redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
        return 1
      end
      local limit = tonumber(ARGV[4])
      if limit == 0 then
        for _, dead in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)) do redis.call('HDEL', KEYS[3], dead) end
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
        local slots = 0
        for _, worker in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], now, '+inf')) do slots = slots + tonumber(redis.call('HGET', KEYS[3], worker) or '0') end
        limit = math.max(1, math.ceil(slots / 2))
      end
      if redis.call('ZCARD', KEYS[1]) >= limit then return 0 end
      redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
      return 1`,
  },
} satisfies Record<string, Script>;

export type ScriptName = keyof typeof SCRIPTS;

/**
 * Prepended to every script: `ended(at, id, answer)` closes a job's run (KEYS[1]) for good, listing it in
 * the finished index (KEYS[2]) that retention reads, and returns `answer`.
 */
const ENDED = `
  local function ended(at, id, answer)
    redis.call('HDEL', KEYS[1], 'run', 'cancel')
    redis.call('ZADD', KEYS[2], at, id)
    return answer
  end`;

/** Registers the scripts on a connection (ioredis sends each by its SHA, loading it once). */
export function defineScripts(redis: Redis): void {
  for (const [name, script] of Object.entries(SCRIPTS)) redis.defineCommand(name, { numberOfKeys: script.keys, lua: ENDED + script.lua });
}

/** Runs a script defined by defineScripts. */
export function runScript(redis: Redis, name: ScriptName, keys: ReadonlyArray<string>, args: ReadonlyArray<string | number>): Promise<unknown> {
  const command = (redis as unknown as Record<ScriptName, (...args: Array<string | number>) => Promise<unknown>>)[name];
  return command.call(redis, ...keys, ...args);
}
