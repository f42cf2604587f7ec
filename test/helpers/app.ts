import type { FastifyInstance } from "fastify";
import { buildApp } from "../../api/app.ts";
import type { AppOptions } from "../../api/app.ts";
import type { JsonBody } from "../../api/json-body.ts";

/** An app with silent logs and a 2-thread pool, for `inject()` tests. */
export function testApp(options: AppOptions = {}): Promise<FastifyInstance> {
  return buildApp({ logger: false, poolOptions: { threads: 2 }, ...options });
}

/** Sends a JSON body (already a string, so tests can send broken JSON too). */
export function post(app: FastifyInstance, url: string, body: unknown, contentType = "application/json") {
  return app.inject({ method: "POST", url, headers: { "content-type": contentType }, payload: typeof body === "string" ? body : JSON.stringify(body) });
}

/** A value as the JSON text a capability takes (what a route hands it). */
export function jsonText(value: unknown): JsonBody {
  return { jsonChunks: [Buffer.from(JSON.stringify(value), "utf8")] };
}
