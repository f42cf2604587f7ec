/**
 * `buildApp(options)` assembles the HTTP API and never listens (tests use `app.inject()`); server.ts listens.
 */
import { randomUUID } from "node:crypto";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify from "fastify";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Capability } from "./capability.ts";
import { capabilities as allCapabilities } from "./capabilities/index.ts";
import { registerCapabilityRoutes } from "./capability-routes.ts";
import { registerErrorHandling } from "./errors.ts";
import type { JobsOptions } from "./jobs/index.ts";
import { registerJobs } from "./jobs/index.ts";
import type { PoolOptions, SolverPool } from "./pool.ts";
import { createSolverPool } from "./pool.ts";
import { serializerCompiler, validatorCompiler } from "./request-validation.ts";

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
}

export const VERSION = "0.1.0";

const Health = z.object({ status: z.literal("ok"), version: z.string(), threads: z.number().int(), queued: z.number().int() }).meta({ id: "Health" });

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? true,
    bodyLimit: options.bodyLimitBytes ?? 100 * 1024 * 1024,
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
  });
  const pool = options.pool ?? createSolverPool(options.poolOptions);
  if (!options.pool) app.addHook("onClose", () => pool.close());
  app.addHook("onReady", () => pool.warm());
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // ERP exports arrive with all sorts of content types; whatever the label, the body must be JSON.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, app.getDefaultJsonParser("error", "error"));
  registerErrorHandling(app);

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
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs" });

  app.get("/health", { schema: { summary: "Liveness and pool state", response: { 200: Health } } }, async () => ({
    status: "ok" as const,
    version: VERSION,
    threads: pool.threads,
    queued: pool.queued,
  }));
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  const capabilities = options.capabilities ?? allCapabilities;
  await registerCapabilityRoutes(app, capabilities, pool);
  registerJobs(app, { ...options.jobs, pool, capabilities });
  return app;
}
