/**
 * A real Redis for the tests of the Redis job backend: Debian's `redis-server` (`.ci/run` installs it when
 * missing) on a free port with its own temporary directory, stopped by the test. No snapshots (`--save ''`);
 * an append-only file fsynced every second, as the README asks of production, so a restart keeps what was
 * written (the restart test relies on it).
 */
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const REDIS_SERVER = process.env.TAKT_REDIS_SERVER ?? "redis-server";
export const redisInstalled = spawnSync(REDIS_SERVER, ["--version"]).status === 0;
/** CI installs redis-server, so there a missing one fails the Redis tests instead of skipping them. */
export const runRedisTests = redisInstalled || process.env.CI !== undefined;

export interface TestRedis {
  url: string;
  port: number;
  /** Stops Redis as an operator would (SIGTERM: it writes its append-only file and exits). */
  stop(): Promise<void>;
  /** Starts it again on the same port and directory. */
  restart(): Promise<void>;
  /** Stops it and deletes its directory. */
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "yes", "--appendfsync", "everysec"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  child.stdout!.resume();
  return child;
}

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), "takt-redis-"));
  const port = await freePort();
  let child = await launch(port, dir);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => stopped(child),
    restart: async () => {
      await stopped(child);
      child = await launch(port, dir);
    },
    close: async () => {
      await stopped(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
