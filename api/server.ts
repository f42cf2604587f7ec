/** The listening server: `takt serve` / `npm start`. */
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.ts";

export interface ServeOptions {
  host: string;
  port: number;
  bodyLimitBytes?: number;
  threads?: number;
  /** Heap limit of each solver thread, MB (PoolOptions.threadMemoryMb). */
  threadMemoryMb?: number;
  /** SQLite file for /v1/jobs and /v1/scenarios; default in-memory. */
  jobsDatabasePath?: string;
}

export async function serve(options: ServeOptions): Promise<FastifyInstance> {
  const app = await buildApp({
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    poolOptions: { ...(options.threads ? { threads: options.threads } : {}), ...(options.threadMemoryMb ? { threadMemoryMb: options.threadMemoryMb } : {}) },
    ...(options.jobsDatabasePath ? { jobs: { databasePath: options.jobsDatabasePath } } : {}),
  });
  const address = await app.listen({ host: options.host, port: options.port });
  const close = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", close);
  process.once("SIGTERM", close);
  process.stderr.write(
    `\nTakt is listening on ${address}\n` +
      `  API docs:  ${address}/docs   (OpenAPI document: ${address}/openapi.json)\n` +
      `  Try it:    curl -s -X POST ${address}/v1/validate -H 'content-type: application/json' --data @data/steel-plant.json\n\n`,
  );
  return app;
}
