/** The listening server: `takt serve` / `npm start`. */
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import type { TimeoutOptions } from "./app.ts";
import { buildApp } from "./app.ts";
import type { ClientToken } from "./auth.ts";
import { JobStoreLockedError } from "./jobs/store-lock.ts";

export interface ServeOptions {
  host: string;
  port: number;
  bodyLimitBytes?: number;
  threads?: number;
  /** Heap limit of each solver thread, MB (PoolOptions.threadMemoryMb). */
  threadMemoryMb?: number;
  /** SQLite file for /v1/jobs and /v1/scenarios (the CLI passes an absolute path); default in-memory. */
  jobsDatabasePath?: string;
  /** Jobs in Redis with BullMQ instead (JobsOptions.redis): the URL, and the jobs this process runs itself. */
  redis?: { url: string; prefix?: string; workers?: number };
  /** Clients and their bearer tokens; none: the API is open, which only a loopback bind allows without `insecure`. */
  tokens?: ReadonlyArray<ClientToken>;
  /** Serve a non-loopback address without tokens. */
  insecure?: boolean;
  /** The bundled workbench to serve at `/` (AppOptions.webRoot). */
  webRoot?: string;
  corsOrigins?: ReadonlyArray<string>;
  timeouts?: TimeoutOptions;
}

/** A server that cannot start for a reason its operator can fix: the CLI prints the message as one line. */
export class StartupError extends Error {
  override readonly name = "StartupError";
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"];

/** Loopback addresses and `localhost`: only this machine can connect. */
export function isLoopback(host: string): boolean {
  const bare = host.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return bare === "localhost" || bare === "::1" || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/**
 * Fails with one clear line when the port is taken, before anything else starts (the database file
 * included). The real listen can still lose a race for the port; it reports the same line.
 */
async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  }).catch((error: NodeJS.ErrnoException) => {
    throw listenError(error, host, port);
  });
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === "EADDRINUSE") return new StartupError(`port ${port} on ${host} is already in use (another takt serve?); choose another with --port`);
  if (error.code === "EACCES") return new StartupError(`no permission to listen on ${host}:${port} (ports below 1024 need privileges); choose another with --port`);
  if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") return new StartupError(`cannot listen on ${host}: not an address of this machine (--host)`);
  return error;
}

function urlHost(address: string): string {
  return address.includes(":") ? `[${address}]` : address;
}

export async function serve(options: ServeOptions): Promise<FastifyInstance> {
  const tokens = options.tokens ?? [];
  const open = tokens.length === 0;
  if (open && !isLoopback(options.host) && !options.insecure) {
    throw new StartupError(
      `refusing to serve ${options.host} without tokens: anyone who can reach it could read, submit and cancel every job. ` +
        "Give tokens (TAKT_TOKENS or --token-file FILE), bind to 127.0.0.1, or pass --insecure if the network is yours alone",
    );
  }
  await assertPortFree(options.host, options.port);
  let app: FastifyInstance;
  try {
    app = await buildApp({
      ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
      poolOptions: { ...(options.threads ? { threads: options.threads } : {}), ...(options.threadMemoryMb ? { threadMemoryMb: options.threadMemoryMb } : {}) },
      ...(options.redis ? { jobs: { redis: options.redis } } : options.jobsDatabasePath ? { jobs: { databasePath: options.jobsDatabasePath } } : {}),
      tokens,
      ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
      // Open on loopback: answer only to loopback names, so a page whose name resolves to 127.0.0.1 (DNS rebinding) is refused.
      ...(open && !options.insecure ? { allowedHosts: [...new Set([...LOOPBACK_NAMES, options.host])] } : {}),
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    });
  } catch (error) {
    if (error instanceof JobStoreLockedError) throw new StartupError(error.message);
    // A folder that cannot be made, a file that is not a database: the store's path is the operator's to fix.
    const { code, syscall } = error as { code?: unknown; syscall?: unknown };
    if (typeof code === "string" && (syscall !== undefined || code.startsWith("SQLITE_"))) {
      throw new StartupError(`cannot open the job store ${options.jobsDatabasePath}: ${(error as Error).message} (--db)`);
    }
    throw error;
  }
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    throw listenError(error as NodeJS.ErrnoException, options.host, options.port);
  }
  const close = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", close);
  process.once("SIGTERM", close);
  process.stderr.write(banner(app.server.address() as AddressInfo, options, tokens));
  return app;
}

/** What is listening where, who may call it and where its jobs are kept: the real bound address, never a guess. */
function banner(bound: AddressInfo, options: ServeOptions, tokens: ReadonlyArray<ClientToken>): string {
  const wildcard = bound.address === "0.0.0.0" || bound.address === "::";
  const listening = `http://${urlHost(bound.address)}:${bound.port}`;
  // On every interface, this machine reaches it through loopback; elsewhere through the address bound.
  const local = wildcard ? `http://127.0.0.1:${bound.port}` : listening;
  const admins = tokens.filter((t) => t.admin).length;
  const access =
    tokens.length > 0
      ? `bearer tokens of ${new Set(tokens.map((t) => t.client)).size} client(s), ${admins} admin(s); /v1 answers 401 without one`
      : options.insecure && !isLoopback(options.host)
        ? "OPEN to anyone who can reach it (--insecure, no tokens)"
        : "open, loopback only (no tokens)";
  const auth = tokens.length > 0 ? " -H 'authorization: Bearer TOKEN'" : "";
  return (
    `\nTakt is listening on ${listening}${wildcard ? " (every interface)" : ""}\n` +
    (options.webRoot
      ? `  Workbench: ${local}/   (open it in a browser)\n`
      : `  Workbench: not built (the built takt serves it: npm run build, then npm start)\n`) +
    `  Access:    ${access}\n` +
    `  CORS:      ${options.corsOrigins?.length ? options.corsOrigins.join(", ") : "off (no other site's pages may call it)"}\n` +
    `  Job store: ${jobStore(options)}\n` +
    `  API docs:  ${local}/docs   (OpenAPI document: ${local}/openapi.json)\n` +
    `  Try it:    curl -s -X POST ${local}/v1/validate${auth} -H 'content-type: application/json' --data @data/steel-plant.json\n\n`
  );
}

function jobStore(options: ServeOptions): string {
  if (options.redis) {
    const { workers } = options.redis;
    const own = workers === 0 ? "API only: jobs run on `takt worker` processes" : `runs ${workers ?? "jobs on its threads"}${workers === undefined ? "" : " job(s) at once"} itself besides \`takt worker\` processes`;
    return `Redis ${redactedUrl(options.redis.url)} with BullMQ (${own})`;
  }
  return options.jobsDatabasePath ?? "in memory (jobs end with the process)";
}

/** A URL without its password, for banners and logs. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
