/** The listening server: `takt serve` / `npm start`. */
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.ts";

export interface ServeOptions {
  host: string;
  port: number;
  bodyLimitBytes?: number;
  threads?: number;
  /** SQLite file for /v1/jobs and /v1/scenarios; default in-memory. */
  jobsDatabasePath?: string;
  /** The bundled workbench to serve at `/` (AppOptions.webRoot). */
  webRoot?: string;
}

export async function serve(options: ServeOptions): Promise<FastifyInstance> {
  const app = await buildApp({
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    ...(options.threads ? { poolOptions: { threads: options.threads } } : {}),
    ...(options.jobsDatabasePath ? { jobs: { databasePath: options.jobsDatabasePath } } : {}),
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
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
      (options.webRoot
        ? `  Workbench: ${address}/   (open it in a browser)\n`
        : `  Workbench: not bundled (it is served when takt runs through bin/takt.mjs or npm start)\n`) +
      `  API docs:  ${address}/docs   (OpenAPI document: ${address}/openapi.json)\n` +
      `  Try it:    curl -s -X POST ${address}/v1/validate -H 'content-type: application/json' --data @data/steel-plant.json\n\n`,
  );
  return app;
}
