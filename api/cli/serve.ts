/**
 * `takt serve`: flags and environment variables checked, then the server started (server.ts). Every
 * flag has an environment variable for containers; the flag wins.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_TIMEOUTS } from "../app.ts";
import type { ClientToken } from "../auth.ts";
import { checkTokens, parseTokenFile, parseTokenList, TokenConfigError } from "../auth.ts";
import { serve } from "../server.ts";
import { origins, redisUrl, seconds, UsageError, settingsOf } from "./flags.ts";

/** Where jobs are kept unless --db or TAKT_JOBS_DB says otherwise: relative to the working directory, printed absolute. */
export const DEFAULT_DATABASE = ".takt/jobs.sqlite";

const s = (ms: number) => String(ms / 1000);

/**
 * The workbench's files: the build (bin/build.mjs) puts them in dist/web/, beside the built CLI; run from the
 * sources there are none.
 */
function bundledWebRoot(): string | undefined {
  const dir = fileURLToPath(new URL("./web/", import.meta.url));
  return existsSync(join(dir, "index.html")) ? dir : undefined;
}

export const serveCommand = {
  usage: "takt serve [--host ADDRESS] [--port N] [--db FILE | --redis URL] [--token-file FILE] [--cors-origin URL] …",
  summary: `Start the HTTP API (docs at /docs) and the planner's workbench (at /); jobs are kept in --db (default ${DEFAULT_DATABASE})`,
  help: `Options (each also read from the environment variable in brackets; the flag wins):
  --host ADDRESS           address to listen on [HOST]; default 127.0.0.1. Any other than a loopback address
                           needs tokens, or --insecure
  --port N                 port [PORT]; default 3000 (0: any free port, printed in the banner)
  --threads N              solver threads [TAKT_THREADS]; default one per core
  --thread-memory-mb N     heap limit of each solver thread, MB [TAKT_THREAD_MEMORY_MB]; default half the
                           machine's memory over all threads, 512 to 4,096. A request needing more is a 422
  --body-limit-mb N        largest request body, MB [TAKT_BODY_LIMIT_MB]; default 100
  --db FILE                SQLite job store [TAKT_JOBS_DB]; default ${DEFAULT_DATABASE} in the working directory;
                           :memory: keeps jobs in memory only.
                           One server per store: a second one on the same file refuses to start
  --redis URL              keep jobs in Redis and queue them on BullMQ instead [TAKT_REDIS_URL], e.g.
                           redis://127.0.0.1:6379: any number of API nodes and \`takt worker\` processes share
                           them (README, Scaling out; keys start with TAKT_REDIS_PREFIX, default "takt"). --db is
                           then unused
  --workers N              with --redis: jobs this process runs itself [TAKT_WORKERS]; default the threads jobs
                           may use; 0 makes an API-only node
  --token-file FILE        bearer tokens, one "client token [admin]" per line [TAKT_TOKEN_FILE]; also
                           TAKT_TOKENS="client:token,client:token:admin". With tokens, /v1 needs
                           Authorization: Bearer TOKEN; each client sees only its own jobs, admins all
  --insecure               serve a non-loopback address without tokens (anyone who reaches it may do anything)
  --cors-origin URL[,URL]  web origins whose pages may call the API [TAKT_CORS_ORIGINS]; default none
  --headers-timeout S      seconds to receive a request's headers [TAKT_HEADERS_TIMEOUT]; default ${s(DEFAULT_TIMEOUTS.headersMs)}
  --request-timeout S      seconds to receive a whole request, body included [TAKT_REQUEST_TIMEOUT]; default ${s(DEFAULT_TIMEOUTS.requestMs)}
  --idle-timeout S         seconds a connection may stay silent [TAKT_IDLE_TIMEOUT]; default ${s(DEFAULT_TIMEOUTS.idleMs)}
                           (a synchronous schedule may search for up to 3,600 s before it answers)
  --keep-alive-timeout S   seconds an idle kept-alive connection stays open [TAKT_KEEP_ALIVE_TIMEOUT]; default ${s(DEFAULT_TIMEOUTS.keepAliveMs)}
Exit codes: 2 a bad flag or token setting, 1 the server cannot start (port in use, job store in use).`,
  async run(args: string[]): Promise<number | undefined> {
    const { values } = parseArgs({
      args,
      options: {
        host: { type: "string" },
        port: { type: "string" },
        threads: { type: "string" },
        "thread-memory-mb": { type: "string" },
        "body-limit-mb": { type: "string" },
        db: { type: "string" },
        redis: { type: "string" },
        workers: { type: "string" },
        "token-file": { type: "string" },
        insecure: { type: "boolean" },
        "cors-origin": { type: "string", multiple: true },
        "headers-timeout": { type: "string" },
        "request-timeout": { type: "string" },
        "idle-timeout": { type: "string" },
        "keep-alive-timeout": { type: "string" },
      },
    });
    const { setting, number } = settingsOf(values);
    const timeout = (flag: keyof typeof values, env: string, zeroMeans?: string) => {
      const found = setting(flag, env);
      return found && Math.round(seconds(found[0], found[1], 86_400, zeroMeans) * 1000);
    };
    const port = number("port", "PORT", 0, 65_535) ?? 3000;
    const threads = number("threads", "TAKT_THREADS", 1, 256);
    const threadMemoryMb = number("thread-memory-mb", "TAKT_THREAD_MEMORY_MB", 64, 65_536);
    const bodyLimitMb = number("body-limit-mb", "TAKT_BODY_LIMIT_MB", 1, 2048);
    const headersMs = timeout("headers-timeout", "TAKT_HEADERS_TIMEOUT");
    const requestMs = timeout("request-timeout", "TAKT_REQUEST_TIMEOUT", "none");
    const idleMs = timeout("idle-timeout", "TAKT_IDLE_TIMEOUT", "none");
    const keepAliveMs = timeout("keep-alive-timeout", "TAKT_KEEP_ALIVE_TIMEOUT");
    const effectiveRequestMs = requestMs ?? DEFAULT_TIMEOUTS.requestMs;
    if (headersMs !== undefined && effectiveRequestMs > 0 && headersMs > effectiveRequestMs) {
      throw new UsageError("--headers-timeout must not exceed --request-timeout (the headers are part of the request)");
    }
    const corsSetting = values["cors-origin"]?.join(",") ?? process.env.TAKT_CORS_ORIGINS;
    const corsOrigins = corsSetting ? origins(corsSetting, values["cors-origin"] ? "--cors-origin" : "TAKT_CORS_ORIGINS") : [];
    const redis = setting("redis", "TAKT_REDIS_URL");
    const workers = number("workers", "TAKT_WORKERS", 0, 256);
    if (workers !== undefined && !redis) throw new UsageError("--workers needs --redis (without it, jobs run on this server's threads)");
    const tokens = readTokens(setting("token-file", "TAKT_TOKEN_FILE")?.[0]);
    const webRoot = bundledWebRoot();
    await serve({
      host: setting("host", "HOST")?.[0] ?? "127.0.0.1",
      port,
      ...(bodyLimitMb === undefined ? {} : { bodyLimitBytes: bodyLimitMb * 1024 * 1024 }),
      ...(threads === undefined ? {} : { threads }),
      ...(threadMemoryMb === undefined ? {} : { threadMemoryMb }),
      // Jobs and their results persist in this SQLite file across restarts (.takt/ is git-ignored).
      ...(redis
        ? { redis: { url: redisUrl(redis[0], redis[1]), ...(process.env.TAKT_REDIS_PREFIX ? { prefix: process.env.TAKT_REDIS_PREFIX } : {}), ...(workers === undefined ? {} : { workers }) } }
        : { jobsDatabasePath: databasePath(setting("db", "TAKT_JOBS_DB")?.[0] ?? DEFAULT_DATABASE) }),
      tokens,
      insecure: values.insecure === true,
      corsOrigins,
      timeouts: {
        ...(headersMs === undefined ? {} : { headersMs }),
        ...(requestMs === undefined ? {} : { requestMs }),
        ...(idleMs === undefined ? {} : { idleMs }),
        ...(keepAliveMs === undefined ? {} : { keepAliveMs }),
      },
      ...(webRoot ? { webRoot } : {}),
    });
    return undefined; // keeps running
  },
};

/** The store's file made absolute (the banner prints it); SQLite's `:memory:` (jobs lost on exit) stays a name, not a file. */
function databasePath(path: string): string {
  return path === ":memory:" ? path : resolve(path);
}

/** TAKT_TOKENS and the token file together; a bad entry is a UsageError naming it. */
function readTokens(file: string | undefined): ClientToken[] {
  try {
    const tokens = process.env.TAKT_TOKENS ? parseTokenList(process.env.TAKT_TOKENS) : [];
    if (file !== undefined) {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (error) {
        throw new TokenConfigError(`cannot read the token file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      const fromFile = parseTokenFile(text, file);
      if (fromFile.length === 0) throw new TokenConfigError(`the token file ${file} holds no tokens`);
      tokens.push(...fromFile);
    }
    return checkTokens(tokens);
  } catch (error) {
    if (error instanceof TokenConfigError) throw new UsageError(error.message);
    throw error;
  }
}
