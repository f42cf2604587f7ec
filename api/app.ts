/**
 * `buildApp(options)` assembles the HTTP API and never listens (tests use `app.inject()`); server.ts listens.
 */
import { randomUUID } from "node:crypto";
import { constants as zlib } from "node:zlib";
import fastifyCompress from "@fastify/compress";
import fastifyCors from "@fastify/cors";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify from "fastify";
import type { FastifyInstance, FastifyReply, FastifyServerOptions } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { z } from "zod";
import packageJson from "../package.json" with { type: "json" };
import { TaktError } from "../src/errors.ts";
import type { ClientToken } from "./auth.ts";
import { registerAuth } from "./auth.ts";
import type { Capability } from "./capability.ts";
import { capabilities as allCapabilities } from "./capabilities/index.ts";
import { registerCapabilityRoutes } from "./capability-routes.ts";
import { describeError, registerErrorHandling } from "./errors.ts";
import type { JobsOptions } from "./jobs/index.ts";
import { registerJobs } from "./jobs/index.ts";
import type { PoolOptions, SolverPool } from "./pool.ts";
import { parseJsonText } from "./parse-json.ts";
import { finishOpenApi } from "./openapi.ts";
import { createSolverPool } from "./pool.ts";
import { serializerCompiler, validatorCompiler } from "./request-validation.ts";
import { registerSpreadsheetRoutes } from "./spreadsheet/spreadsheet-routes.ts";

export interface AppOptions {
  /** pino logger options, or false for silence (tests). Default: info-level JSON logs. */
  logger?: FastifyServerOptions["logger"];
  /** Largest accepted request body in bytes; default 100 MB (an ERP's MRP snapshot of 100k items and 300k BOM lines is about 35 MB). */
  bodyLimitBytes?: number;
  /** A pool to use (closed by the caller); otherwise one is created from poolOptions and closed with the app. */
  pool?: SolverPool;
  poolOptions?: PoolOptions;
  /** The capabilities to serve; default all. */
  capabilities?: ReadonlyArray<Capability>;
  /** Asynchronous jobs and scenario batches (/v1/jobs, /v1/scenarios): database file, limits, retention. */
  jobs?: JobsOptions;
  /** Bearer tokens naming the clients that may call /v1 (auth.ts); none: the API is open, for loopback use. */
  tokens?: ReadonlyArray<ClientToken>;
  /** Origins (`https://erp.example.com`) whose web pages may call the API (CORS); default none. */
  corsOrigins?: ReadonlyArray<string>;
  /**
   * Host names (no port) the API answers to; others get 403. Guards an open service on loopback against
   * DNS rebinding (a page whose name resolves to 127.0.0.1 calls it "same-origin"). Default: any.
   */
  allowedHosts?: ReadonlyArray<string>;
  timeouts?: TimeoutOptions;
  /**
   * Folder of the bundled workbench (index.html, app.js, app.css; bin/build.mjs makes it), served at `/`.
   * Absent: no workbench, only the API.
   */
  webRoot?: string;
}

/** Timeouts of the HTTP server, milliseconds (0 turns off the header, request or idle timeout). Defaults in DEFAULT_TIMEOUTS. */
export interface TimeoutOptions {
  /** To receive a request's headers. */
  headersMs?: number;
  /** To receive a whole request, headers and body: a client trickling its body is cut off after it (408). */
  requestMs?: number;
  /** A socket silent this long is closed (fastify's connectionTimeout). Must outlast the longest synchronous solve. */
  idleMs?: number;
  /** A kept-alive connection is closed after this long without a new request. */
  keepAliveMs?: number;
  /** How often the server checks the header and request timeouts (node:http's connectionsCheckingInterval). */
  checkIntervalMs?: number;
}

export const DEFAULT_TIMEOUTS: Required<TimeoutOptions> = {
  headersMs: 30_000,
  // A 100 MB body (the default limit) then needs about 0.85 MB/s.
  requestMs: 120_000,
  // A synchronous schedule may search for up to 3,600 s before its first byte; a minute on top.
  idleMs: 3_660_000,
  // Longer than the 60 s idle timeout of common load balancers, so they close first (fastify's default).
  keepAliveMs: 72_000,
  checkIntervalMs: 5_000,
};

/** The package's version (the build inlines package.json). */
export const VERSION: string = packageJson.version;

const Health = z.object({ status: z.literal("ok"), version: z.string(), threads: z.number().int(), queued: z.number().int() }).meta({ id: "Health" });

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const app = Fastify({
    logger: options.logger ?? true,
    bodyLimit: options.bodyLimitBytes ?? 100 * 1024 * 1024,
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    connectionTimeout: timeouts.idleMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: timeouts.checkIntervalMs },
    // Ids are UUIDs: a longer path parameter reaches the route, whose schema answers 400 at `id`.
    routerOptions: { maxParamLength: 1000 },
    // URLs the router cannot take at all (bad escapes, a parameter past maxParamLength) answer in our format.
    frameworkErrors: (error, _request, reply) => {
      const described = describeError(error);
      void (reply as FastifyReply).code(described.body.statusCode).headers(described.headers).send(described.body);
    },
  });
  const pool = options.pool ?? createSolverPool(options.poolOptions);
  if (!options.pool) app.addHook("onClose", () => pool.close());
  app.addHook("onReady", () => pool.warm());
  try {
    await assemble(app, pool, options);
  } catch (error) {
    // An app that failed to build (its job store locked by another server) must not leave threads running.
    if (!options.pool) await pool.close();
    throw error;
  }
  return app;
}

/** Hooks, parsers, plugins and routes, in this order: hooks cover the routes registered after them. */
async function assemble(app: FastifyInstance, pool: SolverPool, options: AppOptions): Promise<void> {
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only. A web page on another site may POST text/plain or a form to a Takt on the planner's machine
  // without a CORS preflight; such a body is refused (415) unread. A route that takes another type (a
  // workbook) registers its parser in its own scope.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, text, done) => {
    try {
      done(null, parseJsonText(text as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  registerErrorHandling(app);
  if (options.corsOrigins?.length) {
    await app.register(fastifyCors, {
      origin: [...options.corsOrigins],
      methods: ["GET", "POST", "DELETE"],
      allowedHeaders: ["authorization", "content-type", "x-client-id", "x-request-id"],
      exposedHeaders: ["location", "retry-after", "x-request-id"],
      maxAge: 600,
    });
  }
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      // Helmet's defaults (scripts and styles from this origin only, no plugins, no framing by others) for
      // the workbench and Swagger UI, both served from here; but Takt speaks plain HTTP (TLS, if any, ends
      // at a proxy), so asking browsers to upgrade every asset to https would break the pages.
      directives: { "upgrade-insecure-requests": null },
    },
    // Strict-Transport-Security is the TLS-terminating proxy's to send, for the name it serves.
    hsts: false,
  });
  // After CORS and helmet, whose hooks add their headers first: a refusal carries them too (a page of an
  // allowed origin can read its 401).
  if (options.allowedHosts) allowOnlyHosts(app, options.allowedHosts);
  await registerAuth(app, options.tokens ?? []);
  // Answers are compressed (brotli, gzip or deflate, as the client accepts) for every route, streamed:
  // a worker's JSON text goes through zlib chunk by chunk, off the event loop. The fastest levels: the
  // 376 MB answer of the 100k-item MRP benchmark takes 1.1 s of CPU with brotli 1 (52 MB) and 1.5 s with
  // gzip 1 (54 MB), against 5.0 s (brotli 4, the plugin's default) and 4.6 s (gzip 6) for a fifth fewer
  // bytes. Request bodies are read as sent.
  await app.register(fastifyCompress, {
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } },
    zlibOptions: { level: 1 },
    globalDecompression: false,
  });
  // close() drops the connections idle at that moment; one whose answer is still streaming (through zlib, or
  // a large answer) would idle in keep-alive afterwards and hold close() for the keep-alive timeout (72 s),
  // as a client that has not read its body yet never answers a half-close. Such a connection is dropped as
  // soon as its answer has been handed to the network.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onResponse", async (request) => {
    if (closing) request.raw.socket?.destroy();
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Takt",
        version: VERSION,
        description: "Production scheduling and MRP engine for make-to-order factories. Times are factory-local \"YYYY-MM-DDTHH:mm\", durations in minutes.",
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => finishOpenApi(jsonSchemaTransformObject(document) as Record<string, unknown>),
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs" });

  app.get("/health", { schema: { operationId: "getHealth", summary: "Liveness and pool state", response: { 200: Health } } }, async () => ({
    status: "ok" as const,
    version: VERSION,
    threads: pool.threads,
    queued: pool.queued,
  }));
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  if (options.webRoot) {
    // Only the files there now get routes (no wildcard), so every other path keeps the API's JSON 404.
    // swagger-ui registers this plugin too: the reply decorator is left to it.
    await app.register(fastifyStatic, { root: options.webRoot, prefix: "/", wildcard: false, decorateReply: false });
  }

  const capabilities = options.capabilities ?? allCapabilities;
  await registerCapabilityRoutes(app, capabilities, pool);
  await registerSpreadsheetRoutes(app, pool);
  registerJobs(app, { ...options.jobs, pool, capabilities });
}

/** Answers 403 to a request whose Host header names another host (see AppOptions.allowedHosts). */
function allowOnlyHosts(app: FastifyInstance, hosts: ReadonlyArray<string>): void {
  const allowed = new Set(hosts.map((host) => host.toLowerCase().replace(/^\[(.*)\]$/, "$1")));
  app.addHook("onRequest", async (request) => {
    const host = request.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
    if (!allowed.has(host)) throw new TaktError("TAKT_ERR_FORBIDDEN_HOST", `this server answers only to ${[...allowed].join(", ")}, not to "${host}"`);
  });
}
